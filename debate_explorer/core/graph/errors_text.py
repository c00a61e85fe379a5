"""Turn pydantic's validation errors into one line a person can act on.

Users never see pydantic's multi-line dumps: each error becomes an
:class:`InputError` with a field path that names the record (``nodes[12] (id
'hive_mind').theme``) and a reason in plain words.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from debate_explorer.core.errors import InputError, format_field
from debate_explorer.core.graph.schema import DATE_PATTERN

# Which key names a record in each list, so a field path can say which one it is.
_RECORD_NAMES = {
    "themes": lambda r: _quoted("id", r.get("id")),
    "nodes": lambda r: _quoted("id", r.get("id")),
    "edges": lambda r: _edge_name(r),
    "informs": lambda r: _quoted("node", r.get("node")),
    # map overlays (overlay_schema.py)
    "sources": lambda r: _quoted("id", r.get("id")),
    "node_edits": lambda r: _quoted("id", r.get("id")),
    "edge_edits": lambda r: _edge_name(r),
    "informs_edits": lambda r: _quoted("node", r.get("node")),
}


def _quoted(key: str, value: Any) -> str | None:
    if isinstance(value, str) and value and len(value) <= 80:
        return f"{key} {value!r}"
    return None


def _edge_name(record: dict[Any, Any]) -> str | None:
    a, b = record.get("from"), record.get("to")
    if isinstance(a, str) and isinstance(b, str) and len(a) + len(b) <= 160:
        return f"from {a!r} to {b!r}"
    return None


def record_path(data: Any, section: str, index: int, rest: tuple[Any, ...] = ()) -> str:
    """``nodes[12] (id 'hive_mind').theme``: the index, the record's name if it has one, the field."""
    head = f"{section}[{index}]"
    records = data.get(section) if isinstance(data, dict) else None
    if isinstance(records, list) and 0 <= index < len(records) and isinstance(records[index], dict):
        name = _RECORD_NAMES.get(section, lambda r: None)(records[index])
        if name:
            head += f" ({name})"
    tail = format_field(rest)
    if not tail:
        return head
    return head + tail if tail.startswith("[") else f"{head}.{tail}"


def field_path(data: Any, loc: tuple[Any, ...]) -> str:
    """A readable field path for a pydantic error location within the whole file."""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        return record_path(data, loc[0], loc[1], tuple(loc[2:]))
    return format_field(loc)


def show(value: Any, limit: int = 60) -> str:
    """A short, safe rendering of a value from the file, with its type when that helps."""
    kind = {
        bool: "true/false",
        int: "a whole number",
        float: "a number",
        str: "text",
        list: "an array",
        dict: "a table",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)
    if isinstance(value, (list, dict)):
        return kind
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{text} ({kind})" if not isinstance(value, str) else text


def _reason(err: ErrorDetails, allowed: dict[tuple[Any, ...], tuple[str, ...]]) -> str:
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    loc = err["loc"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        keys = allowed.get(_shape(loc[:-1]))
        hint = f" (allowed keys: {', '.join(keys)})" if keys else ""
        return f"unknown key '{loc[-1]}'{hint}"
    if kind == "literal_error":
        return f"got {show(value)}; expected one of {ctx.get('expected', '')}"
    if kind == "finite_number":
        return "must be a finite number, not NaN or infinity"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"must be between 0 and 1, got {show(value)}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == DATE_PATTERN:
            return f"must be a date written YYYY or YYYY-MM, got {show(value)}"
        return f"must be a snake_case id (lower-case letters, digits and '_'), got {show(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (more than {ctx.get('max_length')} characters)"
    return _type_reason(kind, value) or f"{err['msg'].removeprefix('Value error, ')}"


def _type_reason(kind: str, value: Any) -> str | None:
    expected = {
        "string_type": "text",
        "float_type": "a number",
        "int_type": "a whole number",
        "list_type": "an array",
        "model_type": "a table",
        "dict_type": "a table",
        "model_attributes_type": "a table",
    }.get(kind)
    if expected is None:
        return None
    if kind == "float_type" and type(value) is int:
        return "expected a number, got a whole number too large to use"
    return f"expected {expected}, got {show(value)}"


def _shape(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A location with list indices replaced by 0, to look up allowed keys."""
    return tuple(0 if isinstance(p, int) else p for p in loc)


def from_validation_error(
    exc: ValidationError, data: Any, file: str, allowed: dict[tuple[Any, ...], tuple[str, ...]]
) -> InputError:
    """The first problem, as one readable line; the count of the others, if any."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    reason = _reason(first, allowed)
    if len(errors) > 1:
        more = len(errors) - 1
        reason += f" (and {more} more problem{'s' if more > 1 else ''})"
    return InputError(reason, file=file, field=field_path(data, tuple(first["loc"])))
