"""Argdown in (issue 20): the lark reader agrees with the reference parser, the import builds an overlay,
and export → import → export of the bundled map gives the same graph."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph import export_graph, load_graph
from debate_explorer.core.graph.argdown_import import argdown_to_graph_data, import_argdown
from debate_explorer.core.graph.argdown_read import parse_argdown
from debate_explorer.core.graph.export import to_argdown
from debate_explorer.core.graph.load import build_graph
from debate_explorer.core.graph.overlay import merge_overlay

DATA = Path(__file__).parent / "data" / "argdown"
THREE = DATA / "three_claims.argdown"
SYNTAX = """\
===
title: every relation
===

# Heading one

[a]: Statement a with #tag and #(a tag) and an escaped \\[bracket\\]. {kind: position}
  + [b]: B supports a.
    - [c]: C attacks b.
  - <Arg one>: An argument against a.
  _ [d]
  <+ [e]
  <- [f]
  <_ [g]

// a comment line
[h]: H.
  +> [a]
  -> [b] {reason: "h attacks b", scheme: sign}
  _> [c]

/* a block
   comment */
[a]
  + [i]
"""


def _reference(cli: Path, text: str, tmp_path: Path) -> dict:
    source = tmp_path / "in.argdown"
    source.write_text(text, encoding="utf-8")
    run = subprocess.run(
        [str(cli), "json", str(source), str(tmp_path)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert run.returncode == 0 and "error" not in (run.stdout + run.stderr).lower(), run.stdout + run.stderr
    return json.loads((tmp_path / "in.json").read_text(encoding="utf-8"))


def _compare(cli: Path, text: str, tmp_path: Path) -> None:
    ref = _reference(cli, text, tmp_path)
    doc = parse_argdown(text)
    ours_statements = {e.title: e.text for e in doc.elements.values() if not e.argument}
    ref_statements = {
        t: " ".join(next((m["text"] for m in s["members"] if m.get("text")), "").split())
        for t, s in ref["statements"].items()
    }
    assert ours_statements == ref_statements
    assert {e.title for e in doc.elements.values() if e.argument} == set(ref.get("arguments", {}))
    wrap = {"equivalence-class": "[{}]", "argument": "<{}>"}
    ref_rel = {
        (wrap[r["fromType"]].format(r["from"]), wrap[r["toType"]].format(r["to"]), r["relationType"])
        for r in ref["relations"]
    }
    assert {r.key for r in doc.relations} == ref_rel


@pytest.mark.slow
def test_every_relation_reads_as_the_reference_parser_reads_it(argdown_cli: Path, tmp_path: Path) -> None:
    _compare(argdown_cli, SYNTAX, tmp_path)
    assert len(parse_argdown(SYNTAX).relations) == 11


@pytest.mark.slow
def test_the_three_claims_file_reads_as_the_reference_parser_reads_it(argdown_cli: Path, tmp_path: Path) -> None:
    _compare(argdown_cli, THREE.read_text(encoding="utf-8"), tmp_path)


@pytest.mark.slow
def test_the_bundled_export_reads_as_the_reference_parser_reads_it(argdown_cli: Path, tmp_path: Path) -> None:
    _compare(argdown_cli, to_argdown(load_graph()), tmp_path)


def test_export_import_export_of_the_bundled_map_is_the_same_graph(shipped_graph, tmp_path: Path) -> None:
    path = tmp_path / "map.argdown"
    export_graph(shipped_graph, "argdown", path)
    doc = parse_argdown(path.read_text(encoding="utf-8"), file=str(path))
    again = build_graph(argdown_to_graph_data(doc, tmp_path), file=str(path))
    assert set(again.nodes.values()) == set(shipped_graph.nodes.values())
    assert set(again.edges) == set(shipped_graph.edges)  # type, weight, reason, scheme
    assert sorted(map(repr, again.informs)) == sorted(map(repr, shipped_graph.informs))
    assert to_argdown(again) == to_argdown(shipped_graph)
    # As an overlay, the bundled map's own export changes nothing.
    ov = import_argdown(path)
    assert merge_overlay(ov).graph.content_hash == shipped_graph.content_hash
    assert not (ov.spec.nodes or ov.spec.node_edits or ov.spec.edges or ov.spec.edge_edits or ov.spec.informs)


def test_three_claims_import_as_an_overlay_with_their_source() -> None:
    ov = import_argdown(THREE)
    spec = ov.spec
    assert [n.id for n in spec.nodes] == ["quell_returns_fading", "quell_cost_argument", "quell_grid_queue"]
    assert [s.id for s in spec.sources] == ["grid_interview.txt"] and spec.sources[0].speakers == ["Mara Quell"]
    edges = {(e.source, e.target, e.type): e for e in spec.edges}
    assert edges[("quell_returns_fading", "scaling_continues", "attacks")].scheme == "sign"
    assert edges[("quell_cost_argument", "quell_returns_fading", "supports")].weight == 0.6
    assert edges[("quell_grid_queue", "grid_bottleneck", "supports")].scheme == "expert_opinion"
    assert [(i.node, i.assumption, i.basis) for i in spec.informs] == [
        ("quell_grid_queue", "compute_wall_year", "judgement")
    ]
    g = merge_overlay(ov).graph
    assert g.node("quell_cost_argument").theme == "scaling" and g.node("quell_grid_queue").theme == "energy"


def test_a_bundled_id_refers_and_its_metadata_edits() -> None:
    text = (
        '[grid_bottleneck] {summary: "A user\'s summary."}\n  + [hive_mind] {reason: "new reason", scheme: analogy}\n'
    )
    ov = import_argdown_text(text)
    assert not ov.spec.nodes and [e.id for e in ov.spec.node_edits] == ["grid_bottleneck"]


def import_argdown_text(text: str, folder: Path = DATA):
    from debate_explorer.core.graph.argdown_import import argdown_to_overlay

    return argdown_to_overlay(parse_argdown(text, file="t.argdown"), folder)


@pytest.mark.parametrize(
    ("text", "where", "why"),
    [
        ("[a]: text\n  +> [b\n", "line 2", "not Argdown"),
        ("  + [a]\n", "line 1", "no statement or argument above"),
        ("# Energy & infrastructure\n[new_one]: x\n  +> [grid_bottleneck]\n", "line 3", "needs a reason"),
        ("[Not An Id]: x\n", "line 1, [Not An Id]", "not a node id"),
        ("# Energy & infrastructure\n[new_one]: x {source: missing.txt}\n", "line 2, [new_one]", "file not found"),
        ("# Nowhere\n[new_one]: x\n", "line 2, [new_one]", "no theme"),
        (
            '# Energy & infrastructure\n[new_one]: x {source: grid_interview.txt, quote: "the grid is fine"}\n',
            "line 2, [new_one]",
            "not verbatim in source file",
        ),
    ],
)
def test_errors_name_the_file_the_line_and_the_element(text: str, where: str, why: str) -> None:
    with pytest.raises(InputError) as info:
        import_argdown_text(text)
    assert info.value.file == "t.argdown" and info.value.field is not None and info.value.field.startswith(where)
    assert why in info.value.reason
