"""Scenario format versions and the migration from each to the next.

Each past version keeps a loader step here and a sample file in
``tests/core/model/data/``, so files written by any release keep opening.
``MIGRATIONS[n]`` turns version ``n`` data into version ``n + 1`` data.

- Version 1 → 2 (the debate model, version 2): ``p_sc`` and ``p_agi`` (speed-ups
  at a milestone) became ``gain_to_sc`` and ``gain_to_agi`` (how many times the
  speed-up grows by it), so samples are ordered by construction. Point values
  convert exactly; a distribution cannot, and is dropped with a line in the
  scenario's notes saying so. Credences on map nodes that were merged or renamed
  move to the new node id; those on removed nodes are dropped, also noted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from debate_explorer.core.errors import InputError

CURRENT_VERSION = 2

# Map nodes of the version-1 graph that were merged into or renamed to another
# node (old id -> new id), and ones that were removed (old id -> None).
V1_NODE_IDS: dict[str, str | None] = {}

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


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    notes: list[str] = []
    if data.get("model", "debate") == "debate":
        for where in ("assumptions", "priors"):
            if isinstance(data.get(where), dict):
                _speedups_v1_to_v2(data[where], where, notes)
    graph = data.get("graph")
    credences = graph.get("credences") if isinstance(graph, dict) else None
    if isinstance(credences, dict):
        for old in [k for k in credences if k in V1_NODE_IDS]:
            value, new = credences.pop(old), V1_NODE_IDS[old]
            if new is None:
                notes.append(f"the map no longer has '{old}'; its credence ({value}) was dropped.")
            else:
                credences.setdefault(new, value)
    if notes:
        text = "Opened from format version 1: " + " ".join(notes)
        data["notes"] = (str(data.get("notes", "")) + "\n\n" + text).strip()
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def check_version(data: dict[str, Any], *, what: str, current: int, file: str | Path | None = None) -> int:
    """The file's format_version, or an InputError saying why it cannot be read.

    Checked before anything else, so a newer file says so instead of failing on
    keys this release does not know. Shared by every versioned file format.
    """
    if "format_version" not in data or data["format_version"] is None:
        raise InputError(
            f"missing (every {what} states its format_version; this release writes {current})",
            file=file,
            field="format_version",
        )
    version = data["format_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise InputError(
            f"must be a whole number, got {version!r}; this release reads format_version = {current}",
            file=file,
            field="format_version",
        )
    if version > current:
        raise InputError(
            f"found format_version {version}: written by a newer Debate Explorer; this one reads up to {current}",
            file=file,
            field="format_version",
        )
    if version < 1:
        raise InputError(f"unknown version {version}; versions start at 1", file=file, field="format_version")
    return version


def migrate(data: dict[str, Any], *, file: str | Path | None = None) -> dict[str, Any]:
    """Bring parsed scenario data up to :data:`CURRENT_VERSION`."""
    version = check_version(data, what="scenario", current=CURRENT_VERSION, file=file)
    while version < CURRENT_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["format_version"] = version
    return data
