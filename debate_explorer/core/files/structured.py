"""Parsing TOML and JSON text into plain data that is safe to validate.

The standard parsers accept things no project file needs and that break code
further on: nesting thousands of levels deep (a ``RecursionError`` in the parser
or in the validators), integers of thousands of digits (a ``ValueError`` from
Python's int-conversion limit, or an overflow later), numbers that overflow to
infinity (``1e400``, left to the schemas, which reject non-finite numbers at their
field), and duplicate keys in JSON (the last silently wins). Here
each becomes an :class:`InputError` naming the file, the field where it can be
known (else the line and column) and the reason, before any validator sees the
data.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from debate_explorer.core.errors import InputError, format_field

# Project files nest a handful of levels (a mixture inside a mixture inside a
# table is about ten); anything deeper is a mistake or an attack.
MAX_DEPTH = 48
# Integers are seeds, counts and years: 64 bits holds every meaningful one.
MAX_INT = 2**63
_INT_DIGITS = getattr(sys, "get_int_max_str_digits", lambda: 4300)() or 4300


class _HugeInt:
    """Stands in for a JSON integer too long to convert, so the walk can name its field."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


FieldNamer = Callable[[Any, tuple[Any, ...]], str]


def parse_text(
    text: str, *, json_format: bool, file: str | Path, name_field: FieldNamer | None = None
) -> dict[str, Any]:
    """Parse ``text`` as JSON or TOML and check the limits above; the top level must be a table.

    ``name_field(data, path)`` renders a field path (e.g. with a record's id); by default
    ``errors.format_field``.
    """
    try:
        data = _parse_json(text) if json_format else tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"is not valid TOML: {exc}", file=file) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}", file=file) from None
    except RecursionError:
        raise _too_deep(text, file) from None
    except _JsonProblem as exc:
        raise InputError(f"is not valid JSON: {exc}", file=file) from None
    except ValueError as exc:
        if "integer string conversion" in str(exc):
            raise _too_long_integer(text, file) from None
        raise InputError(f"cannot be read: {exc}", file=file) from None
    if not isinstance(data, dict):
        raise InputError("the top level must be a table (a JSON object)", file=file)
    check_tree(data, file=file, name_field=name_field)
    return data


class _JsonProblem(ValueError):
    pass


def _parse_json(text: str) -> Any:
    return json.loads(text, parse_constant=_constant, parse_int=_parse_int, object_pairs_hook=_no_duplicate_keys)


def _constant(name: str) -> float:
    # NaN and Infinity are kept as floats: the schemas reject them at their field, by record id.
    return float(name)


def _parse_int(digits: str) -> int | _HugeInt:
    n = len(digits.lstrip("-"))
    return _HugeInt(n) if n > _INT_DIGITS else int(digits)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _JsonProblem(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def check_tree(data: Any, *, file: str | Path | None = None, name_field: FieldNamer | None = None) -> None:
    """Walk the parsed data (without recursion) and reject what no project file holds."""

    def name(path: tuple[Any, ...]) -> str:
        return name_field(data, path) if name_field else format_field(path)

    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, (dict, list)):
            if len(path) > MAX_DEPTH:
                raise InputError(f"nested more than {MAX_DEPTH} levels deep", file=file, field=_short_path(path))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend((v, (*path, k)) for k, v in items)
        elif isinstance(value, _HugeInt):
            raise InputError(f"an integer of {value.digits:,} digits is far too large", file=file, field=name(path))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int) and not -MAX_INT <= value < MAX_INT:
            digits = int(value.bit_length() * 0.30103) + 1
            raise InputError(
                f"an integer of about {digits:,} digits is too large (at most 2^63)", file=file, field=name(path)
            )


def _short_path(path: tuple[Any, ...]) -> str:
    """A field path that may be hundreds of levels deep, shortened for one line."""
    if len(path) <= 8:
        return format_field(path)
    return f"{format_field(path[:4])}…({len(path) - 6} more levels)…{format_field(path[-2:])}"


# --- locating what the parser choked on ---------------------------------------------------------

_STRINGS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'')
_TOML_KEY = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")
_TOML_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _too_deep(text: str, file: str | Path) -> InputError:
    masked = _STRINGS.sub(lambda m: " " * len(m.group()), text)
    depth = deepest = offset = 0
    for i, ch in enumerate(masked):
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest, offset = depth, i
        elif ch in "]}":
            depth -= 1
    return _located(text, offset, file, f"nested too deeply ({deepest:,} levels; at most {MAX_DEPTH})")


def _too_long_integer(text: str, file: str | Path) -> InputError:
    masked = _STRINGS.sub(lambda m: " " * len(m.group()), text)
    match = re.search(f"[0-9a-fA-FxXoObB_]{{{_INT_DIGITS + 1},}}", masked)
    offset = match.start() if match else 0
    digits = len(match.group()) if match else _INT_DIGITS + 1
    return _located(text, offset, file, f"an integer of about {digits:,} digits is far too large")


def _located(text: str, offset: int, file: str | Path, reason: str) -> InputError:
    """The error at the field written on the offending line if it can be told, else at line:column."""
    line_no = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    field = _field_on_line(text, start)
    where = f" (line {line_no}, column {offset - start + 1})"
    return InputError(reason + where, file=file, field=field)


def _field_on_line(text: str, start: int) -> str | None:
    line = text[start : text.find("\n", start) if "\n" in text[start:] else len(text)]
    json_key = re.match(r'^\s*"([^"\\]{1,200})"\s*:', line)
    if json_key:
        return json_key.group(1)
    key = _TOML_KEY.match(line)
    if not key:
        return None
    header = None
    for previous in reversed(text[:start].splitlines()):
        found = _TOML_HEADER.match(previous)
        if found:
            header = found.group(1)
            break
    name = key.group(1).strip().replace('"', "").replace("'", "")
    return f"{header}.{name}" if header else name
