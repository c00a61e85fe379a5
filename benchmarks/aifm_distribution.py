"""The ``ai_futures`` preset's distribution of ACD (``ac``) against the original's sampling.

    PYTHONPATH=$PWD python benchmarks/aifm_distribution.py ROLLOUTS.jsonl [...] [--samples 100000]

ROLLOUTS are the original's ``rollouts.jsonl`` files from
``scripts/batch_rollout.py --config config/sampling_config.yaml`` (any seeds). Samples
the original failed on or timed out (``results`` null) are counted and left out: they
are a few per thousand and the port has no counterpart. Samples that do not reach ACD
by 2050 count as later than every year, on both sides. Printed: quantiles of the ACD
year, the share never reaching it, and for the original a bootstrap standard error,
so that differences can be read against sampling error.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
QS = (0.1, 0.25, 0.5, 0.75, 0.9)


def original_ac(paths: list[Path]) -> tuple[np.ndarray, int]:
    years, failed = [], 0
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            res = json.loads(line).get("results")
            if not res:
                failed += 1
                continue
            t = (res.get("milestones", {}).get("ACD-AI") or {}).get("time")
            years.append(math.inf if t is None else t)
    return np.array(years), failed


def port_ac(samples: int, seed: int) -> np.ndarray:
    from debate_explorer.core.engine.compute import compile_scenario
    from debate_explorer.core.engine.runner import run_compiled
    from debate_explorer.core.model.scenario import load_scenario

    run = run_compiled(
        compile_scenario(load_scenario(ROOT / "scenarios" / "ai_futures.toml")), samples=samples, seed=seed
    )
    return np.asarray(run.years[:, 0])


def quantiles(x: np.ndarray) -> np.ndarray:
    return np.quantile(np.where(np.isfinite(x), x, 1e9), QS)


def fmt(v: float) -> str:
    return "   >2050" if v > 1e8 else f"{v:8.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rollouts", nargs="+", type=Path)
    ap.add_argument("--samples", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    orig, failed = original_ac(args.rollouts)
    port = port_ac(args.samples, args.seed)
    rng = np.random.default_rng(0)
    boot = np.array([quantiles(rng.choice(orig, len(orig))) for _ in range(400)])
    print(f"original: {len(orig)} rollouts ({failed} failed/timed out, left out); port: {len(port)} samples")
    print("quantile   original (± bootstrap se)   port")
    qo, qp = quantiles(orig), quantiles(port)
    for q, o, se, p in zip(QS, qo, boot.std(axis=0), qp, strict=True):
        print(f"  p{int(q * 100):<3d}    {fmt(o)} ± {se:5.2f}              {fmt(p)}")
    print(f"never by 2050: original {np.mean(~np.isfinite(orig)):.3f}, port {np.mean(~np.isfinite(port)):.3f}")


if __name__ == "__main__":
    main()
