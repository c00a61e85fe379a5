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


def migrate(data: dict[str, Any], *, file: str | Path | None = None) -> dict[str, Any]:
    """Bring parsed scenario data up to :data:`CURRENT_VERSION`."""
    version = data.get("format_version")
    if version is None:
        raise InputError("missing (every scenario states its format_version; this release writes 1)",
                         file=file, field="format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise InputError(f"must be a whole number, got {version!r}", file=file, field="format_version")
    if version > CURRENT_VERSION:
        raise InputError(
            f"version {version} was written by a newer Debate Explorer; this one reads up to {CURRENT_VERSION}",
            file=file, field="format_version")
    if version < 1:
        raise InputError(f"unknown version {version}; versions start at 1", file=file, field="format_version")
    while version < CURRENT_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["format_version"] = version
    return data
