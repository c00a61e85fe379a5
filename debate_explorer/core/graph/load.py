"""Reading an argument-graph file (TOML or JSON) into an :class:`ArgumentGraph`.

Every problem — unreadable bytes, bad syntax, a wrong type, an unknown key, a
dangling edge, an unknown assumption — becomes one :class:`InputError` naming
the file, the field path (with the record's id when it has one) and the reason,
so the CLI can print one line and the GUI can show one dialog. Nothing in a file
is ever executed. The format is described in ``resources/debate/FORMAT.md``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from debate_explorer.core.errors import InputError
from debate_explorer.core.files.fileio import read_structured
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
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise InputError(
            f"cannot tell the format from the extension {suffix or '(none)'!r}; a graph file ends in .toml or .json",
            file=str(path),
        )
    return read_structured(path, name_field=errors_text.field_path)


def build_graph(
    data: dict[str, Any],
    *,
    file: str = "<graph>",
    known_assumptions: KnownAssumptions | None = None,
) -> ArgumentGraph:
    """Validate already-parsed file content and build the graph."""
    if check_version(data, what="graph file", current=FORMAT_VERSION, file=file) != FORMAT_VERSION:
        raise InputError(
            f"format_version {data['format_version']} is not read by this release", file=file, field="format_version"
        )
    try:
        spec = GraphFile.model_validate(data)
    except ValidationError as exc:
        raise errors_text.from_validation_error(exc, data, file, _ALLOWED) from None
    dists = check_graph(spec, data, file, known_assumptions)
    return ArgumentGraph(
        title=spec.title,
        themes=[Theme(t.id, t.title_en, t.title_zh) for t in spec.themes],
        nodes=[Node(**n.model_dump()) for n in spec.nodes],
        edges=[Edge(e.source, e.target, e.type, e.weight, e.reason, e.scheme) for e in spec.edges],
        informs=[
            InformsLink(i.node, i.assumption, i.model, d, i.rationale, i.basis)
            for i, d in zip(spec.informs, dists, strict=True)
        ],
        path=file,
    )
