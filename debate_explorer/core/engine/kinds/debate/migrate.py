"""Scenario format 1 → 2 for this kind: speed-ups at a milestone became gains.

``p_sc`` and ``p_agi`` (speed-up − 1 at a milestone) became ``gain_to_sc`` and
``gain_to_agi`` (how many times the speed-up grows by it), so samples are
ordered by construction. Point values convert exactly; a distribution cannot,
and is dropped with a line in the scenario's notes saying so.
"""

from __future__ import annotations

from typing import Any

# Default speed-up today (p_now) when a file overrides p_sc or p_agi but not p_now:
# the median of the prior (AI 2027: 0.03-0.3 at 80%).
_P_NOW_DEFAULT = 0.095


def _point(value: Any) -> float | None:
    """The value of a point distribution written in any of its forms, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dict) and value.get("type") == "point" and isinstance(value.get("value"), int | float):
        return float(value["value"])
    return None


def _speedups_v1_to_v2(table: dict[str, Any], where: str, notes: list[str]) -> None:
    """p_sc, p_agi (speed-up − 1 at a milestone) → gain_to_sc, gain_to_agi (ratios)."""
    p_now = _point(table.get("p_now"))
    base = 1.0 + (_P_NOW_DEFAULT if p_now is None else p_now)
    p_sc = _point(table.get("p_sc"))
    for old, new, below in (
        ("p_sc", "gain_to_sc", base),
        ("p_agi", "gain_to_agi", None if p_sc is None else 1.0 + p_sc),
    ):
        if old not in table:
            continue
        value = _point(table.pop(old))
        if value is None or below is None:
            notes.append(
                f"[{where}] {old} was a distribution (or depended on one) and was dropped: version 2 "
                f"samples {new}, how many times the speed-up grows by the milestone; set it instead."
            )
            continue
        table[new] = max(1.0, (1.0 + value) / below)


def migrate(from_version: int, data: dict[str, Any], notes: list[str]) -> None:
    if from_version != 1:
        return
    for where in ("assumptions", "priors"):
        if isinstance(data.get(where), dict):
            _speedups_v1_to_v2(data[where], where, notes)
