"""The app's view state is an evented model: each field tells its listeners when, and only when, it changes."""

from __future__ import annotations

import numpy as np

from debate_explorer.core.editing.app_state import AppState, Language, Pin


def test_fields_emit_once_per_real_change():
    state = AppState()
    seen = []
    state.events.selected.connect(lambda v: seen.append(("selected", v)))
    state.events.language.connect(lambda v: seen.append(("language", v)))
    state.selected = "hive_mind"
    state.selected = "hive_mind"  # unchanged: no event
    state.toggle_language()
    state.toggle_language()
    state.selected = None
    assert seen == [("selected", "hive_mind"), ("language", Language.ZH), ("language", Language.EN), ("selected", None)]


def test_a_pin_holding_arrays_is_compared_by_identity():
    state = AppState()
    seen = []
    state.events.pin.connect(seen.append)
    result = np.arange(3.0)
    first = Pin(result, "baseline")
    state.pin = first
    state.pin = first  # the same pin: no event, and no ambiguous array comparison
    state.pin = Pin(result, "baseline")  # pinned again: drawn again
    state.pin = None
    assert len(seen) == 3 and seen[0] is first and seen[2] is None
    assert seen[1] is not first and seen[1].result is result
