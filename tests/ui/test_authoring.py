"""Extend the map in the running app, as a reader of a new interview would.

Add a source, select a passage in the source viewer, make a claim from it that
attacks a bundled claim, link it to an assumption, believe it and watch the
outcome move, undo and redo, save, quit, reopen the scenario: the claim, its
edge, its link and the outcome are back. Dialogs are answered by filling their
real widgets (their ``exec`` is replaced so the test does not block).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from debate_explorer.core.analysis.compare import metric_value
from debate_explorer.core.files.autosave import Autosaver
from debate_explorer.core.graph import overlay_edit
from debate_explorer.core.graph.sources_store import new_source
from debate_explorer.core.model.scenario import load_scenario, save_scenario
from debate_explorer.core.paths import baseline_scenario_path
from debate_explorer.ui.authoring import dialogs
from debate_explorer.ui.window.app import application, build_window
from debate_explorer.ui.window.waiting import wait_until_current

SAMPLES = 8192
TEXT = (
    "Interview with a grid engineer, 2026.\n\n"
    "Q: Can the grid keep up with the data centres?\n"
    "A: No. Large transformers now take four years to deliver, and nothing gets connected without them.\n"
)
QUOTE = "Large transformers now take four years to deliver"
TARGET = "short_timelines"  # a bundled claim the new one attacks
NODE = "user_transformers_take_four_years"


class Answers:
    """Fills each dialog the app opens with the next function from a queue, then accepts it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.queue: list[Callable[[QDialog], None]] = []
        answers = self

        def exec_(dialog: QDialog) -> int:
            answers.queue.pop(0)(dialog)
            return QDialog.DialogCode.Accepted.value

        for cls in (dialogs.SourceDialog, dialogs.ClaimDialog, dialogs.EdgeDialog, dialogs.LinkDialog):
            monkeypatch.setattr(cls, "exec", exec_)


def pick(box, value) -> None:
    dialogs.select_data(box, value)
    assert box.currentData() == value, value


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: seen.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: seen.append(text))
    return seen


def open_window(qtbot, tmp_path: Path, scenario: Path):
    application()
    w = build_window(scenario, settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat),
                     autosaver=Autosaver(tmp_path / "autosave"))  # fmt: skip
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    wait_until_current(w.ctx, 120.0)
    return w


def agi(w) -> float:
    wait_until_current(w.ctx, 120.0)
    value = metric_value("agi_median", w.ctx.results, w.ctx.document.scenario)
    assert value is not None
    return value


def test_add_a_source_quote_it_attack_link_believe_undo_save_and_reopen(qtbot, tmp_path, monkeypatch, errors):
    start = tmp_path / "mine.toml"
    base = load_scenario(baseline_scenario_path())
    save_scenario(base.replace(run={**base.run.model_dump(exclude_none=True), "samples": SAMPLES}), start)
    (tmp_path / "interview.txt").write_text(TEXT, encoding="utf-8")
    answers = Answers(monkeypatch)
    w = open_window(qtbot, tmp_path, start)
    before = agi(w)

    # File ▸ Add Source…
    def source(d):
        d.title.setText("Grid engineer interview")
        d.speakers.setText("A. Engineer")
        d.date.setText("2026-03")
        d.file.setText(str(tmp_path / "interview.txt"))

    answers.queue.append(source)
    w.authoring_actions["Add Source…"].trigger()
    assert w.sources.current_id() == "grid_engineer_interview" and "transformers" in w.sources.text.toPlainText()

    # select the passage (search finds it, as a reader would), then "New claim from selection"
    w.sources.query.setText("large transformers now take four years to deliver")
    assert w.sources.selected_quote() == QUOTE and w.sources.claim_button.isEnabled()

    def claim(d):
        assert d.speaker.currentText() == "A. Engineer" and d.date.text() == "2026-03"
        d.title_en.setText("Transformers take four years")
        d.title_en.textEdited.emit(d.title_en.text())
        d.summary.setPlainText("Grid equipment lead times hold back new data centres for years.")
        pick(d.theme, "energy")
        pick(d.claim_type, "testimony")
        pick(d.edge.type, "attacks")
        pick(d.edge.target, TARGET)
        d.edge.reason.setText("Four-year transformer lead times leave no room for the compute an SC by 2027-28 needs.")
        pick(d.edge.scheme, "cause_to_effect")

    answers.queue.append(claim)
    qtbot.mouseClick(w.sources.claim_button, Qt.MouseButton.LeftButton)
    assert errors == []
    g = w.ctx.graph
    assert NODE in g.nodes and g.node(NODE).quote == QUOTE and g.node(NODE).speaker == "A. Engineer"
    edge = next(e for e in g.edges if e.source == NODE)
    assert (edge.target, edge.type, edge.scheme) == (TARGET, "attacks", "cause_to_effect") and edge.reason
    assert w.ctx.selected == NODE and NODE in w.map.scene.nodes
    assert w.map.toolbar.speakers.findText("A. Engineer") > 0  # the new speaker can be filtered on
    assert w.files.map_modified()  # quitting now would ask to save the map edits too

    # link it to an assumption from the Edit map panel
    def link(d):
        pick(d.assumption, "debate:sc_requirement")
        d.dist.setText("9 to 16 @80%")
        pick(d.basis, "judgement")
        d.rationale.setText("A grid wall delays the compute an SC needs by several years.")

    answers.queue.append(link)
    qtbot.mouseClick(w.map_edit.buttons["add_link"], Qt.MouseButton.LeftButton)
    assert errors == []
    assert [lk.assumption for lk in w.ctx.graph.links_for_node(NODE)] == ["sc_requirement"]
    assert w.map_edit.links.count() == 1 and w.map_edit.edges.count() == 1
    assert "sc_requirement" in w.inspector.links.text() or "superhuman coder" in w.inspector.links.text()
    qtbot.mouseClick(w.inspector_edit_button, Qt.MouseButton.LeftButton)  # the Inspector opens the editor
    assert w.docks["map_edit"].isVisible()

    # believe it: the outcome moves
    w.ctx.document.set_credence(NODE, 0.95)
    believed = agi(w)
    assert believed > before + 0.5

    # one undo history: credence, then link, then the claim; redo brings them back in order
    undo, redo = w.menu_actions["undo"], w.menu_actions["redo"]
    undo.trigger()
    assert NODE not in w.ctx.document.scenario.graph.credences
    undo.trigger()
    assert w.ctx.graph.links_for_node(NODE) == []
    assert undo.text().replace("&", "").startswith("Undo Add edge")
    for _ in range(3):
        redo.trigger()
    assert w.ctx.document.scenario.graph.credences[NODE] == 0.95
    assert agi(w) == pytest.approx(believed)

    # save, quit, reopen
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(start), ""))
    w.files.save()
    assert errors == []
    overlay = tmp_path / "mine.map.toml"
    assert overlay.is_file() and (tmp_path / "sources").is_dir()
    assert load_scenario(start).graph.overlay is not None
    assert not w.files.map_modified()
    w.ctx.compute.shutdown()
    w.close()

    again = open_window(qtbot, tmp_path, start)
    try:
        g = again.ctx.graph
        assert NODE in g.nodes and [lk.assumption for lk in g.links_for_node(NODE)] == ["sc_requirement"]
        assert any(e.source == NODE and e.target == TARGET and e.reason for e in g.edges)
        assert again.ctx.document.scenario.graph.credences[NODE] == 0.95
        assert agi(again) == pytest.approx(believed)
    finally:
        again.ctx.document.undo_stack.set_clean()
        again.ctx.compute.shutdown()


def test_a_quote_that_is_not_in_the_source_is_refused_and_nothing_changes(qtbot, tmp_path, monkeypatch, errors):
    w = open_window(qtbot, tmp_path, baseline_scenario_path())
    tries: list[int] = []

    def exec_(d):  # the reader fills the form and presses OK; after the error, Cancel
        tries.append(1)
        d.title_en.setText("Made up")
        d.summary.setPlainText("x")
        return QDialog.DialogCode.Accepted.value if len(tries) == 1 else QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(dialogs.ClaimDialog, "exec", exec_)
    try:
        w.session.edit("Add source", overlay_edit.add_source, new_source("talk", title="Talk", text=TEXT))
        nodes, label = set(w.ctx.graph.nodes), w.menu_actions["undo"].text()
        assert w.editing.new_claim("talk", "words nobody in this interview said") is None
        assert len(tries) == 2 and errors and "verbatim" in errors[0]
        assert set(w.ctx.graph.nodes) == nodes and w.menu_actions["undo"].text() == label
    finally:
        w.ctx.document.undo_stack.set_clean()
        w.session.overlay.undo_stack.set_clean()
        w.ctx.compute.shutdown()


def test_a_bad_overlay_shows_a_dialog_and_keeps_the_map_and_the_work(
    qtbot, tmp_path, monkeypatch, errors, hostile_corpus
):
    answers = Answers(monkeypatch)
    (tmp_path / "interview.txt").write_text(TEXT, encoding="utf-8")
    w = open_window(qtbot, tmp_path, baseline_scenario_path())
    try:

        def source(d):
            d.title.setText("Grid engineer interview")
            d.file.setText(str(tmp_path / "interview.txt"))

        answers.queue.append(source)
        w.authoring_actions["Add Source…"].trigger()  # some unsaved work of the user's
        graph, label = w.ctx.graph, w.menu_actions["undo"].text()
        bad = sorted(name for name in hostile_corpus if name.startswith("graph_overlay_"))
        assert len(bad) >= 8
        for name in bad:
            errors.clear()
            assert not w.editing.open_overlay(hostile_corpus[name]), name
            assert len(errors) == 1 and hostile_corpus[name].name in errors[0], (name, errors)
            assert w.ctx.graph is graph and w.menu_actions["undo"].text() == label
        assert "grid_engineer_interview" in w.editing.sources()
    finally:
        w.ctx.document.undo_stack.set_clean()
        w.session.overlay.undo_stack.set_clean()
        w.ctx.compute.shutdown()


def test_import_argdown_from_the_file_menu_is_one_undo_step(qtbot, tmp_path, monkeypatch, errors, repo):
    argdown = repo / "tests" / "core" / "graph" / "data" / "argdown" / "three_claims.argdown"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(argdown), ""))
    w = open_window(qtbot, tmp_path, baseline_scenario_path())
    try:
        before = set(w.ctx.graph.nodes)
        w.authoring_actions["Import Argdown…"].trigger()
        assert errors == []
        added = set(w.ctx.graph.nodes) - before
        assert {"quell_returns_fading", "quell_grid_queue"} <= added
        assert "grid_interview.txt" in w.editing.sources()
        assert w.menu_actions["undo"].text().replace("&", "") == "Undo Import three_claims.argdown"
        w.menu_actions["undo"].trigger()
        assert set(w.ctx.graph.nodes) == before
    finally:
        w.ctx.document.undo_stack.set_clean()
        w.session.overlay.undo_stack.set_clean()
        w.ctx.compute.shutdown()


def test_a_scenario_whose_overlay_moved_offers_to_locate_it_at_start_up(qtbot, tmp_path, monkeypatch, errors, repo):
    """The overlay was moved after the scenario was saved: the start-up asks, the user points at
    the new place, and the window opens with the overlay's claims and the scenario's credence on one."""
    from debate_explorer.core.graph.argdown_import import import_argdown
    from debate_explorer.core.graph.overlay import save_overlay
    from debate_explorer.core.graph.scenario_overlay import record_overlay
    from debate_explorer.ui.authoring.locate import overlay_to_open

    data = repo / "tests" / "core" / "graph" / "data" / "argdown"
    overlay = tmp_path / "maps" / "mine.map.toml"  # with its sources/ beside it
    overlay.parent.mkdir()
    save_overlay(import_argdown(data / "three_claims.argdown", data), overlay)
    base = load_scenario(baseline_scenario_path())
    scenario = base.replace(graph=base.graph.model_copy(update={"credences": {"quell_grid_queue": 0.9}}))
    path = tmp_path / "mine.toml"
    save_scenario(record_overlay(scenario, path, overlay), path)
    (tmp_path / "maps").rename(tmp_path / "elsewhere")
    moved = tmp_path / "elsewhere" / "mine.map.toml"

    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.Yes)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(moved), ""))
    go, located = overlay_to_open(None, path)
    assert go and located == moved and "not there" in asked[0]
    application()
    w = build_window(path, settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat),
                     autosaver=Autosaver(tmp_path / "autosave"), overlay_path=located)  # fmt: skip
    qtbot.addWidget(w)
    try:
        assert "quell_grid_queue" in w.ctx.graph.nodes and errors == []
        assert w.ctx.document.scenario.credence("quell_grid_queue") == 0.9
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Cancel)
        assert overlay_to_open(None, path) == (False, None)  # cancelling says so
    finally:
        w.ctx.document.undo_stack.set_clean()
        w.session.overlay.undo_stack.set_clean()
        w.ctx.compute.shutdown()
