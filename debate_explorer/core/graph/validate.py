"""Whole-file checks of a graph: what no single record can check on its own.

Unique ids, themes defined exactly as used, edges that join real nodes in
allowed ways and each carry a reason and a scheme, and ``informs`` links that
name a real node, a known model and one of its assumptions with a valid
distribution. Each failure is an
:class:`InputError` whose field path names the record by index and id.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph.errors_text import record_path
from debate_explorer.core.graph.schema import SCHEMES, SOURCED_FIELDS, SOURCED_KINDS, GraphFile
from debate_explorer.core.model.distributions import parse_dist


class _Checker:
    def __init__(self, spec: GraphFile, data: dict[str, Any], file: str) -> None:
        self.spec, self.data, self.file = spec, data, file
        self.kinds = {n.id: n.kind for n in spec.nodes}

    def fail(self, reason: str, section: str, index: int, *rest: object) -> InputError:
        return InputError(reason, file=self.file, field=record_path(self.data, section, index, rest))

    def sourced(self) -> None:
        for i, node in enumerate(self.spec.nodes):
            if node.kind not in SOURCED_KINDS:
                continue
            for name in SOURCED_FIELDS:
                if getattr(node, name) is None:
                    raise self.fail(
                        f"required for a {node.kind} node (every claim and evidence node "
                        "gives speaker, source, quote and quote_en)",
                        "nodes",
                        i,
                        name,
                    )

    def themes(self) -> None:
        first: dict[str, int] = {}
        for i, theme in enumerate(self.spec.themes):
            if theme.id in first:
                raise self.fail(
                    f"duplicate theme id {theme.id!r} (first defined at themes[{first[theme.id]}])", "themes", i, "id"
                )
            first[theme.id] = i
        used = {n.theme for n in self.spec.nodes}
        for i, node in enumerate(self.spec.nodes):
            if node.theme not in first:
                raise self.fail(f"theme {node.theme!r} is not defined in the [[themes]] table", "nodes", i, "theme")
        for i, theme in enumerate(self.spec.themes):
            if theme.id not in used:
                raise self.fail(
                    f"theme {theme.id!r} has no nodes; define exactly the themes the nodes use", "themes", i, "id"
                )

    def nodes(self) -> None:
        first: dict[str, int] = {}
        for i, node in enumerate(self.spec.nodes):
            if node.id in first:
                raise self.fail(
                    f"duplicate node id {node.id!r} (first defined at nodes[{first[node.id]}])", "nodes", i, "id"
                )
            first[node.id] = i

    def edges(self) -> None:
        seen: dict[tuple[str, str], int] = {}
        for i, edge in enumerate(self.spec.edges):
            for key, end in (("from", edge.source), ("to", edge.target)):
                if end not in self.kinds:
                    raise self.fail(f"no node with id {end!r}", "edges", i, key)
            if edge.source == edge.target:
                raise self.fail(f"a node cannot {edge.type[:-1]} itself", "edges", i)
            if edge.type == "answers":
                self._answers(i, edge.source, edge.target)
            self._argued(i, edge.source, edge.target, edge.reason, edge.scheme)
            pair = (edge.source, edge.target)
            if pair in seen:
                raise self.fail(
                    f"duplicate edge: edges[{seen[pair]}] already joins {pair[0]!r} to "
                    f"{pair[1]!r} (two nodes are joined by one edge)",
                    "edges",
                    i,
                )
            seen[pair] = i

    def _argued(self, i: int, source: str, target: str, reason: str, scheme: str | None) -> None:
        # An edge is a claim about two claims; without its reason a reader cannot
        # check it against the sources, so the format does not accept it.
        if not reason:
            raise self.fail(
                f"the edge {source!r} → {target!r} has no reason: give one sentence saying why it holds",
                "edges",
                i,
                "reason",
            )
        if scheme is None:
            raise self.fail(
                f"the edge {source!r} → {target!r} has no scheme: name how it argues ({', '.join(SCHEMES)})",
                "edges",
                i,
                "scheme",
            )

    def _answers(self, i: int, source: str, target: str) -> None:
        if self.kinds[source] != "position":
            raise self.fail(
                f"an answers edge goes from a position to a question; {source!r} is a {self.kinds[source]}",
                "edges",
                i,
                "from",
            )
        if self.kinds[target] != "question":
            raise self.fail(
                f"an answers edge goes from a position to a question; {target!r} is a {self.kinds[target]}",
                "edges",
                i,
                "to",
            )

    def informs(self, known: Mapping[str, Collection[str]] | None) -> list[Any]:
        resolver = _AssumptionResolver(known)
        seen: dict[tuple[str, str, str], int] = {}
        dists = []
        for i, link in enumerate(self.spec.informs):
            if link.node not in self.kinds:
                raise self.fail(f"no node with id {link.node!r}", "informs", i, "node")
            try:
                names = resolver.names(link.model)
            except InputError as exc:
                raise self.fail(exc.reason, "informs", i, "model") from None
            if link.assumption not in names:
                raise self.fail(
                    f"model {link.model!r} has no assumption {link.assumption!r} (it has: {', '.join(names)})",
                    "informs",
                    i,
                    "assumption",
                )
            key = (link.node, link.assumption, link.model)
            if key in seen:
                raise self.fail(
                    f"duplicate link: informs[{seen[key]}] already links {link.node!r} to {link.assumption!r}",
                    "informs",
                    i,
                )
            seen[key] = i
            dists.append(self._dist(i, link.dist))
        return dists

    def _dist(self, i: int, raw: Any) -> Any:
        try:
            return parse_dist(raw, "dist")
        except InputError as exc:
            head = record_path(self.data, "informs", i)
            raise InputError(exc.reason, file=self.file, field=f"{head}.{exc.field or 'dist'}") from None


class _AssumptionResolver:
    """Assumption names per model, from the caller or from the registered model kinds."""

    def __init__(self, known: Mapping[str, Collection[str]] | None) -> None:
        self.known = known
        self.cache: dict[str, tuple[str, ...]] = {}

    def names(self, model: str) -> tuple[str, ...]:
        if model not in self.cache:
            self.cache[model] = self._lookup(model)
        return self.cache[model]

    def _lookup(self, model: str) -> tuple[str, ...]:
        if self.known is not None:
            if model not in self.known:
                raise InputError(f"unknown model {model!r}; known models: {', '.join(self.known)}")
            return tuple(self.known[model])
        from debate_explorer.core.engine.kinds import get_kind

        try:
            return tuple(get_kind(model).assumption_names)
        except ImportError:
            raise InputError(f"model {model!r} is not available in this build") from None


def check_graph(
    spec: GraphFile,
    data: dict[str, Any],
    file: str,
    known: Mapping[str, Collection[str]] | None,
) -> list[Any]:
    """Run the whole-file checks; return the parsed distribution of each informs link."""
    checker = _Checker(spec, data, file)
    checker.nodes()
    checker.sourced()
    checker.themes()
    checker.edges()
    return checker.informs(known)


def support_cycle(edges: Sequence[Any]) -> tuple[int, list[str]] | None:
    """The first supports edge (index, in order) that closes a cycle of support, with the cycle; None if acyclic.

    A claim cannot support itself through others (circular reasoning); attack
    cycles are fine (rival positions attack each other). The bundled format
    allows support cycles (the semantics iterate them); map overlays may not
    add one (``overlay.merge_overlay``), and the bundled map has none.
    """
    import networkx as nx

    g = nx.DiGraph()
    for i, edge in enumerate(edges):
        if edge.type != "supports":
            continue
        if edge.target in g and edge.source in g and nx.has_path(g, edge.target, edge.source):
            return i, [edge.source, *nx.shortest_path(g, edge.target, edge.source)]
        g.add_edge(edge.source, edge.target)
    return None
