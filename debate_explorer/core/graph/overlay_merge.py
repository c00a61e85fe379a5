"""Applying an overlay to the bundled map: one plain graph file's worth of data, then the normal loader.

The merge works on the bundled file's parsed tables (not on the built graph), so
the merged map goes through :func:`load.build_graph` and every check a bundled
map gets (unique ids, edges between real nodes, answers rules, support cycles,
known assumptions, valid distributions). An error from those checks is traced
back to the overlay record that caused it, so the message names the overlay
file and its field path (``edges[2] (from 'x' to 'y')``), not a merged index.

An edit or removal aimed at an id the bundled map no longer has is a
:class:`OverlayConflict`: collected, reported, not applied — and never dropped
silently. Additions that collide with bundled ids, or point at missing nodes,
are errors (the overlay cannot mean anything sensible).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph.errors_text import record_path
from debate_explorer.core.graph.overlay_schema import OverlayFile


@dataclass(frozen=True)
class OverlayConflict:
    """A record of the overlay that the current bundled map cannot take (its target is gone)."""

    field: str  # the record's path in the overlay, e.g. "node_edits[0] (id 'old_claim')"
    reason: str

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"


@dataclass
class _Merged:
    """Merged tables, with where each record came from in the overlay (None: unchanged bundled record)."""

    data: dict[str, Any]
    origin: dict[str, list[str | None]]
    conflicts: list[OverlayConflict] = field(default_factory=list)


def _edge_key(e: dict[str, Any]) -> tuple[str, str, str]:
    return (e["from"], e["to"], e["type"])


def _link_key(i: dict[str, Any]) -> tuple[str, str, str]:
    from debate_explorer.core.engine.kinds import DEFAULT_KIND

    return (i["node"], i["assumption"], i.get("model", DEFAULT_KIND))


class _Merger:
    def __init__(self, base: dict[str, Any], spec: OverlayFile, raw: dict[str, Any], file: str) -> None:
        self.spec, self.raw, self.file = spec, raw, file
        self.base_ids = {n["id"] for n in base.get("nodes", [])}
        self.nodes: list[tuple[dict[str, Any], str | None]] = [(dict(n), None) for n in base.get("nodes", [])]
        self.edges: list[tuple[dict[str, Any], str | None]] = [(dict(e), None) for e in base.get("edges", [])]
        self.links: list[tuple[dict[str, Any], str | None]] = [(dict(i), None) for i in base.get("informs", [])]
        self.base = base
        self.conflicts: list[OverlayConflict] = []

    def path(self, section: str, index: int, *rest: object) -> str:
        return record_path(self.raw, section, index, tuple(rest))

    def fail(self, reason: str, section: str, index: int, *rest: object) -> InputError:
        return InputError(reason, file=self.file, field=self.path(section, index, *rest))

    def conflict(self, reason: str, section: str, index: int) -> None:
        self.conflicts.append(OverlayConflict(self.path(section, index), reason))

    # -- nodes -------------------------------------------------------------------------
    def removals(self) -> None:
        for i, r in enumerate(self.spec.removals):
            if r.node is not None:
                self._remove_node(i, r.node)
            elif r.edge is not None:
                self._remove(i, self.edges, r.edge.key(), _edge_key, "edge")
            elif r.informs is not None:
                self._remove(i, self.links, r.informs.key(), _link_key, "informs link")

    def _remove_node(self, i: int, nid: str) -> None:
        if nid not in {n["id"] for n, _ in self.nodes}:
            self.conflict(f"removes node {nid!r}, which the bundled map does not have", "removals", i)
            return
        self.nodes = [(n, o) for n, o in self.nodes if n["id"] != nid]
        self.edges = [(e, o) for e, o in self.edges if nid not in (e["from"], e["to"])]
        self.links = [(x, o) for x, o in self.links if x["node"] != nid]

    def _remove(self, i: int, records: list[Any], key: Any, key_of: Callable[[Any], Any], what: str) -> None:
        kept = [(r, o) for r, o in records if key_of(r) != key]
        if len(kept) == len(records):
            self.conflict(f"removes the {what} {key}, which the map does not have", "removals", i)
        records[:] = kept

    def node_edits(self) -> None:
        where = {n["id"]: k for k, (n, _) in enumerate(self.nodes)}
        for i, edit in enumerate(self.spec.node_edits):
            if edit.id not in where:
                self.conflict(f"edits node {edit.id!r}, which the bundled map does not have", "node_edits", i)
                continue
            node, _ = self.nodes[where[edit.id]]
            self.nodes[where[edit.id]] = ({**node, **edit.changes()}, self.path("node_edits", i))

    def added_nodes(self) -> None:
        first: dict[str, int] = {}
        for i, node in enumerate(self.spec.nodes):
            if node.id in self.base_ids:
                raise self.fail(
                    f"id {node.id!r} is a node of the bundled map; a new node needs its own id", "nodes", i, "id"
                )
            if node.id in first:
                raise self.fail(f"duplicate node id {node.id!r} (first at nodes[{first[node.id]}])", "nodes", i, "id")
            first[node.id] = i
            self.nodes.append((node.model_dump(exclude_none=True), self.path("nodes", i)))

    # -- edges and links -----------------------------------------------------------------
    def edge_edits(self) -> None:
        for i, edit in enumerate(self.spec.edge_edits):
            at = next((k for k, (e, _) in enumerate(self.edges) if _edge_key(e) == edit.key()), None)
            if at is None:
                self.conflict(f"edits the edge {edit.key()}, which the map does not have", "edge_edits", i)
                continue
            changes = {"type": edit.new_type, "weight": edit.weight, "reason": edit.reason, "scheme": edit.scheme}
            edge = {**self.edges[at][0], **{k: v for k, v in changes.items() if v is not None}}
            self.edges[at] = (edge, self.path("edge_edits", i))

    def added_edges(self) -> None:
        ids = {n["id"] for n, _ in self.nodes}
        for i, edge in enumerate(self.spec.edges):
            for key, end in (("from", edge.source), ("to", edge.target)):
                if end not in ids:
                    raise self.fail(f"no node with id {end!r} in the bundled map or this overlay", "edges", i, key)
            self.edges.append((edge.model_dump(by_alias=True), self.path("edges", i)))

    def informs_edits(self) -> None:
        for i, edit in enumerate(self.spec.informs_edits):
            at = next((k for k, (x, _) in enumerate(self.links) if _link_key(x) == edit.key()), None)
            if at is None:
                self.conflict(f"edits the informs link {edit.key()}, which the map does not have", "informs_edits", i)
                continue
            changes = {"dist": edit.dist, "basis": edit.basis, "rationale": edit.rationale}
            link = {**self.links[at][0], **{k: v for k, v in changes.items() if v is not None}}
            self.links[at] = (link, self.path("informs_edits", i))

    def added_links(self) -> None:
        for i, link in enumerate(self.spec.informs):
            self.links.append((link.model_dump(), self.path("informs", i)))

    def result(self) -> _Merged:
        used = {n["theme"] for n, _ in self.nodes}
        data = {
            "format_version": self.base["format_version"],
            "title": self.spec.title or self.base.get("title", "Argument graph"),
            "themes": [t for t in self.base.get("themes", []) if t.get("id") in used],
            "nodes": [n for n, _ in self.nodes],
            "edges": [e for e, _ in self.edges],
            "informs": [x for x, _ in self.links],
        }
        origin = {
            "nodes": [o for _, o in self.nodes],
            "edges": [o for _, o in self.edges],
            "informs": [o for _, o in self.links],
        }
        return _Merged(data, origin, self.conflicts)


def merge_tables(base: dict[str, Any], spec: OverlayFile, raw: dict[str, Any], file: str) -> _Merged:
    """The bundled tables with the overlay applied; conflicts collected, bad additions raised."""
    m = _Merger(base, spec, raw, file)
    m.removals()
    m.node_edits()
    m.added_nodes()
    m.edge_edits()
    m.added_edges()
    m.informs_edits()
    m.added_links()
    return m.result()


_MERGED_FIELD = re.compile(r"^(nodes|edges|informs)\[(\d+)\](?: \([^)]*\))?(.*)$")


def trace_error(exc: InputError, merged: _Merged, file: str) -> InputError:
    """An error in the merged map, re-aimed at the overlay record that caused it."""
    match = _MERGED_FIELD.match(exc.field or "")
    if match:
        section, index, rest = match.group(1), int(match.group(2)), match.group(3)
        origins = merged.origin[section]
        if index < len(origins) and origins[index] is not None:
            return InputError(exc.reason, file=file, field=f"{origins[index]}{rest}")
        return InputError(f"{exc.reason} (in the bundled map's {exc.field})", file=file)
    return InputError(exc.reason, file=file, field=exc.field)
