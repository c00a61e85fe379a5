"""``debate-explorer compare``: several worldviews side by side."""

from __future__ import annotations

import argparse
import json

from debate_explorer.cli.common import load_graph_for, progress_callback, scenario_argument
from debate_explorer.cli.cruxes_cmd import add_analysis_options, check_analysis_args
from debate_explorer.core.analysis.compare import (
    Comparison,
    compare_scenarios,
    format_spread,
    load_worldviews,
)
from debate_explorer.core.analysis.metrics import parse_metric


def register(subs) -> None:
    p = subs.add_parser(
        "compare",
        help="compare scenarios (e.g. the worldview presets) side by side",
        description="Run each scenario with one sample count and seed and print a table of "
        "outcome metrics, the assumptions whose distributions differ most "
        "(Kolmogorov–Smirnov distance) and the credences that differ most.",
    )
    p.add_argument(
        "scenarios",
        type=scenario_argument,
        nargs="+",
        metavar="SCENARIO",
        help="scenario files (.toml) or preset names",
    )
    p.add_argument("--metrics", help="comma-separated metric names (default: medians, P(AGI by year), regimes, growth)")
    p.add_argument("--top", type=int, default=8, help="assumptions and credences to list (0: all; default 8)")
    add_analysis_options(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    check_analysis_args(args)
    graph = load_graph_for(None, args.graph)
    items = load_worldviews(args.scenarios, graph)
    metrics = None
    if args.metrics:
        metrics = [m.strip() for m in args.metrics.split(",") if m.strip()]
        kind = items[0][2]
        for name in metrics:
            parse_metric(name, kind.kind, kind.kind_settings)  # a typo fails with the valid names
    progress, close = progress_callback("comparing")
    try:
        comparison = compare_scenarios(
            items, graph, samples=args.samples, seed=args.seed, metrics=metrics, threads=args.threads, progress=progress
        )
    finally:
        close()
    if args.json:
        print(json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_comparison(comparison, args.top))
    return 0


def _cell(v: float | None, metric_name: str, scenario) -> str:
    if v is None:
        return "n/a"
    return parse_metric(metric_name, scenario.kind, scenario.kind_settings).format(v)


def format_comparison(c: Comparison, top: int) -> str:
    width = 12
    heads = [f"[{i + 1}]" for i in range(len(c.runs))]
    lines = [f"{c.samples:,} samples each · seed {c.seed} · {c.seconds:.1f} s", ""]
    lines += [f"{h} {r.label} ({r.path or 'unsaved'})" for h, r in zip(heads, c.runs, strict=True)]
    lines += ["", f"{'metric':<20}" + "".join(f"{h:>{width}}" for h in heads)]
    for name in c.metrics:
        cells = [_cell(r.metrics.get(name), name, r.scenario) for r in c.runs]
        lines.append(f"{name:<20}" + "".join(f"{x:>{width}}" for x in cells))
    shown = c.assumptions if top == 0 else c.assumptions[:top]
    lines += ["", "Assumptions that differ most (KS distance; median [P10–P90] per scenario):"]
    for a in shown:
        cells = [format_spread(q) for q in a.quantiles]
        lines.append(
            f"{a.assumption:<20} {a.distance:.2f}  " + "  ".join(f"{h} {x}" for h, x in zip(heads, cells, strict=True))
        )
    cred = c.credences if top == 0 else c.credences[:top]
    if cred:
        lines += ["", "Credences that differ most:"]
        for cs in cred:
            lines.append(
                f"{cs.node:<32} " + "  ".join(f"{h} {v:.2f}" for h, v in zip(heads, cs.credences, strict=True))
            )
    return "\n".join(lines)
