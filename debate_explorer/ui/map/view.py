"""The argument map panel: the debate as boxes and arrows, live with claim strengths.

``MapView`` talks only to the :class:`AppContext`: it reads the graph and the
strengths, calls ``ctx.select`` / ``ctx.set_language``, and redraws when the
context says strengths, selection, language or the crux tint changed. Items are
built once (see :mod:`debate_explorer.ui.map.scene`) and only updated after that,
because strengths change many times a second while a credence slider moves.

Keys on the map: wheel / + / - zoom, drag pans, F fits, Esc clears the selection,
Space or Enter opens or closes the selected position's claims,
Ctrl+F searches (the main window can also call :meth:`MapView.focus_search`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from debate_explorer.core.graph.coverage import graph_drives
from debate_explorer.core.graph.folding import fold_groups
from debate_explorer.core.graph.layout import compute_layout
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.map import keyboard
from debate_explorer.ui.map.canvas import KEY_STEP, MapCanvas
from debate_explorer.ui.map.export import render_scene
from debate_explorer.ui.map.filtering import Emphasis, MapFilter
from debate_explorer.ui.map.fold import FoldState
from debate_explorer.ui.map.legend import LegendStrip
from debate_explorer.ui.map.node_item import NodeItem
from debate_explorer.ui.map.node_text import ANCHOR_MAX_PX, READ_PX
from debate_explorer.ui.map.results import SearchResults
from debate_explorer.ui.map.scene import MapScene
from debate_explorer.ui.map.toolbar import MapToolbar

READABLE_ZOOM = 0.8  # choosing a search result zooms in at least this far
OVERVIEW_FLOOR = READ_PX / ANCHOR_MAX_PX  # fitting the whole map never zooms out past readable titles


class MapView(QWidget):
    """The map panel: toolbar, an optional search-results list and the zoomable map."""

    credenceRequested = Signal()  # Space on the map: the window puts the keyboard on the credence

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        if ctx.graph is None:
            raise ValueError("the map needs a document with an argument graph")
        self.graph = ctx.graph
        self._filter = MapFilter()
        self._matches: list[str] | None = None
        self._groups = fold_groups(self.graph)
        self._fold = FoldState(anchors=frozenset(a for a, leaves in self._groups.leaves.items() if leaves))
        self.scene = MapScene(self.graph, compute_layout(self.graph), self)
        self.view = MapCanvas(self.scene)
        self.toolbar = MapToolbar(self.graph, ctx.language)
        self.results = SearchResults()
        self.results.hide()
        self.legend = LegendStrip()
        self.notice = QLabel()
        self.notice.setObjectName("mapNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(
            "QLabel#mapNotice { background: #fff4d6; border-bottom: 1px solid #e0c98a; padding: 5px 8px; }"
        )
        self.notice.hide()
        self._build_layout()
        self._connect()
        self._dress(self.scene)
        self._update_notice()
        self.view.fit_rect(self.scene.map_rect, keep_auto=True, floor=OVERVIEW_FLOOR)

    def _build_layout(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.results)
        canvas = QWidget()
        below = QVBoxLayout(canvas)
        below.setContentsMargins(0, 0, 0, 0)
        below.setSpacing(0)
        below.addWidget(self.view, 1)
        below.addWidget(self.legend)
        self.splitter.addWidget(canvas)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([280, 1000])
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.toolbar)
        column.addWidget(self.notice)
        column.addWidget(self.splitter, 1)

    def _connect(self) -> None:
        ctx, bar = self.ctx, self.toolbar
        ctx.strengthsChanged.connect(self._on_strengths)
        ctx.selectionChanged.connect(self._on_selection)
        ctx.languageChanged.connect(self._on_language)
        ctx.highlightChanged.connect(lambda scores: self.scene.set_highlight(scores))
        ctx.graphChanged.connect(self.set_graph)
        ctx.scenarioChanged.connect(lambda _flags: self._update_notice())
        self.view.nodeClicked.connect(self._node_clicked)
        self.view.zoomed.connect(lambda zoom: self._set_fold(self._fold.after_zoom(zoom)))
        self.view.fitRequested.connect(self.fit)
        self.view.escapePressed.connect(lambda: ctx.select(None))
        self.view.toggleRequested.connect(self._toggle_selected)
        self.view.navigateRequested.connect(self.navigate)
        self.view.credenceRequested.connect(self.credenceRequested)
        bar.searchChanged.connect(self.set_search)
        bar.searchAccepted.connect(self.results.focus_first)
        bar.themesChanged.connect(self._on_themes)
        bar.speakerChanged.connect(self._on_speaker)
        bar.languageRequested.connect(ctx.set_language)
        bar.zoomInRequested.connect(lambda: self.view.zoom_by(KEY_STEP))
        bar.zoomOutRequested.connect(lambda: self.view.zoom_by(1 / KEY_STEP))
        bar.fitRequested.connect(self.fit)
        bar.legendToggled.connect(self.legend.setVisible)
        self.results.chosen.connect(ctx.select)
        self.results.activated.connect(self._result_activated)

    # -- public API -------------------------------------------------------------------
    def fit(self) -> None:
        """Fit the search results in view if searching, else the filtered nodes, else the whole map.

        Fitting returns to the overview: blocks opened by clicks or zoom fold again
        (except the one holding the selection, which stays in sight).
        """
        state = self._fold.overview()
        if self.ctx.selected in self._groups.anchor_of:
            anchor = self._groups.anchor_of[self.ctx.selected]
            state = state.opened(anchor) if anchor != self.ctx.selected and anchor in state.anchors else state
        self._set_fold(state)
        if self._matches:
            self.view.fit_rect(self.scene.bounds_of(self._matches))
            return
        visible = self._filter.visible(self.graph)
        if visible:
            rect = self.scene.bounds_of(visible)
            if self._filter.speaker is None:  # whole themes are shown: fit their regions too
                for theme in self._filter.themes or ():
                    rect = rect.united(self.scene.regions[theme].rect)
            self.view.fit_rect(rect)
        else:
            self.view.fit_rect(self.scene.map_rect, keep_auto=True, floor=OVERVIEW_FLOOR)

    def focus_node(self, node_id: str) -> None:
        """Zoom to a node and its neighbours (its block opened), close enough to read them."""
        self.unfold(self._groups.anchor_of[node_id])
        near = [node_id, *self.graph.neighbours(node_id)]
        self.view.fit_rect(self.scene.bounds_of(near))

    def show_nodes(self, ids, *, right: float = 0.0) -> None:
        """Bring ``ids`` into view together, opening the blocks of any folded claims among them."""
        ids = [i for i in ids if i in self.scene.nodes]
        for nid in ids:
            if not self.scene.layout.is_shown(nid):
                self.unfold(self._groups.anchor_of[nid])
        if not ids:
            return
        self.view.fit_rect(self.scene.bounds_of(ids), right=right, floor=OVERVIEW_FLOOR)
        shown = self.view.mapToScene(self.view.viewport().rect().adjusted(0, 0, -int(right), 0)).boundingRect()
        if not shown.contains(self.scene.bounds_of(ids)):  # too far apart to read together: centre the first
            self.view.centerOn(self.scene.centre_of(ids[0]) + QPointF(right / 2 / self.view.zoom, 0))

    def unfold(self, anchor: str) -> None:
        """Open the block of ``anchor`` (a position or question) so its claims show."""
        if anchor in self._fold.anchors:
            self._set_fold(self._fold.opened(anchor), focal=anchor)

    def is_folded(self, anchor: str) -> bool:
        """True if ``anchor`` has claims folded under it that are not shown."""
        return anchor in self._fold.anchors and anchor not in self._fold.unfolded()

    def shown_nodes(self) -> list[str]:
        """Ids of the nodes drawn now (not folded away, not filtered out)."""
        return [nid for nid, item in self.scene.nodes.items() if item.isVisible()]

    def node_item(self, node_id: str) -> NodeItem:
        """The graphics item of a node (it has ``node_id``, ``strength``, ``text``, ``box``)."""
        return self.scene.nodes[node_id]

    def scene_pos_of(self, node_id: str) -> QPointF:
        """The centre of a node's box in scene coordinates."""
        return self.scene.centre_of(node_id)

    def render_to_image(self, path: str | Path, scale: float = 1.0) -> Path:
        """Export the map as a document: SVG if ``path`` ends in .svg, else PNG (or another image type).

        A file cannot be zoomed or clicked open, so it holds every claim: the export is
        drawn from a scene with every block open, whatever the view has folded. Filters,
        search dimming, the selection, language and crux tint are kept as shown; the view
        itself (its folding, zoom and scroll) is left alone.
        """
        scene = MapScene(self.graph, compute_layout(self.graph, self._fold.anchors))
        self._dress(scene)
        return render_scene(scene, path, scale)

    def navigate(self, direction: str) -> None:
        """Select the next node in reading order (``next``/``previous``) or the nearest in a direction."""
        shown = {nid: self.scene.centre_of(nid) for nid, item in self.scene.nodes.items() if item.isVisible()}
        if direction in ("next", "previous"):
            rank = {t.id: i for i, t in enumerate(self.graph.themes)}
            order = keyboard.reading_order(shown, {n: rank.get(self.graph.node(n).theme, 0) for n in shown})
            target = keyboard.step(order, self.ctx.selected, direction == "next")
        else:
            target = keyboard.nearest(shown, self.ctx.selected, direction)
        if target is not None:
            self.ctx.select(target)

    def set_graph(self, graph) -> None:
        """Draw another map (the user's overlay was edited): blocks the user opened stay open,
        the view stays where it was, and the selection is kept if its node still exists."""
        if graph is None or graph is self.graph:
            return
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        self.graph = graph
        self._groups = fold_groups(graph)
        anchors = frozenset(a for a, leaves in self._groups.leaves.items() if leaves)
        self._fold = replace(
            self._fold, anchors=anchors, clicked=self._fold.clicked & anchors, required=self._fold.required & anchors
        )
        old, self.scene = self.scene, MapScene(graph, compute_layout(graph, self._fold.unfolded()), self)
        self.view.setScene(self.scene)
        old.deleteLater()
        if self._matches is not None:
            self._matches = self._filter.matches(graph)
        self.toolbar.set_speakers(graph.speakers())
        if self._filter.speaker is not None and self._filter.speaker not in graph.speakers():
            self._on_speaker(None)  # that speaker's last node was removed
        self._dress(self.scene)
        self._update_notice()
        self.view.centerOn(centre)

    def focus_search(self) -> None:
        self.toolbar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.toolbar.search.selectAll()

    def set_search(self, text: str) -> None:
        """Dim nodes that do not match ``text`` and list those that do."""
        if self.toolbar.search.text() != text:
            self.toolbar.search.setText(text)  # re-enters through searchChanged
            return
        self._filter = self._filter.with_(text=text)
        self._refresh_matches()
        self._apply()

    def set_theme_filter(self, themes: set[str] | frozenset[str] | None) -> None:
        """Show only ``themes`` (None: all)."""
        self.toolbar.set_themes(None if themes is None else frozenset(themes))
        self._on_themes(self.toolbar.selected_themes())

    def set_speaker_filter(self, speaker: str | None) -> None:
        """Show only ``speaker``'s nodes (None: everyone)."""
        self.toolbar.set_speaker(speaker)  # re-enters through speakerChanged if it changed
        self._on_speaker(speaker)

    def search_results(self) -> list[str]:
        """Ids currently listed as search results (empty without a search)."""
        return list(self._matches or [])

    # -- reactions ----------------------------------------------------------------------
    def _update_notice(self) -> None:
        """Say so when the scenario's model ignores the map (credences would change nothing)."""
        scenario = self.ctx.document.scenario
        drives = graph_drives(self.graph, scenario.model)
        if not drives:
            self.notice.setText(
                f"<b>{scenario.kind.title}</b> does not use the argument map: credences set here "
                "do not change its results. Open a debate preset (Presets menu) to see the map "
                "drive the outcomes."
            )
        self.notice.setVisible(not drives)

    def _on_strengths(self) -> None:
        self.scene.set_strengths(self.ctx.strengths)

    def _node_clicked(self, node_id: str | None) -> None:
        """Select; a click on a folded position (or on its badge) opens or closes its claims."""
        self.ctx.select(node_id)
        if node_id in self._fold.anchors:
            item = self.scene.nodes[node_id]
            if item.folded or item.badge_hit(self.view.last_click):
                self.view.hold()
                self._set_fold(self._fold.toggled(node_id), focal=node_id)

    def _toggle_selected(self) -> None:
        """The keyboard's click on a position: open or close its claims."""
        if self.ctx.selected in self._fold.anchors:
            self.view.hold()
            self._set_fold(self._fold.toggled(self.ctx.selected), focal=self.ctx.selected)

    def _set_fold(self, state: FoldState, focal: str | None = None) -> None:
        """Apply a new folding, keeping ``focal`` (or the node nearest the centre) where it was on screen."""
        before = self._fold.unfolded()
        self._fold = state
        if state.unfolded() == before:
            return
        focal = focal or self._focal_node()
        spot = self.view.mapFromScene(self.scene.centre_of(focal)) if focal else None
        self.scene.apply_layout(compute_layout(self.graph, state.unfolded()))
        if focal and spot is not None:
            offset = QPointF(spot - self.view.viewport().rect().center()) / self.view.zoom
            self.view.centerOn(self.scene.centre_of(focal) - offset)

    def _focal_node(self) -> str | None:
        """The selection if drawn, else the drawn anchor nearest the middle of the view."""
        if self.ctx.selected in self.scene.nodes and self.scene.nodes[self.ctx.selected].isVisible():
            return self.ctx.selected
        middle = self.view.mapToScene(self.view.viewport().rect().center())
        shown = [a for a in self._groups.anchors if self.scene.nodes[a].isVisible()] or list(self._groups.anchors)

        def distance(a: str) -> float:
            d = self.scene.centre_of(a) - middle
            return d.x() ** 2 + d.y() ** 2

        return min(shown, key=distance) if shown else None

    def _on_selection(self, node_id: str | None) -> None:
        if node_id in self._groups.anchor_of and not self.scene.layout.is_shown(node_id):
            self.unfold(self._groups.anchor_of[node_id])
        self._apply()
        self.results.mark(node_id)
        if node_id in self.scene.nodes:
            self.view.reveal(self.scene.nodes[node_id].box)

    def _on_language(self, language: str) -> None:
        self.scene.set_language(language)
        self.toolbar.set_language(language)
        if self._matches is not None:
            self.results.show_results(self._matches, self.graph, language)
            self.results.mark(self.ctx.selected)

    def _on_themes(self, themes: frozenset[str] | None) -> None:
        if themes == self._filter.themes:
            return
        self._filter = self._filter.with_(themes=themes)
        self._refresh_matches()
        self._apply()

    def _on_speaker(self, speaker: str | None) -> None:
        if speaker == self._filter.speaker:
            return
        self._filter = self._filter.with_(speaker=speaker)
        # a speaker's claims sit in blocks: open the blocks they are in
        ids = self.graph.by_speaker(speaker) if speaker else []
        needed = frozenset(self._groups.anchor_of[i] for i in ids) & self._fold.anchors
        self._set_fold(replace(self._fold, required=needed))
        self._refresh_matches()
        self._apply()

    def _result_activated(self, node_id: str) -> None:
        self.ctx.select(node_id)
        self.view.focus_on(self.scene.nodes[node_id].box, READABLE_ZOOM)

    def _refresh_matches(self) -> None:
        self._matches = self._filter.matches(self.graph)
        if self._matches is None:
            self.results.hide()
            return
        self.results.show_results(self._matches, self.graph, self.ctx.language)
        self.results.mark(self.ctx.selected)
        self.results.show()

    def _apply(self) -> None:
        self.scene.apply(self._emphasis())

    def _emphasis(self) -> Emphasis:
        focus = self.ctx.selected if self.ctx.selected in self.scene.nodes else None
        return Emphasis(
            visible=self._filter.visible(self.graph),
            themes=self._filter.themes,
            matches=self._lit_matches(),
            focus=focus,
            near=frozenset(self.graph.neighbours(focus)) if focus else frozenset(),
        )

    def _dress(self, scene: MapScene) -> None:
        """Give ``scene`` the app's language, strengths, crux tint and the current emphasis."""
        scene.set_language(self.ctx.language)
        scene.set_strengths(self.ctx.strengths)
        scene.set_highlight(self.ctx.highlight)
        scene.apply(self._emphasis())

    def _lit_matches(self) -> frozenset[str] | None:
        """Search hits, plus the positions whose folded claims hold a hit (so the overview shows where they are)."""
        if self._matches is None:
            return None
        return frozenset(self._matches) | {self._groups.anchor_of[m] for m in self._matches}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Find):
            self.focus_search()
            event.accept()
            return
        super().keyPressEvent(event)
