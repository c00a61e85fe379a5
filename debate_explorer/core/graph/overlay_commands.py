"""The open map overlay as a document: undoable edits on the core stack, autosave, save.

:class:`OverlayDocument` holds the current :class:`Overlay` and its
:class:`MergedMap`. ``apply(label, edit, ...)`` runs one of the pure edits of
:mod:`.overlay_edit`, merges and checks the result (ids, references, cycles,
verbatim quotes) *before* it enters the history — a bad edit raises InputError
and changes nothing — then pushes a :class:`core.commands.Command` and mirrors
the overlay to the autosave slot. Undo and redo swap whole overlay values (they
are immutable), as the scenario document does.

Autosave: the overlay and its new source files are written with
:func:`overlay.save_overlay` into ``<autosaver slot>/overlay/overlay.toml``, the
same slot as the scenario (``core.files.autosave.Autosaver``), so clearing the slot
clears both and a crashed instance's overlay is found beside its scenario by
:func:`recover_overlay`.

GUI use::

    doc = OverlayDocument.open(path)           # or OverlayDocument() for a new overlay
    doc.apply("New claim", overlay_edit.add_claim_from_quote, node_id=..., ...)
    doc.merged.graph                           # what the map view and the engine use
    doc.undo(); doc.redo(); doc.save(path)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from debate_explorer.core.editing.commands import Command, UndoStack
from debate_explorer.core.graph.overlay import MergedMap, Overlay, empty_overlay, load_overlay, save_overlay
from debate_explorer.core.graph.overlay_edit import checked

AUTOSAVE_NAME = Path("overlay") / "overlay.toml"


class _Slot(Protocol):  # core.files.autosave.Autosaver, or anything with a slot folder
    slot: Path


class OverlayDocument:
    """An overlay being edited, with its undo history and autosave."""

    def __init__(self, overlay: Overlay | None = None, path: Path | None = None, autosaver: _Slot | None = None):
        self._overlay = overlay or empty_overlay()
        self._merged = checked(self._overlay)
        self.path = path
        self.autosaver = autosaver
        self.undo_stack: UndoStack[Overlay] = UndoStack()
        self.listeners: list[Callable[[MergedMap], None]] = []

    @classmethod
    def open(cls, path: str | Path, autosaver: _Slot | None = None) -> OverlayDocument:
        merged = load_overlay(path)
        doc = cls(merged.overlay, Path(path), autosaver)
        doc._merged = merged
        return doc

    @property
    def overlay(self) -> Overlay:
        return self._overlay

    @property
    def merged(self) -> MergedMap:
        return self._merged

    def apply(self, label: str, edit: Callable[..., Overlay], *args: Any, **kwargs: Any) -> MergedMap:
        """Run ``edit(overlay, *args, **kwargs)``; check it; record it for undo; autosave."""
        new = edit(self._overlay, *args, **kwargs)
        merged = checked(new)  # raises before anything changes
        self.undo_stack.push(Command(label, self._overlay, new))
        self._set(new, merged)
        return merged

    def undo(self) -> bool:
        return self._restore(self.undo_stack.undo())

    def redo(self) -> bool:
        return self._restore(self.undo_stack.redo())

    def _restore(self, overlay: Overlay | None) -> bool:
        if overlay is None:
            return False
        self._set(overlay, checked(overlay))
        return True

    def _set(self, overlay: Overlay, merged: MergedMap) -> None:
        self._overlay, self._merged = overlay, merged
        self.autosave()
        for listener in self.listeners:
            listener(merged)

    def autosave(self) -> None:
        if self.autosaver is not None:
            save_overlay(self._overlay, self.autosaver.slot / AUTOSAVE_NAME)

    def save(self, path: str | Path | None = None) -> MergedMap:
        """Write the overlay (atomically, quotes re-checked) to ``path`` or where it came from."""
        target = Path(path) if path is not None else self.path
        if target is None:
            from debate_explorer.core.errors import InputError

            raise InputError("the overlay has no file yet; choose where to save it")
        self._merged = save_overlay(self._overlay, target)
        self.path = target
        self.undo_stack.set_clean()
        return self._merged

    @property
    def is_clean(self) -> bool:
        return self.undo_stack.is_clean


def recover_overlay(slot: Path) -> MergedMap | None:
    """The overlay an instance autosaved in ``slot`` (see ``core.files.autosave.Recovered.slot``), if any."""
    path = slot / AUTOSAVE_NAME
    return load_overlay(path) if path.is_file() else None
