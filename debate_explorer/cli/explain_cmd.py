"""``debate-explorer explain``: why an outcome differs between two scenarios."""

from __future__ import annotations

import argparse
import json

from debate_explorer.cli.common import load_scenario_and_graph, progress_callback, scenario_argument
from debate_explorer.cli.cruxes_cmd import METRIC_HELP, add_analysis_options, check_analysis_args
from debate_explorer.core.analysis.explain import DEFAULT_SAMPLES, Explanation, explain_change
from debate_explorer.core.analysis.metrics import Metric, parse_metric


def register(subs) -> None:
    p = subs.add_parser(
        "explain",
        help="split an outcome's change from scenario A to B between the assumptions",
        description="Run A and B on common random numbers and split the change of a metric "
        "between the assumptions whose distributions differ (Shapley values: "
        "exact over every subset when few moved, sampled orders when many). "
        "Contributions plus the remainder equal the total change. "
        f"Default: {DEFAULT_SAMPLES:,} samples, A's seed.",
    )
    p.add_argument("a", type=scenario_argument, help="scenario A, the starting point (.toml or preset name)")
    p.add_argument("b", type=scenario_argument, help="scenario B, the changed one (.toml or preset name)")
    p.add_argument("--metric", default="agi_median", help=METRIC_HELP)
    add_analysis_options(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    check_analysis_args(args)
    a, graph = load_scenario_and_graph(args.a, args.graph)
    b, _ = load_scenario_and_graph(args.b, args.graph)
    metric = parse_metric(args.metric, a.kind, a.kind_settings)
    progress, close = progress_callback("explaining")
    try:
        e = explain_change(
            a, b, graph, metric, samples=args.samples, seed=args.seed, threads=args.threads, progress=progress
        )
    finally:
        close()
    if args.json:
        data = e.to_dict()
        data["a"]["path"], data["b"]["path"] = str(args.a), str(args.b)
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(format_explanation(e, args.a.name, args.b.name))
    return 0


def format_explanation(e: Explanation, name_a: str, name_b: str) -> str:
    m = e.metric
    how = {
        "exact": "exact Shapley values (every subset of the moved assumptions)",
        "sampled": f"Shapley values sampled over {e.orders} orders (±SE: spread of the split)",
        "none": "no assumption this metric reads moved",
    }[e.method]
    lines = [
        f"Why {m.label} moves from {e.title_a or name_a} to {e.title_b or name_b}",
        f"{e.samples:,} samples · seed {e.seed} · {e.runs} variants simulated · {e.seconds:.1f} s · {how}",
        f"A: {m.format(e.value_a)}   B: {m.format(e.value_b)}   change: {m.format_delta(e.total)} "
        f"(±{_plain(m, e.total_se)} Monte Carlo SE)",
        "",
        f"{'assumption':<34} {'unit':<16} {'contribution':>13} {'share':>7} {'alone':>11}",
    ]
    for c in e.contributions:
        share = "—" if c.share is None else f"{c.share:.0%}"
        inert = "   (not read by this metric)" if c.assumption in e.inert else ""
        lines.append(
            f"{_cut(c.label, 34):<34} {_cut(c.unit, 16):<16} {m.format_delta(c.contribution):>13} "
            f"{share:>7} {m.format_delta(c.alone):>11}{inert}"
        )
    lines.append(
        f"{'remainder':<34} {'':<16} {m.format_delta(e.remainder):>13}"
        + (f"   {e.remainder_note}" if e.remainder_note else "")
    )
    lines.append(f"{'total':<34} {'':<16} {m.format_delta(e.total):>13}")
    if e.contributions:
        lines += [
            "",
            f"'alone' is the change if only that assumption moved; together they miss "
            f"{m.format_delta(e.interaction)} (interaction, shared out by the Shapley split).",
        ]
    return "\n".join(lines)


def _plain(m: Metric, v: float) -> str:
    return m.format_delta(v).lstrip("+")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
