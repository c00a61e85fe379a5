"""The argument graph in memory: nodes, edges, links to model assumptions, queries.

An :class:`ArgumentGraph` is built once by the loader and never changes, so
everything derived from it (the networkx view, the search index, the semantics
evaluation plan, the layout) can be computed once and cached on the object.
The scenario, not the graph, holds what a user changes (credences).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from types import MappingProxyType
from typing import Any, TypeVar, cast

import networkx as nx

from debate_explorer.core.engine.kinds import DEFAULT_KIND
from debate_explorer.core.errors import InputError
from debate_explorer.core.graph.schema import NODE_KINDS
from debate_explorer.core.graph.search import SearchIndex

T = TypeVar("T")


@dataclass(frozen=True)
class Theme:
    id: str
    title_en: str
    title_zh: str


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    theme: str
    title_en: str
    title_zh: str
    summary: str
    speaker: str | None = None
    source: str | None = None
    quote: str | None = None
    quote_en: str | None = None
    claim_type: str | None = None
    provenance: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Edge:
    """``source`` argues about ``target`` (supports/attacks), or answers it."""

    source: str
    target: str
    type: str
    weight: float = 1.0
    reason: str = ""
    scheme: str | None = None  # one of schema.SCHEMES


@dataclass(frozen=True)
class InformsLink:
    """A node's implied distribution for one assumption of a model."""

    node: str
    assumption: str
    model: str
    dist: Any  # a parsed distribution from core.model.distributions
    rationale: str = ""
    basis: str | None = None  # quoted | derived | judgement


class UnknownNodeError(InputError, KeyError):
    """No node has this id. An InputError for the CLI, a KeyError for mapping-style code."""

    def __str__(self) -> str:
        return self.message


class ArgumentGraph:
    """An immutable argument map with the queries the app needs.

    Node order everywhere is file order, so lists, exports and layouts are stable.
    """

    def __init__(
        self,
        *,
        title: str,
        themes: Iterable[Theme],
        nodes: Iterable[Node],
        edges: Iterable[Edge],
        informs: Iterable[InformsLink],
        path: str | None = None,
    ) -> None:
        self._title = title
        self._path = path
        self._themes = tuple(themes)
        self._nodes = MappingProxyType({n.id: n for n in nodes})
        self._edges = tuple(edges)
        self._informs = tuple(informs)
        self._index = {nid: i for i, nid in enumerate(self._nodes)}
        self._nx = self._build_nx()
        self._cache: dict[str, Any] = {}

    # -- contents -------------------------------------------------------------

    @property
    def title(self) -> str:
        return self._title

    @property
    def path(self) -> str | None:
        """The file the graph was loaded from, if any."""
        return self._path

    @property
    def themes(self) -> tuple[Theme, ...]:
        return self._themes

    @property
    def nodes(self) -> Mapping[str, Node]:
        return self._nodes

    @property
    def edges(self) -> tuple[Edge, ...]:
        return self._edges

    @property
    def informs(self) -> tuple[InformsLink, ...]:
        return self._informs

    @property
    def nx(self) -> nx.DiGraph:
        """A frozen networkx view: node attributes are the Node fields, edges carry type and weight."""
        return self._nx

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __repr__(self) -> str:
        return f"ArgumentGraph({self._title!r}, {len(self._nodes)} nodes, {len(self._edges)} edges)"

    def _build_nx(self) -> Any:  # a frozen nx.DiGraph (networkx ships no type information)
        g = nx.DiGraph(title=self._title)
        for node in self._nodes.values():
            g.add_node(node.id, **asdict(node))
        for e in self._edges:
            g.add_edge(e.source, e.target, type=e.type, weight=e.weight, reason=e.reason, scheme=e.scheme)
        return nx.freeze(g)

    # -- derived data, computed once -------------------------------------------

    def cached(self, key: str, factory: Callable[[], T]) -> T:
        """Derived data (plans, indexes, layouts) computed once per graph.

        Safe because the graph never changes after loading.
        """
        try:
            return cast(T, self._cache[key])
        except KeyError:
            value = self._cache[key] = factory()
            return value

    def index_of(self, node_id: str) -> int:
        """Position of a node in file order (stable array index for numeric code)."""
        try:
            return self._index[node_id]
        except (KeyError, TypeError):
            raise self._unknown(node_id) from None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the graph's content; equal graphs share caches (e.g. the layout)."""
        return self.cached("content_hash", self._hash)

    def _hash(self) -> str:
        payload = {
            "title": self._title,
            "themes": [asdict(t) for t in self._themes],
            "nodes": [asdict(n) for n in self._nodes.values()],
            "edges": [asdict(e) for e in self._edges],
            "informs": [[i.node, i.assumption, i.model, _raw(i.dist), i.rationale, i.basis] for i in self._informs],
        }
        text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    # -- queries ---------------------------------------------------------------

    def node(self, node_id: str) -> Node:
        try:
            return self._nodes[node_id]
        except (KeyError, TypeError):
            raise self._unknown(node_id) from None

    def _unknown(self, node_id: object) -> UnknownNodeError:
        return UnknownNodeError(f"no node with id {node_id!r} in the argument graph", file=self._path)

    def _check(self, node_id: str) -> None:
        if node_id not in self._nodes:
            raise self._unknown(node_id)

    def theme(self, theme_id: str) -> Theme:
        for t in self._themes:
            if t.id == theme_id:
                return t
        known = ", ".join(t.id for t in self._themes)
        raise InputError(f"no theme {theme_id!r} in the argument graph (it has: {known})", file=self._path)

    def by_theme(self, theme_id: str) -> list[str]:
        self.theme(theme_id)  # a typo in a theme id is an error, not an empty list
        return [n.id for n in self._nodes.values() if n.theme == theme_id]

    def by_kind(self, kind: str) -> list[str]:
        if kind not in NODE_KINDS:
            raise InputError(f"unknown node kind {kind!r}; kinds are: {', '.join(NODE_KINDS)}")
        return [n.id for n in self._nodes.values() if n.kind == kind]

    def by_speaker(self, speaker: str) -> list[str]:
        """Nodes attributed to ``speaker`` (case-insensitive, surrounding spaces ignored)."""
        want = speaker.strip().casefold()
        return [n.id for n in self._nodes.values() if n.speaker and n.speaker.casefold() == want]

    def speakers(self) -> list[str]:
        """Every speaker once, sorted case-insensitively."""
        names = {n.speaker for n in self._nodes.values() if n.speaker}
        return sorted(names, key=lambda s: (s.casefold(), s))

    def supporters(self, node_id: str) -> list[str]:
        """Nodes with a ``supports`` edge into ``node_id``, in file order."""
        return self._incoming(node_id, "supports")

    def attackers(self, node_id: str) -> list[str]:
        """Nodes with an ``attacks`` edge into ``node_id``, in file order."""
        return self._incoming(node_id, "attacks")

    def _incoming(self, node_id: str, kind: str) -> list[str]:
        self._check(node_id)
        return [e.source for e in self._edges if e.target == node_id and e.type == kind]

    def answered(self, node_id: str) -> list[str]:
        """Questions that ``node_id`` answers (``answers`` edges out of it), in file order."""
        self._check(node_id)
        return [e.target for e in self._edges if e.source == node_id and e.type == "answers"]

    def edges_of(self, node_id: str) -> list[Edge]:
        """Every edge touching ``node_id``, in file order."""
        self._check(node_id)
        return [e for e in self._edges if node_id in (e.source, e.target)]

    def neighbours(self, node_id: str) -> list[str]:
        """Nodes joined to ``node_id`` by any edge, either direction, each once, in file order."""
        self._check(node_id)
        near = set(self._nx.predecessors(node_id)) | set(self._nx.successors(node_id))
        return [nid for nid in self._nodes if nid in near]

    def links_for_node(self, node_id: str) -> list[InformsLink]:
        self._check(node_id)
        return [link for link in self._informs if link.node == node_id]

    def links_for_assumption(self, assumption: str, model: str = DEFAULT_KIND) -> list[InformsLink]:
        return [link for link in self._informs if link.assumption == assumption and link.model == model]

    def search(self, text: str) -> list[str]:
        """Node ids matching every word of ``text``; title hits rank first.

        Matching is case-insensitive substring matching after Unicode NFKC
        normalisation, so Chinese (no spaces between words) and full-width
        characters work. See :mod:`debate_explorer.core.graph.search`.
        """
        index = self.cached("search_index", lambda: SearchIndex(self._nodes.values()))
        return index.search(text)


def _raw(dist: Any) -> Any:
    to_raw = getattr(dist, "to_raw", None)
    return to_raw() if callable(to_raw) else dist
