"""Scenario format versions and the migration from each to the next.

Each past version keeps a loader step here and a sample file in
``tests/core/model/data/``, so files written by any release keep opening.
``MIGRATIONS[n]`` turns version ``n`` data into version ``n + 1`` data.

- Version 1 → 2: each model kind migrates its own tables (``ModelKind.migrate``;
  the default kind's speed-ups became gains, see its ``migrate`` module).
  Credences on map nodes that were merged or renamed move to the new node id;
  those on removed nodes are dropped, with a line in the scenario's notes.
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


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    notes: list[str] = []
    _kind_migrates(1, data, notes)
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


def _kind_migrates(from_version: int, data: dict[str, Any], notes: list[str]) -> None:
    """The scenario's model kind migrates its own tables (``ModelKind.migrate``); an unknown
    kind is left for the scenario's validation to name."""
    from debate_explorer.core.engine.kinds import DEFAULT_KIND, get_kind

    name = data.get("model", DEFAULT_KIND)
    if not isinstance(name, str):
        return  # the scenario's validation says what is wrong with it
    try:
        kind = get_kind(name)
    except InputError:
        return
    kind.migrate(from_version, data, notes)


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
