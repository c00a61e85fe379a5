"""The guided tour in the window, driven by clicks: stops select and show their nodes; first-launch offer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from debate_explorer.core.editing.document import ScenarioDocument
from debate_explorer.core.files.autosave import Autosaver
from debate_explorer.core.model.scenario import load_scenario, scenario_from_dict
from debate_explorer.core.model.tour import load_tour, tour_for_graph
from debate_explorer.core.paths import scenarios_dir
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.tour.panel import OFFERED_KEY, offer_on_first_launch, tour_of
from debate_explorer.ui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """Closing a changed scenario asks to save: answer Discard instead of blocking."""
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Discard)


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


def _window(qtbot, tmp_path, settings, scenario, graph) -> MainWindow:
    ctx = AppContext(ScenarioDocument(scenario, graph=graph))
    window = MainWindow(ctx, settings=settings, autosaver=Autosaver(tmp_path / "autosave"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, tmp_path, settings, shipped_graph) -> MainWindow:
    return _window(qtbot, tmp_path, settings, scenario_from_dict({"format_version": 1}), shipped_graph)


def _help_action(window: MainWindow, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def test_tour_stops_select_and_mark_their_nodes(qtbot, window: MainWindow) -> None:
    ctx = window.ctx
    _help_action(window, "Take the Tour").trigger()
    tour = tour_of(window)
    expected = tour_for_graph(load_tour(), ctx.graph)
    assert tour.active and tour.card.isVisible()
    for i, stop in enumerate(expected):
        assert tour.index == i
        assert ctx.selected == stop.nodes[0]
        assert set(ctx.highlight) == set(stop.nodes)
        assert all(window.map.node_item(n).isVisible() for n in stop.nodes)  # folded claims were opened
        shown = window.map.view.mapToScene(window.map.view.viewport().rect()).boundingRect()
        assert shown.intersects(window.map.node_item(stop.nodes[0]).box)
        assert stop.title in tour.card.title.text()
        quote = ctx.graph.node(stop.quote).quote
        assert quote[:10] in tour.card.quote.text().replace("&quot;", '"')
        assert "Try:" in tour.card.try_.text() and "{" not in tour.card.try_.text()
        qtbot.mouseClick(tour.card.next, Qt.MouseButton.LeftButton)
    assert not tour.active and not tour.card.isVisible()  # Finish on the last stop
    assert ctx.highlight is None  # the map's marks are cleared


def test_back_and_close(qtbot, window: MainWindow) -> None:
    tour = tour_of(window)
    tour.start()
    assert not tour.card.back.isEnabled()
    qtbot.mouseClick(tour.card.next, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tour.card.next, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tour.card.back, Qt.MouseButton.LeftButton)
    assert tour.index == 1 and window.ctx.selected == tour.stops[1].nodes[0]
    qtbot.mouseClick(tour.card.close_button, Qt.MouseButton.LeftButton)
    assert not tour.active and not tour.card.isVisible()


def test_the_card_fits_in_a_1366x768_window(window: MainWindow) -> None:
    tour = tour_of(window)
    tour.start()
    for i in range(len(tour.stops)):
        tour.go(i)
        assert window.rect().contains(tour.card.geometry()), tour.stops[i].title


def test_first_launch_offers_the_tour_once(qtbot, window: MainWindow, settings: QSettings) -> None:
    assert not tour_of(window).card.isVisible()  # building a window never offers it (tests, screenshots)
    assert offer_on_first_launch(window, settings)
    card = tour_of(window).card
    assert card.isVisible() and "tour" in card.text.text().lower()
    assert settings.value(OFFERED_KEY, type=bool)
    qtbot.mouseClick(card.next, Qt.MouseButton.LeftButton)  # "Start the tour"
    assert tour_of(window).index == 0
    tour_of(window).end()
    assert not offer_on_first_launch(window, settings)  # never again; Help has it


def test_empty_inspector_says_where_to_start(window: MainWindow) -> None:
    window.ctx.select(None)
    assert window.inspector.placeholder.isVisible()
    assert "Start here" in window.inspector.placeholder.text()


def test_a_model_that_ignores_the_map_says_so(qtbot, tmp_path, settings, shipped_graph) -> None:
    path = next(p for p in sorted(scenarios_dir().glob("*.toml")) if load_scenario(p).model != "debate")
    window = _window(qtbot, tmp_path, settings, load_scenario(path), shipped_graph)
    notice = window.map.notice
    assert notice.isVisible() and "does not use the argument map" in notice.text()
    node = next(iter(window.ctx.graph.nodes))
    window.ctx.select(node)
    assert not window.inspector.credence.isEnabled()
    window.ctx.document.apply(scenario_from_dict({"format_version": 1}), "Back to the debate model")
    assert not notice.isVisible() and window.inspector.credence.isEnabled()


def test_a_broken_tour_file_shows_a_dialog(qtbot, window: MainWindow, monkeypatch, tmp_path) -> None:
    from debate_explorer.core.model import tour as core_tour

    bad = tmp_path / "tour.toml"
    bad.write_text("format_version = 9\n", encoding="utf-8")
    monkeypatch.setattr(core_tour, "default_tour_path", lambda: bad)
    seen = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: seen.append(text))
    _help_action(window, "Take the Tour").trigger()
    assert seen and "format_version" in seen[0] and str(bad) in seen[0]
    assert window.isVisible()
