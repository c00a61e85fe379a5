"""``debate-explorer import-aifm``: the original's config and records import; hostile
files exit 2 with the file and field named, and nothing is written."""

from __future__ import annotations

import json
import math
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
    "duplicate key": (
        "c.yaml",
        CONFIG.replace("parameters:\n", "parameters:\n  include_gap: {dist: fixed, value: gap}\n", 1),
        "include_gap",
    ),
    "min above max where clipped": (
        "c.yaml",
        CONFIG.replace(
            "{dist: normal, ci80: [0.8, 1.04]}",
            "{dist: normal, ci80: [0.8, 1.04], clip_to_bounds: true, min: 2, max: 1}",
        ),
        "parameters.doubling_difficulty_growth_factor.min",
    ),
    "no spread": (
        "c.yaml",
        CONFIG.replace("{dist: normal, ci80: [0.8, 1.04]}", "{dist: normal, mean: 0.9}"),
        "parameters.doubling_difficulty_growth_factor.ci80",
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


def test_the_originals_other_forms_of_a_distribution(tmp_path):
    """ci80_low/ci80_high, mean/sd and mu/sigma give the same 10th-90th interval as
    ci80 (the original reads all of them); a reversed interval is put in order."""
    text = (
        CONFIG.replace(
            "{dist: lognormal, ci80: [0.25, 0.667], min: 0.0, max: 1e30}", "{dist: lognormal, mu: -0.9, sigma: 0.4}"
        )
        .replace("{dist: normal, ci80: [0.8, 1.04]}", "{dist: normal, mean: 0.92, sd: 0.1}")
        .replace(
            "{dist: lognormal, ci80: [0.8, 7.8], clip_to_bounds: false}",
            "{dist: lognormal, ci80_low: 7.8, ci80_high: 0.8}",
        )
    )
    out = tmp_path / "s.toml"
    assert main(["import-aifm", str(_write(tmp_path, "c.yaml", text)), "--out", str(out)]) == 0
    s = load_scenario(out)
    z = 1.2815515655446004
    assert s.priors["present_doubling_time"].ci == pytest.approx((math.exp(-0.9 - 0.4 * z), math.exp(-0.9 + 0.4 * z)))
    assert s.priors["doubling_difficulty_growth_factor"].ci == pytest.approx((0.92 - 0.1 * z, 0.92 + 0.1 * z))
    assert s.priors["ai_research_taste_slope"].ci == pytest.approx((0.8, 7.8))


def test_an_entrys_own_range_is_clipped_to_first_then_the_bounds(tmp_path):
    """``clip_to_bounds: true`` with min and max: the original clips the sample to the
    entry's range, then to PARAMETER_BOUNDS; the scenario keeps the range."""
    from debate_explorer.core.engine.kinds.ai_futures import layout as L
    from debate_explorer.core.engine.kinds.ai_futures.assumptions import PARAMETER_BOUNDS
    from debate_explorer.core.engine.kinds.ai_futures.kind import adjustments

    text = CONFIG.replace(
        "{dist: normal, ci80: [0.8, 1.04]}",
        "{dist: normal, ci80: [0.8, 1.04], clip_to_bounds: true, min: 0.85, max: 0.95}",
    )
    out = tmp_path / "s.toml"
    assert main(["import-aifm", str(_write(tmp_path, "c.yaml", text)), "--out", str(out)]) == 0
    settings = load_scenario(out).kind_settings
    name = "doubling_difficulty_growth_factor"
    assert tuple(settings.clip_ranges[name]) == (0.85, 0.95)
    adj, k, n = adjustments(settings), L.DOUBLING_DIFFICULTY_GROWTH_FACTOR, L.N_INPUTS
    lo, hi = PARAMETER_BOUNDS[name]
    assert (adj[n + k], adj[2 * n + k]) == (max(0.85, lo), min(0.95, hi))
    # Ranges that do not overlap the bounds clip to the nearer bound, as clipping twice does.
    far = settings.model_copy(update={"clip_ranges": {name: (hi + 1.0, hi + 2.0)}})
    assert adjustments(far)[n + k] == adjustments(far)[2 * n + k] == hi


def test_r_software_in_a_config_is_named_in_the_notes(tmp_path):
    text = CONFIG.replace("parameters:\n", "parameters:\n  r_software: {dist: lognormal, ci80: [0.7, 9]}\n", 1)
    out = tmp_path / "s.toml"
    assert main(["import-aifm", str(_write(tmp_path, "c.yaml", text)), "--out", str(out)]) == 0
    s = load_scenario(out)
    assert "r_software has no effect" in s.notes
    assert "r_software" not in s.priors


@pytest.mark.parametrize(
    ("name", "data"),
    [("dup.json", b'{"parameters": {"a": 1}, "parameters": {"b": 2}}'), ("bin.yaml", b"\xff\xfe\x00junk")],
)
def test_duplicate_json_keys_and_non_utf8_exit_2(tmp_path, capsys, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "s.toml"
    assert main(["import-aifm", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "Traceback" not in err
    assert ("parameters" in err) if name.endswith(".json") else ("UTF-8" in err)
    assert not out.exists()


def test_a_record_the_run_would_reject_exits_2_naming_the_original_field(tmp_path, capsys):
    rec = json.loads(RECORDS.read_text(encoding="utf-8").splitlines()[1])
    rec["parameters"]["present_doubling_time"] = -1.0  # no doubling time is negative
    out = tmp_path / "r.json.toml"
    assert main(["import-aifm", str(_write(tmp_path, "r.json", json.dumps(rec))), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "parameters.present_doubling_time" in err and "valid range" in err
    assert not out.exists()


def test_a_whole_rollouts_file_says_to_give_one_line(tmp_path, capsys):
    lines = RECORDS.read_text(encoding="utf-8").splitlines()[1:4]
    out = tmp_path / "r.toml"
    assert main(["import-aifm", str(_write(tmp_path, "rollouts.jsonl", "\n".join(lines))), "--out", str(out)]) == 2
    assert "one line of rollouts.jsonl" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["deep.yaml", "deep.json"])
def test_a_file_nested_too_deeply_exits_2(tmp_path, capsys, name):
    nest = "[" * 50_000 + "]" * 50_000
    text = "a: " + nest if name.endswith(".yaml") else '{"a": ' + nest + "}"
    out = tmp_path / "s.toml"
    assert main(["import-aifm", str(_write(tmp_path, name, text)), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "nested too deeply" in err and "Traceback" not in err
