"""Tornado and rank correlations: unused assumptions swing exactly zero."""

from __future__ import annotations

import numpy as np
import pytest

from debate_explorer.core.analysis.sensitivity import (
    assumption_sensitivity,
    mixture_quantiles,
    rank_correlations,
)
from debate_explorer.core.errors import CancelledError, InputError
from debate_explorer.core.model.linking import effective_assumptions
from debate_explorer.core.model.scenario import scenario_from_dict


@pytest.fixture(scope="module")
def open_scenario():
    """Default priors, but no disruptions: the pause assumptions are then unused."""
    return scenario_from_dict(
        {"format_version": 1, "run": {"samples": 3000, "seed": 4}, "assumptions": {"disruption_hazard": 0.0}}
    )


@pytest.fixture(scope="module")
def tornado(open_scenario, crux_graph):
    return assumption_sensitivity(open_scenario, crux_graph, "agi_median")


def bars(s):
    return {b.assumption: b for b in s.bars}


def test_an_assumption_the_model_does_not_use_swings_exactly_zero(tornado):
    b = bars(tornado)
    for unused in ("pause_years", "pause_factor"):  # no pauses ever start
        assert b[unused].low < b[unused].high
        assert (b[unused].swing, b[unused].se) == (0.0, 0.0)
    for ignored in ("asi_gap", "hive_mind_boost", "share_at_agi"):  # not read by the AGI year
        assert b[ignored].swing == 0.0


def test_tornado_bars_point_the_right_way_and_are_sorted(tornado):
    b = bars(tornado)
    assert b["sc_requirement"].swing > 0  # further to go: later AGI
    assert b["g_software"].swing < 0  # faster progress: earlier AGI
    swings = [abs(x.swing) for x in tornado.bars]
    assert swings == sorted(swings, reverse=True)
    assert abs(b["sc_requirement"].swing) > 10 * b["sc_requirement"].se


def test_rank_correlation_importance(tornado):
    imp = {i.assumption: i.rho for i in tornado.importance}
    assert imp["sc_requirement"] > 0.3
    assert imp["g_software"] < 0
    assert imp["disruption_hazard"] == 0.0  # fixed at 0: a constant column


def test_only_the_unfixed_assumptions_matter_in_the_synthetic_scenario(crux_scenario, crux_graph):
    s = assumption_sensitivity(crux_scenario, crux_graph, "p_explosive", samples=2000)
    moving = {b.assumption for b in s.bars if b.swing != 0.0}
    assert moving <= {"sc_requirement", "hive_mind_boost"}
    assert "hive_mind_boost" in moving


def test_mixture_quantiles(open_scenario, crux_graph):
    eff = {e.assumption.name: e for e in effective_assumptions(open_scenario, crux_graph)}
    lo, hi = mixture_quantiles(eff["compute_wall_year"], (0.1, 0.9))  # uniform 2026-2032 by default
    a = eff["compute_wall_year"].dist
    assert lo == pytest.approx(a.low + 0.1 * (a.high - a.low), abs=0.01)
    assert hi == pytest.approx(a.low + 0.9 * (a.high - a.low), abs=0.01)
    assert set(mixture_quantiles(eff["difficulty"], (0.1, 0.5, 0.9))) <= {0.9, 1.0, 1.1}


def test_rank_correlations_helper():
    x = np.column_stack([np.arange(10.0), -(np.arange(10.0) ** 3), np.ones(10)])
    np.testing.assert_allclose(rank_correlations(x, np.arange(10.0) * 2), [1.0, -1.0, 0.0])


def test_bad_input_and_cancel(open_scenario, crux_graph):
    with pytest.raises(InputError, match="no assumption"):
        assumption_sensitivity(open_scenario, crux_graph, "agi_median", samples=500, assumptions=["nope"])
    with pytest.raises(InputError, match="quantiles"):
        assumption_sensitivity(open_scenario, crux_graph, "agi_median", samples=500, quantiles=(0.9, 0.1))
    with pytest.raises(CancelledError):
        assumption_sensitivity(open_scenario, crux_graph, "agi_median", samples=500, cancel=lambda: True)
