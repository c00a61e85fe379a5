"""A deterministic 2-D layout of the argument map, by theme, with folding claims.

The map has two levels (see :mod:`debate_explorer.core.graph.folding`): anchors
(questions and positions) and the leaves (claims, evidence) folded under them.
Each anchor is a *block*: the anchor's box, and, when the block is unfolded, its
leaves in a small grid just below it. Themes are regions, flowed left to right in
file order and wrapped into *bands*; inside a band every theme's blocks sit on a
table of the band's number of rows (questions first, then positions, in file
order). The bands and their row counts are chosen once, on the folded map, so
that it is as large as possible on a screen-shaped panel (see :func:`_bands`).
Unfolding a block only makes its table row and column larger, so the arrangement
never reshuffles: things move down or right, nothing swaps places.

Coordinates are scene units (pixels at zoom 1) of node centres, y pointing down.
The layout depends only on the graph and the set of unfolded anchors and costs
about a millisecond, so it is simply recomputed when the folding changes.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from debate_explorer.core.graph.folding import ANCHOR_KINDS, FoldGroups, fold_groups
from debate_explorer.core.graph.model import ArgumentGraph

ANCHOR_W, ANCHOR_H = 330.0, 132.0  # positions and questions: large enough to read at the overview
LEAF_W, LEAF_H = 210.0, 76.0  # claims and evidence
GAP_X, GAP_Y = 24.0, 24.0  # between blocks
LEAF_GAP_X, LEAF_GAP_Y = 16.0, 14.0  # between leaves of one block
LEAF_TOP = 22.0  # between an anchor and its first row of leaves
LEAF_COLS = 2
MAX_ANCHOR_ROWS = 4  # a band of themes is at most this many blocks tall
PAD = 16.0  # inside a region, around its blocks
LABEL_H = 46.0  # room for the theme's label above its blocks
REGION_GAP = 36.0
# Width / height of the map panel the folded map is shaped for, in scene units once the
# fit margins and the legend are taken off: a 1920x1080 window's panel (about 1434x588 px).
ASPECT = 2.7
REGION_TITLE_PX = 30.0  # the smallest font (scene px) a theme's label is drawn at
LABEL_INSET = 22.0  # between a region's sides and its label
LATIN_EM = 0.62  # average advance of a bold Latin character, in ems (CJK characters are one em)


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


def compute_layout(
    graph: ArgumentGraph, unfolded: frozenset[str] | set[str] = frozenset(), aspect: float = ASPECT
) -> Layout:
    """Lay the graph out with the blocks of ``unfolded`` anchors open (unknown ids are ignored)."""
    groups = fold_groups(graph)
    opened = frozenset(a for a in unfolded if groups.leaves.get(a))
    positions: dict[str, tuple[float, float]] = {}
    regions = []
    y = 0.0
    for band in _bands(graph, aspect):
        tables = [_Table(graph, groups, tid, band.rows, opened) for tid in band.themes]
        height = max(t.region_size()[1] for t in tables)
        x = 0.0
        for table in tables:
            width = table.region_size()[0]
            theme = graph.theme(table.theme)
            regions.append(ThemeRegion(theme.id, theme.title_en, theme.title_zh, x, y, width, height))
            positions.update(table.place(x + PAD, y + LABEL_H + PAD))
            x += width + REGION_GAP
        y += height + REGION_GAP
    for nid, anchor in groups.anchor_of.items():
        positions.setdefault(nid, positions[anchor])  # folded leaves hide behind their anchor
    ordered = {nid: positions[nid] for nid in graph.nodes}  # file order, for stable listings
    sizes = {nid: box_size(n.kind) for nid, n in graph.nodes.items()}
    return Layout(
        ordered,
        sizes,
        tuple(sorted(regions, key=lambda r: _theme_index(graph, r.theme))),
        opened,
        dict(groups.anchor_of),
    )


def graph_layout(graph: ArgumentGraph) -> Layout:
    """The fully folded layout (the overview), computed once per graph."""
    return graph.cached("layout", lambda: compute_layout(graph))


def theme_regions(graph: ArgumentGraph) -> tuple[ThemeRegion, ...]:
    """The labelled theme rectangles of the overview."""
    return graph_layout(graph).regions


def _theme_index(graph: ArgumentGraph, theme_id: str) -> int:
    return next(i for i, t in enumerate(graph.themes) if t.id == theme_id)


class _Table:
    """One theme's blocks on a table of at most ``rows`` rows, filled row by row.

    The region is at least as wide as its label needs, so a theme with one column
    of blocks still shows its whole name.
    """

    def __init__(self, graph: ArgumentGraph, groups: FoldGroups, theme: str, rows: int, opened: frozenset[str]):
        self.groups, self.theme, self.opened = groups, theme, opened
        self.anchors = [a for a in groups.anchors if graph.node(a).theme == theme]
        self.cols = max(1, math.ceil(len(self.anchors) / rows))
        self.cells = {a: divmod(i, self.cols) for i, a in enumerate(self.anchors)}
        self.min_width = max(_label_width(graph.theme(theme).title_en), _label_width(graph.theme(theme).title_zh))
        n_rows = max((r for r, _ in self.cells.values()), default=0) + 1
        self.col_w = [ANCHOR_W] * self.cols
        self.row_h = [ANCHOR_H] * n_rows
        for a, (r, c) in self.cells.items():
            w, h = self._block(a)
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
        return max(width, self.min_width), height

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


def _label_width(text: str) -> float:
    """About how wide a region must be for ``text`` as its label at ``REGION_TITLE_PX`` (no font at hand here)."""
    ems = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else LATIN_EM for ch in text)
    return ems * REGION_TITLE_PX + 2 * LABEL_INSET


def _leaf_grid(leaves: tuple[str, ...], centre_x: float, top: float) -> dict[str, tuple[float, float]]:
    cols = min(LEAF_COLS, len(leaves))
    width = cols * LEAF_W + (cols - 1) * LEAF_GAP_X
    left = centre_x - width / 2
    out = {}
    for i, nid in enumerate(leaves):
        r, c = divmod(i, cols)
        out[nid] = (left + c * (LEAF_W + LEAF_GAP_X) + LEAF_W / 2, top + r * (LEAF_H + LEAF_GAP_Y) + LEAF_H / 2)
    return out


@dataclass(frozen=True)
class _Band:
    """A row of themes whose tables all have ``rows`` rows of blocks."""

    themes: tuple[str, ...]
    rows: int


def _bands(graph: ArgumentGraph, aspect: float) -> tuple[_Band, ...]:
    """The folded map's bands: themes in file order, cut into bands of 1 to ``MAX_ANCHOR_ROWS`` rows.

    Chosen so that the map fitted into a panel of shape ``aspect`` is drawn as large
    as possible, i.e. minimising ``max(width, aspect * height)``. Computed once per
    graph and kept, so opening blocks never re-cuts the bands.
    """
    return graph.cached(f"layout_bands:{aspect}", lambda: _best_bands(graph, aspect))


def _best_bands(graph: ArgumentGraph, aspect: float) -> tuple[_Band, ...]:
    groups = fold_groups(graph)
    themes = [t.id for t in graph.themes]
    n = len(themes)
    sizes = {
        (tid, rows): _Table(graph, groups, tid, rows, frozenset()).region_size()
        for tid in themes
        for rows in range(1, MAX_ANCHOR_ROWS + 1)
    }
    # fronts[i]: the (width, height, bands) plans for the first i themes that no other plan beats on both
    fronts: list[list[tuple[float, float, tuple[_Band, ...]]]] = [[(0.0, -REGION_GAP, ())]]
    for i in range(1, n + 1):
        plans = []
        for j in range(i):
            for rows in range(1, MAX_ANCHOR_ROWS + 1):
                band = _Band(tuple(themes[j:i]), rows)
                w = sum(sizes[t, rows][0] for t in band.themes) + (i - j - 1) * REGION_GAP
                h = max(sizes[t, rows][1] for t in band.themes)
                plans += [(max(pw, w), ph + REGION_GAP + h, (*pb, band)) for pw, ph, pb in fronts[j]]
        fronts.append(_pareto(plans))
    return min(fronts[n], key=lambda p: (max(p[0], aspect * p[1]), len(p[2])))[2] if n else ()


def _pareto(plans: list[tuple[float, float, tuple[_Band, ...]]]) -> list[tuple[float, float, tuple[_Band, ...]]]:
    """The plans not beaten on both width and height by another (ties: the first found)."""
    front: list[tuple[float, float, tuple[_Band, ...]]] = []
    for plan in sorted(plans, key=lambda p: (p[0], p[1])):
        if not front or plan[1] < front[-1][1] - 1e-9:
            front.append(plan)
    return front
