"""Reading an argument-graph file (TOML or JSON) into an :class:`ArgumentGraph`.

Every problem — unreadable bytes, bad syntax, a wrong type, an unknown key, a
dangling edge, an unknown assumption — becomes one :class:`InputError` naming
the file, the field path (with the record's id when it has one) and the reason,
so the CLI can print one line and the GUI can show one dialog. Nothing in a file
is ever executed. The format is described in ``resources/debate/FORMAT.md``.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from debate_explorer.core.errors import InputError
from debate_explorer.core.fileio import read_text
from debate_explorer.core.graph import errors_text
from debate_explorer.core.graph.model import ArgumentGraph, Edge, InformsLink, Node, Theme
from debate_explorer.core.graph.schema import (
    FORMAT_VERSION,
    EdgeSpec,
    GraphFile,
    InformsSpec,
    NodeSpec,
    ThemeSpec,
)
from debate_explorer.core.graph.validate import check_graph
from debate_explorer.core.model.migrations import check_version
from debate_explorer.core.paths import resources_dir

KnownAssumptions = Mapping[str, Collection[str]]


def _keys(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(f.alias or name for name, f in model.model_fields.items())


# Allowed keys per record shape, for "unknown key" messages.
_ALLOWED = {
    (): _keys(GraphFile),
    ("themes", 0): _keys(ThemeSpec),
    ("nodes", 0): _keys(NodeSpec),
    ("edges", 0): _keys(EdgeSpec),
    ("informs", 0): _keys(InformsSpec),
}


def default_graph_path() -> Path:
    """The shipped AGI-debate map: ``resources/debate/agi_debate.toml``, installed or in the checkout."""
    return resources_dir() / "debate" / "agi_debate.toml"


def load_graph(
    path: str | Path | None = None,
    *,
    known_assumptions: KnownAssumptions | None = None,
) -> ArgumentGraph:
    """Load and validate a graph file (TOML or JSON, chosen by extension).

    ``known_assumptions`` maps model name -> assumption names that ``informs``
    links may name; when None they come from the registered model kinds.
    """
    path = Path(path) if path is not None else default_graph_path()
    file = str(path)
    data = read_document(path)
    try:
        return build_graph(data, file=file, known_assumptions=known_assumptions)
    except RecursionError:
        raise InputError("the file is nested too deeply to be a graph", file=file) from None


def read_document(path: Path) -> dict[str, Any]:
    """The file's top-level table, or an InputError saying why it cannot be read."""
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise InputError(f"cannot tell the format from the extension {suffix or '(none)'!r}; "
                         "a graph file ends in .toml or .json", file=file)
    text = read_text(path)
    try:
        data = _parse_toml(text) if suffix == ".toml" else _parse_json(text)
    except RecursionError:
        raise InputError("the file is nested too deeply to be a graph", file=file) from None
    except ValueError as exc:
        raise InputError(str(exc), file=file) from None
    if not isinstance(data, dict):
        raise InputError(f"the top level must be a table (a JSON object), got {errors_text.show(data)}",
                         file=file)
    return data


def _parse_toml(text: str) -> Any:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"not valid TOML: {exc}") from None


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except ValueError as exc:  # duplicate keys, or an integer too long to convert
        raise ValueError(f"not valid JSON: {exc}") from None


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def build_graph(
    data: dict[str, Any],
    *,
    file: str = "<graph>",
    known_assumptions: KnownAssumptions | None = None,
) -> ArgumentGraph:
    """Validate already-parsed file content and build the graph."""
    if check_version(data, what="graph file", current=FORMAT_VERSION, file=file) != FORMAT_VERSION:
        raise InputError(f"format_version {data['format_version']} is not read by this release",
                         file=file, field="format_version")
    try:
        spec = GraphFile.model_validate(data)
    except ValidationError as exc:
        raise errors_text.from_validation_error(exc, data, file, _ALLOWED) from None
    dists = check_graph(spec, data, file, known_assumptions)
    return ArgumentGraph(
        title=spec.title,
        themes=[Theme(t.id, t.title_en, t.title_zh) for t in spec.themes],
        nodes=[Node(**n.model_dump()) for n in spec.nodes],
        edges=[Edge(e.source, e.target, e.type, e.weight) for e in spec.edges],
        informs=[InformsLink(i.node, i.assumption, i.model, d, i.rationale, i.basis)
                 for i, d in zip(spec.informs, dists, strict=True)],
        path=file,
    )
