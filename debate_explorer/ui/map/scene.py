"""The map's scene: every item built once from the graph and its layout, then updated.

Strength, language, crux-tint, emphasis and folding changes walk the existing
items and change their state or position; nothing is rebuilt, so a credence
drag costs one repaint. A node is drawn when the filters let it through and the
layout shows it (an anchor, or a claim of an unfolded anchor).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF
from PySide6.QtWidgets import QGraphicsScene

from debate_explorer.core.graph.folding import fold_groups, speakers_behind
from debate_explorer.core.graph.layout import Layout
from debate_explorer.core.graph.model import ArgumentGraph
from debate_explorer.ui.map.edge_item import EdgeItem
from debate_explorer.ui.map.filtering import Emphasis
from debate_explorer.ui.map.node_item import NodeItem
from debate_explorer.ui.map.palette import (
    DIM_NO_MATCH,
    DIM_UNRELATED,
    EDGE_DIMMED,
    EDGE_OPACITY,
    MATCH_BESIDE_SELECTION,
    SCENE_BACKGROUND,
    theme_colour,
)
from debate_explorer.ui.map.region_item import RegionItem

MARGIN = 300.0  # least room to pan past the map's edges


class MapScene(QGraphicsScene):
    """Regions, edges and nodes of one graph; ``nodes`` maps id -> :class:`NodeItem`."""

    def __init__(self, graph: ArgumentGraph, layout: Layout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.graph = graph
        self.layout = layout
        self.setBackgroundBrush(SCENE_BACKGROUND)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        colours = {t.id: theme_colour(i) for i, t in enumerate(graph.themes)}
        titles = {t.id: (t.title_en, t.title_zh or t.title_en) for t in graph.themes}
        groups = fold_groups(graph)
        self.regions: dict[str, RegionItem] = {}
        for region in layout.regions:
            region_item = RegionItem(region, colours[region.theme])
            self.regions[region.theme] = region_item
            self.addItem(region_item)
        self.nodes: dict[str, NodeItem] = {}
        for nid, node in graph.nodes.items():
            speakers = tuple(speakers_behind(graph, nid)) if node.kind == "position" else ()
            node_item = NodeItem(
                node,
                layout.positions[nid],
                layout.sizes[nid],
                colours[node.theme],
                titles[node.theme],
                leaves=len(groups.leaves.get(nid, ())),
                speakers=speakers,
            )
            self.nodes[nid] = node_item
            self.addItem(node_item)
        self.edges: list[EdgeItem] = []
        for edge in graph.edges:
            edge_item = EdgeItem(edge, self.nodes[edge.source].box, self.nodes[edge.target].box)
            self.edges.append(edge_item)
            self.addItem(edge_item)
        self._emphasis = Emphasis()
        self.map_rect = QRectF()
        self.apply_layout(layout)

    def apply_layout(self, layout: Layout) -> None:
        """Move nodes, edges and regions to ``layout`` (a new folding); nothing is rebuilt."""
        self.layout = layout
        for region in layout.regions:
            self.regions[region.theme].set_rect(region)
        for nid, item in self.nodes.items():
            item.setPos(*layout.positions[nid])
            item.set_folded(nid not in layout.unfolded)
        for edge in self.edges:
            edge.set_ends(self.nodes[edge.source].box, self.nodes[edge.target].box)
        self.map_rect = QRectF()
        for region_item in self.regions.values():
            self.map_rect = self.map_rect.united(region_item.rect)
        # generous room around the map, so fitting and centring are never clamped by the scene's edge
        margin = max(MARGIN, self.map_rect.width(), self.map_rect.height())
        self.setSceneRect(self.map_rect.adjusted(-margin, -margin, margin, margin))
        self.apply(self._emphasis)

    # -- state updates --------------------------------------------------------------
    def set_strengths(self, strengths: dict[str, float]) -> None:
        for nid, item in self.nodes.items():
            item.set_strength(strengths.get(nid, 0.0))

    def set_language(self, language: str) -> None:
        for item in self.nodes.values():
            item.set_language(language)
        for region in self.regions.values():
            region.set_language(language)

    def set_highlight(self, scores: dict[str, float] | None) -> None:
        scores = scores or {}
        for nid, item in self.nodes.items():
            item.set_highlight(scores.get(nid))

    def apply(self, e: Emphasis) -> None:
        """Show, hide and dim items for the filters, the search and the selection."""
        self._emphasis = e
        lit = e.near | {e.focus} if e.focus else frozenset()
        for nid, item in self.nodes.items():
            passes = e.visible is None or nid in e.visible or nid == e.focus
            item.setVisible(passes and self.layout.is_shown(nid))
            item.set_focused(nid == e.focus)
            item.setOpacity(_node_opacity(nid, e, lit))
        for region in self.regions.values():
            region.setVisible(e.themes is None or region.theme in e.themes)
        for edge in self.edges:
            ends = (self.nodes[edge.source], self.nodes[edge.target])
            edge.setVisible(all(n.isVisible() for n in ends))
            touches = e.focus in (edge.source, edge.target)
            edge.setZValue(5 if touches else 0)
            if e.focus:
                edge.setOpacity(1.0 if touches else EDGE_DIMMED)
            elif e.matches is not None:
                both = edge.source in e.matches and edge.target in e.matches
                edge.setOpacity(EDGE_OPACITY if both else EDGE_DIMMED)
            else:
                edge.setOpacity(EDGE_OPACITY)

    # -- queries ----------------------------------------------------------------------
    def bounds_of(self, ids) -> QRectF:
        """The rectangle around the boxes of ``ids`` (the whole map if empty); a folded node counts as its anchor."""
        rect = QRectF()
        for nid in ids:
            shown = nid if self.layout.is_shown(nid) else self.layout.anchor_of[nid]
            rect = rect.united(self.nodes[shown].box)
        return rect if rect.isValid() else QRectF(self.map_rect)

    def centre_of(self, node_id: str) -> QPointF:
        return self.nodes[node_id].box.center()


def _node_opacity(nid: str, e: Emphasis, lit: frozenset[str]) -> float:
    """Full for the selection and its neighbours; search hits stay half-lit beside a selection."""
    if nid in lit:
        return 1.0
    if e.matches is not None:
        if nid not in e.matches:
            return DIM_NO_MATCH
        return MATCH_BESIDE_SELECTION if e.focus else 1.0
    return DIM_UNRELATED if e.focus else 1.0
