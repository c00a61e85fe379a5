"""The Cruxes panel, driven the way a person clicks, on a tiny graph through a real ComputeService."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from debate_explorer.core.editing.document import ScenarioDocument
from debate_explorer.core.graph import load_graph
from debate_explorer.core.model.scenario import save_scenario, scenario_from_dict
from debate_explorer.ui.common.compute import ComputeService
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.cruxes.panel import CruxPanel

GRAPH = Path(__file__).resolve().parents[1] / "core" / "analysis" / "data" / "crux_graph.toml"
FIXED = {"g_compute": 0.6, "g_software": 0.45, "difficulty": 1.0, "disruption_hazard": 0.0, "agi_gap": 2.0, "p_sc": 5.0}
TIMEOUT = 60_000


def scenario(title: str = "Tiny", **credences):
    return scenario_from_dict(
        {
            "format_version": 1,
            "title": title,
            "run": {"samples": 2000, "seed": 1},
            "assumptions": FIXED,
            "graph": {"credences": credences},
        }
    )


@pytest.fixture(scope="module")
def graph():
    return load_graph(GRAPH)


@pytest.fixture
def panel(qtbot, graph):
    compute = ComputeService(graph)
    compute.start()
    qtbot.waitUntil(lambda: compute.is_warm, timeout=TIMEOUT)  # so a click starts the task at once
    ctx = AppContext(ScenarioDocument(scenario(), None, graph=graph), compute)
    widget = CruxPanel(ctx)
    qtbot.addWidget(widget)
    widget.set_samples(2000)
    widget.resize(1100, 400)
    widget.show()
    yield widget
    compute.shutdown()


def run_and_wait(qtbot, panel, signal="taskFinished"):
    with qtbot.waitSignal(getattr(panel.ctx.compute, signal), timeout=TIMEOUT):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert panel.running is None and panel.run_button.isEnabled()


def click_row(qtbot, panel, row: int) -> None:
    table = panel.cruxes.table
    rect = table.visualItemRect(table.item(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_ranking_then_clicking_a_crux_selects_its_node_and_tints_the_map(qtbot, panel):
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    run_and_wait(qtbot, panel)
    timer.stop()
    assert ticks, "the event loop kept running while the ranking was computed"
    table = panel.cruxes.table
    assert table.rowCount() == 4  # the unlinked node is hidden by default
    assert panel.cruxes.node_at(0) == "key"
    click_row(qtbot, panel, 0)
    assert panel.ctx.selected == "key"
    assert panel.ctx.highlight["key"] == 1.0 and panel.ctx.highlight["loner"] == 0.0
    panel.ctx.select("backer")  # selecting elsewhere marks the row
    assert panel.cruxes.node_at(table.currentRow()) == "backer"
    panel.cruxes.show_unlinked.setChecked(True)
    assert table.rowCount() == 5
    panel.tint.setChecked(False)
    assert panel.ctx.highlight is None


def test_cancel_stops_a_running_ranking(qtbot, panel):
    panel.set_samples(20_000)
    with qtbot.waitSignal(panel.ctx.compute.taskCancelled, timeout=TIMEOUT):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
        assert panel.cancel_button.isEnabled() and not panel.run_button.isEnabled()
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert panel.status.text() == "Cancelled"
    assert panel.run_button.isEnabled() and panel.cruxes.table.rowCount() == 0


def test_an_edit_cancels_the_analysis(qtbot, panel):
    panel.set_samples(20_000)
    with qtbot.waitSignal(panel.ctx.compute.taskCancelled, timeout=TIMEOUT):
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
        panel.ctx.document.set_credence("backer", 0.9)
    assert panel.running is None
    assert panel.status.text() == "Cancelled: the scenario changed"


def test_tornado(qtbot, panel):
    panel.tabs.setCurrentIndex(1)
    panel.set_metric("sc_p2030")
    run_and_wait(qtbot, panel)
    bars = {b.assumption: b for b in panel.tornado.result.bars}
    assert bars["pause_years"].swing == 0.0  # no disruptions: unused
    assert panel.tornado.result.bars[0].assumption == "sc_requirement"
    assert panel.tornado.importance.rowCount() == len(bars)


def test_compare_worldviews(qtbot, panel, tmp_path):
    panel.tabs.setCurrentIndex(2)
    assert not panel.metric_box.isEnabled()
    view = panel.compare
    view.files.clear()
    for name, cred in (("believer", 0.95), ("doubter", 0.05)):
        save_scenario(scenario(name.title(), key=cred), tmp_path / f"{name}.toml")
        view.add_file(tmp_path / f"{name}.toml")
    run_and_wait(qtbot, panel)
    c = view.comparison
    assert [r.label for r in c.runs] == ["Believer", "Doubter"]
    assert view.metrics_table.columnCount() == 2 and view.metrics_table.rowCount() == len(c.metrics)
    assert c.assumptions[0].assumption == "sc_requirement"
    assert len(view.curves) == 2


def test_nothing_to_compare_is_reported_not_raised(qtbot, panel):
    panel.tabs.setCurrentIndex(2)
    panel.compare.files.clear()
    run_and_wait(qtbot, panel, "taskFailed")
    assert "at least one scenario" in panel.status.text()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Baseline", "Baseline"),
        ("Fast self-iteration (Clark, Wu, Bryk)", "Fast self-\niteration"),
        ("Grid-constrained (Goldman Sachs, Buchanan)", "Grid-\nconstrained"),
        ("A very long scenario name indeed", "A very long\nscenario na…"),
    ],
)
def test_worldview_column_headers_are_two_short_lines(name, expected):
    from debate_explorer.ui.compare.view import _two_lines

    assert _two_lines(name) == expected


def test_a_long_status_message_does_not_widen_the_panel(qtbot, graph):
    widget = CruxPanel(AppContext(ScenarioDocument(scenario(), None, graph=graph)))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    before = widget.minimumSizeHint().width()
    widget.status.setText("No results: " + "a very long error message naming a file and a field " * 8)
    qtbot.wait(10)  # the layout takes the new text
    assert widget.minimumSizeHint().width() == before  # or showing Cruxes would crush the Inspector
