"""``debate-explorer gui`` (the default): open the desktop app."""

from __future__ import annotations

import argparse

from debate_explorer.cli.common import scenario_argument


def register(subs) -> None:
    p = subs.add_parser(
        "gui",
        help="open the desktop app (the default)",
        description="Open the app with the bundled AGI-debate map and the baseline scenario, "
        "or with the given scenario file.",
    )
    p.add_argument(
        "scenario", nargs="?", type=scenario_argument, help="scenario file or preset name to open (default: baseline)"
    )
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    if args.scenario is not None:
        from debate_explorer.core.engine.compute import check_runnable
        from debate_explorer.core.graph import load_graph
        from debate_explorer.core.model.scenario import load_scenario

        # A bad file fails here with exit code 2, before any window.
        check_runnable(load_scenario(args.scenario), load_graph(), file=args.scenario)
    from debate_explorer.ui.window.app import application, run
    from debate_explorer.ui.window.interrupt import quit_on_interrupt

    interrupted = quit_on_interrupt(application())
    code = run(args.scenario)
    if interrupted():
        raise KeyboardInterrupt  # reported by the command's entry point: one line, exit 130
    return code
