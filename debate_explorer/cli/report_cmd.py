"""``debate-explorer report``: one self-contained HTML file that shows a scenario to a colleague."""

from __future__ import annotations

import argparse
from pathlib import Path

from debate_explorer.cli.common import add_graph_option, check_run_options, load_scenario_and_graph, scenario_argument
from debate_explorer.core.errors import InputError

NONE = "none"


def register(subs) -> None:
    p = subs.add_parser(
        "report",
        help="write a self-contained HTML report of a scenario (against another)",
        description="Run a scenario (and the one it is compared with) and write one HTML file that opens "
        "offline in any browser: headline figures, CDF and fan charts with tables, why it moved, "
        "the claims it believes with their quotes and the claims against them, the cruxes, and "
        "the scenario file itself to download.",
    )
    p.add_argument("scenario", type=scenario_argument, help="scenario file (.toml) or preset name")
    p.add_argument(
        "--against",
        default="baseline",
        help="the scenario to compare with: a file or preset name, or 'none' (default: the baseline preset)",
    )
    p.add_argument("--samples", type=int, help="Monte Carlo samples of each run (default: the scenario's)")
    p.add_argument("--seed", type=int, help="random seed (default: the scenario's)")
    p.add_argument(
        "--metric", help="the metric of the waterfall and the cruxes (default: the middle milestone's median)"
    )
    p.add_argument("--threads", type=int, help="worker threads (default: all cores)")
    p.add_argument("--out", type=Path, required=True, metavar="REPORT.html", help="where to write the report")
    add_graph_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from debate_explorer.cli.common import progress_callback
    from debate_explorer.core.report import build_report, side, write_report

    check_run_options(args)
    if not args.out.parent.exists():
        raise InputError("the folder does not exist", file=args.out)
    scenario, graph = load_scenario_and_graph(args.scenario, args.graph)
    against = None
    if args.against.lower() != NONE:
        try:
            other_path = scenario_argument(args.against)
        except argparse.ArgumentTypeError as exc:
            raise InputError(str(exc), field="--against") from None
        other, _ = load_scenario_and_graph(other_path, args.graph)
        against = side(other, other_path)
    bar, close = progress_callback("writing the report")
    try:
        html = build_report(
            side(scenario, args.scenario),
            against,
            graph,
            samples=args.samples,
            seed=args.seed,
            metric=args.metric,
            threads=args.threads,
            progress=lambda _what, share: bar(int(100 * share), 100),
        )
    finally:
        close()
    write_report(html, args.out)
    print(f"wrote {args.out} ({len(html.encode('utf-8')) / 1024:.0f} KiB)")
    return 0
