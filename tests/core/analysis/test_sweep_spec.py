"""Sweep specs: the shipped examples load, and every bad spec says file, field and why."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

from debate_explorer.core.analysis.sweep import load_sweep_spec, sweep_spec_from_dict
from debate_explorer.core.analysis.sweep.spec import GridDesign, SobolDesign, check_against_graph
from debate_explorer.core.errors import InputError

BASE = {
    "format_version": 1,
    "samples": 100,
    "seed": 3,
    "metrics": ["agi_median", "sc_p2030", "p_explosive", "growth_2040_median"],
    "design": {"type": "grid", "parameters": [{"assumption": "g_compute", "values": [0.4, 0.6]}]},
}


def _spec(tmp_path: Path, **changes) -> Path:
    data = {**BASE, **changes}
    path = tmp_path / "sweep.toml"
    path.write_text(tomli_w.dumps(data))
    return path


def _error(tmp_path: Path, **changes) -> InputError:
    with pytest.raises(InputError) as info:
        load_sweep_spec(_spec(tmp_path, **changes))
    assert info.value.file and info.value.file.endswith("sweep.toml")
    return info.value


@pytest.mark.parametrize("name", ["example_sobol.toml", "example_grid.toml", "example_worldviews.toml"])
def test_shipped_examples_validate(repo, shipped_graph, name):
    spec = load_sweep_spec(repo / "scenarios" / "sweeps" / name)
    check_against_graph(spec, shipped_graph)
    assert 6 <= spec.n_points <= 500


def test_a_valid_grid_spec(tmp_path):
    spec = load_sweep_spec(
        _spec(
            tmp_path,
            design={
                "type": "grid",
                "parameters": [
                    {"assumption": "g_compute", "low": 0.2, "high": 0.8, "steps": 4},
                    {"credence": "hive_mind", "values": [0.1, 0.9]},
                ],
            },
        )
    )
    assert isinstance(spec.design, GridDesign)
    assert spec.n_points == 8
    assert spec.parameter_names == ("g_compute", "credence:hive_mind")
    assert spec.design.parameters[0].grid_values() == pytest.approx((0.2, 0.4, 0.6, 0.8))
    assert spec.base.model == "debate" and spec.seeding == "per_point"


def test_a_valid_sobol_spec(tmp_path):
    spec = load_sweep_spec(
        _spec(
            tmp_path,
            design={
                "type": "sobol",
                "n": 8,
                "parameters": [
                    {"assumption": "g_compute", "low": 0.2, "high": 0.8},
                    {"assumption": "g_software", "low": 0.2, "high": 0.8},
                ],
            },
        )
    )
    assert isinstance(spec.design, SobolDesign)
    assert spec.n_points == 8 * (2 + 2)


def test_base_scenario_is_read_relative_to_the_spec(tmp_path):
    (tmp_path / "base.toml").write_text('format_version = 1\ntitle = "mine"\n[assumptions]\ndifficulty = 1.0\n')
    spec = load_sweep_spec(_spec(tmp_path, scenario="base.toml"))
    assert spec.base.title == "mine"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"format_version": None}, "format_version", "missing"),
        ({"format_version": 9}, "format_version", "newer"),
        ({"colour": "red"}, "colour", "unknown key"),
        ({"samples": 0}, "samples", "greater than or equal"),
        ({"seeding": "random"}, "seeding", "per_point"),
        ({"metrics": []}, "metrics", "at least 1"),
        ({"metrics": ["agi_median", "agi_median"]}, "metrics[1]", "twice"),
        ({"metrics": ["agi_mean"]}, "metrics[0]", "unknown metric 'agi_mean'"),
        ({"metrics": ["growth_1990_median"]}, "metrics[0]", "must lie between 2025 and 2100"),
        ({"design": {"type": "lattice"}}, "design.type", "grid, sobol, scenarios"),
        ({"design": {"type": "grid", "parameters": []}}, "design.parameters", "at least 1"),
        (
            {"design": {"type": "grid", "parameters": [{"assumption": "g_compute"}]}},
            "design.parameters[0]",
            "either 'values'",
        ),
        (
            {"design": {"type": "grid", "parameters": [{"assumption": "g_compute", "values": [1], "low": 0.0}]}},
            "design.parameters[0]",
            "not both",
        ),
        ({"design": {"type": "grid", "parameters": [{"values": [1.0]}]}}, "design.parameters[0]", "exactly one"),
        (
            {"design": {"type": "grid", "parameters": [{"assumption": "g_compute", "values": [1.0], "colour": 1}]}},
            "design.parameters[0].colour",
            "unknown key",
        ),
        (
            {"design": {"type": "grid", "parameters": [{"assumption": "gdp", "values": [1.0]}]}},
            "design.parameters[0].assumption",
            "no assumption 'gdp'",
        ),
        (
            {"design": {"type": "grid", "parameters": [{"assumption": "g_compute", "values": [0.5, -1.0]}]}},
            "design.parameters[0].values[1]",
            "outside g_compute's range",
        ),
        (
            {"design": {"type": "grid", "parameters": [{"credence": "hive_mind", "values": [1.5]}]}},
            "design.parameters[0].values[0]",
            "outside",
        ),
        (
            {
                "design": {
                    "type": "grid",
                    "parameters": [
                        {"assumption": "g_compute", "values": [0.5]},
                        {"assumption": "g_compute", "values": [0.6]},
                    ],
                }
            },
            "design.parameters[1]",
            "swept twice",
        ),
        (
            {
                "design": {
                    "type": "sobol",
                    "n": 6,
                    "parameters": [
                        {"assumption": "g_compute", "low": 0, "high": 1},
                        {"assumption": "g_software", "low": 0, "high": 1},
                    ],
                }
            },
            "design.n",
            "power of 2",
        ),
        (
            {
                "design": {
                    "type": "sobol",
                    "n": 8,
                    "parameters": [
                        {"assumption": "g_compute", "values": [0.5]},
                        {"assumption": "g_software", "low": 0, "high": 1},
                    ],
                }
            },
            "design.parameters[0]",
            "'low' and 'high'",
        ),
        (
            {
                "design": {
                    "type": "sobol",
                    "n": 8,
                    "parameters": [
                        {"assumption": "g_compute", "low": 1, "high": 0.5},
                        {"assumption": "g_software", "low": 0, "high": 1},
                    ],
                }
            },
            "design.parameters[0]",
            "must be below",
        ),
        (
            {
                "design": {
                    "type": "grid",
                    "parameters": [
                        {"assumption": a, "low": 0.1, "high": 0.2, "steps": 100}
                        for a in ("g_compute", "g_software", "p_now")
                    ],
                }
            },
            "design",
            "at most",
        ),
        ({"scenario": "nowhere.toml"}, "scenario", "no such file"),
        ({"model": "weather"}, "model", "unknown model kind"),
        ({"design": {"type": "scenarios", "files": ["nowhere.toml"]}}, "design.files[0]", "no such file"),
    ],
)
def test_bad_specs_name_the_field(tmp_path, changes, field, words):
    if changes.get("format_version", 1) is None:
        changes = {k: v for k, v in {**BASE, **changes}.items() if k != "format_version"}
        path = tmp_path / "sweep.toml"
        path.write_text(tomli_w.dumps(changes))
        with pytest.raises(InputError) as info:
            load_sweep_spec(path)
        err = info.value
    else:
        err = _error(tmp_path, **changes)
    assert err.field == field, err.message
    assert words in err.message, err.message


def test_scenario_and_model_together_are_refused(tmp_path):
    (tmp_path / "x.toml").write_text("format_version = 1\n")
    err = _error(tmp_path, scenario="x.toml", model="debate")
    assert err.field == "model" and "not both" in err.reason


def test_a_scenarios_design_takes_no_base(tmp_path):
    (tmp_path / "a.toml").write_text("format_version = 1\n")
    err = _error(tmp_path, model="debate", design={"type": "scenarios", "files": ["a.toml"]})
    assert err.field == "model" and "scenarios" in err.reason


def test_a_broken_scenario_names_its_own_file(tmp_path):
    (tmp_path / "a.toml").write_text("format_version = 1\n[run]\nsamples = -5\n")
    with pytest.raises(InputError) as info:
        load_sweep_spec(_spec(tmp_path, design={"type": "scenarios", "files": ["a.toml"]}))
    assert info.value.file.endswith("a.toml") and info.value.field == "run.samples"


def test_unknown_credence_nodes_are_caught_against_the_graph(tmp_path, shipped_graph):
    spec = load_sweep_spec(
        _spec(tmp_path, design={"type": "grid", "parameters": [{"credence": "no_such_node_here", "values": [0.5]}]})
    )
    with pytest.raises(InputError, match="no node 'no_such_node_here'") as info:
        check_against_graph(spec, shipped_graph)
    assert info.value.field == "design.parameters[0].credence"


@pytest.mark.parametrize("junk", [b"\x00\x01binary", b"format_version = 1\n[design\n", b"\xff\xfe not utf8"])
def test_unreadable_files(tmp_path, junk):
    path = tmp_path / "junk.toml"
    path.write_bytes(junk)
    with pytest.raises(InputError) as info:
        load_sweep_spec(path)
    assert info.value.file == str(path)


def test_not_a_table():
    with pytest.raises(InputError, match="table"):
        sweep_spec_from_dict([1, 2])


def test_scenario_points_are_labelled_by_stem_unless_stems_clash(tmp_path):
    (tmp_path / "a").mkdir()
    for name in ("x.toml", "y.toml", "a/x.toml"):
        (tmp_path / name).write_text("format_version = 1\n")
    spec = load_sweep_spec(_spec(tmp_path, design={"type": "scenarios", "files": ["x.toml", "y.toml"]}))
    assert [label for label, _ in spec.scenarios] == ["x", "y"]
    assert spec.parameter_names == ("scenario",)
    spec = load_sweep_spec(_spec(tmp_path, design={"type": "scenarios", "files": ["x.toml", "a/x.toml"]}))
    assert [label for label, _ in spec.scenarios] == ["x.toml", "a/x.toml"]
    err = _error(tmp_path, design={"type": "scenarios", "files": ["x.toml", "./x.toml"]})
    assert err.field == "design.files[1]" and "twice" in err.reason
