"""The Argdown export opens in Argdown: the reference parser (``@argdown/cli``) reads it
with no error and finds one statement per node and one relation per edge.

Needs node and ``tools/argdown`` (``npm ci --prefix tools/argdown``); skipped with
that reason when absent, a failure under CI (``.ci/run`` installs both).
"""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

import pytest

from debate_explorer.core.graph import ArgumentGraph, Node, export_graph, load_graph
from debate_explorer.core.graph.load import build_graph

pytestmark = pytest.mark.slow  # starts node

TINY = Path(__file__).parent / "data" / "tiny_graph.toml"
RELATION = {"supports": "support", "attacks": "attack", "answers": "support"}


def argdown_json(cli: Path, graph: ArgumentGraph, tmp_path: Path) -> dict:
    """The JSON the reference parser makes of the export; fails on any reported error."""
    source = tmp_path / "map.argdown"
    export_graph(graph, "argdown", source)
    run = subprocess.run(
        [str(cli), "json", str(source), str(tmp_path)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0 and "error" not in output.lower(), output[-3000:]
    return json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))


def _expected_text(node: Node) -> str:
    """What Argdown should read as the statement's text: the summary and source verbatim, then the kind's tag."""
    text = node.summary
    if node.speaker:
        text += f" ({node.speaker}" + (f", {node.source})" if node.source else ")")
    return " ".join(text.split()) + f" #({node.kind})"


def check_structure(graph: ArgumentGraph, doc: dict) -> None:
    statements, relations = doc["statements"], doc["relations"]
    assert len(statements) == len(graph.nodes)
    assert len(relations) == len(graph.edges)
    text_of = {
        title: next(m["text"] for m in s["members"] if m.get("isTopLevel")).strip() for title, s in statements.items()
    }
    title_of = {}
    for node in graph.nodes.values():
        found = [title for title, text in text_of.items() if text == _expected_text(node)]
        assert len(found) == 1, f"{node.id}: text not read back verbatim as one statement"
        title_of[node.id] = found[0]
    want = sorted((title_of[e.source], title_of[e.target], RELATION[e.type]) for e in graph.edges)
    got = sorted((r["from"], r["to"], r["relationType"]) for r in relations)
    assert got == want


def test_the_shipped_map_parses_with_every_node_and_edge(argdown_cli: Path, tmp_path: Path) -> None:
    graph = load_graph()
    check_structure(graph, argdown_json(argdown_cli, graph, tmp_path))


def test_markup_characters_are_read_back_verbatim(argdown_cli: Path, tmp_path: Path) -> None:
    data = tomllib.loads(TINY.read_text(encoding="utf-8"))
    data["nodes"][0]["title_en"] = "Say [no] to {braces} and <arrows> \\ here"
    data["nodes"][1]["summary"] = "See 003_a_b.txt, *not* #this or @[that] {x: 1} <y> // http://a.b/c_d /* e */ \\"
    data["nodes"][2]["title_en"] = data["nodes"][3]["title_en"]  # two nodes with one title stay two statements
    graph = build_graph(data, file="nasty.toml")
    doc = argdown_json(argdown_cli, graph, tmp_path)
    check_structure(graph, doc)
    assert "Say (no) to (braces) and <arrows> \\ here" in doc["statements"]
