"""``debate-explorer import-aifm``: an AI Futures Model config or rollout record as a scenario.

The kind's own subcommand: the kind registry names this module for ``debate_explorer.cli``.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subs.add_parser(
        "import-aifm",
        help="import an AI Futures Model sampling config or rollout record",
        description=(
            "Write an ai-futures scenario from the original model's YAML sampling config "
            "(same distributions and rank correlations) or from one JSON rollout record "
            "(point values that reproduce it)."
        ),
    )
    p.add_argument("file", type=Path, help="sampling config (.yaml) or one rollout record (.json)")
    p.add_argument("--out", type=Path, required=True, help="scenario file to write (.toml)")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from debate_explorer.core.engine.kinds.ai_futures.importer import import_aifm
    from debate_explorer.core.model.scenario import save_scenario, scenario_from_dict

    data = import_aifm(args.file)
    save_scenario(scenario_from_dict(data, file=args.file), args.out)
    print(f"wrote {args.out} (model ai-futures)")
    return 0
