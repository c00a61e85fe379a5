"""Undo and redo for scenario edits, in the core so every front end shares them.

Scenarios are immutable values, so a command is simply the scenario before and
after an edit, with a label for the Edit menu. A continuous gesture (dragging a
slider) pushes many commands with the same ``merge_key``; they fold into one
undo step until the gesture is sealed (slider released) or another edit comes.
Results are derived data and never enter the stack. The stack is generic in
the value it holds: scenarios here, map overlays in ``core.graph.overlay_commands``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Generic, TypeVar

MAX_UNDO = 500
T = TypeVar("T")
# Every command gets the next number, across all stacks: when two documents (the
# scenario and the map overlay) share one Edit ▸ Undo, the higher number is the
# later edit (core.editing.session.MapSession).
_SEQUENCE = itertools.count(1)


@dataclass
class Command(Generic[T]):
    label: str
    before: T
    after: T
    merge_key: str | None = None
    sealed: bool = field(default=False, repr=False)
    seq: int = field(default_factory=lambda: next(_SEQUENCE), repr=False, compare=False)


class UndoStack(Generic[T]):
    """A linear history with a clean mark (the state last saved)."""

    def __init__(self) -> None:
        self._done: list[Command[T]] = []
        self._undone: list[Command[T]] = []
        self._clean: int | None = 0  # len(_done) when saved; None if unreachable

    def push(self, command: Command[T]) -> None:
        top = self._done[-1] if self._done else None
        if (
            command.merge_key is not None
            and top is not None
            and not top.sealed
            and top.merge_key == command.merge_key
            and not self._undone
        ):
            top.after = command.after
            top.seq = command.seq  # the gesture is now the latest edit
            if self._clean is not None and self._clean >= len(self._done):
                self._clean = None  # the saved state was folded away
        else:
            if top is not None:
                top.sealed = True
            if self._clean is not None and self._clean > len(self._done):
                self._clean = None  # the saved state was in the redo branch
            self._done.append(command)
            if len(self._done) > MAX_UNDO:
                self._done.pop(0)
                self._clean = None if self._clean in (None, 0) else self._clean - 1
        self._undone.clear()

    def seal(self) -> None:
        """End the current gesture: the next edit starts a new undo step."""
        if self._done:
            self._done[-1].sealed = True

    def undo(self) -> T | None:
        if not self._done:
            return None
        command = self._done.pop()
        command.sealed = True
        self._undone.append(command)
        return command.before

    def redo(self) -> T | None:
        if not self._undone:
            return None
        command = self._undone.pop()
        self._done.append(command)
        return command.after

    @property
    def redo_top(self) -> Command[T] | None:
        """The step a redo would re-apply."""
        return self._undone[-1] if self._undone else None

    @property
    def top(self) -> Command[T] | None:
        """The step an undo would revert (a drag keeps the same one while it merges)."""
        return self._done[-1] if self._done else None

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def set_clean(self) -> None:
        self.seal()  # a later drag must not fold into the saved state
        self._clean = len(self._done)

    @property
    def is_clean(self) -> bool:
        return self._clean == len(self._done)

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._clean = 0
