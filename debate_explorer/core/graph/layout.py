"""A deterministic 2-D layout of the argument map, by theme, with folding claims.

The map has two levels (see :mod:`debate_explorer.core.graph.folding`): anchors
(questions and positions) and the leaves (claims, evidence) folded under them.
Each anchor is a *block*: the anchor's box, and, when the block is unfolded, its
leaves in a small grid just below it. Inside a theme the blocks sit on a table
of ``ANCHOR_ROWS`` rows (questions first, then positions, in file order); themes
are regions flowed left to right in file order and wrapped into rows so the whole
folded map has about the aspect of a screen. Unfolding a block only makes its
table row and column larger, so the arrangement never reshuffles: things move
down or right, nothing swaps places.

Coordinates are scene units (pixels at zoom 1) of node centres, y pointing down.
The layout depends only on the graph and the set of unfolded anchors and costs
about a millisecond, so it is simply recomputed when the folding changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from debate_explorer.core.graph.folding import ANCHOR_KINDS, FoldGroups, fold_groups
from debate_explorer.core.graph.model import ArgumentGraph

ANCHOR_W, ANCHOR_H = 330.0, 132.0  # positions and questions: large enough to read at the overview
LEAF_W, LEAF_H = 210.0, 76.0  # claims and evidence
GAP_X, GAP_Y = 30.0, 30.0  # between blocks
LEAF_GAP_X, LEAF_GAP_Y = 16.0, 14.0  # between leaves of one block
LEAF_TOP = 22.0  # between an anchor and its first row of leaves
LEAF_COLS = 2
ANCHOR_ROWS = 2  # blocks per column inside a theme region
PAD = 20.0  # inside a region, around its blocks
LABEL_H = 48.0  # room for the theme's label above its blocks
REGION_GAP = 44.0
ASPECT = 2.4  # width / height the folded map aims for (a map panel on a laptop or desktop screen)


@dataclass(frozen=True)
class ThemeRegion:
    """A theme's rectangle (top-left ``x``, ``y``) and its labels."""

    theme: str
    label_en: str
    label_zh: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Layout:
    """Node centres and sizes, theme regions, and which anchors are unfolded.

    A folded leaf sits at its anchor's centre (hidden behind it), so every node
    always has a position.
    """

    positions: dict[str, tuple[float, float]]
    sizes: dict[str, tuple[float, float]]
    regions: tuple[ThemeRegion, ...]
    unfolded: frozenset[str]
    anchor_of: dict[str, str]

    def is_shown(self, node_id: str) -> bool:
        """True for anchors and for leaves of an unfolded anchor."""
        anchor = self.anchor_of[node_id]
        return anchor == node_id or anchor in self.unfolded


def box_size(kind: str) -> tuple[float, float]:
    """The box of a node of ``kind``: anchors are larger than claims and evidence."""
    return (ANCHOR_W, ANCHOR_H) if kind in ANCHOR_KINDS else (LEAF_W, LEAF_H)


def compute_layout(graph: ArgumentGraph, unfolded: frozenset[str] | set[str] = frozenset(),
                   aspect: float = ASPECT) -> Layout:
    """Lay the graph out with the blocks of ``unfolded`` anchors open (unknown ids are ignored)."""
    groups = fold_groups(graph)
    opened = frozenset(a for a in unfolded if groups.leaves.get(a))
    tables = {t.id: _Table(graph, groups, [a for a in groups.anchors if graph.node(a).theme == t.id], opened)
              for t in graph.themes}
    folded = {t.id: _Table(graph, groups, tables[t.id].anchors, frozenset()).region_size() for t in graph.themes}
    rows = _region_rows([t.id for t in graph.themes], folded, aspect)
    positions: dict[str, tuple[float, float]] = {}
    regions = []
    y = 0.0
    for row in rows:
        height = max(tables[tid].region_size()[1] for tid in row)
        x = 0.0
        for tid in row:
            width = tables[tid].region_size()[0]
            theme = graph.theme(tid)
            regions.append(ThemeRegion(tid, theme.title_en, theme.title_zh, x, y, width, height))
            positions.update(tables[tid].place(x + PAD, y + LABEL_H + PAD))
            x += width + REGION_GAP
        y += height + REGION_GAP
    for nid, anchor in groups.anchor_of.items():
        positions.setdefault(nid, positions[anchor])  # folded leaves hide behind their anchor
    ordered = {nid: positions[nid] for nid in graph.nodes}  # file order, for stable listings
    sizes = {nid: box_size(n.kind) for nid, n in graph.nodes.items()}
    return Layout(ordered, sizes, tuple(sorted(regions, key=lambda r: _theme_index(graph, r.theme))),
                  opened, dict(groups.anchor_of))


def graph_layout(graph: ArgumentGraph) -> Layout:
    """The fully folded layout (the overview), computed once per graph."""
    return graph.cached("layout", lambda: compute_layout(graph))


def theme_regions(graph: ArgumentGraph) -> tuple[ThemeRegion, ...]:
    """The labelled theme rectangles of the overview."""
    return graph_layout(graph).regions


def _theme_index(graph: ArgumentGraph, theme_id: str) -> int:
    return next(i for i, t in enumerate(graph.themes) if t.id == theme_id)


class _Table:
    """One theme's blocks on a table of ``ANCHOR_ROWS`` rows, filled row by row."""

    def __init__(self, graph: ArgumentGraph, groups: FoldGroups, anchors: list[str], opened: frozenset[str]):
        self.graph, self.groups, self.anchors, self.opened = graph, groups, anchors, opened
        # two anchors side by side rather than stacked, so a small theme's label has room
        self.cols = max(1, math.ceil(len(anchors) / ANCHOR_ROWS), min(len(anchors), 2))
        self.cells = {a: divmod(i, self.cols) for i, a in enumerate(anchors)}
        self.blocks = {a: self._block(a) for a in anchors}
        n_rows = max((r for r, _ in self.cells.values()), default=0) + 1
        self.col_w = [ANCHOR_W] * self.cols
        self.row_h = [ANCHOR_H] * n_rows
        for a, (r, c) in self.cells.items():
            w, h = self.blocks[a]
            self.col_w[c] = max(self.col_w[c], w)
            self.row_h[r] = max(self.row_h[r], h)

    def _block(self, anchor: str) -> tuple[float, float]:
        n = len(self.groups.leaves[anchor]) if anchor in self.opened else 0
        if not n:
            return ANCHOR_W, ANCHOR_H
        cols = min(LEAF_COLS, n)
        rows = math.ceil(n / cols)
        width = max(ANCHOR_W, cols * LEAF_W + (cols - 1) * LEAF_GAP_X)
        return width, ANCHOR_H + LEAF_TOP + rows * LEAF_H + (rows - 1) * LEAF_GAP_Y

    def region_size(self) -> tuple[float, float]:
        width = sum(self.col_w) + (len(self.col_w) - 1) * GAP_X + 2 * PAD
        height = sum(self.row_h) + (len(self.row_h) - 1) * GAP_Y + 2 * PAD + LABEL_H
        return width, height

    def place(self, left: float, top: float) -> dict[str, tuple[float, float]]:
        """Centres of the anchors and of the leaves of opened blocks, the table's top-left at ``left, top``."""
        xs = [left + sum(self.col_w[:c]) + c * GAP_X for c in range(self.cols)]
        ys = [top + sum(self.row_h[:r]) + r * GAP_Y for r in range(len(self.row_h))]
        out: dict[str, tuple[float, float]] = {}
        for a, (r, c) in self.cells.items():
            cx = xs[c] + self.col_w[c] / 2
            out[a] = (cx, ys[r] + ANCHOR_H / 2)
            if a in self.opened:
                out.update(_leaf_grid(self.groups.leaves[a], cx, ys[r] + ANCHOR_H + LEAF_TOP))
        return out


def _leaf_grid(leaves: tuple[str, ...], centre_x: float, top: float) -> dict[str, tuple[float, float]]:
    cols = min(LEAF_COLS, len(leaves))
    width = cols * LEAF_W + (cols - 1) * LEAF_GAP_X
    left = centre_x - width / 2
    out = {}
    for i, nid in enumerate(leaves):
        r, c = divmod(i, cols)
        out[nid] = (left + c * (LEAF_W + LEAF_GAP_X) + LEAF_W / 2, top + r * (LEAF_H + LEAF_GAP_Y) + LEAF_H / 2)
    return out


def _region_rows(themes: list[str], sizes: dict[str, tuple[float, float]], aspect: float) -> list[list[str]]:
    """Themes in file order wrapped into rows: the row count whose map is closest to ``aspect``."""
    best: tuple[float, list[list[str]]] | None = None
    for n_rows in range(1, len(themes) + 1):
        rows = _balanced_rows(themes, [sizes[t][0] for t in themes], n_rows)
        width = max(sum(sizes[t][0] for t in row) + (len(row) - 1) * REGION_GAP for row in rows)
        height = sum(max(sizes[t][1] for t in row) for row in rows) + (len(rows) - 1) * REGION_GAP
        score = abs(math.log(width / height / aspect))
        if best is None or score < best[0] - 1e-9:
            best = (score, rows)
    return best[1] if best else []


def _balanced_rows(items: list[str], widths: list[float], n_rows: int) -> list[list[str]]:
    """Split ``items`` (in order) into at most ``n_rows`` rows minimising the widest row (linear partition)."""
    n = len(items)
    n_rows = max(1, min(n_rows, n))
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w + REGION_GAP)
    # cost[k][i]: least widest row splitting the first i items into k rows; cut[k][i]: where the last row starts
    cost = [[math.inf] * (n + 1) for _ in range(n_rows + 1)]
    cut = [[0] * (n + 1) for _ in range(n_rows + 1)]
    cost[0][0] = 0.0
    for k in range(1, n_rows + 1):
        for i in range(1, n + 1):
            for j in range(k - 1, i):
                c = max(cost[k - 1][j], prefix[i] - prefix[j])
                if c < cost[k][i]:
                    cost[k][i], cut[k][i] = c, j
    rows, i = [], n
    k = min(range(1, n_rows + 1), key=lambda k: cost[k][n])
    while k > 0 and i > 0:
        j = cut[k][i]
        rows.append(items[j:i])
        i, k = j, k - 1
    return [r for r in reversed(rows) if r]
