"""Semantic zoom on the map: readable overview, claims folded under positions, tooltips, whole titles.

Ids come from the shipped graph's structure (the anchor with most claims, a claim
with a speaker), so the tests survive edits to the graph's content.
"""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from debate_explorer.core.editing.document import ScenarioDocument
from debate_explorer.core.graph.folding import fold_groups
from debate_explorer.core.model.scenario import scenario_from_dict
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.map.fold import UNFOLD_ZOOM
from debate_explorer.ui.map.view import MapView

READABLE_PX = 11.0


@pytest.fixture
def ctx(shipped_graph) -> AppContext:
    doc = ScenarioDocument(scenario_from_dict({"format_version": 1}), graph=shipped_graph)
    return AppContext(doc)


def _view(qtbot, ctx, width: int, height: int) -> MapView:
    widget = MapView(ctx)
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    widget.fit()
    return widget


@pytest.fixture
def view(qtbot, ctx) -> MapView:
    return _view(qtbot, ctx, 1430, 620)  # the map panel of a 1920x1080 window


def _biggest_anchor(graph) -> str:
    groups = fold_groups(graph)
    return max(groups.anchors, key=lambda a: (len(groups.leaves[a]), graph.node(a).kind == "position"))


def _screen_point(view: MapView, nid: str) -> QPoint:
    return view.view.mapFromScene(view.scene_pos_of(nid))


@pytest.mark.parametrize("size", [(960, 390), (1430, 620)])  # map panels of 1366x768 and 1920x1080 windows
def test_overview_titles_of_positions_and_questions_are_readable(qtbot, ctx, size) -> None:
    view = _view(qtbot, ctx, *size)
    zoom = view.view.zoom
    shown = view.shown_nodes()
    kinds = {ctx.graph.node(n).kind for n in shown}
    assert kinds == {"position", "question"}  # claims and evidence are folded at the overview
    for nid in shown:
        item = view.node_item(nid)
        assert item.title_font_px(zoom) * zoom >= READABLE_PX, nid
        assert item.title_lines(zoom), nid


def test_the_overview_shows_the_whole_map_on_a_1920_screen(view: MapView) -> None:
    shown = view.view.mapToScene(view.view.viewport().rect()).boundingRect()
    assert shown.contains(view.scene.map_rect)


def test_folded_positions_show_a_count_and_their_speakers(view: MapView, ctx: AppContext) -> None:
    anchor = _biggest_anchor(ctx.graph)
    item = view.node_item(anchor)
    assert item.leaves == len(fold_groups(ctx.graph).leaves[anchor]) > 0
    assert item.folded and view.is_folded(anchor)
    position = next(
        n
        for n in ctx.graph.nodes.values()
        if n.kind == "position" and any(ctx.graph.node(s).speaker for s in ctx.graph.supporters(n.id))
    )
    speakers = view.node_item(position.id).speakers
    assert speakers and all(
        s.split(" (")[0] in speakers
        for s in (ctx.graph.node(x).speaker for x in ctx.graph.supporters(position.id))
        if s
    )


def test_clicking_a_folded_position_unfolds_its_claims(qtbot, view: MapView, ctx: AppContext) -> None:
    anchor = _biggest_anchor(ctx.graph)
    leaves = fold_groups(ctx.graph).leaves[anchor]
    assert not any(view.node_item(leaf).isVisible() for leaf in leaves)
    spot = _screen_point(view, anchor)
    qtbot.mouseClick(view.view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert ctx.selected == anchor
    assert not view.is_folded(anchor)
    assert all(view.node_item(leaf).isVisible() for leaf in leaves)
    assert (_screen_point(view, anchor) - spot).manhattanLength() <= 2  # the clicked box stays under the cursor
    others = [a for a in fold_groups(ctx.graph).anchors if a != anchor and view.node_item(a).leaves]
    assert all(view.is_folded(a) for a in others)  # only that block opened
    view.fit()  # back to the overview
    assert view.is_folded(anchor)


def test_zooming_in_past_the_threshold_unfolds_every_block(qtbot, view: MapView, ctx: AppContext) -> None:
    assert view.view.zoom < UNFOLD_ZOOM
    while view.view.zoom < UNFOLD_ZOOM:
        qtbot.keyClick(view.view, Qt.Key.Key_Plus)
    assert set(view.scene.layout.unfolded) == {a for a, leaves in fold_groups(ctx.graph).leaves.items() if leaves}
    assert len(view.shown_nodes()) == len(ctx.graph.nodes)
    for _ in range(4):
        qtbot.keyClick(view.view, Qt.Key.Key_Minus)
    assert not view.scene.layout.unfolded


def test_selecting_a_folded_claim_opens_its_block(view: MapView, ctx: AppContext) -> None:
    groups = fold_groups(ctx.graph)
    leaf = next(n for n, a in groups.anchor_of.items() if a != n)
    ctx.select(leaf)
    assert view.node_item(leaf).isVisible() and not view.is_folded(groups.anchor_of[leaf])


def test_hovering_a_node_shows_its_tooltip(qtbot, view: MapView, ctx: AppContext) -> None:
    anchor = _biggest_anchor(ctx.graph)
    node = ctx.graph.node(anchor)
    vp = view.view.viewport()
    spot = _screen_point(view, anchor)
    qtbot.mouseMove(vp, spot)
    qtbot.waitUntil(lambda: bool(view.node_item(anchor).toolTip()), timeout=5000)
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, spot, vp.mapToGlobal(spot)))
    tip = QToolTip.text() or view.node_item(anchor).toolTip()
    assert html.escape(node.title_en) in tip  # the whole title, never cut
    assert "Backed by" in tip or node.kind == "question"


def test_tooltip_of_a_claim_names_speaker_date_and_source(view: MapView, ctx: AppContext) -> None:
    node = next(n for n in ctx.graph.nodes.values() if n.speaker and n.source)
    tip = view.node_item(node.id).tooltip()
    for part in (node.speaker, node.source, getattr(node, "date", None)):
        if part:
            assert html.escape(str(part)) in tip


def test_selected_and_hovered_titles_are_not_cut(view: MapView, ctx: AppContext) -> None:
    zoom = view.view.zoom
    longest = max(view.shown_nodes(), key=lambda n: len(ctx.graph.node(n).title_en))
    item = view.node_item(longest)
    assert item.title_lines(zoom)[-1].endswith("…")  # too long for its box at the overview
    ctx.select(longest)
    full = "".join("".join(item.title_lines(zoom)).split())  # lines may break after a hyphen
    assert full == "".join(ctx.graph.node(longest).title_en.split())
    ctx.select(None)
    assert item.title_lines(zoom)[-1].endswith("…")


def test_search_hits_in_folded_claims_light_their_position(view: MapView, ctx: AppContext) -> None:
    groups = fold_groups(ctx.graph)
    leaf = next(n for n, a in groups.anchor_of.items() if a != n and ctx.graph.node(n).speaker)
    word = ctx.graph.node(leaf).speaker
    view.set_search(word)
    assert leaf in view.search_results()
    assert view.node_item(groups.anchor_of[leaf]).opacity() == 1.0
    unrelated = [
        a
        for a in groups.anchors
        if a not in view.search_results() and all(x not in view.search_results() for x in groups.leaves[a])
    ]
    assert unrelated and all(view.node_item(a).opacity() < 0.5 for a in unrelated)


def test_fit_folds_back_but_keeps_a_selected_claim_in_sight(view: MapView, ctx: AppContext) -> None:
    groups = fold_groups(ctx.graph)
    leaf = next(n for n, a in groups.anchor_of.items() if a != n)
    other = next(a for a in groups.anchors if groups.leaves[a] and a != groups.anchor_of[leaf])
    view.unfold(other)
    ctx.select(leaf)
    view.fit()
    assert view.node_item(leaf).isVisible()
    assert view.is_folded(other)


def test_enter_toggles_the_selected_positions_claims(qtbot, view: MapView, ctx: AppContext) -> None:
    anchor = _biggest_anchor(ctx.graph)
    ctx.select(anchor)
    qtbot.keyClick(view.view, Qt.Key.Key_Return)
    assert not view.is_folded(anchor)
    qtbot.keyClick(view.view, Qt.Key.Key_Enter)
    assert view.is_folded(anchor)
