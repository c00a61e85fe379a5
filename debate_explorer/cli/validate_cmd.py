"""``debate-explorer validate``: check scenario and graph files without running them.

A scenario passes only if `run` would start on it: the same checks (credences
against the graph, every assumption's distribution against its valid range) run
here without sampling.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from debate_explorer.cli.common import add_graph_option
from debate_explorer.core.engine.compute import check_runnable
from debate_explorer.core.errors import InputError
from debate_explorer.core.files.fileio import read_structured
from debate_explorer.core.model.scenario import scenario_from_dict


def register(subs) -> None:
    p = subs.add_parser(
        "validate",
        help="check scenario or graph files",
        description="Check each file; print 'ok' or what is wrong. Exit code 2 if any file has a problem.",
    )
    p.add_argument("files", nargs="+", type=Path, help="scenario (.toml) or graph files")
    add_graph_option(p)
    p.set_defaults(handler=handle)


def _is_graph(data: dict) -> bool:
    return "nodes" in data and "model" not in data


def handle(args: argparse.Namespace) -> int:
    from debate_explorer.core.graph import load_graph

    graph = None
    failed = 0
    for path in args.files:
        try:
            data = read_structured(path)
            if _is_graph(data):
                g = load_graph(path)
                print(f"{path}: ok (argument graph, {len(g.nodes)} nodes)")
                continue
            scenario = scenario_from_dict(data, file=path)
            graph = graph or load_graph(args.graph)
            check_runnable(scenario, graph, file=path)  # what `run` checks, so the two agree
            print(f"{path}: ok (scenario, model {scenario.model})")
        except InputError as exc:
            failed += 1
            print(f"debate-explorer: error: {exc.message}", file=sys.stderr)
    return 2 if failed else 0
