"""Errors a user can act on.

Every problem with a file or a setting becomes an :class:`InputError` that names
*where* (file and field path) and *why*, so the CLI can print one line and exit 2
and the GUI can show a dialog, both without a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path


def format_field(path: Iterable[object]) -> str:
    """Render a field path like ``assumptions.g_compute.ci[1]``.

    A key from a file may hold anything; one with control characters (a newline)
    is shown quoted and escaped, so the message stays on one line.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = str(part)
            out += ("." if out else "") + (text if text.isprintable() else json.dumps(text))
    return out


class InputError(ValueError):
    """A user-facing problem with an input: which file, which field, what is wrong."""

    def __init__(
        self,
        reason: str,
        *,
        file: str | Path | None = None,
        field: str | Sequence[object] | None = None,
    ) -> None:
        self.reason = reason
        self.file = str(file) if file is not None else None
        if field is not None and not isinstance(field, str):
            field = format_field(field)
        self.field = field or None
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.field:
            where.append(f"field '{self.field}'")
        prefix = ": ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason

    def with_file(self, file: str | Path) -> InputError:
        """The same error, now naming the file it came from."""
        return InputError(self.reason, file=file, field=self.field)

    def under(self, *prefix: object) -> InputError:
        """The same error with its field path nested under ``prefix``."""
        inner = self.field or ""
        head = format_field(prefix)
        if inner.startswith("["):
            field = head + inner
        else:
            field = f"{head}.{inner}" if inner else head
        return InputError(self.reason, file=self.file, field=field)


class CancelledError(RuntimeError):
    """A long computation was cancelled by a newer request or by the user."""
