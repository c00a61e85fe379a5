"""The model's test is the sources: believe one side and the outcome moves the way it argues.

Each check is a claim a source makes, run through the shipped graph, the
linking rule and the kernel (issue 9). Sample counts are modest; the margins in
docs/MODEL.md's table (50,000 samples) are wider than the Monte Carlo error here.
"""

from __future__ import annotations

import numpy as np
import pytest

from debate_explorer.core.engine.compute import run_scenario
from debate_explorer.core.graph import load_graph
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import scenarios_dir

SAMPLES = 20_000
PRESETS = (
    "baseline",
    "amplification",
    "paradigm_shift",
    "decade_of_agents",
    "hive_mind",
    "fast_self_iteration",
    "grid_constrained",
)


@pytest.fixture(scope="module")
def graph():
    return load_graph()


@pytest.fixture(scope="module")
def runs(graph):
    return {
        name: run_scenario(load_scenario(scenarios_dir() / f"{name}.toml"), graph, samples=SAMPLES, seed=5)
        for name in PRESETS
    }


def median(run, key: str) -> float:
    return run.milestone(key).quantile(0.5)


def test_worldviews_end_years_apart(runs):
    agi = [median(r, "agi") for r in runs.values()]
    assert max(agi) - min(agi) >= 8


def test_decade_of_agents_puts_agi_past_2035(runs):
    r = runs["decade_of_agents"]
    assert median(r, "agi") >= 2035
    assert (r.years[:, 1] <= 2030).mean() <= 0.10


def test_growth_follows_amplification_or_the_hive_mind(runs):
    assert runs["amplification"].regimes["explosive"] <= 0.10
    assert runs["hive_mind"].regimes["explosive"] >= 0.40


def test_fast_self_iteration_brings_the_superhuman_coder_in_2027_28(runs):
    # "SC by 2027-28" (AI 2027's first forecast, Bryk), not earlier: the preset must
    # not count the reasons for short timelines twice (see its comment).
    r = runs["fast_self_iteration"]
    assert 2027.0 <= median(r, "sc") <= 2028.5
    assert median(r, "sc") < median(r, "agi") < median(r, "asi") <= median(r, "sc") + 3


def test_a_grid_wall_delays_agi(runs):
    assert median(runs["grid_constrained"], "agi") >= median(runs["baseline"], "agi") + 2


def test_baseline_stages_are_distinct(runs):
    y = runs["baseline"].years
    gap = np.full(len(y), np.inf)
    np.subtract(y[:, 2], y[:, 0], out=gap, where=np.isfinite(y[:, 2]))
    assert np.median(gap) >= 1


@pytest.mark.parametrize("metric", ["agi", "explosive"])
def test_amplification_against_paradigm_shift(graph, metric):
    base = load_scenario(scenarios_dir() / "baseline.toml")

    def believe(amplification: float):
        credences = {"amplification": amplification, "paradigm_shift": 1.0 - amplification}
        return run_scenario(base.replace(graph={"credences": credences}), graph, samples=SAMPLES, seed=5)

    amp, shift = believe(1.0), believe(0.0)
    if metric == "agi":
        assert median(amp, "agi") - median(shift, "agi") >= 4
    else:
        assert shift.regimes["explosive"] - amp.regimes["explosive"] >= 0.15


def test_a_credence_near_one_dominates_what_it_informs(graph):
    from debate_explorer.core.model.linking import effective_assumptions

    base = load_scenario(scenarios_dir() / "baseline.toml")
    for node in ("hive_mind", "karpathy_decade_of_agents", "grid_bottleneck", "amplification"):
        eff = effective_assumptions(base.replace(graph={"credences": {node: 0.95}}), graph)
        for e in eff:
            shares = dict(zip([p.node for p in e.parts], e.shares(), strict=True))
            if node in shares:
                assert shares[node] >= 0.8, (node, e.assumption.name)


def test_an_undecided_map_is_the_pooled_view(graph):
    from debate_explorer.core.model.linking import effective_assumptions

    for e in effective_assumptions(load_scenario(scenarios_dir() / "baseline.toml"), graph):
        # Every voice weighs the same: the prior 1, each rival group 1 in all.
        groups = {}
        for p in e.parts:
            groups.setdefault(p.source == "prior", []).append(p.weight)
        assert groups[True] == [1.0]
        assert sum(groups.get(False, [])) <= len(groups.get(False, [])) + 1e-9
