"""Map overlays: the user's additions, edits and removals against the bundled map, and their sources.

An :class:`Overlay` is an immutable value: the parsed file (:class:`OverlayFile`)
plus the full text of each user source. :func:`load_overlay` reads one from disk
and :func:`merge_overlay` applies it to the bundled map, giving a
:class:`MergedMap` — a normal :class:`ArgumentGraph` the whole app works on, the
list of :class:`OverlayConflict` (records aimed at ids the bundled map no longer
has), whether the bundled map changed since the overlay was written, and the
:class:`QuoteCheck`. :func:`save_overlay` re-checks everything (quotes included)
and writes atomically: new source files first, then the overlay.

Every problem is an :class:`InputError` naming the overlay file, the field path
and the reason. The format: ``resources/debate/FORMAT.md``, "Map overlays".

GUI use: ``load_overlay(path)`` → ``MergedMap`` (``.graph``, ``.conflicts``,
``.base_changed``, ``.quotes``); ``empty_overlay()`` for a new map; edits in
:mod:`.overlay_edit`; ``save_overlay(overlay, path)``; ``is_overlay_file(path)``
to tell an overlay from a full graph file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import tomli_w
from pydantic import ValidationError

from debate_explorer.core.errors import InputError
from debate_explorer.core.files.fileio import atomic_write_bytes, read_bytes, read_structured
from debate_explorer.core.graph import errors_text
from debate_explorer.core.graph.load import build_graph, default_graph_path, read_document
from debate_explorer.core.graph.model import ArgumentGraph
from debate_explorer.core.graph.overlay_merge import OverlayConflict, merge_tables, trace_error
from debate_explorer.core.graph.overlay_schema import ALLOWED_KEYS, OVERLAY_FORMAT_VERSION, BaseRef, OverlayFile
from debate_explorer.core.graph.quotes import QuoteCheck, Quoted, check_quotes
from debate_explorer.core.graph.sources_store import (
    Source,
    bundled_sources,
    read_source_file,
    seeds_missing_reason,
    text_hash,
)
from debate_explorer.core.graph.validate import support_cycle
from debate_explorer.core.model.migrations import check_version

BASE_ID = "agi_debate"


@dataclass(frozen=True)
class Overlay:
    """An overlay file's content and its sources' texts (source id -> text)."""

    spec: OverlayFile
    texts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def sources(self) -> dict[str, Source]:
        """The user's sources, with their text, by id."""
        return {
            s.id: Source(s.id, s.title, s.file, self.texts.get(s.id), tuple(s.speakers), s.date, s.url, False)
            for s in self.spec.sources
        }


@dataclass(frozen=True)
class MergedMap:
    """The bundled map with an overlay applied, and what the merge found."""

    graph: ArgumentGraph
    overlay: Overlay
    conflicts: tuple[OverlayConflict, ...]
    base_changed: bool  # the bundled map is not the one the overlay was written against
    quotes: QuoteCheck
    path: Path | None = None

    def notes(self) -> list[str]:
        """Lines for the CLI and the GUI's status: conflicts, base change, unchecked quotes."""
        out = [f"conflict: {c}" for c in self.conflicts]
        if self.base_changed:
            out.append("the bundled map changed since this overlay was written (edits were re-applied by id)")
        if self.quotes.skipped:
            out.append("quotes " + self.quotes.summary())
        return out


@lru_cache(maxsize=2)
def _bundled(path: Path) -> tuple[dict[str, Any], ArgumentGraph]:
    data = read_document(path)
    return data, build_graph(data, file=str(path))


def bundled_base(path: Path | None = None) -> tuple[dict[str, Any], ArgumentGraph]:
    """The bundled map's tables and graph (read once per process; the bundled map is never written)."""
    return _bundled(Path(path) if path else default_graph_path())


def empty_overlay(title: str = "") -> Overlay:
    """A new overlay against the current bundled map, with nothing in it."""
    _, graph = bundled_base()
    spec = OverlayFile.model_validate(
        {
            "format_version": OVERLAY_FORMAT_VERSION,
            "title": title,
            "base": {"id": BASE_ID, "content_hash": graph.content_hash},
        }
    )
    return Overlay(spec)


def is_overlay_file(path: str | Path) -> bool:
    """Whether ``path`` parses as an overlay (a ``[base]`` table) rather than a whole graph file."""
    try:
        data = read_structured(path)
    except InputError:
        return False
    return isinstance(data.get("base"), dict) and "themes" not in data


# -- reading -----------------------------------------------------------------------------


def parse_overlay(data: dict[str, Any], *, file: str, folder: Path) -> Overlay:
    """Validate parsed overlay content and read its source files (from ``folder``)."""
    if check_version(data, what="map overlay", current=OVERLAY_FORMAT_VERSION, file=file) != OVERLAY_FORMAT_VERSION:
        raise InputError("this overlay format_version is not read by this release", file=file, field="format_version")
    try:
        spec = OverlayFile.model_validate(data)
    except ValidationError as exc:
        raise errors_text.from_validation_error(exc, data, file, ALLOWED_KEYS) from None
    return Overlay(spec, MappingProxyType(_read_sources(spec, data, file, folder)))


def _read_sources(spec: OverlayFile, data: dict[str, Any], file: str, folder: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    seeds = bundled_sources()
    for i, src in enumerate(spec.sources):
        where = errors_text.record_path(data, "sources", i, ())
        if src.id in texts or src.id in seeds:
            what = "a bundled source" if src.id in seeds else "given twice"
            raise InputError(
                f"source id {src.id!r} is {what}; give each source its own id", file=file, field=f"{where}.id"
            )
        path = folder / src.file
        try:
            text = read_source_file(path)
        except InputError as exc:
            raise InputError(f"source file {path}: {exc.reason}", file=file, field=f"{where}.file") from None
        if text_hash(text) != src.sha256:
            raise InputError(
                f"source file {path} has changed since the overlay was saved (its SHA-256 differs)",
                file=file,
                field=f"{where}.sha256",
            )
        texts[src.id] = text
    return texts


def load_overlay(path: str | Path) -> MergedMap:
    """Read an overlay file and its sources, merge it onto the bundled map, check quotes."""
    path = Path(path)
    file = str(path)
    data = read_structured(path, name_field=errors_text.field_path)
    try:
        overlay = parse_overlay(data, file=file, folder=path.parent)
        merged = merge_overlay(overlay, file=file, raw=data)
    except RecursionError:
        raise InputError("the file is nested too deeply to be a map overlay", file=file) from None
    return MergedMap(merged.graph, overlay, merged.conflicts, merged.base_changed, merged.quotes, path)


# -- merging -----------------------------------------------------------------------------


def merge_overlay(overlay: Overlay, *, file: str = "<overlay>", raw: dict[str, Any] | None = None) -> MergedMap:
    """The bundled map with ``overlay`` applied: a normal graph, with conflicts and the quote check."""
    base, base_graph = bundled_base()
    raw = raw if raw is not None else overlay_to_dict(overlay)
    merged = merge_tables(base, overlay.spec, raw, file)
    try:
        graph = build_graph(merged.data, file=file)
        cycle = support_cycle(graph.edges)
        if cycle is not None:
            i, loop = cycle
            where = errors_text.record_path(merged.data, "edges", i, ())
            raise InputError(
                f"this supports edge closes a cycle of support ({' -> '.join(loop)})", file=file, field=where
            )
    except InputError as exc:
        raise trace_error(exc, merged, file) from None
    quotes = check_graph_quotes(graph, overlay.sources, file=file, field_of=_quote_field(merged))
    changed = overlay.spec.base.content_hash != base_graph.content_hash
    return MergedMap(graph, overlay, tuple(merged.conflicts), changed, quotes)


def _quote_field(merged: Any) -> Any:
    where = {n["id"]: o for n, o in zip(merged.data["nodes"], merged.origin["nodes"], strict=True)}
    return lambda q: f"{where[q.node]}.quote" if where.get(q.node) else f"(bundled node {q.node!r}).quote"


def check_graph_quotes(
    graph: ArgumentGraph, user_sources: Mapping[str, Source], *, file: str | None, field_of: Any = None
) -> QuoteCheck:
    """Every quote in ``graph`` verbatim in its source (user sources, then the seeds); see :mod:`.quotes`."""
    seeds = bundled_sources()

    def text_of(source: str) -> str | None:
        if source in user_sources:
            return user_sources[source].text
        if source in seeds:
            return seeds[source].text
        raise InputError(f"no source {source!r}: not a bundled seed and not among the overlay's [[sources]]", file=file)

    def label_of(source: str) -> str:
        where = user_sources[source].file if source in user_sources else seeds[source].file
        return f"{source!r} (file {where})" if where != source else repr(source)

    quoted = [Quoted(n.id, n.source, n.quote) for n in graph.nodes.values() if n.quote and n.source]
    return check_quotes(
        quoted, text_of, file=file, missing=lambda s: seeds_missing_reason(), field_of=field_of, label_of=label_of
    )


# -- writing -----------------------------------------------------------------------------


def overlay_to_dict(overlay: Overlay) -> dict[str, Any]:
    """Plain data for TOML: empty lists and unset optional fields left out."""
    data = overlay.spec.model_dump(by_alias=True, exclude_none=True)
    return {k: v for k, v in data.items() if v not in ([], "")}


def overlay_to_toml(overlay: Overlay) -> str:
    header = "# Debate Explorer map overlay: changes to the bundled map (resources/debate/FORMAT.md).\n"
    return header + tomli_w.dumps(overlay_to_dict(overlay))


def overlay_hash(path: str | Path) -> str:
    """SHA-256 of an overlay file's bytes (what a scenario records)."""
    import hashlib

    return hashlib.sha256(read_bytes(path)).hexdigest()


def save_overlay(overlay: Overlay, path: str | Path) -> MergedMap:
    """Check the overlay (merge, ids, quotes), then write its new source files and itself atomically.

    Source files already on disk with the recorded hash are left alone; a source
    whose file exists with other content is an error (nothing is overwritten).
    """
    path = Path(path)
    merged = merge_overlay(overlay, file=str(path))
    for src in overlay.spec.sources:
        target = path.parent / src.file
        text = overlay.texts.get(src.id)
        if text is None:
            raise InputError(f"source {src.id!r} has no text to save", file=path, field="sources")
        if target.exists():
            if text_hash(read_source_file(target)) != src.sha256:
                raise InputError(f"{target} exists with other content; choose another source id", file=path)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, text.encode("utf-8"))
    atomic_write_bytes(path, overlay_to_toml(overlay).encode("utf-8"))
    return MergedMap(merged.graph, overlay, merged.conflicts, merged.base_changed, merged.quotes, path)


def base_ref(graph: ArgumentGraph) -> BaseRef:
    return BaseRef(id=BASE_ID, content_hash=graph.content_hash)


def load_any(path: str | Path | None) -> tuple[ArgumentGraph, MergedMap | None]:
    """What ``--graph FILE`` names: a map overlay (merged onto the bundled map) or a whole graph file.

    None is the bundled map. An overlay is told apart by its ``[base]`` table.
    """
    from debate_explorer.core.graph.load import load_graph

    if path is not None and is_overlay_file(path):
        merged = load_overlay(path)
        return merged.graph, merged
    return load_graph(path), None
