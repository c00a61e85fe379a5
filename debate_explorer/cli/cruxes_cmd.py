"""``debate-explorer cruxes``: which claims move a chosen outcome most."""

from __future__ import annotations

import argparse
import json

from debate_explorer.cli.common import (
    add_graph_option,
    check_run_options,
    load_scenario_and_graph,
    progress_callback,
    scenario_argument,
)
from debate_explorer.core.analysis.cruxes import CruxRanking, rank_cruxes
from debate_explorer.core.analysis.metrics import MetricUnit, parse_metric
from debate_explorer.core.errors import InputError

METRIC_HELP = (
    "outcome metric, e.g. agi_median, sc_p2030, asi_p2040, p_explosive, growth_2040_median "
    "(default agi_median; a wrong name lists the valid ones)"
)


def add_analysis_options(p: argparse.ArgumentParser) -> None:
    """Options every analysis shares: sample count, seed, threads, JSON, graph."""
    p.add_argument("--samples", type=int, help="Monte Carlo samples per variant (default: the file's)")
    p.add_argument("--seed", type=int, help="random seed shared by every variant (default: the file's)")
    p.add_argument("--threads", type=int, help="worker threads (default: all cores)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_graph_option(p)


def check_analysis_args(args: argparse.Namespace) -> None:
    check_run_options(args)
    if getattr(args, "top", 0) < 0:
        raise InputError(f"--top must be 0 (all) or more, got {args.top}")


def register(subs) -> None:
    p = subs.add_parser(
        "cruxes",
        help="rank the graph's claims by how much they move an outcome",
        description="Set each node's credence to 0 and to 1 (all else fixed, strengths "
        "recomputed), re-run on common random numbers, and rank the nodes by "
        "how far the metric moves. Nodes with no path to any model assumption "
        "are reported with an effect of exactly 0 and not simulated.",
    )
    p.add_argument("scenario", type=scenario_argument, help="scenario file (.toml) or preset name")
    p.add_argument("--metric", default="agi_median", help=METRIC_HELP)
    p.add_argument("--top", type=int, default=15, help="show this many nodes (0: all; default 15)")
    add_analysis_options(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    check_analysis_args(args)
    scenario, graph = load_scenario_and_graph(args.scenario, args.graph)
    metric = parse_metric(args.metric, scenario.kind, scenario.kind_settings)
    progress, close = progress_callback("ranking cruxes")
    try:
        ranking = rank_cruxes(
            scenario, graph, metric, samples=args.samples, seed=args.seed, threads=args.threads, progress=progress
        )
    finally:
        close()
    shown = ranking.cruxes if args.top == 0 else ranking.cruxes[: args.top]
    if args.json:
        data = {"scenario": str(args.scenario), **ranking.to_dict(), "nodes_total": len(ranking.cruxes)}
        data["cruxes"] = data["cruxes"][: len(shown)]
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(format_ranking(ranking, len(shown), args.scenario.name))
    return 0


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def format_ranking(r: CruxRanking, top: int, name: str) -> str:
    m = r.metric
    lines = [
        f"Cruxes for {m.label} — {r.title or name}",
        f"{r.samples:,} samples per variant · seed {r.seed} · {r.runs} variants simulated · {r.seconds:.1f} s",
        f"base: {m.format(r.base)}   (±SE: batch-means standard error of the swing over {r.batches} batches)",
        "",
        f"{'#':>3}  {'node':<30} {'title':<46} {'cred':>5} {'at 0':>8} {'at 1':>8} {'swing':>10} {'±SE':>7}",
    ]
    for i, c in enumerate(r.cruxes[:top], 1):
        se = "exact" if not c.linked else f"{c.se:.2f}" if m.unit == MetricUnit.YEAR else f"{100 * c.se:.2f}"
        lines.append(
            f"{i:>3}  {_cut(c.node, 30):<30} {_cut(c.title, 46):<46} {c.credence:>5.2f} "
            f"{m.format(c.at_zero):>8} {m.format(c.at_one):>8} {m.format_delta(c.swing):>10} {se:>7}"
        )
    lines.append("")
    lines.append(
        f"{r.unlinked} of {len(r.cruxes)} nodes have no path to any model assumption: "
        "their effect is exactly 0 (not simulated)."
    )
    lines += [f"warning: {w}" for w in r.warnings]
    return "\n".join(lines)
