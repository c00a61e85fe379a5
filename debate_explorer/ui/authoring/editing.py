"""Map authoring in the app: the actions behind File ▸ Add Source…, New claim, edges and links.

Each action collects values in a dialog and hands them to the core as one overlay
edit (``core.editing.session.MapSession.edit``). The core checks the edit before it
enters the history; on an error the dialog's message box says what is wrong and
the map stays as it was. The session then gives the merged map to the scenario,
so the engine reruns and the map, the inspector and the plots redraw.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from debate_explorer.core.editing.session import MapSession
from debate_explorer.core.engine.kinds import get_kind, kind_names
from debate_explorer.core.errors import InputError
from debate_explorer.core.graph import overlay_edit
from debate_explorer.core.graph.overlay import MergedMap
from debate_explorer.core.graph.sources_store import Source, all_sources, new_source, read_source_file
from debate_explorer.ui.authoring.dialogs import ClaimDialog, EdgeDialog, LinkDialog, SourceDialog, slug

OVERLAY_FILTER = "Map overlay (*.toml);;All files (*)"
ARGDOWN_FILTER = "Argdown (*.argdown *.ad);;All files (*)"


class MapEditing(QObject):
    """The window's map-authoring actions; ``changed`` after every edit, undo, open or save."""

    changed = Signal(object)  # MergedMap

    def __init__(self, window: QWidget, session: MapSession) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        session.map_changed.connect(self.changed.emit)

    # -- helpers ---------------------------------------------------------------------------
    @property
    def graph(self):
        return self.session.merged.graph

    def sources(self) -> dict[str, Source]:
        return all_sources(self.session.overlay.overlay.sources)

    def _try(self, title: str, label: str, edit, **kwargs) -> MergedMap | None:
        try:
            merged = self.session.edit(label, edit, **kwargs)
        except InputError as exc:
            QMessageBox.critical(self.window, title, exc.message)
            return None
        self._status(f"{label} — {self._where()}")
        return merged

    def _status(self, text: str) -> None:
        bar = getattr(self.window, "statusBar", None)
        if bar is not None:
            bar().showMessage(text, 6000)

    def _where(self) -> str:
        path = self.session.overlay.path
        return f"map overlay {path.name}" if path else "unsaved map overlay (autosaved)"

    def _ask(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    # -- sources and claims ------------------------------------------------------------------
    def add_source(self) -> str | None:
        """File ▸ Add Source…: a text file or pasted text becomes a source of the user's map."""
        dialog = SourceDialog(self.window)
        while self._ask(dialog):
            v: dict[str, Any] = dialog.values()
            try:
                text = read_source_file(v["file"]) if v["file"] else str(v["text"])
                taken = set(self.sources())
                source = new_source(
                    slug(str(v["title"]), taken, prefix=""), title=str(v["title"]), text=text,
                    speakers=v["speakers"], date=v["date"], url=v["url"],
                )  # fmt: skip
            except InputError as exc:
                QMessageBox.critical(self.window, "Cannot add the source", exc.message)
                continue
            if self._try("Cannot add the source", f"Add source {source.title}", overlay_edit.add_source, source=source):
                return source.id
        return None

    def new_claim(self, source_id: str, quote: str) -> str | None:
        """A claim quoting ``quote`` from ``source_id``; optionally supporting or attacking another node."""
        src = self.sources().get(source_id)
        dialog = ClaimDialog(self.graph, quote, src.speakers if src else (), src.date if src else None, self.window)
        while self._ask(dialog):
            v: dict[str, Any] = dialog.values()
            edge = v.pop("edge")
            if not self._claim(source_id, quote, v):
                continue
            if edge["target"] is not None and not self._edge(str(v["node_id"]), edge):
                self.session.undo()  # the claim without its edge was not what was asked for
                continue
            return str(v["node_id"])
        return None

    def _claim(self, source_id: str, quote: str, v: dict) -> bool:
        kwargs = {k: val for k, val in v.items() if val is not None}
        return bool(
            self._try("Cannot make the claim", "New claim", overlay_edit.add_claim_from_quote,
                      source_id=source_id, quote=quote, **kwargs)
        )  # fmt: skip

    def _edge(self, source: str, e: dict) -> bool:
        return bool(
            self._try("Cannot add the edge", f"Add edge {source} {e['type']} {e['target']}", overlay_edit.add_edge,
                      source=source, target=e["target"], type=e["type"], reason=e["reason"], scheme=e["scheme"],
                      weight=e["weight"])
        )  # fmt: skip

    # -- edges -------------------------------------------------------------------------------
    def add_edge(self, source: str) -> None:
        dialog = EdgeDialog(self.graph, source, parent=self.window)
        while self._ask(dialog):
            if self._edge(source, dialog.values()):
                return

    def edit_edge(self, edge) -> None:
        dialog = EdgeDialog(self.graph, edge.source, edge, self.window)
        while self._ask(dialog):
            v = dialog.values()
            key = (edge.source, edge.target, edge.type)
            new_type = v["type"] if v["type"] != edge.type else None
            if self._try("Cannot change the edge", "Edit edge", overlay_edit.edit_edge, key=key, new_type=new_type,
                         weight=v["weight"], reason=v["reason"], scheme=v["scheme"]):  # fmt: skip
                return

    def delete_edge(self, edge) -> None:
        self._try("Cannot delete the edge", "Delete edge", overlay_edit.remove_edge,
                  key=(edge.source, edge.target, edge.type))  # fmt: skip

    # -- links -------------------------------------------------------------------------------
    def assumptions(self) -> list[tuple[str, str, str]]:
        out = []
        for name in kind_names():
            kind = get_kind(name)
            if kind.uses_graph:
                out += [(name, a.name, a.label) for a in kind.assumptions]
        return out

    def edit_link(self, node: str, link=None) -> None:
        dialog = LinkDialog(self.assumptions(), link, self.window)
        while self._ask(dialog):
            v = dialog.values()
            dist: object = v["dist"]
            try:
                dist = float(str(dist))
            except ValueError:
                pass
            if self._try("Cannot link the claim", "Link claim", overlay_edit.set_link, graph=self.graph, node=node,
                         assumption=v["assumption"], model=v["model"], dist=dist, basis=v["basis"],
                         rationale=v["rationale"]):  # fmt: skip
                return

    def remove_link(self, link) -> None:
        self._try("Cannot remove the link", "Remove link", overlay_edit.remove_link,
                  key=(link.node, link.assumption, link.model))  # fmt: skip

    # -- files -------------------------------------------------------------------------------
    def save_overlay(self, path: Path | None = None) -> bool:
        target = path or self.session.overlay.path
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(self.window, "Save map overlay", "my_map.toml", OVERLAY_FILTER)
            if not chosen:
                return False
            target = Path(chosen if chosen.endswith(".toml") else chosen + ".toml")
        try:
            self.session.save_overlay(target)
        except (InputError, OSError) as exc:
            QMessageBox.critical(self.window, "Cannot save the map overlay", getattr(exc, "message", str(exc)))
            return False
        self._status(f"Map overlay saved to {target}")
        self.changed.emit(self.session.merged)
        return True

    def open_overlay(self, path: Path | None = None) -> bool:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self.window, "Open map overlay", "", OVERLAY_FILTER)
            if not chosen:
                return False
            path = Path(chosen)
        try:
            merged = self.session.open_overlay(path)
        except InputError as exc:
            QMessageBox.critical(self.window, "Cannot open the map overlay", exc.message)
            return False
        if merged.conflicts or merged.base_changed:
            QMessageBox.warning(self.window, "Map overlay opened with notes", "\n".join(merged.notes()))
        self._status(f"Map overlay {path.name} opened")
        return True

    def import_argdown(self, path: Path | None = None) -> bool:
        """File ▸ Import Argdown…: an Argdown file's statements and relations become the user's map."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self.window, "Import Argdown", "", ARGDOWN_FILTER)
            if not chosen:
                return False
            path = Path(chosen)
        # Loaded when first used, not at launch (~20 ms with its parser, lark).
        from debate_explorer.core.graph.argdown_import import import_argdown

        try:
            imported = import_argdown(path)
            self.session.edit(f"Import {path.name}", lambda _ov: imported)
        except InputError as exc:
            QMessageBox.critical(self.window, "Cannot import the Argdown file", exc.message)
            return False
        self._status(f"Imported {path.name} — {self._where()}")
        return True
