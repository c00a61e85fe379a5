"""Which claims fold under which position: the map's two levels of detail.

At the overview a reader wants the questions and the positions that answer them;
the claims and evidence behind a position are a click (or a zoom) away. Each claim
or evidence node therefore belongs to one *anchor* — the position or question it
argues about, found by following its supports/attacks edges (a claim attacking a
claim belongs where that claim belongs). Same-theme anchors win, then an anchor
the leaf supports over one it attacks (a claim sits with its side), then file order,
so the grouping is stable. A leaf that reaches no anchor is its own anchor and stays
on the overview.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

from debate_explorer.core.graph.model import ArgumentGraph

ANCHOR_KINDS = frozenset({"position", "question"})


@dataclass(frozen=True)
class FoldGroups:
    """``anchors`` in display order and, for each, the leaves folded under it."""

    anchors: tuple[str, ...]
    leaves: dict[str, tuple[str, ...]]
    anchor_of: dict[str, str]  # every node id -> its anchor (anchors map to themselves)

    def is_anchor(self, node_id: str) -> bool:
        return self.anchor_of.get(node_id) == node_id


def fold_groups(graph: ArgumentGraph) -> FoldGroups:
    """Group the graph's claims and evidence under the positions and questions they argue about."""
    return graph.cached("fold_groups", lambda: _fold_groups(graph))


def _fold_groups(graph: ArgumentGraph) -> FoldGroups:
    targets: dict[str, list[tuple[str, bool]]] = {nid: [] for nid in graph.nodes}
    for e in graph.edges:
        if e.type in ("supports", "attacks"):
            targets[e.source].append((e.target, e.type == "supports"))
    anchor_of = {nid: nid for nid, n in graph.nodes.items() if n.kind in ANCHOR_KINDS}
    for nid in graph.nodes:
        if nid not in anchor_of:
            anchor_of[nid] = _nearest_anchor(graph, nid, targets) or nid
    leaves: dict[str, list[str]] = {a: [] for a in set(anchor_of.values())}
    for nid, anchor in anchor_of.items():
        if anchor != nid:
            leaves[anchor].append(nid)
    # questions first in each theme (they frame it), then positions, in file order
    anchors = sorted(leaves, key=lambda a: (graph.node(a).kind != "question", graph.index_of(a)))
    return FoldGroups(tuple(anchors), {a: tuple(leaves[a]) for a in anchors}, anchor_of)


def _nearest_anchor(graph: ArgumentGraph, start: str, targets: dict[str, list[tuple[str, bool]]]) -> str | None:
    """Breadth-first along supports/attacks: the closest anchor; then same theme, then one it supports."""
    theme = graph.node(start).theme
    seen, queue = {start}, deque([(start, 0)])
    found: list[tuple[str, bool]] = []
    depth_found = None
    while queue:
        nid, depth = queue.popleft()
        if depth_found is not None and depth >= depth_found:
            break  # every anchor at the nearest distance is found
        for t, supports in targets[nid]:
            if t in seen:
                continue
            seen.add(t)
            if graph.node(t).kind in ANCHOR_KINDS:
                found.append((t, supports))
                depth_found = depth + 1
            else:
                queue.append((t, depth + 1))
    if not found:
        return None
    best = min(found, key=lambda f: (graph.node(f[0]).theme != theme, not f[1], graph.index_of(f[0])))
    return best[0]


def speakers_behind(graph: ArgumentGraph, node_id: str) -> list[str]:
    """Who stands behind a position: speakers of the claims and evidence that support it.

    Parenthetical notes ("(as recounted by …)") are dropped; each name once, in file order.
    """
    names: list[str] = []
    for sid in graph.supporters(node_id):
        speaker = graph.node(sid).speaker
        if speaker:
            short = re.sub(r"\s*\(.*?\)\s*", " ", speaker).strip()
            if short and short not in names:
                names.append(short)
    return names
