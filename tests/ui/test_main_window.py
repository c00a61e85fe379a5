"""Click through the real main window the way a person would (offscreen, pytest-qt)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from debate_explorer.core.autosave import Autosaver
from debate_explorer.core.model.scenario import load_scenario, save_scenario
from debate_explorer.core.paths import baseline_scenario_path, scenarios_dir
from debate_explorer.ui.app import application, build_window

SAMPLES = 8192


@pytest.fixture
def dialogs(monkeypatch):
    """Record message boxes instead of blocking on them; answer file dialogs from a queue."""
    seen: dict[str, list] = {"critical": [], "warning": [], "question": [], "files": []}

    def record(kind, answer):
        def box(parent, title, text, *args, **kwargs):
            seen[kind].append((title, text))
            return answer
        return box

    monkeypatch.setattr(QMessageBox, "critical", record("critical", QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.Discard))
    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.No))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(seen["files"].pop(0)), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(seen["files"].pop(0)), ""))
    return seen


@pytest.fixture
def window(qtbot, tmp_path, dialogs):
    application()
    start = tmp_path / "start.toml"
    base = load_scenario(baseline_scenario_path())
    save_scenario(base.replace(run={**base.run.model_dump(exclude_none=True), "samples": SAMPLES}), start)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    w = build_window(start, settings=settings, autosaver=Autosaver(tmp_path / "autosave"))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    wait_for_results(qtbot, w)
    yield w
    w.ctx.document.undo_stack.set_clean()  # no unsaved-changes prompt on teardown
    w.ctx.compute.shutdown()


def wait_for_results(qtbot, w, timeout=120_000):
    ctx = w.ctx

    def current():
        r = ctx.results
        assert r is not None and r.revision == ctx.document.revision and not ctx.compute.is_busy

    qtbot.waitUntil(current, timeout=timeout)
    return ctx.results


def click_node(qtbot, w, node_id):
    view = w.map.view
    w.map.fit()
    view.centerOn(w.map.scene_pos_of(node_id))
    pos = view.mapFromScene(w.map.scene_pos_of(node_id))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=pos)


def test_clicking_a_node_shows_its_quote_in_the_inspector(qtbot, window):
    click_node(qtbot, window, "karpathy_decade_of_agents")
    assert window.ctx.selected == "karpathy_decade_of_agents"
    node = window.ctx.graph.node("karpathy_decade_of_agents")
    assert node.quote[:12] in window.inspector.quote.text()
    assert "Karpathy" in window.inspector.meta.text()


def test_moving_a_credence_slider_changes_the_outcome_curves(qtbot, window):
    before = window.ctx.results
    curve = window.outcomes.arrival.items.current["agi"]
    before_curve = np.array(curve.getData()[1], copy=True)
    window.ctx.select("long_timelines")
    slider = window.inspector.credence.slider
    slider.setSliderDown(True)
    for v in range(500, 1001, 50):  # a drag
        slider.setValue(v)
    slider.setSliderDown(False)
    slider.sliderReleased.emit()
    after = wait_for_results(qtbot, window)
    assert window.ctx.document.scenario.credence("long_timelines") == 1.0
    assert after.milestone("agi").quantile(0.5) > before.milestone("agi").quantile(0.5)
    window.outcomes.refresh_all()
    assert not np.allclose(curve.getData()[1], before_curve)  # the drawn AGI curve moved
    # The whole drag is one undo step.
    window.actions["undo"].trigger()
    assert window.ctx.document.scenario.credence("long_timelines") == 0.5
    assert window.ctx.document.undo_stack.undo_label is None


def test_override_an_assumption_then_undo_and_redo(qtbot, window):
    panel = window.assumptions
    window.docks["assumptions"].raise_()
    panel.select("hive_mind_boost")
    panel.editor.kind.setCurrentText("point")
    panel.editor.fields[0].setText("0.6")
    qtbot.mouseClick(panel.apply_button, Qt.LeftButton)
    assert "hive_mind_boost" in window.ctx.document.scenario.assumptions
    result = wait_for_results(qtbot, window)
    assert result.regimes["explosive"] > 0.3
    window.actions["undo"].trigger()
    assert "hive_mind_boost" not in window.ctx.document.scenario.assumptions
    window.actions["redo"].trigger()
    assert "hive_mind_boost" in window.ctx.document.scenario.assumptions


def test_bad_override_text_is_refused_in_place(qtbot, window):
    panel = window.assumptions
    panel.select("g_compute")
    panel.editor.kind.setCurrentText("normal")
    panel.editor.fields[0].setText("0.5")
    panel.editor.fields[1].setText("-1")
    qtbot.mouseClick(panel.apply_button, Qt.LeftButton)
    assert "sd must be positive" in panel.editor.error.text()
    assert "g_compute" not in window.ctx.document.scenario.assumptions


def test_save_reopen_gives_the_same_state(qtbot, window, dialogs, tmp_path):
    doc = window.ctx.document
    doc.set_credence("hive_mind", 0.9)
    assert window.isWindowModified()
    target = tmp_path / "mine.toml"
    dialogs["files"].append(target)
    window.actions["save_as"].trigger()
    assert not window.isWindowModified()
    assert "mine.toml" in window.windowTitle()
    saved = doc.scenario
    doc.set_credence("hive_mind", 0.1)
    window.files.open_path(target)  # unsaved change: the dialog answers "Discard"
    assert dialogs["warning"]
    assert doc.scenario == saved == load_scenario(target)


def test_a_broken_file_shows_a_dialog_and_keeps_the_old_state(qtbot, window, dialogs, tmp_path):
    doc = window.ctx.document
    doc.set_credence("hive_mind", 0.8)
    before = doc.scenario
    bad = tmp_path / "broken.toml"
    bad.write_text("format_version = 1\n[run]\nsamples = -3\n")
    dialogs["files"].append(bad)
    window.files.confirm_discard = lambda: True
    window.actions["open"].trigger()
    title, text = dialogs["critical"][-1]
    assert "broken.toml" in text and "run.samples" in text
    assert doc.scenario is before


def test_switching_presets_recomputes(qtbot, window):
    window.ctx.document.undo_stack.set_clean()
    window.files.open_preset(scenarios_dir() / "hive_mind.toml")
    assert window.ctx.document.scenario.title.startswith("Hive mind")
    window.ctx.document.set_run(samples=SAMPLES)
    result = wait_for_results(qtbot, window)
    assert result.samples == SAMPLES
    assert window.ctx.document.path is None  # presets open as untitled copies


def test_export_plot_and_map_png(qtbot, window, dialogs, tmp_path):
    for name, action in (("plot.png", "Plot as &PNG…"), ("map.png", "&Map as PNG…")):
        dialogs["files"].append(tmp_path / name)
        menu_action(window, action).trigger()
        image = QImage(str(tmp_path / name))
        assert not image.isNull()
        pixels = np.array([image.pixel(x, y) for x in range(0, image.width(), 7)
                           for y in range(0, image.height(), 7)])
        assert len(np.unique(pixels)) > 20, name


def menu_action(window, text):
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text() == text:
                return action
    raise AssertionError(f"no menu item {text!r}")


def test_status_bar_reports_the_run(window):
    text = window.run_label.text()
    assert f"{SAMPLES:,} samples" in text and "numba" in text


def test_many_void_qt_calls_do_not_crash(window):
    """PySide6 6.12.0 on Python 3.11 aborts after a few thousand void calls (none_dealloc)."""
    for i in range(5000):
        window.run_label.setObjectName(f"run-label-{i % 7}")
    assert window.run_label.objectName().startswith("run-label-")


def test_language_toggle_switches_the_inspector(qtbot, window):
    window.ctx.select("karpathy_decade_of_agents")
    window.actions["chinese"].trigger()
    node = window.ctx.graph.node("karpathy_decade_of_agents")
    assert node.title_zh[:4] in window.inspector.title.text()
    window.actions["chinese"].trigger()
    assert window.ctx.language == "en"


def test_recovers_autosaved_work_after_a_crash(qtbot, tmp_path, dialogs, monkeypatch):
    application()
    saver = Autosaver(tmp_path / "autosave")
    base = load_scenario(baseline_scenario_path())
    unsaved = base.replace(title="unsaved work", graph={"prior_weight": 1.0, "credences": {"hive_mind": 0.7}})
    saver.save(unsaved, None)
    saver.detach()  # the instance that saved it crashed
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    w = build_window(None, settings=settings, autosaver=Autosaver(tmp_path / "autosave"))
    qtbot.addWidget(w)
    w.files.offer_recovery()
    assert w.ctx.document.scenario.title == "unsaved work"
    assert w.ctx.document.is_modified
    w.ctx.document.undo_stack.set_clean()
    w.ctx.compute.shutdown()
