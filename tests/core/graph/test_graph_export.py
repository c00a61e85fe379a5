"""Exports: each format parses back with the right structure; files are written atomically."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

import networkx as nx
import pytest

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph import ArgumentGraph, export_graph, load_graph
from debate_explorer.core.graph.export import to_aif, to_argdown, to_dot
from debate_explorer.core.graph.load import build_graph

TINY = Path(__file__).parent / "data" / "tiny_graph.toml"
NASTY_TITLE = 'Say "no" \\ to [brackets]\nand {braces}; digraph -> node'


@pytest.fixture(scope="module")
def g() -> ArgumentGraph:
    return load_graph(TINY)


@pytest.fixture(scope="module")
def nasty() -> ArgumentGraph:
    """The fixture with awkward characters in a title and two nodes sharing a title."""
    data = tomllib.loads(TINY.read_text(encoding="utf-8"))
    data["nodes"][0]["title_en"] = NASTY_TITLE
    data["nodes"][1]["title_en"] = data["nodes"][2]["title_en"]
    return build_graph(data, file="nasty.toml")


def _count(g: ArgumentGraph, kind: str) -> int:
    return sum(e.type == kind for e in g.edges)


# -- AIF ------------------------------------------------------------------------------------


def test_aif_has_i_ra_ca_nodes_and_edges_through_them(g: ArgumentGraph) -> None:
    aif = json.loads(json.dumps(to_aif(g)))
    by_type: dict[str, list] = {}
    for node in aif["nodes"]:
        assert set(node) >= {"nodeID", "text", "type"}
        by_type.setdefault(node["type"], []).append(node)
    assert len(by_type["I"]) == len(g)
    assert len(by_type["RA"]) == _count(g, "supports") == 5
    assert len(by_type["CA"]) == _count(g, "attacks") == 2
    assert len(aif["edges"]) == 2 * (5 + 2)
    ids = [n["nodeID"] for n in aif["nodes"]]
    assert len(set(ids)) == len(ids)
    kind = {n["nodeID"]: n["type"] for n in aif["nodes"]}
    for scheme in by_type["RA"] + by_type["CA"]:
        sid = scheme["nodeID"]
        into = [e["fromID"] for e in aif["edges"] if e["toID"] == sid]
        out = [e["toID"] for e in aif["edges"] if e["fromID"] == sid]
        assert len(into) == 1 and len(out) == 1
        assert kind[into[0]] == "I" and kind[out[0]] == "I"
    assert {n["text"] for n in by_type["I"]} == {n.title_en for n in g.nodes.values()}


def test_aif_support_runs_from_premise_to_conclusion(g: ArgumentGraph) -> None:
    aif = to_aif(g)
    text = {n["nodeID"]: n["text"] for n in aif["nodes"]}
    first_ra = next(n["nodeID"] for n in aif["nodes"] if n["type"] == "RA")
    src = next(e["fromID"] for e in aif["edges"] if e["toID"] == first_ra)
    dst = next(e["toID"] for e in aif["edges"] if e["fromID"] == first_ra)
    # the first supports edge in the file: decade_of_agents -> long_timelines
    assert text[src] == g.node("decade_of_agents").title_en
    assert text[dst] == g.node("long_timelines").title_en


# -- GraphML --------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["tiny", "shipped"])
def test_graphml_round_trips_with_every_attribute(which: str, g: ArgumentGraph, tmp_path: Path) -> None:
    graph = g if which == "tiny" else load_graph()
    path = tmp_path / "map.graphml"
    export_graph(graph, "graphml", path)
    back = nx.read_graphml(path)
    assert back.graph["title"] == graph.title
    assert set(back.nodes) == set(graph.nodes)
    for node in graph.nodes.values():  # every field; None is written as empty text (GraphML has no null)
        want = {k: ("" if v is None else v) for k, v in vars(node).items() if k != "id"}
        assert back.nodes[node.id] == want, node.id
    assert back.number_of_edges() == len(graph.edges)
    for e in graph.edges:
        assert back.edges[e.source, e.target] == {"type": e.type, "weight": pytest.approx(e.weight)}


# -- DOT ------------------------------------------------------------------------------------

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|->|[{}\[\];,=]|[A-Za-z0-9_.#]+|\s+')


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        assert m, f"unexpected DOT text at {text[pos : pos + 30]!r}"
        if not m.group().isspace():
            out.append(m.group())
        pos = m.end()
    return out


def _unquote(token: str) -> str:
    assert token.startswith('"') and token.endswith('"')
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), token[1:-1])


def _parse_dot(text: str) -> tuple[dict[str, dict[str, str]], list[tuple[str, str, dict[str, str]]]]:
    """Nodes and edges of the simple DOT that to_dot writes (statement = ... ;)."""
    toks = _tokens(text)
    assert toks[:3] == ["digraph", toks[1], "{"] and toks[-1] == "}"
    assert toks.count("{") == toks.count("}")
    nodes, edges = {}, []
    for i, tok in enumerate(toks):
        if tok.startswith('"') and toks[i + 1] == "[" and toks[i - 1] != "->":
            nodes[_unquote(tok)] = _attrs(toks, i + 1)
        if tok == "->":
            edges.append((_unquote(toks[i - 1]), _unquote(toks[i + 1]), _attrs(toks, i + 2)))
    return nodes, edges


def _attrs(toks: list[str], start: int) -> dict[str, str]:
    assert toks[start] == "["
    end = toks.index("]", start)
    body = [t for t in toks[start + 1 : end] if t != ","]
    return {
        body[k]: _unquote(body[k + 2]) if body[k + 2].startswith('"') else body[k + 2] for k in range(0, len(body), 3)
    }


def test_dot_parses_with_every_node_and_edge(g: ArgumentGraph) -> None:
    nodes, edges = _parse_dot(to_dot(g))
    assert set(nodes) == set(g.nodes)
    assert len(edges) == len(g.edges)
    styles = {e[2]["type"]: e[2]["style"] for e in edges}
    assert styles == {"supports": "solid", "attacks": "dashed", "answers": "dotted"}
    assert to_dot(g).count("subgraph") == len(g.themes)


def test_dot_escapes_quotes_backslashes_and_newlines(nasty: ArgumentGraph) -> None:
    text = to_dot(nasty)
    nodes, _ = _parse_dot(text)
    label = nodes["when_agi"]["label"]
    assert " ".join(label.split()) == " ".join(NASTY_TITLE.split())


def test_dot_reads_back_with_pydot(g: ArgumentGraph, tmp_path: Path) -> None:
    path = tmp_path / "map.dot"
    export_graph(g, "dot", path)
    back = nx.nx_pydot.read_dot(path)
    assert set(back.nodes) >= set(g.nodes)
    assert back.number_of_edges() == len(g.edges)


@pytest.mark.slow  # starts graphviz
def test_dot_renders_with_graphviz(graphviz: None, tmp_path: Path) -> None:
    """Graphviz itself (through pydot) lays the shipped map out: one SVG group per node and per edge."""
    import xml.etree.ElementTree as ET

    import pydot

    graph = load_graph()
    path = tmp_path / "map.dot"
    export_graph(graph, "dot", path)
    (dot,) = pydot.graph_from_dot_file(str(path), encoding="utf-8")
    svg = ET.fromstring(dot.create_svg())
    classes = [el.get("class") for el in svg.iter("{http://www.w3.org/2000/svg}g")]
    assert classes.count("node") == len(graph.nodes)
    assert classes.count("edge") == len(graph.edges)
    assert classes.count("cluster") == len(graph.themes)


# -- Argdown --------------------------------------------------------------------------------


def test_argdown_has_every_title_and_relation(g: ArgumentGraph) -> None:
    text = to_argdown(g)
    for node in g.nodes.values():
        assert f"[{node.title_en}]: " in text
    lines = text.splitlines()
    # Argdown has no "answers": an answer supports its question
    assert sum(line.startswith("  + [") for line in lines) == _count(g, "supports") + _count(g, "answers") == 7
    assert sum(line.startswith("  - [") for line in lines) == _count(g, "attacks") == 2
    for theme in g.themes:
        assert f"# {theme.title_en} ({theme.title_zh})" in lines


def test_argdown_incoming_relations_sit_under_their_target(g: ArgumentGraph) -> None:
    text = to_argdown(g)
    block = text.split("[AGI arrives before 2030]: ", 1)[1].split("\n\n", 1)[0]
    assert "  - [It is the decade of agents, not the year of agents]" in block
    assert "  + [A superhuman coder by 2027]" in block


def test_argdown_titles_are_safe_and_unique(nasty: ArgumentGraph) -> None:
    text = to_argdown(nasty)
    assert '[Say "no" \\ to (brackets) and (braces); digraph -> node]: ' in text
    shared = nasty.node("long_timelines").title_en
    assert f"[{shared} (short_timelines)]: " in text and f"[{shared} (long_timelines)]: " in text


# -- writing files --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["argdown", "aif", "graphml", "dot", "DOT"])
def test_export_graph_writes_each_format(g: ArgumentGraph, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"map.{fmt.lower()}"
    export_graph(g, fmt, path)
    assert path.stat().st_size > 100
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary files left
    if fmt == "aif":
        assert json.loads(path.read_text(encoding="utf-8"))["nodes"]


def test_unknown_format_is_an_input_error(g: ArgumentGraph, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown export format 'pdf'") as info:
        export_graph(g, "pdf", tmp_path / "x.pdf")
    assert info.value.field == "format"
    assert not any(tmp_path.iterdir())


def test_failed_write_keeps_the_old_file(g: ArgumentGraph, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "map.dot"
    path.write_text("old content", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(InputError, match="No space left") as info:
        export_graph(g, "dot", path)
    assert info.value.file == str(path)
    assert path.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["map.dot"]


def test_missing_folder_is_an_input_error(g: ArgumentGraph, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot write"):
        export_graph(g, "aif", tmp_path / "no" / "such" / "map.json")
