"""Worldview comparison: metrics side by side and the assumptions that differ."""

from __future__ import annotations

import pytest

from debate_explorer.core.analysis.compare import compare_scenarios, load_worldviews, metric_value
from debate_explorer.core.errors import InputError
from debate_explorer.core.model.scenario import save_scenario, scenario_from_dict


@pytest.fixture(scope="module")
def comparison(crux_graph, crux_data):
    believer = scenario_from_dict({**crux_data(), "title": "Believer", "graph": {"credences": {"key": 0.95}}})
    doubter = scenario_from_dict(
        {**crux_data(), "title": "Doubter", "graph": {"credences": {"key": 0.05, "loner": 0.9}}}
    )
    return compare_scenarios([("Believer", None, believer), ("Doubter", None, doubter)], crux_graph, samples=3000)


def test_metrics_side_by_side(comparison):
    believer, doubter = comparison.runs
    assert believer.metrics["agi_median"] < doubter.metrics["agi_median"]
    assert set(comparison.metrics) >= {"sc_median", "agi_median", "p_explosive", "growth_2040_median"}
    assert believer.result.samples == doubter.result.samples == 3000
    assert believer.result.seed == doubter.result.seed


def test_the_informed_assumption_differs_most_and_fixed_ones_not_at_all(comparison):
    first = comparison.assumptions[0]
    assert first.assumption == "sc_requirement" and first.distance > 0.3
    rest = {a.assumption: a.distance for a in comparison.assumptions[1:]}
    assert rest["g_compute"] == 0.0 and rest["hive_mind_boost"] == 0.0
    lo, mid, hi = first.quantiles[0]
    assert lo <= mid <= hi


def test_credence_spreads(comparison):
    spreads = {c.node: c for c in comparison.credences}
    assert spreads["key"].credences == (0.95, 0.05)
    assert spreads["loner"].credences == (0.5, 0.9)
    assert comparison.credences[0].node == "key"


def test_to_dict_and_mixed_models(crux_graph, crux_data, tmp_path):
    from debate_explorer.core.paths import scenarios_dir

    path = tmp_path / "mine.toml"
    save_scenario(scenario_from_dict(crux_data()), path)
    items = load_worldviews([path, path, scenarios_dir() / "ai2027_eli.toml"], crux_graph)
    c = compare_scenarios(items, crux_graph, samples=1000)
    d = c.to_dict()
    assert [s["label"] for s in d["scenarios"]][:2] == ["Crux test", "Crux test (2)"]
    eli = d["scenarios"][2]["metrics"]
    assert eli["sc_median"] is not None and eli["p_explosive"] is None


def test_growth_falls_back_to_the_band_when_the_regime_year_differs(crux_scenario, crux_graph):
    from debate_explorer.core.engine.compute import run_scenario

    r = run_scenario(crux_scenario, crux_graph, samples=1000, seed=1)
    assert metric_value("growth_2045_median", r, crux_scenario) is not None
    assert metric_value("growth_2200_median", r, crux_scenario) is None
    assert metric_value("not_a_metric", r, crux_scenario) is None


def test_bad_files(tmp_path, crux_graph):
    bad = tmp_path / "bad.toml"
    bad.write_text("format_version = 1\n[graph]\ncredences = { nobody = 0.3 }\n")
    with pytest.raises(InputError, match="nobody"):
        load_worldviews([bad], crux_graph)
    with pytest.raises(InputError):
        compare_scenarios([], crux_graph)
