"""Turning pydantic's validation errors into one readable InputError."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from debate_explorer.core.errors import InputError

# Discriminated unions put the chosen tag into the error location; people do
# not write it, so it is dropped from the field path.
_UNION_TAGS = {"point", "normal", "lognormal", "uniform", "loguniform", "beta", "discrete", "mixture"}

_FRIENDLY = {
    "Extra inputs are not permitted": "unknown key (check the spelling)",
    "Field required": "missing (this field is required)",
    "Input should be a finite number": "must be a finite number (not NaN or infinity)",
}


def input_error(exc: ValidationError, *, file: str | Path | None = None, prefix: Sequence[object] = ()) -> InputError:
    """The first problem in ``exc`` as an InputError at its field path."""
    err = exc.errors(include_url=False)[0]
    loc = [p for p in err["loc"] if not (isinstance(p, str) and p in _UNION_TAGS)]
    loc = [p for p in loc if not (isinstance(p, str) and p.startswith("function-"))]
    msg = err["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    msg = _FRIENDLY.get(msg, msg)
    if err["type"] in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        msg = f"{msg}, got {err.get('input')!r}"
    more = len(exc.errors()) - 1
    if more:
        msg += f" (and {more} more problem{'s' if more > 1 else ''})"
    return InputError(msg, file=file, field=list(prefix) + loc)
