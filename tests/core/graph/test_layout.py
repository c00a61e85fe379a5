"""The folding, theme-clustered layout: deterministic, no overlapping boxes, blocks that open in place."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from debate_explorer.core.graph import ArgumentGraph, load_graph
from debate_explorer.core.graph.folding import fold_groups, speakers_behind
from debate_explorer.core.graph.layout import Layout, compute_layout, graph_layout, theme_regions
from debate_explorer.core.graph.load import build_graph
from debate_explorer.core.graph.schema import THEME_IDS

TINY = Path(__file__).parent / "data" / "tiny_graph.toml"


def _big_graph(n: int = 140, n_edges: int = 200, seed: int = 7) -> ArgumentGraph:
    """A synthetic map the size of the shipped one: a third positions, the rest claims arguing about them."""
    rnd = random.Random(seed)
    weights = [1, 3, 2, 1, 4, 2, 1, 2, 3, 1]
    nodes = []
    for i in range(n):
        theme = rnd.choices(THEME_IDS, weights)[0] if i >= len(THEME_IDS) else THEME_IDS[i]
        kind = "position" if i < len(THEME_IDS) or rnd.random() < 0.3 else "claim"
        sourced = {"speaker": f"Speaker {i % 7}", "source": "s.txt", "quote": "q", "quote_en": "q"}
        extra = sourced if kind == "claim" else {}
        nodes.append(
            {
                "id": f"n{i}",
                "kind": kind,
                "theme": theme,
                "title_en": f"Node {i}",
                "title_zh": f"節點{i}",
                "summary": "s",
                **extra,
            }
        )
    pairs = set()
    while len(pairs) < n_edges:
        a, b = rnd.sample(range(n), 2)
        pairs.add((a, b))
    edges = [
        {
            "from": f"n{a}",
            "to": f"n{b}",
            "type": rnd.choice(["supports", "attacks"]),
            "reason": "Test.",
            "scheme": "other",
        }
        for a, b in pairs
    ]
    themes = [{"id": t, "title_en": t.title(), "title_zh": t} for t in THEME_IDS]
    return build_graph({"format_version": 1, "themes": themes, "nodes": nodes, "edges": edges}, file="big")


@pytest.fixture(scope="module")
def big() -> ArgumentGraph:
    return _big_graph()


def _boxes(layout: Layout):
    for nid, (x, y) in layout.positions.items():
        if layout.is_shown(nid):
            w, h = layout.sizes[nid]
            yield nid, (x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def _assert_no_overlap(layout: Layout) -> None:
    for (a, ra), (b, rb) in itertools.combinations(_boxes(layout), 2):
        apart = ra[2] <= rb[0] or rb[2] <= ra[0] or ra[3] <= rb[1] or rb[3] <= ra[1]
        assert apart, (a, b, ra, rb)


def test_every_node_is_placed_and_leaves_fold_under_an_anchor(big: ArgumentGraph) -> None:
    layout = compute_layout(big)
    assert list(layout.positions) == list(big.nodes)  # file order
    groups = fold_groups(big)
    for nid in big.nodes:
        anchor = groups.anchor_of[nid]
        assert big.node(anchor).kind in ("position", "question") or anchor == nid
        assert layout.is_shown(nid) == (anchor == nid)  # folded: only anchors drawn
        if anchor != nid:
            assert layout.positions[nid] == layout.positions[anchor]


def test_folding_follows_edges_and_prefers_the_same_theme(shipped_graph) -> None:
    g = shipped_graph
    groups = fold_groups(g)
    for leaf, anchor in groups.anchor_of.items():
        if leaf == anchor:
            continue
        out = [e for e in g.edges_of(leaf) if e.source == leaf and e.type in ("supports", "attacks")]
        direct = [e for e in out if g.node(e.target).kind in ("position", "question")]
        if direct:
            assert anchor in [e.target for e in direct]
            same = [e for e in direct if g.node(e.target).theme == g.node(leaf).theme]
            assert not same or anchor in [e.target for e in same]
            backed = [e.target for e in same if e.type == "supports"]
            assert not backed or anchor in backed  # a claim sits with the side it argues for


def test_no_overlap_folded_half_open_and_open(big: ArgumentGraph) -> None:
    groups = fold_groups(big)
    anchors = [a for a in groups.anchors if groups.leaves[a]]
    for unfolded in (set(), set(anchors[::2]), set(anchors)):
        _assert_no_overlap(compute_layout(big, unfolded))
    _assert_no_overlap(compute_layout(load_graph(TINY), set(fold_groups(load_graph(TINY)).anchors)))


def test_layout_is_deterministic(big: ArgumentGraph) -> None:
    assert compute_layout(big) == compute_layout(_big_graph())
    assert compute_layout(load_graph(TINY)) == compute_layout(load_graph(TINY))


def test_anchors_sit_inside_their_theme_region(big: ArgumentGraph) -> None:
    groups = fold_groups(big)
    layout = compute_layout(big, set(groups.anchors))
    regions = {r.theme: r for r in layout.regions}
    for nid, (x0, y0, x1, y1) in _boxes(layout):
        r = regions[big.node(groups.anchor_of[nid]).theme]  # a leaf sits with its anchor
        assert r.x <= x0 and x1 <= r.x + r.width and r.y <= y0 and y1 <= r.y + r.height


def test_regions_keep_file_order_and_do_not_overlap(big: ArgumentGraph) -> None:
    regions = compute_layout(big).regions
    assert [r.theme for r in regions] == list(THEME_IDS)
    assert regions[4].label_en == "Takeoff" and regions[4].label_zh == "takeoff"
    for a, b in itertools.combinations(regions, 2):
        apart_x = a.x + a.width <= b.x or b.x + b.width <= a.x
        apart_y = a.y + a.height <= b.y or b.y + b.height <= a.y
        assert apart_x or apart_y, (a.theme, b.theme)
    width = max(r.x + r.width for r in regions)
    height = max(r.y + r.height for r in regions)
    assert 1.2 < width / height < 5  # about a screen's shape, not one long strip


def _shape(layout: Layout) -> float:
    return max(r.x + r.width for r in layout.regions) / max(r.y + r.height for r in layout.regions)


def test_the_folded_map_takes_the_shape_of_the_panel_it_is_laid_out_for(shipped_graph) -> None:
    shapes = [_shape(compute_layout(shipped_graph, aspect=a)) for a in (1.5, 2.7, 5.0)]
    assert shapes == sorted(shapes)
    assert all(a / 1.25 < s < a * 1.25 for a, s in zip((1.5, 2.7, 5.0), shapes, strict=True))


def test_opening_a_block_moves_things_down_or_right_never_back(shipped_graph) -> None:
    g = shipped_graph
    before = compute_layout(g)
    anchor = max(fold_groups(g).anchors, key=lambda a: len(fold_groups(g).leaves[a]))
    after = compute_layout(g, {anchor})
    assert after.unfolded == {anchor}
    assert all(after.is_shown(leaf) for leaf in fold_groups(g).leaves[anchor])
    for nid in fold_groups(g).anchors:
        (x0, y0), (x1, y1) = before.positions[nid], after.positions[nid]
        assert x1 >= x0 - 1e-9 and y1 >= y0 - 1e-9
    ax, ay = after.positions[anchor]
    assert all(after.positions[leaf][1] > ay for leaf in fold_groups(g).leaves[anchor])


def test_speakers_behind_a_position_come_from_its_supporters(shipped_graph) -> None:
    g = shipped_graph
    pos = max((n for n in g.nodes.values() if n.kind == "position"), key=lambda n: len(g.supporters(n.id)))
    names = speakers_behind(g, pos.id)
    expected = {g.node(s).speaker.split(" (")[0] for s in g.supporters(pos.id) if g.node(s).speaker}
    assert names and set(names) == expected
    assert len(names) == len(set(names))


def test_overview_layout_is_kept_per_graph() -> None:
    g = load_graph(TINY)
    assert graph_layout(g) is graph_layout(g)
    assert theme_regions(g) == graph_layout(g).regions
