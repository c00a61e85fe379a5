"""Crux ranking: the known crux comes first, unlinked nodes are exactly 0, variants are exact."""

from __future__ import annotations

import numpy as np
import pytest

from debate_explorer.core.analysis.cruxes import linked_nodes, rank_cruxes
from debate_explorer.core.analysis.replay import Replay
from debate_explorer.core.engine.compute import run_scenario
from debate_explorer.core.engine.kinds import get_kind
from debate_explorer.core.errors import CancelledError, InputError
from debate_explorer.core.model.linking import beliefs


@pytest.fixture(scope="module")
def ranking(crux_scenario, crux_graph):
    return rank_cruxes(crux_scenario, crux_graph, "agi_median")


def by_node(ranking):
    return {c.node: c for c in ranking.cruxes}


def test_the_node_that_alone_informs_the_assumption_that_matters_ranks_first(ranking):
    top = ranking.cruxes[0]
    assert top.node == "key"
    # Believing the "close" position pulls the AGI median earlier, doubting it pushes it later.
    assert top.effect_one < 0 < top.effect_zero
    assert top.score > 20 * top.se > 0


def test_a_node_without_links_has_exactly_zero_effect_and_is_not_simulated(ranking):
    loner = by_node(ranking)["loner"]
    assert not loner.linked
    assert (loner.score, loner.swing, loner.se, loner.changed) == (0.0, 0.0, 0.0, 0.0)
    assert ranking.unlinked == 1


def test_effects_through_propagation_count(ranking):
    c = by_node(ranking)
    assert c["backer"].linked and c["doubter"].linked
    assert c["key"].score > c["backer"].score > 3 * c["backer"].se
    assert c["doubter"].score > 3 * c["doubter"].se
    # A supporter moves the outcome the way the position does; an attacker the other way.
    assert np.sign(c["backer"].swing) == np.sign(c["key"].swing) == -np.sign(c["doubter"].swing)


def test_a_node_informing_an_assumption_the_metric_ignores_has_zero_effect_within_noise(ranking):
    growth = by_node(ranking)["growth_view"]
    assert growth.linked
    assert abs(growth.swing) <= 2 * growth.se + 1e-12


def test_same_variant_twice_gives_identical_metrics(crux_scenario, crux_graph, ranking):
    again = rank_cruxes(crux_scenario, crux_graph, "agi_median")
    assert [(c.node, c.at_zero, c.at_one, c.se) for c in again.cruxes] == [
        (c.node, c.at_zero, c.at_one, c.se) for c in ranking.cruxes
    ]


def test_replayed_variant_is_bit_identical_to_a_full_run(crux_scenario, crux_graph):
    replay = Replay(crux_scenario, crux_graph, samples=3000, seed=11)
    for node, value in (("backer", 1.0), ("key", 0.0)):  # credence 0: a mixture part drops out
        credences = {node: value}
        variant = replay.with_strengths(beliefs(crux_graph, credences))
        full = run_scenario(crux_scenario.replace(graph={"credences": credences}), crux_graph, samples=3000, seed=11)
        assert 0 < variant.changed_share < 1
        np.testing.assert_array_equal(variant.samples.years, full.years)
        np.testing.assert_array_equal(variant.samples.extras, full.extras)


def test_kinds_without_a_row_kernel_fall_back_to_full_runs(crux_scenario, crux_graph, monkeypatch):
    fast = Replay(crux_scenario, crux_graph, samples=2000, seed=2)
    monkeypatch.setattr(type(crux_scenario.kind), "rows_kernel", property(lambda self: None))
    slow = Replay(crux_scenario, crux_graph, samples=2000, seed=2)
    assert slow.uniforms is None
    st = beliefs(crux_graph, {"key": 1.0})
    a, b = fast.with_strengths(st), slow.with_strengths(st)
    np.testing.assert_array_equal(a.samples.years, b.samples.years)
    np.testing.assert_array_equal(a.changed, b.changed)


def test_assumptions_marked_economy_only_do_not_move_milestones(crux_scenario, crux_graph):
    """Guards ModelKind.economy_only against a kernel change: the crux analysis relies on it."""
    a = run_scenario(crux_scenario, crux_graph, samples=2000, seed=3)
    changed = {
        **{k: v.to_raw() for k, v in crux_scenario.assumptions.items()},
        **dict.fromkeys(get_kind("debate").economy_only, 0.15),
    }
    b = run_scenario(crux_scenario.replace(assumptions=changed), crux_graph, samples=2000, seed=3)
    np.testing.assert_array_equal(a.years, b.years)
    assert not np.array_equal(a.extras, b.extras)


def test_p_explosive_ranks_the_growth_view_first(crux_scenario, crux_graph):
    r = rank_cruxes(crux_scenario, crux_graph, "p_explosive", samples=3000)
    assert r.cruxes[0].node == "growth_view"
    assert r.cruxes[0].effect_one > 0


def test_linked_nodes_skip_links_into_overridden_assumptions(crux_scenario, crux_graph):
    assert linked_nodes(crux_scenario, crux_graph) == {"key", "backer", "doubter", "growth_view"}
    overridden = crux_scenario.replace(
        assumptions={**{k: v.to_raw() for k, v in crux_scenario.assumptions.items()}, "sc_requirement": 5.0}
    )
    assert linked_nodes(overridden, crux_graph) == {"growth_view"}


def test_highlight_is_normalised_and_to_dict_is_plain(ranking):
    h = ranking.highlight()
    assert h["key"] == 1.0 and h["loner"] == 0.0
    assert all(0.0 <= v <= 1.0 for v in h.values())
    d = ranking.to_dict()
    assert d["cruxes"][0]["node"] == "key" and d["unlinked_nodes"] == 1


def test_progress_cancel_and_bad_input(crux_scenario, crux_graph):
    seen = []
    rank_cruxes(crux_scenario, crux_graph, "agi_p2035", samples=500, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (4, 4)
    with pytest.raises(CancelledError):
        rank_cruxes(crux_scenario, crux_graph, "agi_median", samples=500, cancel=lambda: True)
    with pytest.raises(InputError, match="no node"):
        rank_cruxes(crux_scenario, crux_graph, "agi_median", samples=500, nodes=["nope"])
    with pytest.raises(InputError, match="valid metrics"):
        rank_cruxes(crux_scenario, crux_graph, "agi_mean", samples=500)
