"""A deterministic 2-D layout of the argument map, clustered by theme.

Themes are boxes on a grid (4 x 3 for the ten themes, in file order). Inside a
theme, a seeded spring layout of the theme's subgraph decides who sits near whom;
its positions are then snapped to a grid of cells one node box plus a gap in
size (rows by height, then left to right), which guarantees that no two boxes
overlap however the springs fall. Coordinates are scene units (pixels at zoom
1) of node centres, y pointing down, for boxes of ``NODE_W`` x ``NODE_H``.

The layout depends only on the graph's content, so it is computed once per
content hash and kept as JSON in the user's cache folder; a cache that cannot be
read or written is simply skipped.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph.export import write_atomic
from debate_explorer.core.graph.model import ArgumentGraph, Theme

LAYOUT_VERSION = 1  # bump when the algorithm changes, to invalidate caches
NODE_W, NODE_H = 180.0, 60.0
GAP_X, GAP_Y = 40.0, 30.0
CELL_W, CELL_H = NODE_W + GAP_X, NODE_H + GAP_Y
PAD = 30.0  # inside a region, around the cells
LABEL_H = 40.0  # room for the theme's label above its cells
REGION_GAP = 80.0
SEED = 20251124


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
    positions: dict[str, tuple[float, float]]  # node id -> centre
    regions: tuple[ThemeRegion, ...]
    node_size: tuple[float, float] = (NODE_W, NODE_H)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": LAYOUT_VERSION,
            "positions": {k: list(v) for k, v in self.positions.items()},
            "regions": [asdict(r) for r in self.regions],
            "node_size": list(self.node_size),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Layout:
        if data.get("version") != LAYOUT_VERSION:
            raise ValueError("layout cache from another version")
        positions = {str(k): (float(v[0]), float(v[1])) for k, v in data["positions"].items()}
        regions = tuple(ThemeRegion(**r) for r in data["regions"])
        w, h = data["node_size"]
        return cls(positions, regions, (float(w), float(h)))


def _theme_cells(graph: ArgumentGraph, ids: list[str]) -> dict[str, tuple[int, int]]:
    """(row, column) of each node of one theme, keeping spring-layout neighbours close."""
    if not ids:
        return {}
    cols = max(1, math.ceil(math.sqrt(len(ids) / 1.5)))
    sub = nx.Graph()
    sub.add_nodes_from(ids)
    sub.add_edges_from((u, v) for u, v in graph.nx.subgraph(ids).edges)
    pos = nx.spring_layout(sub, seed=SEED) if len(ids) > 1 else {ids[0]: (0.0, 0.0)}
    order = {nid: i for i, nid in enumerate(ids)}
    by_height = sorted(ids, key=lambda n: (-round(float(pos[n][1]), 9), order[n]))
    cells = {}
    for r in range(0, len(by_height), cols):
        row = sorted(by_height[r:r + cols], key=lambda n: (round(float(pos[n][0]), 9), order[n]))
        for c, nid in enumerate(row):
            cells[nid] = (r // cols, c)
    return cells


def _theme_grid(n_themes: int) -> int:
    """Columns of the theme grid: 4 x 3 for ten themes, about square in general."""
    return max(1, math.ceil(math.sqrt(n_themes)))


def compute_layout(graph: ArgumentGraph) -> Layout:
    """Lay the graph out from scratch (no caches)."""
    themes = list(graph.themes)
    cells = {t.id: _theme_cells(graph, graph.by_theme(t.id)) for t in themes}
    dims = {}
    for t in themes:
        c = cells[t.id]
        n_cols = max((col for _, col in c.values()), default=0) + 1
        n_rows = max((row for row, _ in c.values()), default=0) + 1
        dims[t.id] = (n_cols, n_rows)
    grid_cols = _theme_grid(len(themes))
    col_w = [0.0] * grid_cols
    row_h = [0.0] * math.ceil(len(themes) / grid_cols)
    for k, t in enumerate(themes):
        w, h = _region_size(*dims[t.id])
        col_w[k % grid_cols] = max(col_w[k % grid_cols], w)
        row_h[k // grid_cols] = max(row_h[k // grid_cols], h)
    placed = _place(themes, cells, dims, col_w, row_h, grid_cols)
    # file order, so the cache file and any listing are stable
    ordered = {nid: placed.positions[nid] for nid in graph.nodes if nid in placed.positions}
    return Layout(ordered, placed.regions)


def _region_size(n_cols: int, n_rows: int) -> tuple[float, float]:
    return n_cols * CELL_W + 2 * PAD, n_rows * CELL_H + 2 * PAD + LABEL_H


def _place(themes: Sequence[Theme], cells: dict[str, dict[str, tuple[int, int]]],
           dims: dict[str, tuple[int, int]], col_w: list[float], row_h: list[float], grid_cols: int) -> Layout:
    positions: dict[str, tuple[float, float]] = {}
    regions = []
    for k, t in enumerate(themes):
        gc, gr = k % grid_cols, k // grid_cols
        x0 = sum(col_w[:gc]) + gc * REGION_GAP
        y0 = sum(row_h[:gr]) + gr * REGION_GAP
        regions.append(ThemeRegion(t.id, t.title_en, t.title_zh, x0, y0, col_w[gc], row_h[gr]))
        n_cols = dims[t.id][0]
        # centre the theme's cells in its (possibly wider) column of the grid
        left = x0 + (col_w[gc] - n_cols * CELL_W) / 2
        top = y0 + LABEL_H + PAD
        row_len = _row_lengths(cells[t.id])
        for nid, (r, c) in cells[t.id].items():
            shift = (n_cols - row_len[r]) * CELL_W / 2  # centre a short last row
            positions[nid] = (left + shift + (c + 0.5) * CELL_W, top + (r + 0.5) * CELL_H)
    return Layout(positions, tuple(regions))


def _row_lengths(cells: dict[str, tuple[int, int]]) -> dict[int, int]:
    out: dict[int, int] = {}
    for r, _ in cells.values():
        out[r] = out.get(r, 0) + 1
    return out


def default_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("debate-explorer")) / "layouts"


def _cache_file(graph: ArgumentGraph, cache_dir: str | Path | None) -> Path:
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    return folder / f"layout-v{LAYOUT_VERSION}-{graph.content_hash[:32]}.json"


def _read_cache(path: Path, graph: ArgumentGraph) -> Layout | None:
    try:
        layout = Layout.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
    return layout if set(layout.positions) == set(graph.nodes) else None


def _write_cache(path: Path, layout: Layout) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(layout.to_json(), ensure_ascii=False).encode("utf-8"))
    except (OSError, InputError):
        pass  # a read-only cache only costs a recomputation next time


def graph_layout(graph: ArgumentGraph, cache_dir: str | Path | None = None) -> Layout:
    """The layout of ``graph``: from memory, else from the disk cache, else computed and cached.

    ``cache_dir`` (default: the per-user cache folder) matters only on the first
    call for a graph object; after that the layout is held on the graph itself.
    """

    def load_or_compute() -> Layout:
        path = _cache_file(graph, cache_dir)
        layout = _read_cache(path, graph)
        if layout is None:
            layout = compute_layout(graph)
            _write_cache(path, layout)
        return layout

    return graph.cached("layout", load_or_compute)


def theme_regions(graph: ArgumentGraph, cache_dir: str | Path | None = None) -> tuple[ThemeRegion, ...]:
    """The labelled theme rectangles of the layout."""
    return graph_layout(graph, cache_dir).regions
