"""The theme-clustered layout: deterministic, no overlapping boxes, cached on disk."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from debate_explorer.core.graph import ArgumentGraph, load_graph
from debate_explorer.core.graph import layout as layout_mod
from debate_explorer.core.graph.layout import (
    NODE_H,
    NODE_W,
    Layout,
    compute_layout,
    graph_layout,
    theme_regions,
)
from debate_explorer.core.graph.load import build_graph
from debate_explorer.core.graph.schema import THEME_IDS

TINY = Path(__file__).parent / "data" / "tiny_graph.toml"


def _big_graph(n: int = 110, n_edges: int = 170, seed: int = 7) -> ArgumentGraph:
    """A synthetic map the size of the shipped one, spread unevenly over all ten themes."""
    rnd = random.Random(seed)
    weights = [1, 3, 2, 1, 4, 2, 1, 2, 3, 1]
    nodes = []
    for i in range(n):
        theme = rnd.choices(THEME_IDS, weights)[0] if i >= len(THEME_IDS) else THEME_IDS[i]
        nodes.append({"id": f"n{i}", "kind": "position", "theme": theme,
                      "title_en": f"Node {i}", "title_zh": f"節點{i}", "summary": "s"})
    pairs = set()
    while len(pairs) < n_edges:
        a, b = rnd.sample(range(n), 2)
        pairs.add((a, b))
    edges = [{"from": f"n{a}", "to": f"n{b}", "type": rnd.choice(["supports", "attacks"])} for a, b in pairs]
    themes = [{"id": t, "title_en": t.title(), "title_zh": t} for t in THEME_IDS]
    return build_graph({"format_version": 1, "themes": themes, "nodes": nodes, "edges": edges}, file="big")


@pytest.fixture(scope="module")
def big() -> ArgumentGraph:
    return _big_graph()


def _assert_no_overlap(layout: Layout) -> None:
    for (a, pa), (b, pb) in itertools.combinations(layout.positions.items(), 2):
        assert abs(pa[0] - pb[0]) >= NODE_W or abs(pa[1] - pb[1]) >= NODE_H, (a, b, pa, pb)


def test_every_node_is_placed_once(big: ArgumentGraph) -> None:
    layout = compute_layout(big)
    assert list(layout.positions) == list(big.nodes)  # file order
    assert layout.node_size == (NODE_W, NODE_H)


def test_no_two_boxes_overlap(big: ArgumentGraph) -> None:
    _assert_no_overlap(compute_layout(big))
    _assert_no_overlap(compute_layout(load_graph(TINY)))


def test_layout_is_deterministic(big: ArgumentGraph) -> None:
    assert compute_layout(big) == compute_layout(_big_graph())
    assert compute_layout(load_graph(TINY)) == compute_layout(load_graph(TINY))


def test_nodes_sit_inside_their_theme_region(big: ArgumentGraph) -> None:
    layout = compute_layout(big)
    regions = {r.theme: r for r in layout.regions}
    for nid, (x, y) in layout.positions.items():
        r = regions[big.node(nid).theme]
        assert r.x <= x - NODE_W / 2 and x + NODE_W / 2 <= r.x + r.width
        assert r.y <= y - NODE_H / 2 and y + NODE_H / 2 <= r.y + r.height


def test_regions_form_a_grid_without_overlap(big: ArgumentGraph) -> None:
    regions = compute_layout(big).regions
    assert [r.theme for r in regions] == list(THEME_IDS)
    assert regions[4].label_en == "Takeoff" and regions[4].label_zh == "takeoff"
    assert len({r.x for r in regions}) == 4 and len({r.y for r in regions}) == 3  # 4 x 3 for ten themes
    for a, b in itertools.combinations(regions, 2):
        apart_x = a.x + a.width <= b.x or b.x + b.width <= a.x
        apart_y = a.y + a.height <= b.y or b.y + b.height <= a.y
        assert apart_x or apart_y, (a.theme, b.theme)


def test_linked_nodes_tend_to_sit_together() -> None:
    """The spring layout inside a theme keeps a connected pair in neighbouring cells."""
    g = load_graph(TINY)
    pos = compute_layout(g).positions
    (x1, y1), (x2, y2) = pos["ai2027_sc"], pos["compute_4x"]
    assert abs(x1 - x2) <= 2 * (NODE_W + 40) and abs(y1 - y2) <= 2 * (NODE_H + 30)


# -- caching ------------------------------------------------------------------------------


def test_layout_is_cached_on_disk_and_reused(tmp_path: Path, monkeypatch) -> None:
    first = graph_layout(load_graph(TINY), cache_dir=tmp_path)
    files = list(tmp_path.glob("layout-v*.json"))
    assert len(files) == 1 and json.loads(files[0].read_text(encoding="utf-8"))["positions"]

    def no_compute(graph):
        raise AssertionError("should have come from the cache")

    monkeypatch.setattr(layout_mod, "compute_layout", no_compute)
    again = graph_layout(load_graph(TINY), cache_dir=tmp_path)  # a new graph object: disk, not memory
    assert again == first


def test_layout_is_kept_in_memory_per_graph(tmp_path: Path) -> None:
    g = load_graph(TINY)
    assert graph_layout(g, cache_dir=tmp_path) is graph_layout(g, cache_dir=tmp_path)
    assert theme_regions(g, cache_dir=tmp_path) == graph_layout(g, cache_dir=tmp_path).regions


def test_different_graphs_use_different_cache_files(tmp_path: Path, big: ArgumentGraph) -> None:
    graph_layout(load_graph(TINY), cache_dir=tmp_path)
    graph_layout(big, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("layout-v*.json"))) == 2


def test_corrupt_cache_is_recomputed(tmp_path: Path) -> None:
    g = load_graph(TINY)
    expected = compute_layout(g)
    graph_layout(g, cache_dir=tmp_path)
    (cache,) = tmp_path.glob("layout-v*.json")
    for junk in ("{not json", '{"version": 1, "positions": {"x": [1, 2]}}', "[]", '{"version": 99}'):
        cache.write_text(junk, encoding="utf-8")
        assert graph_layout(load_graph(TINY), cache_dir=tmp_path) == expected


def test_unwritable_cache_falls_back_to_computing(tmp_path: Path) -> None:
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    g = load_graph(TINY)
    assert graph_layout(g, cache_dir=blocker / "layouts") == compute_layout(g)


def test_default_cache_dir_is_per_user() -> None:
    path = layout_mod.default_cache_dir()
    assert "debate-explorer" in str(path) and path.name == "layouts"
