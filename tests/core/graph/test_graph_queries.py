"""Queries on a loaded ArgumentGraph: lookups, neighbourhoods, links, search, immutability."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import networkx as nx
import pytest

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph import ArgumentGraph, load_graph
from debate_explorer.core.graph.model import UnknownNodeError

TINY = Path(__file__).parent / "data" / "tiny_graph.toml"


@pytest.fixture(scope="module")
def g() -> ArgumentGraph:
    return load_graph(TINY)


def test_node_lookup(g: ArgumentGraph) -> None:
    assert g.node("hive_mind").theme == "takeoff"
    assert "hive_mind" in g and "ghost" not in g
    with pytest.raises(UnknownNodeError, match="no node with id 'ghost'"):
        g.node("ghost")
    with pytest.raises(KeyError):  # also a KeyError for mapping-style callers
        g.node("ghost")
    with pytest.raises(InputError):
        g.neighbours("ghost")


def test_by_theme_kind_and_speaker(g: ArgumentGraph) -> None:
    assert g.by_theme("takeoff") == ["hive_mind", "feedback_loop"]
    assert g.by_kind("question") == ["when_agi"]
    assert g.by_kind("evidence") == ["compute_4x"]
    assert g.by_speaker("andrej karpathy ") == ["decade_of_agents", "steady_growth"]
    assert g.by_speaker("Nobody") == []
    with pytest.raises(InputError, match="no theme 'energy'"):
        g.by_theme("energy")
    with pytest.raises(InputError, match="unknown node kind"):
        g.by_kind("rumour")


def test_speakers(g: ArgumentGraph) -> None:
    assert g.speakers() == ["Andrej Karpathy", "Daniel Kokotajlo", "Dwarkesh Patel"]


def test_supporters_attackers_neighbours(g: ArgumentGraph) -> None:
    assert g.supporters("short_timelines") == ["ai2027_sc", "feedback_loop"]
    assert g.attackers("short_timelines") == ["decade_of_agents"]
    assert g.attackers("ai2027_sc") == []
    # both directions and every edge type, in file order, once each
    assert g.neighbours("short_timelines") == ["when_agi", "decade_of_agents", "ai2027_sc", "feedback_loop"]
    assert g.neighbours("feedback_loop") == ["short_timelines", "hive_mind"]
    assert {e.type for e in g.edges_of("short_timelines")} == {"answers", "attacks", "supports"}


def test_links(g: ArgumentGraph) -> None:
    assert [link.assumption for link in g.links_for_node("decade_of_agents")] == ["agi_gap"]
    assert g.links_for_node("when_agi") == []
    assert [link.node for link in g.links_for_assumption("g_compute")] == ["compute_4x"]
    assert g.links_for_assumption("g_compute", model="ai2027-horizon") == []


def test_networkx_view(g: ArgumentGraph) -> None:
    assert g.nx.number_of_nodes() == 9 and g.nx.number_of_edges() == 9
    assert g.nx.nodes["decade_of_agents"]["speaker"] == "Andrej Karpathy"
    edge = g.nx.edges["decade_of_agents", "short_timelines"]
    assert edge["type"] == "attacks" and edge["weight"] == 0.7 and "reason" in edge and "scheme" in edge


def test_graph_is_immutable(g: ArgumentGraph) -> None:
    with pytest.raises(nx.NetworkXError):
        g.nx.add_node("x")
    with pytest.raises(TypeError):
        g.nodes["x"] = g.node("hive_mind")  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.node("hive_mind").title_en = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        g.title = "changed"  # type: ignore[misc]
    assert isinstance(g.edges, tuple) and isinstance(g.themes, tuple)


def test_content_hash_is_stable(g: ArgumentGraph) -> None:
    again = load_graph(TINY)
    assert again.content_hash == g.content_hash and len(g.content_hash) == 64


# -- search -------------------------------------------------------------------------------


def test_search_english_case_insensitive(g: ArgumentGraph) -> None:
    assert g.search("SUPERHUMAN coder") == ["ai2027_sc"]
    assert g.search("hive") == ["hive_mind"]


def test_search_ands_words(g: ArgumentGraph) -> None:
    assert g.search("karpathy growth") == ["steady_growth"]
    assert g.search("karpathy unicorn") == []


def test_search_ranks_title_hits_first(g: ArgumentGraph) -> None:
    # "agents" is in decade_of_agents' title but only in long_timelines' summary
    assert g.search("agents") == ["decade_of_agents", "long_timelines"]
    assert g.search("growth") == ["hive_mind", "steady_growth"]  # both in titles: file order
    assert g.search("two percent") == ["steady_growth"]


def test_search_matches_at_word_starts_in_spaced_scripts(g: ArgumentGraph) -> None:
    assert g.search("era") == ["compute_4x"]  # "Scaling Era", not "accelerated"
    assert g.search("scal") == ["short_timelines", "compute_4x"]
    assert g.search("2030") == ["short_timelines"]  # also found after a Chinese character
    assert g.search("mind") == ["hive_mind"]  # '_' starts a word, as in ids


def test_search_matches_speaker_quote_and_translation(g: ArgumentGraph) -> None:
    assert g.search("kokotajlo") == ["ai2027_sc"]
    assert g.search("fourfold every year") == ["compute_4x"]  # quote_en
    assert g.search("Scaling Era") == ["compute_4x"]  # summary


def test_search_chinese_substrings(g: ArgumentGraph) -> None:
    assert g.search("蜂巢") == ["hive_mind"]
    assert g.search("十年") == ["long_timelines", "decade_of_agents"]  # both titles; file order
    assert g.search("至少需要") == ["decade_of_agents"]  # inside the quote
    assert g.search("後繼者 設計") == ["feedback_loop"]


def test_search_normalises_width_and_ignores_blank_queries(g: ArgumentGraph) -> None:
    assert g.search("ＡＧＩ　２０３０") == ["short_timelines"]  # full-width letters and space
    assert g.search("") == [] and g.search("   ") == []
