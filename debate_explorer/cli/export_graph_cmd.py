"""``debate-explorer export-graph``: write the argument graph for other tools."""

from __future__ import annotations

import argparse
from pathlib import Path

from debate_explorer.cli.common import add_graph_option, load_graph_option
from debate_explorer.core.errors import InputError
from debate_explorer.core.graph import export_graph
from debate_explorer.core.graph.export import EXPORTERS


def register(subs) -> None:
    p = subs.add_parser(
        "export-graph",
        help="export the argument graph (Argdown, AIF, GraphML, DOT)",
        description="Write the argument graph as Argdown, AIF JSON (I-nodes, RA for support, "
        "CA for attack), GraphML (readable by networkx) or Graphviz DOT.",
    )
    p.add_argument("--format", "-f", required=True, choices=sorted(EXPORTERS), help="output format")
    p.add_argument("-o", "--output", required=True, type=Path, help="file to write")
    add_graph_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    if not args.output.parent.exists():
        raise InputError("the folder does not exist", file=args.output)
    graph = load_graph_option(args.graph)
    export_graph(graph, args.format, args.output)
    print(f"wrote {args.output} ({args.format}, {len(graph.nodes)} nodes, {len(graph.edges)} edges)")
    return 0
