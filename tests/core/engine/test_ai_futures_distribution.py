"""Light check of benchmarks/aifm_distribution.py's pieces: the original's ACD years are
read with failures left out, and a small run of the preset lands near the original's
median (the full comparison at 10^5 samples is the benchmark, not a test)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[3]


def _bench():
    spec = importlib.util.spec_from_file_location("aifm_distribution", ROOT / "benchmarks" / "aifm_distribution.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_original_years_leave_out_failures(tmp_path):
    f = tmp_path / "rollouts.jsonl"
    rows = [
        {"results": {"milestones": {"ACD-AI": {"time": 2031.0}}}},
        {"results": {"milestones": {"ACD-AI": None}}},
        {"results": None, "error": "Rollout timed out after 20 seconds"},
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    years, failed = _bench().original_ac([f])
    assert failed == 1 and years[0] == 2031.0 and np.isinf(years[1])


def test_small_preset_run_is_near_the_original_median():
    port = _bench().port_ac(400, seed=3)
    med = float(np.quantile(np.where(np.isfinite(port), port, 1e9), 0.5))
    assert 2029.0 < med < 2035.5  # the original's 745 rollouts: 2031.9 ± 0.4
