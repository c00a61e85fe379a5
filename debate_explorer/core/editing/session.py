"""A scenario and the user's map overlay edited together, with one undo history.

The app edits two documents: the scenario (credences, assumptions) and the map
overlay (sources, claims, edges, links). Each keeps its own immutable values and
undo stack, but a person has one Edit ▸ Undo: :class:`MapSession` undoes whichever
edit came last (every command carries a global sequence number,
``core.commands.Command.seq``). A map edit hands the merged map to the scenario
document (``ScenarioDocument.set_graph``), which bumps its revision so the engine
reruns and every view redraws; undoing the map edit hands the earlier map back.

Qt-free: the GUI calls these methods and listens to ``ScenarioDocument.changed``
and :attr:`MapSession.map_changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from psygnal import Signal

from debate_explorer.core.editing.document import ScenarioDocument
from debate_explorer.core.graph.overlay import MergedMap, Overlay
from debate_explorer.core.graph.overlay_commands import OverlayDocument


class MapSession:
    """The open scenario and the open overlay; map edits flow into the scenario's graph."""

    map_changed = Signal(object)  # the MergedMap now in use

    def __init__(self, document: ScenarioDocument, overlay: OverlayDocument | None = None) -> None:
        self.document = document
        self.overlay = overlay or OverlayDocument()
        self.overlay.listeners.append(self._use)

    # -- the map ----------------------------------------------------------------
    @property
    def merged(self) -> MergedMap:
        return self.overlay.merged

    def edit(self, label: str, edit: Callable[..., Overlay], *args: Any, **kwargs: Any) -> MergedMap:
        """One undoable map edit (an InputError leaves both documents as they were)."""
        return self.overlay.apply(label, edit, *args, **kwargs)

    def open_overlay(self, path: str | Path) -> MergedMap:
        """Use the overlay at ``path`` (its errors leave the current map in place)."""
        doc = OverlayDocument.open(path, self.overlay.autosaver)
        self.document.set_graph(doc.merged.graph)  # raises if the scenario's credences name missing nodes
        self._replace(doc)
        return doc.merged

    def restore_overlay(self, slot: Path | None) -> MergedMap | None:
        """Take back the overlay a crashed instance autosaved in ``slot`` (as unsaved work), if any."""
        from debate_explorer.core.graph.overlay_commands import recover_overlay

        merged = recover_overlay(slot) if slot is not None else None
        if merged is None:
            return None
        doc = OverlayDocument(merged.overlay, None, self.overlay.autosaver)
        doc.undo_stack._clean = None  # noqa: SLF001 - restored work is unsaved
        self.document.set_graph(doc.merged.graph)
        self._replace(doc)
        return doc.merged

    def close_overlay(self) -> MergedMap:
        """Back to the bundled map alone (a new, empty overlay)."""
        doc = OverlayDocument(autosaver=self.overlay.autosaver)
        self.document.set_graph(doc.merged.graph)
        self._replace(doc)
        return doc.merged

    def _replace(self, doc: OverlayDocument) -> None:
        self.overlay.listeners.remove(self._use)
        self.overlay = doc
        doc.listeners.append(self._use)
        self.map_changed.emit(doc.merged)

    def save_overlay(self, path: str | Path | None = None) -> MergedMap:
        return self.overlay.save(path)

    @property
    def has_map_edits(self) -> bool:
        """Whether the overlay holds anything (an empty overlay needs no file)."""
        spec = self.overlay.overlay.spec
        return any(getattr(spec, s) for s in type(spec).model_fields if isinstance(getattr(spec, s), list))

    def _use(self, merged: MergedMap) -> None:
        self.document.set_graph(merged.graph)
        self.map_changed.emit(merged)

    # -- one history for both documents -------------------------------------------
    def _latest(self, redo: bool) -> str | None:
        tops = {
            "scenario": self.document.undo_stack.redo_top if redo else self.document.undo_stack.top,
            "map": self.overlay.undo_stack.redo_top if redo else self.overlay.undo_stack.top,
        }
        present = {k: c for k, c in tops.items() if c is not None}
        if not present:
            return None
        pick = min if redo else max  # redo re-applies the earliest undone edit first
        return pick(present, key=lambda k: present[k].seq)

    def undo(self) -> None:
        which = self._latest(redo=False)
        if which == "scenario":
            self.document.undo()
        elif which == "map":
            self.overlay.undo()

    def redo(self) -> None:
        which = self._latest(redo=True)
        if which == "scenario":
            self.document.redo()
        elif which == "map":
            self.overlay.redo()

    def _label(self, redo: bool) -> str | None:
        which = self._latest(redo)
        if which is None:
            return None
        stack = self.document.undo_stack if which == "scenario" else self.overlay.undo_stack
        return stack.redo_label if redo else stack.undo_label

    @property
    def undo_label(self) -> str | None:
        return self._label(redo=False)

    @property
    def redo_label(self) -> str | None:
        return self._label(redo=True)
