"""``debate-explorer presets``: the scenarios shipped with the app, by the name other commands accept."""

from __future__ import annotations

import argparse
import json

from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import preset_paths


def register(subs: argparse._SubParsersAction) -> None:
    p = subs.add_parser(
        "presets",
        help="list the shipped scenarios (their names work wherever a file does)",
        description="List the ready-made scenarios shipped with Debate Explorer. Their names "
        "can be given to run, gui, compare, cruxes and sensitivity in place of a file.",
    )
    p.add_argument("--json", action="store_true", help="print JSON (name, model, title, path) instead of a table")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    rows = []
    for path in preset_paths():
        scenario = load_scenario(path)
        rows.append({"name": path.stem, "model": scenario.model, "title": scenario.title, "path": str(path)})
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max((len(r["name"]) for r in rows), default=4) + 2
    for r in rows:
        print(f"{r['name']:<{width}}{r['model']:<16}{r['title']}")
    return 0
