"""What the user is looking at, as an evented model: selection, language, pinned result, map tint.

The scenario (``ScenarioDocument``) is what the user edits and saves; this is the
rest of the app's state, which is neither saved in a scenario nor undoable. Each
field emits an event when it changes (``state.events.selected.connect(...)``),
napari-style: views bind to the fields and never talk to each other, and the
state can be driven from a test without Qt.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from psygnal import SignalGroupDescriptor


class Language(enum.StrEnum):
    """Which language titles and quotes are shown in."""

    EN = "en"
    ZH = "zh"


@dataclass(frozen=True, eq=False)  # compared by identity: a result holds arrays
class Pin:
    """A result drawn dashed beside the current one, with the name it is shown under."""

    result: Any  # RunResult
    label: str = ""
    scenario: Any = None  # the Scenario it was computed from, when known


@dataclass
class AppState:
    # What ``@psygnal.evented`` sets up, written out so type checkers see ``events``
    # (psygnal's recommended spelling); ClassVar keeps it out of the dataclass fields.
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor()

    selected: str | None = None  # node id
    language: Language = Language.EN
    pin: Pin | None = None
    highlight: Mapping[str, float] | None = None  # {node id: score} tint for the map, e.g. crux scores

    def toggle_language(self) -> None:
        self.language = Language.ZH if self.language is Language.EN else Language.EN
