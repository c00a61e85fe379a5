"""The shipped AGI-debate map loads through the real loader and works with every part.

(Its content — quotes, coverage — is checked in test_content.py.)
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from debate_explorer.core.graph import ArgumentGraph, load_graph, strengths
from debate_explorer.core.graph.export import to_aif, to_argdown, to_dot
from debate_explorer.core.graph.folding import fold_groups
from debate_explorer.core.graph.layout import compute_layout
from debate_explorer.core.graph.schema import SCHEMES


@pytest.fixture(scope="module")
def shipped() -> ArgumentGraph:
    return load_graph()  # the default path: resources/debate/agi_debate.toml


def test_shipped_graph_loads_with_enough_nodes(shipped: ArgumentGraph) -> None:
    assert len(shipped) >= 80
    assert len(shipped.themes) == 10
    assert shipped.edges and shipped.informs


def test_shipped_graph_strengths_settle_quickly(shipped: ArgumentGraph) -> None:
    result = strengths(shipped, {})
    assert result.converged
    assert all(0.0 <= v <= 1.0 for v in result.strengths.values())
    start = time.perf_counter()
    for _ in range(50):
        strengths(shipped, {})
    per_call = (time.perf_counter() - start) / 50
    assert per_call < 0.05  # a loose guard only; benchmarks measure speed


def test_shipped_graph_lays_out_without_overlap(shipped: ArgumentGraph) -> None:
    layout = compute_layout(shipped, set(fold_groups(shipped).anchors))  # every block open
    assert set(layout.positions) == set(shipped.nodes)
    assert all(layout.is_shown(n) for n in shipped.nodes)
    for (a, pa), (b, pb) in itertools.combinations(layout.positions.items(), 2):
        (wa, ha), (wb, hb) = layout.sizes[a], layout.sizes[b]
        assert abs(pa[0] - pb[0]) >= (wa + wb) / 2 or abs(pa[1] - pb[1]) >= (ha + hb) / 2, (a, b)


def test_shipped_graph_exports(shipped: ArgumentGraph, tmp_path: Path) -> None:
    text = to_argdown(shipped)
    assert all(n.title_en.split("[")[0].strip()[:20] in text for n in shipped.nodes.values())
    aif = to_aif(shipped)
    assert sum(n["type"] == "I" for n in aif["nodes"]) == len(shipped)
    assert to_dot(shipped).count(" -> ") == len(shipped.edges)


def test_every_shipped_edge_says_why_and_how_it_argues(shipped: ArgumentGraph) -> None:
    # The reasons were written edge by edge from the seeds (issue 20): one sentence each,
    # no two alike, so none is a template filled in.
    reasons = [e.reason for e in shipped.edges]
    assert all(10 <= len(r) <= 240 and r.endswith(".") for r in reasons), [r for r in reasons if not r.endswith(".")]
    assert len(set(reasons)) == len(reasons)
    assert all(e.scheme in SCHEMES for e in shipped.edges)
    assert {e.scheme for e in shipped.edges} >= {"expert_opinion", "cause_to_effect", "analogy", "example", "sign"}
