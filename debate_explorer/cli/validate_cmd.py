"""``debate-explorer validate``: check scenario, graph and map-overlay files without running them.

A scenario passes only if `run` would start on it: the same checks (credences
against the graph, every assumption's distribution against its valid range) run
here without sampling. A map overlay passes only if it merges onto the bundled
map (ids, references, reasons, links, support cycles) with every quote verbatim
in its source; conflicts with a newer bundled map and quotes that could not be
checked are printed as warnings. A scenario that records an overlay is checked
against it (missing or changed overlay: an error).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from debate_explorer.cli.common import add_graph_option, load_graph_option
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
    return ("nodes" in data or "base" in data) and "model" not in data


def _graph_file(path: Path) -> str:
    from debate_explorer.core.graph.overlay import load_any

    g, merged = load_any(path)
    if merged is None:
        return f"ok (argument graph, {len(g.nodes)} nodes)"
    if merged.conflicts:  # loadable (run warns), but validate is the strict check
        first = merged.conflicts[0]
        more = f" (and {len(merged.conflicts) - 1} more conflicts)" if len(merged.conflicts) > 1 else ""
        raise InputError(f"conflicts with the bundled map: {first.reason}{more}", file=path, field=first.field)
    for note in merged.notes():
        print(f"debate-explorer: warning: {path}: {note}", file=sys.stderr)
    return f"ok (map overlay, {len(g.nodes)} nodes after merging; {merged.quotes.summary()})"


def handle(args: argparse.Namespace) -> int:
    graph = None
    failed = 0
    for path in args.files:
        try:
            data = read_structured(path)
            if _is_graph(data):
                print(f"{path}: {_graph_file(path)}")
                continue
            scenario = scenario_from_dict(data, file=path)
            graph = graph or load_graph_option(args.graph)
            check_runnable(scenario, graph, file=path)  # what `run` checks, so the two agree
            print(f"{path}: ok (scenario, model {scenario.model})")
        except InputError as exc:
            failed += 1
            print(f"debate-explorer: error: {exc.message}", file=sys.stderr)
    return 2 if failed else 0
