"""Puts map authoring into the main window: docks, File menu entries, one undo history, file hooks.

Kept apart from the window and its menus so that authoring is one feature folder:
the window calls :func:`install_authoring` once, after its menus exist.

- Docks "Sources" (the source viewer) and "Edit map" (edges and links of the selection).
- File ▸ Add Source…, Import Argdown…, Open / Save / Save As map overlay.
- Edit ▸ Undo / Redo undo whichever came last, a scenario edit or a map edit.
- Saving a scenario first saves its map overlay (asking where, the first time) and
  records it in the scenario; opening a scenario that records one opens it first,
  and offers to locate it when it is missing or says when it changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QPushButton

from debate_explorer.core.editing.session import MapSession
from debate_explorer.core.graph.overlay_commands import OverlayDocument
from debate_explorer.ui.authoring.editing import OVERLAY_FILTER, MapEditing
from debate_explorer.ui.authoring.locate import overlay_to_open
from debate_explorer.ui.authoring.panel import MapEditPanel
from debate_explorer.ui.sources.viewer import SourceViewer


def install_authoring(w, overlay: OverlayDocument | None = None) -> MapEditing:
    """Give the window ``w`` its map-authoring feature (editing ``overlay``, or a new one); returns
    the actions object (``w.editing``)."""
    overlay = overlay or OverlayDocument()
    overlay.autosaver = w.files.autosaver
    session = MapSession(w.ctx.document, overlay)
    editing = MapEditing(w, session)
    w.session, w.editing = session, editing
    w.sources = SourceViewer()
    w.map_edit = MapEditPanel(w.ctx, editing)
    _docks(w)
    _menu(w, editing)
    _undo(w, session)
    w.files.before_open = lambda path: _open_recorded_overlay(w, path)
    w.files.before_save = lambda path: _save_overlay_first(w, path)
    w.files.before_restore = session.restore_overlay
    w.files.map_modified = lambda: session.has_map_edits and not session.overlay.is_clean
    w.sources.claimRequested.connect(lambda sid, quote: _claim(w, sid, quote))
    w.sources.addRequested.connect(lambda: _add_source(w))
    editing.changed.connect(lambda _m: w.sources.set_sources(editing.sources()))
    w.sources.set_sources(editing.sources())
    _inspector(w)
    return editing


def _inspector(w) -> None:
    """The Inspector redraws the selection when the map changes, and opens the edge/link editor."""
    button = QPushButton("Edit edges and links…")
    button.setToolTip("Add, retype, reweight or delete this node's edges; link it to model assumptions")
    button.clicked.connect(lambda: (w.docks["map_edit"].show(), w.docks["map_edit"].raise_()))
    layout = w.inspector.widget().layout()
    layout.insertWidget(layout.count() - 1, button)  # above the stretch at the end
    button.setVisible(w.ctx.selected is not None)
    w.ctx.selectionChanged.connect(lambda node: button.setVisible(node is not None))
    w.ctx.graphChanged.connect(lambda _g: w.inspector.show_node(w.ctx.selected))
    w.inspector_edit_button = button


def _docks(w) -> None:
    for key, title, widget in (("sources", "Sources", w.sources), ("map_edit", "Edit map", w.map_edit)):
        dock = QDockWidget(title, w)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(widget)
        w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        # Hidden until the window first shows and tabifies it (side by side it would widen the window).
        dock.setProperty("tabWith", "outcomes")
        dock.hide()
        w.docks[key] = dock


def _menu(w, editing: MapEditing) -> None:
    file_menu = next(a.menu() for a in w.menuBar().actions() if a.text().replace("&", "") == "File")
    anchor = next((a for a in file_menu.actions() if a.text().replace("&", "").startswith("Open Sweep")), None)
    entries = [
        ("Add &Source…", lambda: _add_source(w), "Ctrl+Shift+O"),
        ("&Import Argdown…", editing.import_argdown, None),
        ("Open &Map Overlay…", editing.open_overlay, None),
        ("Save Map &Overlay", lambda: editing.save_overlay(), None),
        ("Save Map Overlay As…", lambda: (p := _ask_overlay_path(w)) is not None and editing.save_overlay(p), None),
    ]
    w.authoring_actions = {}
    for text, slot, key in entries:
        action = QAction(text, w)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _c=False, s=slot: s())
        file_menu.insertAction(anchor, action)
        w.authoring_actions[text.replace("&", "")] = action
    file_menu.insertSeparator(anchor)


def _ask_overlay_path(w) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(w, "Save map overlay as", "my_map.toml", OVERLAY_FILTER)
    return Path(chosen if chosen.endswith(".toml") else chosen + ".toml") if chosen else None


def _undo(w, session: MapSession) -> None:
    acts = w.menu_actions
    for key, slot in (("undo", session.undo), ("redo", session.redo)):
        acts[key].triggered.disconnect()
        acts[key].triggered.connect(lambda _c=False, s=slot: s())

    def sync(*_args) -> None:
        for key, label, verb in (("undo", session.undo_label, "Undo"), ("redo", session.redo_label, "Redo")):
            acts[key].setEnabled(label is not None)
            acts[key].setText(f"&{verb} {label.replace('&', '&&')}" if label else f"&{verb}")

    w.ctx.scenarioChanged.connect(sync)
    session.map_changed.connect(sync)
    sync()


def _add_source(w) -> None:
    sid = w.editing.add_source()
    if sid is not None:
        w.sources.set_sources(w.editing.sources(), keep=sid)
        w.docks["sources"].show()
        w.docks["sources"].raise_()


def _claim(w, source_id: str, quote: str) -> None:
    node = w.editing.new_claim(source_id, quote)
    if node is not None:
        w.ctx.select(node)


def _open_recorded_overlay(w, path: Path) -> bool:
    """Before a scenario opens: open the overlay it records (or locate it); False cancels the open.
    A scenario without one keeps the map in use (the user's, if any)."""
    go, target = overlay_to_open(w, path)
    return go and (target is None or w.editing.open_overlay(target))


def _save_overlay_first(w, path: Path) -> bool:
    """Before a scenario is saved: save the map overlay (beside it, the first time) and record it."""
    session = w.session
    if not session.has_map_edits:
        w.ctx.document.record_overlay(None, path)
        return True
    # The first time, the overlay goes beside the scenario (File ▸ Save Map Overlay As… moves it).
    target = session.overlay.path or path.with_name(f"{path.stem}.map.toml")
    if not session.overlay.is_clean or session.overlay.path != target:
        if not w.editing.save_overlay(target):
            return False
    w.ctx.document.record_overlay(target, path)
    return True
