"""``debate-explorer sensitivity``: a tornado of the assumptions and their rank correlations."""

from __future__ import annotations

import argparse
import json

from debate_explorer.cli.common import load_scenario_and_graph, progress_callback, scenario_argument
from debate_explorer.cli.cruxes_cmd import METRIC_HELP, add_analysis_options, check_analysis_args
from debate_explorer.core.analysis.metrics import MetricUnit, parse_metric
from debate_explorer.core.analysis.sensitivity import Sensitivity, assumption_sensitivity
from debate_explorer.core.errors import InputError


def register(subs) -> None:
    p = subs.add_parser(
        "sensitivity",
        help="tornado chart of the assumptions for an outcome metric",
        description="Fix each assumption at the 10th and 90th percentile of its mixture "
        "(others at their mixtures), re-run on common random numbers and "
        "report the swing of the metric; also the Spearman rank correlation of "
        "each sampled assumption with the metric's per-sample quantity.",
    )
    p.add_argument("scenario", type=scenario_argument, help="scenario file (.toml) or preset name")
    p.add_argument("--metric", default="agi_median", help=METRIC_HELP)
    p.add_argument("--low", type=float, default=0.1, help="lower percentile as a fraction (default 0.1)")
    p.add_argument("--high", type=float, default=0.9, help="upper percentile as a fraction (default 0.9)")
    add_analysis_options(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    check_analysis_args(args)
    if not 0.0 < args.low < args.high < 1.0:
        raise InputError(f"need 0 < --low < --high < 1, got {args.low:g} and {args.high:g}")
    scenario, graph = load_scenario_and_graph(args.scenario, args.graph)
    metric = parse_metric(args.metric, scenario.kind, scenario.kind_settings)
    progress, close = progress_callback("sensitivity")
    try:
        result = assumption_sensitivity(
            scenario,
            graph,
            metric,
            samples=args.samples,
            seed=args.seed,
            quantiles=(args.low, args.high),
            threads=args.threads,
            progress=progress,
        )
    finally:
        close()
    if args.json:
        print(json.dumps({"scenario": str(args.scenario), **result.to_dict()}, indent=2, ensure_ascii=False))
    else:
        print(format_sensitivity(result, args.scenario.name))
    return 0


def format_sensitivity(s: Sensitivity, name: str) -> str:
    m = s.metric
    lo, hi = (f"P{round(100 * q)}" for q in s.quantiles)
    lines = [
        f"Assumption sensitivity of {m.label} — {s.title or name}",
        f"{s.samples:,} samples per variant · seed {s.seed} · {s.seconds:.1f} s · base {m.format(s.base)}",
        "",
        f"Tornado: each assumption fixed at its {lo} and {hi}, the others at their mixtures",
        f"{'assumption':<22} {lo:>10} {hi:>10} {'at ' + lo:>9} {'at ' + hi:>9} {'swing':>10} {'±SE':>7}",
    ]
    for b in s.bars:
        se = f"{b.se:.2f}" if m.unit == MetricUnit.YEAR else f"{100 * b.se:.2f}"
        lines.append(
            f"{b.assumption:<22} {b.low:>10.4g} {b.high:>10.4g} {m.format(b.at_low):>9} "
            f"{m.format(b.at_high):>9} {m.format_delta(b.swing):>10} {se:>7}"
        )
    lines += ["", "Rank correlation (Spearman) of each sampled assumption with the outcome, one run:"]
    for i in s.importance:
        bar = "#" * round(abs(i.rho) * 30)
        lines.append(f"{i.assumption:<22} {i.rho:+.3f} {bar}")
    return "\n".join(lines)
