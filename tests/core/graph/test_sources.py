"""Readable source names: "speaker, outlet, date" instead of a hashed seed file name."""

from __future__ import annotations

from debate_explorer.core.graph import load_graph
from debate_explorer.core.graph.model import Node
from debate_explorer.core.graph.sources import SEED_DOCUMENTS, source_label, source_note


def _node(**kw) -> Node:
    return Node(id="x", kind="claim", theme="timelines", title_en="t", title_zh="t", summary="s", **kw)


def test_label_names_speaker_outlet_and_date() -> None:
    node = _node(speaker="Will Bryk", source="002_a4b02a4ddda3132f.txt", date="2024-12")
    assert source_label(node) == (
        "Will Bryk, 'Thoughts on the eve of AGI' (X post), Chinese translation by AI深度研究员, 2024-12"
    )


def test_a_compilation_names_the_article_by_speaker() -> None:
    karpathy = _node(speaker="Andrej Karpathy", source="003_9acecfd289868eca.txt", date="2025-10")
    goldman = _node(speaker="Goldman Sachs", source="003_9acecfd289868eca.txt")
    assert "Dwarkesh Podcast" in source_label(karpathy) and source_label(karpathy).endswith("2025-10")
    assert "Goldman Sachs research note" in source_label(goldman)
    assert source_label(goldman).endswith(", 2025")  # the file's date when the node gives none


def test_unknown_file_and_no_source() -> None:
    assert source_label(_node(speaker="A", source="mine.txt")) == "A, mine.txt"
    assert source_label(_node()) == ""
    assert source_note("001_bf732561413118de.txt").startswith("The summary dates itself")
    assert source_note(None) == ""


def test_every_seed_and_every_shipped_speaker_has_a_readable_outlet(seeds_dir) -> None:
    assert {p.name for p in seeds_dir.glob("*.txt")} == set(SEED_DOCUMENTS)
    graph = load_graph()
    generic = SEED_DOCUMENTS["003_9acecfd289868eca.txt"].outlet
    vague = sorted(
        n.id for n in graph.nodes.values() if n.source == "003_9acecfd289868eca.txt" and generic in source_label(n)
    )
    assert not vague, f"003 nodes whose speaker has no outlet in sources.py: {vague}"
    hashed = sorted(n.id for n in graph.nodes.values() if n.source and n.source in source_label(n))
    assert not hashed, f"labels still showing a file name: {hashed}"
