"""The explanation of a change: known answers, additivity, and the shipped worldviews."""

from __future__ import annotations

import math

import numpy as np
import pytest

from debate_explorer.core.analysis.explain import explain_change, moved_assumptions, moved_between
from debate_explorer.core.analysis.metrics import Samples, parse_metric
from debate_explorer.core.engine.compute import run_scenario
from debate_explorer.core.engine.program import sample_distribution
from debate_explorer.core.errors import InputError
from debate_explorer.core.graph import load_graph
from debate_explorer.core.model.linking import effective_assumptions
from debate_explorer.core.model.scenario import load_scenario, scenario_from_dict
from debate_explorer.core.paths import scenarios_dir

RUN = {"samples": 4000, "seed": 3}


@pytest.fixture(scope="module")
def plain():
    return scenario_from_dict({"format_version": 1, "title": "A", "run": RUN})


def shifted(scenario, name: str, factor: float):
    """An override of ``name`` at ``factor`` times its prior median (a point)."""
    a = scenario.kind.assumption(name)
    median = float(np.median(sample_distribution(a.prior, (a.lower, a.upper), n=2000)))
    overrides = {k: v.to_raw() for k, v in scenario.assumptions.items()}
    return scenario.replace(title="B", assumptions={**overrides, name: factor * median})


def test_a_single_moved_assumption_gets_the_whole_change(plain):
    b = shifted(plain, "sc_requirement", 1.6)
    e = explain_change(plain, b, None, "agi_median", samples=4000)
    assert [c.assumption for c in e.contributions] == ["sc_requirement"]
    (c,) = e.contributions
    assert e.total > 1.0  # a larger requirement pushes AGI later
    assert c.contribution == pytest.approx(e.total, abs=1e-12)
    assert c.share == pytest.approx(1.0)
    assert c.alone == pytest.approx(e.total)
    assert e.remainder == pytest.approx(0.0, abs=1e-12)
    assert e.method == "exact"


def test_the_total_is_the_difference_of_the_two_runs_on_common_random_numbers(plain):
    b = shifted(plain, "sc_requirement", 1.6)
    e = explain_change(plain, b, None, "agi_median", samples=4000, seed=11)
    metric = parse_metric("agi_median", plain.kind)
    va = metric.value(Samples.of(run_scenario(plain, samples=4000, seed=11), plain))
    vb = metric.value(Samples.of(run_scenario(b, samples=4000, seed=11), b))
    assert (e.value_a, e.value_b) == pytest.approx((va, vb))


def test_exact_and_sampled_shapley_agree_and_both_add_up(plain):
    b = shifted(shifted(shifted(plain, "sc_requirement", 1.4), "agi_gap", 0.5), "g_compute", 0.7)
    exact = explain_change(plain, b, None, "agi_median", samples=4000)
    sampled = explain_change(plain, b, None, "agi_median", samples=4000, exact_limit=0, evaluations=60)
    assert exact.method == "exact" and sampled.method == "sampled"
    for e in (exact, sampled):
        assert len(e.contributions) == 3
        assert sum(c.contribution for c in e.contributions) + e.remainder == pytest.approx(e.total, abs=1e-9)
        assert e.remainder == pytest.approx(0.0, abs=1e-9)
    by_name = {c.assumption: c.contribution for c in exact.contributions}
    for c in sampled.contributions:
        assert c.contribution == pytest.approx(by_name[c.assumption], abs=5 * c.se + 0.02)
    # The interaction is what one-at-a-time effects miss; Shapley shares it out.
    assert exact.interaction == pytest.approx(exact.total - sum(c.alone for c in exact.contributions))


def test_settings_that_differ_land_in_the_remainder_and_say_so(plain):
    b = shifted(plain, "sc_requirement", 1.6).replace(run={**RUN, "step": 0.5})
    e = explain_change(plain, b, None, "agi_median", samples=4000)
    assert "time step" in e.remainder_note
    assert sum(c.contribution for c in e.contributions) + e.remainder == pytest.approx(e.total, abs=1e-9)
    metric = parse_metric("agi_median", plain.kind)
    assert e.value_b == pytest.approx(metric.value(Samples.of(run_scenario(b, samples=4000, seed=3), b)))


def test_nothing_moved_means_nothing_to_explain(plain):
    e = explain_change(plain, plain.replace(title="copy"), None, "agi_median", samples=2000)
    assert (e.total, e.contributions, e.remainder, e.method) == (0.0, (), 0.0, "none")


def test_different_models_cannot_be_explained(plain):
    other = scenario_from_dict({"format_version": 1, "model": "ai2027-horizon"})
    with pytest.raises(InputError, match="same model"):
        explain_change(plain, other, None, "sc_median", samples=1000)


def test_mixtures_that_differ_only_by_a_common_weight_factor_have_not_moved():
    graph = load_graph(None)
    a = scenario_from_dict({"format_version": 1, "graph": {"prior_weight": 1.0}})
    ea = effective_assumptions(a, graph)
    scaled = [
        type(e)(
            e.assumption, tuple(type(p)(p.source, p.label, 3 * p.weight, p.dist, p.node, p.rationale) for p in e.parts)
        )
        for e in ea
    ]
    assert moved_assumptions(ea, scaled) == []
    b = a.replace(graph={"prior_weight": 1.0, "credences": {next(iter(graph.nodes)): 0.0}})
    assert moved_between(a, b, graph) == moved_assumptions(ea, effective_assumptions(b, graph))


@pytest.fixture(scope="module")
def worldviews():
    return load_scenario(scenarios_dir() / "baseline.toml"), load_scenario(scenarios_dir() / "decade_of_agents.toml")


@pytest.mark.parametrize("metric", ["agi_median", "p_explosive"])
def test_baseline_to_decade_of_agents_lists_several_assumptions_that_add_up(worldviews, metric):
    a, b = worldviews
    e = explain_change(a, b, load_graph(None), metric, samples=4000, evaluations=40)
    assert len(e.contributions) >= 3
    assert sum(abs(c.contribution) > 0 for c in e.contributions) >= 3
    assert sum(c.contribution for c in e.contributions) + e.remainder == pytest.approx(e.total, abs=1e-9)
    assert e.total != 0 and math.isfinite(e.total_se) and e.total_se > 0
    data = e.to_dict()
    assert set(data) >= {"total", "contributions", "remainder"}
    assert {"assumption", "label", "contribution", "share"} <= set(data["contributions"][0])
    shares = [c["share"] for c in data["contributions"]]
    assert sum(shares) + data["remainder"] / data["total"] == pytest.approx(1.0, abs=1e-6)


def test_an_assumption_the_metric_never_reads_gets_an_exact_zero_and_is_named(plain):
    economy_only = sorted(plain.kind.economy_only)
    assert economy_only, "the debate model declares the assumptions only its economy reads"
    b = shifted(shifted(plain, economy_only[0], 2.0), "sc_requirement", 1.4)
    e = explain_change(plain, b, None, "agi_median", samples=3000)
    by_name = {c.assumption: c for c in e.contributions}
    assert e.inert == (economy_only[0],)
    assert by_name[economy_only[0]].contribution == 0.0
    assert by_name["sc_requirement"].contribution == pytest.approx(e.total)
