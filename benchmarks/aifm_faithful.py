"""How closely the ``ai-futures`` kind reproduces rollouts of the original AI Futures Model.

    PYTHONPATH=$PWD python benchmarks/aifm_faithful.py ROLLOUTS.jsonl [...]

Each file holds rollout records: either the original's ``rollouts.jsonl`` (with
``results``) or the trimmed records of tests/core/engine/data/aifm_rollouts.jsonl
(with ``milestones``). Each record is imported as a point scenario and run for one
sample; per milestone the script prints the share within 0.05 years where the
original reaches it, the share with the same "not reached" verdict where it does
not, and the largest difference. Records the original failed on (timeouts) are
counted and left out.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np

from debate_explorer.core.engine.compute import compile_scenario
from debate_explorer.core.engine.kinds.ai_futures.importer import record_to_scenario_data
from debate_explorer.core.engine.runner import run_compiled
from debate_explorer.core.model.scenario import scenario_from_dict

KEYS = {
    "ac": "ACD-AI",
    "sc": "AI2027-SC",
    "sar": "SAR-level-experiment-selection-skill",
    "siar": "SIAR-level-experiment-selection-skill",
}


def original_years(rec: dict) -> list[float] | None:
    if "milestones" in rec:
        got = rec["milestones"]
        return [math.inf if got[k] is None else got[k] for k in KEYS]
    res = rec.get("results")
    if not res:
        return None
    ms = res.get("milestones", {})
    return [math.inf if (ms.get(v) or {}).get("time") is None else ms[v]["time"] for v in KEYS.values()]


def compare(path: Path) -> None:
    orig, port, failed = [], [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if "_source" in rec:
            continue
        o = original_years(rec)
        if o is None or "error" in rec:
            failed += 1
            continue
        run = run_compiled(compile_scenario(scenario_from_dict(record_to_scenario_data(path, rec))), samples=1, seed=1)
        orig.append(o)
        port.append(run.years[0])
    a, b = np.array(orig), np.array(port)
    print(f"{path}: {len(a)} records compared, {failed} failed or timed out in the original (left out)")
    for k, key in enumerate(KEYS):
        reached = np.isfinite(a[:, k])
        close = np.abs(a[reached, k] - b[reached, k]) < 0.05
        same_never = ~np.isfinite(b[~reached, k])
        worst = np.abs(a[reached, k] - b[reached, k]).max() if reached.any() else 0.0
        print(
            f"  {key:5s} reached {reached.sum():4d}: {close.mean():6.1%} within 0.05 y (max diff {worst:.3f} y); "
            f"not reached {(~reached).sum():4d}: {same_never.mean() if (~reached).any() else 1.0:6.1%} same verdict"
        )


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        compare(Path(arg))
