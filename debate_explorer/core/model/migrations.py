"""Scenario format versions and the migration from each to the next.

Each past version keeps a loader step here and a sample file in
``tests/core/model/data/``, so files written by any release keep opening.
Version 1 is the first format; ``MIGRATIONS[n]`` turns version ``n`` data into
version ``n + 1`` data when a version 2 exists.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from debate_explorer.core.errors import InputError

CURRENT_VERSION = 1
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def check_version(data: dict[str, Any], *, what: str, current: int,
                  file: str | Path | None = None) -> int:
    """The file's format_version, or an InputError saying why it cannot be read.

    Checked before anything else, so a newer file says so instead of failing on
    keys this release does not know. Shared by every versioned file format.
    """
    if "format_version" not in data or data["format_version"] is None:
        raise InputError(f"missing (every {what} states its format_version; this release writes {current})",
                         file=file, field="format_version")
    version = data["format_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise InputError(f"must be a whole number, got {version!r}; this release reads format_version = "
                         f"{current}", file=file, field="format_version")
    if version > current:
        raise InputError(f"found format_version {version}: written by a newer Debate Explorer; "
                         f"this one reads up to {current}", file=file, field="format_version")
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
