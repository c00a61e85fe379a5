"""Why it moved, in the app: the table of changes, the waterfall, the moved marks, the override editor."""

from __future__ import annotations

import pytest

from debate_explorer.core.analysis.compare import metric_value
from debate_explorer.core.analysis.metrics import parse_metric
from debate_explorer.core.editing.document import ScenarioDocument
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import baseline_scenario_path, scenarios_dir
from debate_explorer.ui.assumptions.panel import AssumptionsPanel
from debate_explorer.ui.common.compute import ComputeService
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.outcomes.panel import OutcomesPanel
from debate_explorer.ui.window.waiting import wait_until_current

TIMEOUT = 120_000
SAMPLES = 8192


def small(scenario):
    return scenario.replace(run={**scenario.run.model_dump(exclude_none=True), "samples": SAMPLES})


@pytest.fixture
def ctx(qtbot, shipped_graph):
    compute = ComputeService(shipped_graph)
    compute.start()
    qtbot.waitUntil(lambda: compute.is_warm, timeout=TIMEOUT)
    doc = ScenarioDocument(small(load_scenario(baseline_scenario_path())), None, graph=shipped_graph)
    context = AppContext(doc, compute)
    context.recompute()
    yield context
    compute.shutdown()


def settle(qtbot, ctx):
    wait_until_current(ctx, TIMEOUT / 1000, idle=True)


def test_after_a_credence_change_the_table_shows_changes_and_the_waterfall_adds_up(qtbot, ctx, tmp_path):
    outcomes, assumptions = OutcomesPanel(ctx), AssumptionsPanel(ctx)
    for w in (outcomes, assumptions):
        qtbot.addWidget(w)
        w.resize(1200, 500)
        w.show()
    settle(qtbot, ctx)
    before = ctx.results
    ctx.document.set_credence("karpathy_decade_of_agents", 0.95)
    settle(qtbot, ctx)

    outcomes.tabs.setCurrentWidget(outcomes.changes)
    scenario = ctx.document.scenario
    metric = parse_metric("agi_median", scenario.kind, scenario.kind_settings)
    delta = metric_value("agi_median", ctx.results, scenario) - metric_value("agi_median", before, scenario)
    assert delta != 0
    table = outcomes.changes
    qtbot.waitUntil(lambda: table.cell("agi_median", "Change") == metric.format_delta(delta), timeout=5000)
    assert table.cell("agi_median", "Before") == metric.format(metric_value("agi_median", before, scenario))
    assert table.cell("agi_median", "Pinned") == "–"  # nothing pinned yet
    assert "Credence of" in outcomes.changes.caption.text()

    outcomes.tabs.setCurrentWidget(outcomes.explain)
    qtbot.waitUntil(lambda: outcomes.explain.explanation is not None, timeout=TIMEOUT)
    e, bars = outcomes.explain.explanation, outcomes.explain.plot.bars
    assert bars[0].end == pytest.approx(e.value_a) and bars[-1].end == pytest.approx(e.value_b)
    for prev, bar in zip(bars[1:-1], bars[2:-1]):
        assert bar.start == pytest.approx(prev.end)  # each bar starts where the last one ended
    assert bars[-2].end == pytest.approx(bars[-1].end, abs=1e-9)  # ... and they land on the total
    assert sum(b.delta for b in bars[1:-1]) == pytest.approx(e.total, abs=1e-9)
    assert bars[-2].label.startswith("Remainder")
    drawn = outcomes.explain.plot.items.opts
    assert len(drawn["x0"]) == len(bars)

    path = outcomes.export_plot(tmp_path / "why.png")  # Export ▸ Plot exports the waterfall on this tab
    assert outcomes.current_plot_name() == "explain" and path.stat().st_size > 1000

    qtbot.waitUntil(lambda: assumptions.moved_rows() == ctx.changes.moved, timeout=5000)
    assert {c.assumption for c in e.contributions} == set(ctx.changes.moved) != set()

    # Pinning, then another change: the table compares with the pin too.
    outcomes.toggle_pin()
    ctx.document.set_credence("karpathy_decade_of_agents", 0.05)
    settle(qtbot, ctx)
    outcomes.tabs.setCurrentWidget(outcomes.changes)
    qtbot.waitUntil(lambda: table.cell("agi_median", "Now − pinned") not in ("–", ""), timeout=5000)


def test_override_editor_follows_the_current_assumption_through_undo_and_presets(qtbot, ctx):
    panel = AssumptionsPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.show()
    editor = panel.editor
    panel.select("sc_requirement")
    mixture_low = editor.fields[0].text()
    editor.kind.setCurrentText("point")
    editor.fields[0].setText("9")
    panel.apply_button.click()
    assert ctx.document.undo_stack.undo_label == "Override Distance to superhuman coder"

    ctx.document.undo()
    qtbot.waitUntil(lambda: editor.kind.currentText() == "interval (a to b)", timeout=5000)
    assert editor.fields[0].text() == mixture_low  # the mixture again, not the undone 9
    ctx.document.redo()
    qtbot.waitUntil(lambda: editor.kind.currentText() == "point", timeout=5000)
    assert editor.fields[0].text() == "9.00"

    # A preset that overrides the same assumption differently: the editor shows the preset's value.
    preset = ctx.document.scenario.replace(title="Preset", assumptions={"sc_requirement": "4 to 12 @90%"})
    ctx.document.replace_all(preset, None)
    qtbot.waitUntil(lambda: editor.kind.currentText() == "interval (a to b)", timeout=5000)
    assert (editor.fields[0].text(), editor.fields[1].text(), editor.level.currentText()) == ("4.00", "12.0", "90%")
    assert panel.selected_name == "sc_requirement"

    # A preset of another model: a level written as 0.79945 reads "80%".
    eli = load_scenario(scenarios_dir() / "ai2027_eli.toml")
    ctx.document.replace_all(eli, None)
    name = next(n for n, d in eli.assumptions.items() if getattr(d, "ci", None) is not None)
    qtbot.waitUntil(lambda: panel.table.rowCount() == len(eli.kind.assumptions), timeout=5000)
    panel.select(name)
    assert panel.selected_name == name
    assert editor.level.currentText() == "80%"
    assert editor.fields[0].text() != ""


def test_the_last_change_is_one_undo_step_and_undo_is_a_change_too(qtbot, ctx):
    settle(qtbot, ctx)
    doc, changes = ctx.document, ctx.changes
    start = doc.scenario
    for v in (0.6, 0.7, 0.8):  # a drag folds into one change
        doc.set_credence("long_timelines", v, gesture=True)
    doc.end_gesture()
    assert changes.before == start and changes.label.startswith("Credence of")
    assert changes.moved  # long_timelines informs the model
    dragged = doc.scenario
    doc.undo()
    assert changes.before == dragged and changes.label.startswith("Undo Credence of")
    assert doc.scenario == start


def test_the_status_bar_names_background_work_in_words():
    from debate_explorer.ui.status.engine_status import task_text

    assert task_text("cruxes-panel/cruxes") == "Ranking cruxes…"
    assert task_text("explain") == "Explaining what moved the outcome…"
    assert task_text("someone-else/fit_curves") == "Fit curves…"  # an unknown task: no ids, no slashes
