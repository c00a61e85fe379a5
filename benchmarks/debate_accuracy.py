"""How accurate the `debate` kernel's default steps are, sample by sample.

    PYTHONPATH=$PWD python benchmarks/debate_accuracy.py [--samples 50000]

Runs the prior (a scenario with no overrides) three ways on one seed: the numba
kernel at its default step tolerance, the same kernel with steps 350 times finer
in ln L (a near-exact solution of the same equations), and the numpy reference
(time steps, the midpoint rule: an independent integration). Prints, for each
comparison, the share of samples whose "not reached" verdicts agree and the
median, 99th, 99.9th percentile and largest gap in milestone years, then the
parameters of the worst sample.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

import numpy as np

from debate_explorer.core.engine.compute import compile_scenario
from debate_explorer.core.engine.kinds import default_kind
from debate_explorer.core.engine.kinds.debate import layout as K
from debate_explorer.core.engine.runner import run_compiled
from debate_explorer.core.model.scenario import scenario_from_dict

FINE_LOG_TOL = 0.002


def gaps(a: np.ndarray, b: np.ndarray) -> str:
    both = np.isfinite(a) & np.isfinite(b)
    e = np.abs(a[both] - b[both])
    agree = (np.isinf(a) == np.isinf(b)).mean()
    q = np.quantile(e, [0.5, 0.99, 0.999])
    return (
        f"verdicts agree {agree:.4%}  median {q[0]:.1e} y  p99 {q[1]:.4f} y  p99.9 {q[2]:.4f} y  "
        f"max {e.max():.3f} y  above 0.1 y: {(e > 0.1).mean():.4%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    compiled = compile_scenario(scenario_from_dict({"format_version": 2}))
    consts = compiled.consts.copy()
    consts[K.C_LOG_TOL] = FINE_LOG_TOL
    run = dict(samples=args.samples, seed=args.seed)
    default = run_compiled(compiled, keep_inputs=True, **run)
    fine = run_compiled(replace(compiled, consts=consts), **run).years
    numpy = run_compiled(compiled, backend="numpy", **run).years
    print(f"{args.samples:,} samples of the prior, seed {args.seed}")
    print(f"  kernel vs fine steps (ln L tolerance {FINE_LOG_TOL}): {gaps(default.years, fine)}")
    print(f"  kernel vs numpy reference:                 {gaps(default.years, numpy)}")
    both = np.isfinite(default.years) & np.isfinite(fine)
    worst = np.argmax(np.abs(np.subtract(default.years, fine, out=np.zeros_like(fine), where=both)))
    row = worst // default.years.shape[1]
    names = [a.name for a in default_kind().assumptions]
    assert default.inputs is not None
    print(f"  worst sample {row}: kernel {default.years[row]}, fine {fine[row]}")
    print("   ", ", ".join(f"{n}={v:.4g}" for n, v in zip(names, default.inputs[row], strict=True)))


if __name__ == "__main__":
    main()
