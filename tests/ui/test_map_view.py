"""The argument-map panel, driven the way a person uses it: clicks, keys, the toolbar.

Ids and search words are derived from the shipped graph rather than written in,
so the tests keep working while the graph's content is edited.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from debate_explorer.core.editing.document import ScenarioDocument
from debate_explorer.core.graph.folding import fold_groups
from debate_explorer.core.model.scenario import scenario_from_dict
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.map.export import visible_bounds
from debate_explorer.ui.map.fold import UNFOLD_ZOOM
from debate_explorer.ui.map.node_item import NodeItem
from debate_explorer.ui.map.view import MapView


@pytest.fixture
def ctx(shipped_graph) -> AppContext:
    doc = ScenarioDocument(scenario_from_dict({"format_version": 1}), graph=shipped_graph)
    return AppContext(doc)


@pytest.fixture
def view(qtbot, ctx) -> MapView:
    widget = MapView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _leaf_with_speaker(graph) -> str:
    """A claim nothing argues about, so its strength is its credence."""
    return next(
        n.id
        for n in graph.nodes.values()
        if n.speaker
        and n.title_zh
        and not graph.supporters(n.id)
        and not graph.attackers(n.id)
        and graph.neighbours(n.id)
    )


def _show(view: MapView, nid: str) -> None:
    """Open the block a claim is folded in and zoom in on it, as a reader would before clicking it."""
    view.focus_node(nid)
    view.view.focus_on(view.node_item(nid).box, 1.0)


def _click(qtbot, view: MapView, scene_point: QPointF) -> None:
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=view.view.mapFromScene(scene_point))


def _shown_rect(view: MapView):
    return view.view.mapToScene(view.view.viewport().rect()).boundingRect()


# -- building and live updates ---------------------------------------------------------


def test_every_node_and_edge_has_one_item(view: MapView, ctx: AppContext) -> None:
    assert set(view.scene.nodes) == set(ctx.graph.nodes)
    assert len(view.scene.edges) == len(ctx.graph.edges)
    assert set(view.scene.regions) == {t.id for t in ctx.graph.themes}
    nid = next(iter(ctx.graph.nodes))
    assert view.node_item(nid).node_id == nid
    assert view.scene_pos_of(nid) == view.node_item(nid).box.center()


def test_credence_change_updates_fill_without_rebuilding(view: MapView, ctx: AppContext) -> None:
    nid = _leaf_with_speaker(ctx.graph)
    items_before = list(view.scene.items())
    node_before = view.node_item(nid)
    ctx.document.set_credence(nid, 0.95)
    assert view.node_item(nid) is node_before
    assert node_before.strength == pytest.approx(ctx.strengths[nid])
    assert node_before.strength == pytest.approx(0.95)
    ctx.document.set_credence(nid, 0.05)
    assert node_before.strength == pytest.approx(0.05)
    assert list(view.scene.items()) == items_before  # same objects, same order: nothing rebuilt


# -- selection ------------------------------------------------------------------------------


def test_clicking_a_node_selects_it_and_empty_space_clears(qtbot, view: MapView, ctx: AppContext) -> None:
    nid = _leaf_with_speaker(ctx.graph)
    _show(view, nid)
    with qtbot.waitSignal(ctx.selectionChanged):
        _click(qtbot, view, view.scene_pos_of(nid))
    assert ctx.selected == nid
    region = view.scene.regions[ctx.graph.node(nid).theme].rect
    empty = QPointF(region.left() - 40, region.top() - 40)  # the gap between regions
    view.view.centerOn(empty)
    _click(qtbot, view, empty)
    assert ctx.selected is None


def test_a_drag_pans_and_does_not_select(qtbot, view: MapView, ctx: AppContext) -> None:
    nid = _leaf_with_speaker(ctx.graph)
    _show(view, nid)
    vp = view.view.viewport()
    start = view.view.mapFromScene(view.scene_pos_of(nid))
    before = _shown_rect(view).center()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(vp, start + QPoint(30 * step, 20 * step))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(150, 100))
    assert ctx.selected is None
    assert _shown_rect(view).center() != before


def test_selection_from_elsewhere_dims_all_but_neighbours(view: MapView, ctx: AppContext) -> None:
    nid = _leaf_with_speaker(ctx.graph)
    near = set(ctx.graph.neighbours(nid))
    ctx.select(nid)
    item = view.node_item(nid)
    assert item.focused and item.opacity() == 1.0
    for other, other_item in view.scene.nodes.items():
        if other in near:
            assert other_item.opacity() == 1.0
        elif other != nid:
            assert other_item.opacity() < 0.5
    touching = [e for e in view.scene.edges if nid in (e.source, e.target)]
    assert touching and all(e.opacity() == 1.0 for e in touching)
    ctx.select(None)
    assert all(i.opacity() == 1.0 and not i.focused for i in view.scene.nodes.values())


def test_selection_scrolls_into_view_without_zooming(view: MapView, ctx: AppContext) -> None:
    ids = list(ctx.graph.nodes)
    view.view.focus_on(view.node_item(ids[0]).box, 1.0)
    zoom = view.view.zoom
    far = max(ids, key=lambda i: view.scene_pos_of(i).x() + view.scene_pos_of(i).y())
    assert not _shown_rect(view).contains(view.node_item(far).box)
    ctx.select(far)
    assert _shown_rect(view).contains(view.node_item(far).box)
    assert view.view.zoom == pytest.approx(zoom)


def test_escape_clears_the_selection(qtbot, view: MapView, ctx: AppContext) -> None:
    ctx.select(_leaf_with_speaker(ctx.graph))
    qtbot.keyClick(view.view, Qt.Key.Key_Escape)
    assert ctx.selected is None


def test_crux_highlight_tints_nodes(view: MapView, ctx: AppContext) -> None:
    a, b = list(ctx.graph.nodes)[:2]
    ctx.set_highlight({a: 0.8, b: 0.1})
    assert view.node_item(a).highlight == pytest.approx(0.8)
    assert view.node_item(b).highlight == pytest.approx(0.1)
    assert view.node_item(list(ctx.graph.nodes)[2]).highlight is None
    ctx.set_highlight(None)
    assert view.node_item(a).highlight is None


def test_tooltip_names_speaker_source_and_english_title(view: MapView, ctx: AppContext) -> None:
    node = ctx.graph.node(_leaf_with_speaker(ctx.graph))
    tip = view.node_item(node.id).tooltip()
    import html

    for part in (node.speaker, node.source, node.title_en):
        assert html.escape(part) in tip


# -- search and filters ---------------------------------------------------------------------


def test_search_in_english_and_chinese_lists_the_right_nodes(qtbot, view: MapView, ctx: AppContext) -> None:
    node = ctx.graph.node(_leaf_with_speaker(ctx.graph))
    word = max(node.title_en.split(), key=len).strip("'\".,:;()")
    qtbot.keyClicks(view.toolbar.search, word)
    assert view.results.isVisible()
    assert view.results.ids() == ctx.graph.search(word)
    assert node.id in view.results.ids()
    chinese = "".join(ch for ch in node.title_zh if "\u4e00" <= ch <= "\u9fff")[:2]
    view.toolbar.search.setText(chinese)
    assert node.id in view.results.ids()
    assert view.results.ids() == ctx.graph.search(chinese)
    hits = set(view.results.ids())
    misses = {
        n
        for n in set(ctx.graph.nodes) - hits
        if not any(h != n and fold_groups(ctx.graph).anchor_of[h] == n for h in hits)
    }
    assert misses and all(view.node_item(m).opacity() < 0.5 for m in misses)  # positions of hits stay lit
    view.toolbar.search.clear()
    assert not view.results.isVisible()
    assert all(i.opacity() == 1.0 for i in view.scene.nodes.values())


def test_quotes_are_searched_too(view: MapView, ctx: AppContext) -> None:
    node = next(n for n in ctx.graph.nodes.values() if n.quote_en)
    word = max(node.quote_en.split(), key=len).strip("'\".,:;()")
    view.set_search(word)
    assert node.id in view.search_results()


def test_choosing_a_result_selects_the_node(qtbot, view: MapView, ctx: AppContext) -> None:
    view.toolbar.search.setFocus()
    qtbot.keyClicks(view.toolbar.search, "AGI")
    first = view.results.ids()[0]
    qtbot.keyClick(view.toolbar.search, Qt.Key.Key_Down)
    assert ctx.selected == first
    qtbot.keyClick(view.results.list, Qt.Key.Key_Down)
    second = view.results.ids()[1]
    assert ctx.selected == second
    qtbot.keyClick(view.results.list, Qt.Key.Key_Return)
    assert view.view.zoom >= 0.8 - 1e-9
    assert _shown_rect(view).contains(view.scene_pos_of(second))


def test_theme_filter_hides_other_themes(view: MapView, ctx: AppContext) -> None:
    theme = ctx.graph.themes[1].id
    view.set_theme_filter({theme})
    for nid, item in view.scene.nodes.items():
        assert item.isVisible() == (ctx.graph.node(nid).theme == theme and view.scene.layout.is_shown(nid))
    assert [t for t, r in view.scene.regions.items() if r.isVisible()] == [theme]
    for edge in view.scene.edges:
        if not edge.isVisible():
            continue
        assert view.node_item(edge.source).isVisible() and view.node_item(edge.target).isVisible()
    # unticking a theme in the toolbar's menu works the same way
    view.set_theme_filter(None)
    view.toolbar.theme_actions[theme].setChecked(False)
    assert not any(view.node_item(n).isVisible() for n in ctx.graph.by_theme(theme))
    assert view.toolbar.themes_button.text().startswith(f"Themes {len(ctx.graph.themes) - 1}/")


def test_speaker_filter_shows_only_that_speaker(view: MapView, ctx: AppContext) -> None:
    speaker = max(ctx.graph.speakers(), key=lambda s: len(ctx.graph.by_speaker(s)))
    combo = view.toolbar.speakers
    combo.setCurrentIndex(combo.findText(speaker))
    shown = {n for n, item in view.scene.nodes.items() if item.isVisible()}
    assert shown == set(ctx.graph.by_speaker(speaker))
    combo.setCurrentIndex(0)
    assert all(item.isVisible() == view.scene.layout.is_shown(n) for n, item in view.scene.nodes.items())


def test_language_toggle_switches_labels_to_chinese(qtbot, view: MapView, ctx: AppContext) -> None:
    node = ctx.graph.node(_leaf_with_speaker(ctx.graph))
    item = view.node_item(node.id)
    assert item.text == node.title_en
    zh_button = next(b for b in view.toolbar.language_buttons.buttons() if b.property("language") == "zh")
    qtbot.mouseClick(zh_button, Qt.MouseButton.LeftButton)
    assert ctx.language == "zh"
    assert item.text == node.title_zh
    region = view.scene.regions[node.theme]
    assert region.title == ctx.graph.theme(node.theme).title_zh
    ctx.set_language("en")  # from elsewhere: the toolbar follows
    assert item.text == node.title_en
    assert not zh_button.isChecked()


# -- zoom, fit, keys --------------------------------------------------------------------------


def test_f_fits_the_map_and_then_the_search_results(qtbot, view: MapView, ctx: AppContext) -> None:
    view.resize(1500, 800)  # wide enough for the whole overview at a readable size
    view.view.zoom_by(4.0)
    assert not _shown_rect(view).contains(view.scene.map_rect)
    qtbot.keyClick(view.view, Qt.Key.Key_F)
    assert _shown_rect(view).contains(view.scene.map_rect)
    whole = view.view.zoom
    view.set_search(ctx.graph.node(_leaf_with_speaker(ctx.graph)).speaker)
    qtbot.keyClick(view.view, Qt.Key.Key_F)
    assert _shown_rect(view).contains(view.scene.bounds_of(view.search_results()))
    assert view.view.zoom >= whole


def test_plus_minus_and_wheel_zoom(qtbot, view: MapView) -> None:
    z0 = view.view.zoom
    qtbot.keyClick(view.view, Qt.Key.Key_Plus)
    assert view.view.zoom > z0
    qtbot.keyClick(view.view, Qt.Key.Key_Minus)
    qtbot.keyClick(view.view, Qt.Key.Key_Minus)
    assert view.view.zoom < z0
    z1 = view.view.zoom
    vp = view.view.viewport()
    centre = QPointF(vp.width() / 2, vp.height() / 2)
    wheel = QWheelEvent(
        centre,
        vp.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(vp, wheel)
    assert view.view.zoom > z1


def test_ctrl_f_focuses_the_search_field(qtbot, view: MapView) -> None:
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.toolbar.search.hasFocus(), timeout=5000)


# -- export ------------------------------------------------------------------------------------


def _over_white(colour) -> tuple[int, int, int]:
    a = colour.alphaF()
    return tuple(round(a * c + (1 - a) * 255) for c in (colour.red(), colour.green(), colour.blue()))


def _open_every_block(view: MapView) -> None:
    """Zoom in past the unfold threshold, as a reader does to see every claim."""
    view.view.zoom_by(UNFOLD_ZOOM / view.view.zoom * 1.01)
    assert len(view.shown_nodes()) == len(view.graph.nodes)


def test_png_export_fills_each_node_to_its_strength(view: MapView, tmp_path) -> None:
    """Inside each box, left of the strength level the theme's fill, right of it white."""
    _open_every_block(view)  # the export opens every block: sample it at the open map's boxes
    png = view.render_to_image(tmp_path / "map.png", scale=0.5)
    image = QImage(str(png))
    source = visible_bounds(view.scene)
    k = image.width() / source.width()
    items = [i for i in view.scene.items() if isinstance(i, NodeItem) and 0.2 <= i.strength <= 0.8]
    assert len(items) > 50

    def rgb(item: NodeItem, fraction: float) -> tuple[int, int, int]:
        """The commonest colour down the box at ``fraction`` of its width (the text covers fewer pixels)."""
        box = item.box
        x = int((box.left() + fraction * box.width() - source.left()) * k)
        top, bottom = (int((box.top() + f * box.height() - source.top()) * k) for f in (0.1, 0.9))
        colours = Counter(image.pixelColor(x, y).getRgb()[:3] for y in range(top, bottom + 1))
        return colours.most_common(1)[0][0]

    def near(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
        return max(abs(p - q) for p, q in zip(a, b, strict=True)) <= 8

    filled = [near(rgb(i, i.strength / 2), _over_white(i._fill)) for i in items]
    empty = [near(rgb(i, (1 + i.strength) / 2), (255, 255, 255)) for i in items]
    assert sum(filled) >= 0.9 * len(items) and sum(empty) >= 0.9 * len(items)  # edges may cross a few


def test_export_of_the_folded_overview_holds_every_claim_and_leaves_the_view_folded(view: MapView, tmp_path) -> None:
    view.fit()
    folded, zoom = view.shown_nodes(), view.view.zoom
    assert len(folded) < len(view.graph.nodes)
    overview = QImage(str(view.render_to_image(tmp_path / "overview.png", scale=0.25)))
    assert view.shown_nodes() == folded and view.view.zoom == zoom  # the view is left as it was
    _open_every_block(view)
    opened = QImage(str(view.render_to_image(tmp_path / "opened.png", scale=0.25)))
    assert not overview.isNull() and overview == opened  # a document: the same whatever the view folds


def test_svg_export_has_every_title_as_text(view: MapView, tmp_path) -> None:
    view.fit()  # the folded overview: the file still holds every node
    svg = view.render_to_image(tmp_path / "map.svg")
    root = ET.parse(svg).getroot()
    # Titles wrap (a line may break after a hyphen), so compare without white space.
    text = "".join("".join("".join(el.itertext()).split()) for el in root.iter("{http://www.w3.org/2000/svg}text"))
    graph = view.ctx.document.graph
    missing = [n.id for n in graph.nodes.values() if "".join(n.title_en.split()[:2]) not in text]
    assert not missing
    assert all("".join(t.title_en.split()) in text for t in graph.themes)


def test_items_are_plain_node_items(view: MapView, ctx: AppContext) -> None:
    """``node_item`` hands out the real scene item, which hit-testing finds under the cursor."""
    nid = _leaf_with_speaker(ctx.graph)
    _show(view, nid)
    under = view.view.items(view.view.mapFromScene(view.scene_pos_of(nid)))
    assert any(isinstance(i, NodeItem) and i.node_id == nid for i in under)


def test_theme_menu_shows_ampersands(view: MapView, ctx: AppContext) -> None:
    """'Scaling & compute' must not lose its '&' to Qt's shortcut-letter marker."""
    with_amp = [t for t in ctx.graph.themes if "&" in t.title_en]
    assert with_amp
    for theme in with_amp:
        assert view.toolbar.theme_actions[theme.id].iconText() == theme.title_en


def test_the_legend_sits_below_the_map_and_the_button_hides_it(qtbot, view: MapView) -> None:
    legend, canvas = view.legend, view.view
    qtbot.waitUntil(legend.isVisible)
    top_of_legend = legend.mapTo(view, legend.rect().topLeft()).y()
    bottom_of_map = canvas.mapTo(view, canvas.rect().bottomLeft()).y()
    assert top_of_legend > bottom_of_map  # never drawn over nodes
    height_with = canvas.height()
    view.toolbar.legend_button.click()
    qtbot.waitUntil(lambda: not legend.isVisible())
    qtbot.waitUntil(lambda: canvas.height() > height_with)  # the map takes the room back
    view.toolbar.legend_button.click()
    qtbot.waitUntil(legend.isVisible)
