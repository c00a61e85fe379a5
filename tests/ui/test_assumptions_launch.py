"""At launch the Assumptions panel's rows wait for the first results (they share the GIL), but not for ever."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from debate_explorer.core.editing.document import ScenarioDocument
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import baseline_scenario_path
from debate_explorer.ui.assumptions import panel as panel_module
from debate_explorer.ui.assumptions.panel import AssumptionsPanel
from debate_explorer.ui.common.context import AppContext


@pytest.fixture
def launching(qtbot, shipped_graph):
    """A panel whose context has no results yet and a worker still computing them."""
    ctx = AppContext(ScenarioDocument(load_scenario(baseline_scenario_path()), None, graph=shipped_graph))
    ctx.compute = SimpleNamespace(is_busy=True)
    panel = AssumptionsPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.show()
    return ctx, panel


def test_rows_are_drawn_once_the_first_results_are_in(qtbot, launching):
    ctx, panel = launching
    qtbot.wait(150)
    assert panel.is_filling  # still waiting: nothing drawn while the worker loads
    ctx.results = SimpleNamespace(revision=0)
    qtbot.waitUntil(lambda: not panel.is_filling, timeout=10_000)
    assert panel.table.rowCount() == len(ctx.effective)


def test_rows_do_not_wait_for_results_that_never_come(qtbot, monkeypatch, shipped_graph):
    monkeypatch.setattr(panel_module, "FIRST_RESULTS_WAIT_S", 0.2)
    ctx = AppContext(ScenarioDocument(load_scenario(baseline_scenario_path()), None, graph=shipped_graph))
    ctx.compute = SimpleNamespace(is_busy=True)
    panel = AssumptionsPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: not panel.is_filling, timeout=10_000)
