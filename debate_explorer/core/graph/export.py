"""Exports of the argument graph to the formats other tools read.

- Argdown (argdown.org): statements ``[title]: text`` grouped under a heading per
  theme; each statement lists its incoming relations, ``+ [supporter]`` and
  ``- [attacker]``. Argdown has no "answers" relation: a position answering a
  question is written as supporting it (the question carries the tag
  ``#(question)``), so every edge is an Argdown relation. Every node's fields
  (id, kind, theme, titles, summary, source, quote, …, its ``informs`` links)
  ride in the statement's metadata ``{…}`` and each edge's type, weight, reason
  and scheme in the relation's, so ``import-argdown`` reads the map back
  losslessly (:mod:`.argdown_import`). Checked against the reference parser
  (``argdown json``, see tests/core/graph/test_argdown_cli.py).
- AIF JSON (the Argument Interchange Format as AIFdb/OVA exchange it): every node
  is an I-node; each support edge becomes an RA-node and each attack edge a
  CA-node between the two I-nodes, carrying the edge's argument scheme
  (``scheme``, AIF's name for the Walton scheme, e.g. "Argument From Expert
  Opinion") when it has one. AIF has no weights and no "answers"; both are left out.
- GraphML via networkx, with every attribute a string or number.
- Graphviz DOT, one cluster per theme, an edge style per edge type.

Files are written atomically (temporary file in the same folder, then
``os.replace``), so an interrupted export never leaves half a file.
"""

from __future__ import annotations

import io
import json
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from debate_explorer.core.errors import InputError
from debate_explorer.core.files.fileio import atomic_write_bytes
from debate_explorer.core.graph.model import ArgumentGraph, Node, _raw

# -- Argdown -------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


# Characters Argdown reads as markup in running text: emphasis (_ *), tags (#),
# statement, argument and mention references ([ ] < > @), metadata ({ }), comments
# (/) and the escape itself. A backslash before any of them keeps it verbatim.
_ARGDOWN_MARKUP = re.compile(r"([\\_*#\[\]<>{}@/])")
_TITLE_BRACKETS = str.maketrans({"[": "(", "]": ")", "{": "(", "}": ")"})


def _argdown_safe(text: str) -> str:
    """One line of text that Argdown reads back verbatim (markup characters escaped)."""
    return _ARGDOWN_MARKUP.sub(r"\\\1", _one_line(text))


def _argdown_title(text: str) -> str:
    """A title ends at the first ']' and cannot escape it, so brackets become parentheses."""
    return _one_line(text).translate(_TITLE_BRACKETS)


def _argdown_titles(graph: ArgumentGraph) -> dict[str, str]:
    """One unique Argdown title per node: Argdown merges statements that share a title."""
    counts: dict[str, int] = {}
    for node in graph.nodes.values():
        t = _argdown_title(node.title_en)
        counts[t] = counts.get(t, 0) + 1
    out = {}
    for node in graph.nodes.values():
        t = _argdown_title(node.title_en)
        out[node.id] = t if counts[t] == 1 else f"{t} ({node.id})"
    return out


def _argdown_text(node: Node) -> str:
    text = node.summary
    if node.speaker:
        text += f" ({node.speaker}" + (f", {node.source})" if node.source else ")")
    return _argdown_safe(text) + f" #({node.kind})"


def to_argdown(graph: ArgumentGraph) -> str:
    """The graph as an Argdown document."""
    titles = _argdown_titles(graph)
    lines = ["===", f"title: {json.dumps(graph.title, ensure_ascii=False)}", "===", ""]
    for theme in graph.themes:
        lines += [f"# {_argdown_safe(theme.title_en)} ({_argdown_safe(theme.title_zh)})", ""]
        for nid in graph.by_theme(theme.id):
            lines += _argdown_node(graph, graph.node(nid), titles) + [""]
    return "\n".join(lines)


# Argdown's lexer ends metadata at a brace and starts comments at a slash even inside a quoted
# string; JSON's \u escapes keep those characters out of the text (YAML reads them back).
_META_ESCAPES = str.maketrans({c: f"\\u{ord(c):04x}" for c in "{}[]/#"})


def _meta_value(value: Any) -> str:
    """A value in YAML flow style written as JSON, with markup characters in strings escaped."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_meta_value(str(k))}: {_meta_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_meta_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False).translate(_META_ESCAPES if isinstance(value, str) else {})


def _argdown_meta(fields: dict[str, Any]) -> str:
    """Inline metadata, ``{key: "value", …}``, which Argdown's YAML and our importer both read."""
    return "{" + ", ".join(f"{k}: {_meta_value(v)}" for k, v in fields.items() if v not in (None, "", [])) + "}"


def _node_meta(graph: ArgumentGraph, node: Node) -> str:
    fields: dict[str, Any] = {"id": node.id, **{k: v for k, v in vars(node).items() if k != "id"}}
    fields["informs"] = [
        {"assumption": i.assumption, "model": i.model, "dist": _raw(i.dist), "basis": i.basis, "rationale": i.rationale}
        for i in graph.links_for_node(node.id)
    ]
    return _argdown_meta(fields)


def _argdown_node(graph: ArgumentGraph, node: Node, titles: dict[str, str]) -> list[str]:
    lines = [f"[{titles[node.id]}]: {_argdown_text(node)} {_node_meta(graph, node)}"]
    for edge in graph.edges:
        if edge.target == node.id:
            sign = "-" if edge.type == "attacks" else "+"  # supports, and answers (see the module's doc)
            meta = {"type": edge.type, "weight": edge.weight, "reason": edge.reason, "scheme": edge.scheme}
            lines.append(f"  {sign} [{titles[edge.source]}] {_argdown_meta(meta)}")
    return lines


# -- AIF -----------------------------------------------------------------------

# AIF's names for the schemes an edge may carry (schema.SCHEMES), as AIFdb's scheme set spells them.
AIF_SCHEMES = {
    "expert_opinion": "Argument From Expert Opinion",
    "cause_to_effect": "Argument From Cause To Effect",
    "analogy": "Argument From Analogy",
    "example": "Argument From Example",
    "sign": "Argument From Sign",
    "consequences": "Argument From Consequences",
    "definition": "Argument From Definition To Verbal Classification",
    "other": "Default Inference",
}


def to_aif(graph: ArgumentGraph) -> dict[str, Any]:
    """The graph in AIF JSON: I-nodes, RA-nodes (support), CA-nodes (attack), edges I→S→I."""
    ids = {nid: str(i) for i, nid in enumerate(graph.nodes, start=1)}
    nodes = [{"nodeID": ids[n.id], "text": n.title_en, "type": "I"} for n in graph.nodes.values()]
    edges: list[dict[str, str]] = []
    next_id = len(ids) + 1
    for e in graph.edges:
        if e.type not in ("supports", "attacks"):
            continue
        sid = str(next_id)
        next_id += 1
        kind, text = ("RA", "Default Inference") if e.type == "supports" else ("CA", "Default Conflict")
        s_node = {"nodeID": sid, "text": text, "type": kind}
        if e.scheme:  # an RA names its inference scheme; a CA keeps "Default Conflict" and records the scheme
            s_node["scheme"] = AIF_SCHEMES[e.scheme]
            if kind == "RA":
                s_node["text"] = AIF_SCHEMES[e.scheme]
        nodes.append(s_node)
        for a, b in ((ids[e.source], sid), (sid, ids[e.target])):
            edges.append({"edgeID": str(len(edges) + 1), "fromID": a, "toID": b})
    return {"nodes": nodes, "edges": edges, "locutions": []}


# -- GraphML -------------------------------------------------------------------


def _plain_graph(graph: ArgumentGraph) -> nx.DiGraph:
    """A copy whose attributes are all strings or numbers (GraphML has no null)."""
    g = nx.DiGraph(title=graph.title)
    for n in graph.nodes.values():
        attrs = {k: ("" if v is None else v) for k, v in vars(n).items() if k != "id"}
        g.add_node(n.id, **attrs)
    for e in graph.edges:
        g.add_edge(e.source, e.target, type=e.type, weight=float(e.weight))
    return g


def to_graphml(graph: ArgumentGraph, path: str | Path) -> None:
    """Write the graph as GraphML (atomically)."""
    buf = io.BytesIO()
    nx.write_graphml(_plain_graph(graph), buf, encoding="utf-8")
    write_atomic(path, buf.getvalue())


# -- DOT -----------------------------------------------------------------------

_EDGE_STYLE = {
    "supports": 'color="#2e7d32", style=solid',
    "attacks": 'color="#c62828", style=dashed, arrowhead=tee',
    "answers": 'color="#757575", style=dotted, arrowhead=empty',
}
_NODE_FILL = {"position": "#bbdefb", "claim": "#fff9c4", "evidence": "#c8e6c9", "question": "#e1bee7"}


def dot_quote(text: str) -> str:
    """A DOT double-quoted string; line breaks become DOT's ``\\n``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"\r\n|\r|\n", r"\\n", escaped)
    return f'"{escaped}"'


def _wrap(text: str, width: int = 32) -> str:
    return "\n".join(textwrap.wrap(_one_line(text), width)) or " "


def to_dot(graph: ArgumentGraph) -> str:
    """The graph as Graphviz DOT, one cluster per theme."""
    lines = [
        f"digraph {dot_quote(graph.title)} {{",
        '  graph [rankdir=LR, fontname="Helvetica"];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
    ]
    for theme in graph.themes:
        lines.append(f"  subgraph {dot_quote('cluster_' + theme.id)} {{")
        lines.append(f"    label={dot_quote(theme.title_en)};")
        for nid in graph.by_theme(theme.id):
            n = graph.node(nid)
            lines.append(
                f"    {dot_quote(n.id)} [label={dot_quote(_wrap(n.title_en))}, "
                f"fillcolor={dot_quote(_NODE_FILL[n.kind])}, kind={dot_quote(n.kind)}];"
            )
        lines.append("  }")
    for e in graph.edges:
        lines.append(
            f"  {dot_quote(e.source)} -> {dot_quote(e.target)} "
            f"[type={dot_quote(e.type)}, weight={e.weight:g}, {_EDGE_STYLE[e.type]}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- writing -------------------------------------------------------------------


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` atomically (see ``core.fileio``)."""
    atomic_write_bytes(path, data)


def _text(render: Callable[[ArgumentGraph], str]) -> Callable[[ArgumentGraph, Path], None]:
    return lambda graph, path: write_atomic(path, render(graph).encode("utf-8"))


def _aif_file(graph: ArgumentGraph, path: Path) -> None:
    write_atomic(path, json.dumps(to_aif(graph), ensure_ascii=False, indent=2).encode("utf-8"))


EXPORTERS: dict[str, Callable[[ArgumentGraph, Path], None]] = {
    "argdown": _text(to_argdown),
    "aif": _aif_file,
    "graphml": to_graphml,
    "dot": _text(to_dot),
}


def export_graph(graph: ArgumentGraph, fmt: str, path: str | Path) -> None:
    """Write ``graph`` to ``path`` in ``fmt`` (argdown, aif, graphml or dot), atomically."""
    key = fmt.lower().strip() if isinstance(fmt, str) else None
    writer = EXPORTERS.get(key)
    if writer is None:
        raise InputError(f"unknown export format {fmt!r}; formats: {', '.join(EXPORTERS)}", field="format")
    writer(graph, Path(path))
