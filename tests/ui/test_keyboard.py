"""The app from the keyboard alone: Tab and arrows on the map, Enter, Space to the credence, the tour's keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from debate_explorer.core.files.autosave import Autosaver
from debate_explorer.core.model.scenario import load_scenario, save_scenario
from debate_explorer.core.paths import baseline_scenario_path
from debate_explorer.ui.map import keyboard
from debate_explorer.ui.tour import panel as tour
from debate_explorer.ui.window.app import application, build_window
from debate_explorer.ui.window.dialogs import keyboard_rows
from debate_explorer.ui.window.menus import _all_actions
from debate_explorer.ui.window.waiting import wait_until_current

SAMPLES = 4096


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    # A credence set from the keyboard is an edit: closing the window must not wait on a prompt.
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Discard)
    application()
    start = tmp_path / "start.toml"
    base = load_scenario(baseline_scenario_path())
    save_scenario(base.replace(run={**base.run.model_dump(exclude_none=True), "samples": SAMPLES}), start)
    w = build_window(start, settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat),
                     autosaver=Autosaver(tmp_path / "autosave"))  # fmt: skip
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    wait_until_current(w.ctx, 120.0)
    w.map.view.setFocus()
    yield w
    w.ctx.document.undo_stack.set_clean()
    w.ctx.compute.shutdown()


def shown(w) -> dict:
    return {n: w.map.scene.centre_of(n) for n, item in w.map.scene.nodes.items() if item.isVisible()}


def test_tab_visits_every_visible_node_in_reading_order_and_wraps(qtbot, window):
    order = keyboard.reading_order(shown(window), {n: 0 for n in shown(window)})
    assert len(order) > 10
    seen = []
    for _ in range(len(shown(window)) + 1):
        qtbot.keyClick(window.map.view, Qt.Key.Key_Tab)
        seen.append(window.ctx.selected)
    assert set(seen[:-1]) == set(shown(window)) and seen[-1] == seen[0]  # every node once, then round again
    qtbot.keyClick(window.map.view, Qt.Key.Key_Backtab)
    assert window.ctx.selected == seen[-2]
    themes = [window.ctx.graph.node(n).theme for n in seen[:-1]]
    rank = {t.id: i for i, t in enumerate(window.ctx.graph.themes)}
    assert [rank[t] for t in themes] == sorted(rank[t] for t in themes)  # theme by theme


@pytest.mark.parametrize(("key", "axis", "sign"), [(Qt.Key.Key_Right, 0, 1), (Qt.Key.Key_Left, 0, -1),
                                                   (Qt.Key.Key_Down, 1, 1), (Qt.Key.Key_Up, 1, -1)])  # fmt: skip
def test_arrows_move_to_a_node_in_that_direction(qtbot, window, key, axis, sign):
    centres = shown(window)
    middle = sorted(centres, key=lambda n: (centres[n].x() - 600) ** 2 + (centres[n].y() - 400) ** 2)[0]
    window.ctx.select(middle)
    qtbot.keyClick(window.map.view, key)
    moved = window.ctx.selected
    assert moved != middle
    a, b = centres[middle], shown(window)[moved]
    delta = (b.x() - a.x(), b.y() - a.y())[axis]
    assert delta * sign > 0


def test_enter_unfolds_and_space_sets_the_credence_from_the_keyboard(qtbot, window):
    anchor = max(window.map._groups.leaves, key=lambda a: len(window.map._groups.leaves[a]))  # noqa: SLF001
    window.ctx.select(anchor)
    assert window.map.is_folded(anchor)
    qtbot.keyClick(window.map.view, Qt.Key.Key_Return)
    assert not window.map.is_folded(anchor)
    revision = window.ctx.document.revision
    qtbot.keyClick(window.map.view, Qt.Key.Key_Space)
    spin = window.inspector.credence.spin
    assert QApplication.focusWidget() is spin or spin.hasFocus() or spin.isAncestorOf(QApplication.focusWidget())
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    assert window.ctx.document.scenario.credence(anchor) > 0.5
    assert window.ctx.document.revision > revision  # the outcome recomputes
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert window.map.view.hasFocus()


def test_the_tour_steps_with_arrows_and_closes_with_escape(qtbot, window):
    t = tour.start_tour(window)
    assert t is not None and t.index == 0
    qtbot.keyClick(window.map.view, Qt.Key.Key_Right)
    qtbot.keyClick(window.map.view, Qt.Key.Key_Right)
    assert t.index == 2
    qtbot.keyClick(window.map.view, Qt.Key.Key_Left)
    assert t.index == 1
    qtbot.keyClick(window.map.view, Qt.Key.Key_Escape)
    assert not t.active and not t.card.isVisible()
    before = window.ctx.selected
    qtbot.keyClick(window.map.view, Qt.Key.Key_Right)  # the map has the arrows back
    assert window.ctx.selected != before


def test_help_keyboard_lists_every_shortcut_of_the_menus_and_the_map_and_tour_keys(window):
    rows = keyboard_rows(_all_actions(window))
    keys = {k for _, k, _ in rows}
    with_shortcuts = [a for a in _all_actions(window) if a.shortcuts()]
    assert len([r for r in rows if r[0] == "Menus"]) == len(with_shortcuts) > 10
    assert {k for k, _ in keyboard.MAP_KEYS + keyboard.TOUR_KEYS} <= keys
