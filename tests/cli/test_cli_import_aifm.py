"""``debate-explorer import-aifm``: the original's config and records import; hostile
files exit 2 with the file and field named, and nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debate_explorer.cli import main
from debate_explorer.core.model.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
RECORDS = ROOT / "tests" / "core" / "engine" / "data" / "aifm_rollouts.jsonl"

CONFIG = """
time_range: [2012.0, 2050.0]
num_rollouts: 100
parameters:
  present_doubling_time: {dist: lognormal, ci80: [0.25, 0.667], min: 0.0, max: 1e30}
  doubling_difficulty_growth_factor: {dist: normal, ci80: [0.8, 1.04]}
  include_gap: {dist: choice, values: ["no gap", "gap"], p: [0.5, 0.5]}
  inf_labor_asymptote: {dist: shifted_lognormal, ci80: [1, 200], shift: 1.0}
  ai_research_taste_slope: {dist: lognormal, ci80: [0.8, 7.8], clip_to_bounds: false}
  horizon_extrapolation_type: {dist: fixed, value: decaying doubling time}
correlation_matrix:
  parameters: [present_doubling_time, doubling_difficulty_growth_factor, ai_research_taste_slope]
  correlation_matrix:
    - [1.0, 0.6, -0.3]
    - [0.6, 1.0, -0.3]
    - [-0.3, -0.3, 1.0]
  correlation_type: spearman
time_series_parameters:
  slowdown_year: {dist: uniform, min: 2026.0, max: 2030.0, clip_to_bounds: false}
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_config_imports_with_distributions_and_copula(tmp_path):
    out = tmp_path / "s.toml"
    assert main(["import-aifm", str(_write(tmp_path, "c.yaml", CONFIG)), "--out", str(out)]) == 0
    s = load_scenario(out)
    assert s.model == "ai-futures"
    assert s.priors["inf_labor_asymptote"].type == "lognormal"
    assert s.kind_settings.shifts == {"inf_labor_asymptote": 1.0}
    assert "ai_research_taste_slope" not in s.kind_settings.clip_to_bounds
    assert "present_doubling_time" in s.kind_settings.clip_to_bounds
    rhos = {tuple(c.between): c.rho for c in s.correlations}
    assert rhos[("present_doubling_time", "doubling_difficulty_growth_factor")] == 0.6
    assert s.priors["include_gap"].values == (0.0, 1.0) or list(s.priors["include_gap"].values) == [0.0, 1.0]


def test_record_imports_as_point_overrides(tmp_path):
    rec = json.loads(RECORDS.read_text(encoding="utf-8").splitlines()[1])
    out = tmp_path / "r.toml"
    assert main(["import-aifm", str(_write(tmp_path, "r.json", json.dumps(rec))), "--out", str(out)]) == 0
    s = load_scenario(out)
    assert s.assumptions["present_doubling_time"].value == rec["parameters"]["present_doubling_time"]


HOSTILE = {
    "unknown distribution": (
        "c.yaml",
        CONFIG.replace("{dist: normal, ci80: [0.8, 1.04]}", "{dist: weibull, ci80: [0.8, 1.04]}"),
        "parameters.doubling_difficulty_growth_factor.dist",
    ),
    "asymmetric matrix": ("c.yaml", CONFIG.replace("[0.6, 1.0, -0.3]", "[0.5, 1.0, -0.3]"), "correlation_matrix"),
    "not positive definite": (
        "c.yaml",
        CONFIG.replace("[1.0, 0.6, -0.3]", "[1.0, 0.99, -0.99]")
        .replace("[0.6, 1.0, -0.3]", "[0.99, 1.0, 0.99]")
        .replace("[-0.3, -0.3, 1.0]", "[-0.99, 0.99, 1.0]"),
        "correlation_matrix",
    ),
    "wrong size": ("c.yaml", CONFIG.replace("    - [-0.3, -0.3, 1.0]\n", ""), "correlation_matrix"),
    "junk YAML": ("c.yaml", "parameters: [unclosed\n  : : :", "c.yaml"),
    "unknown parameter": (
        "c.yaml",
        CONFIG.replace("present_doubling_time: {", "present_doubling_tim: {", 1),
        "present_doubling_tim",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_config_exits_2_naming_file_and_field(tmp_path, capsys, case):
    name, text, field = HOSTILE[case]
    out = tmp_path / "s.toml"
    assert main(["import-aifm", str(_write(tmp_path, name, text)), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path / name) in err and field in err
    assert "Traceback" not in err
    assert not out.exists()


def test_record_missing_parameter_exits_2(tmp_path, capsys):
    rec = json.loads(RECORDS.read_text(encoding="utf-8").splitlines()[1])
    del rec["parameters"]["gap_years"]
    out = tmp_path / "r.toml"
    assert main(["import-aifm", str(_write(tmp_path, "r.json", json.dumps(rec))), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "parameters.gap_years" in err and "r.json" in err
    assert not out.exists()
