"""``debate-explorer run``: run a scenario and print what it implies."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from debate_explorer.cli.common import (
    add_graph_option,
    check_run_options,
    load_scenario_and_graph,
    progress_callback,
    scenario_argument,
)
from debate_explorer.core.engine.compute import run_scenario
from debate_explorer.core.engine.results import READOUT_YEARS, RunResult
from debate_explorer.core.engine.results_io import write_samples_csv
from debate_explorer.core.engine.runner import BACKENDS, MAX_SAMPLES
from debate_explorer.core.errors import InputError


def register(subs) -> None:
    p = subs.add_parser(
        "run",
        help="run a scenario and print the outcome distributions",
        description="Run a scenario file and print milestone quantiles, P(by year), "
        "the share never reached by the horizon and regime probabilities.",
    )
    p.add_argument("scenario", type=scenario_argument, help="scenario file (.toml) or preset name")
    p.add_argument("--samples", type=int, help=f"Monte Carlo samples (1..{MAX_SAMPLES:,}; default: the file's)")
    p.add_argument("--seed", type=int, help="random seed (default: the file's)")
    p.add_argument("--backend", choices=BACKENDS, default="numba", help="engine backend (default numba)")
    p.add_argument("--threads", type=int, help="worker threads (default: all cores)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--csv", type=Path, metavar="FILE", help="also write per-sample outputs and inputs as CSV")
    add_graph_option(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    check_run_options(args)
    scenario, graph = load_scenario_and_graph(args.scenario, args.graph)
    if args.csv is not None and not args.csv.parent.exists():
        raise InputError("the folder does not exist", file=args.csv)
    progress, close = progress_callback("running")
    try:
        result = run_scenario(
            scenario,
            graph,
            samples=args.samples,
            seed=args.seed,
            backend=args.backend,
            threads=args.threads,
            keep_inputs=args.csv is not None,
            progress=progress,
        )
    finally:
        close()
    if args.csv is not None:
        write_samples_csv(result, args.csv)
    if args.json:
        print(json.dumps({"scenario": str(args.scenario), "title": scenario.title, **result.summary()}, indent=2))
    else:
        print(format_summary(result, scenario.title or args.scenario.name))
    return 0


def _year(v: float | None, horizon: float) -> str:
    return f"> {horizon:g}" if v is None else f"{v:.1f}"


def format_summary(result: RunResult, title: str) -> str:
    s = result.summary()
    lines = [
        f"{title} — model {result.kind}",
        f"{result.samples:,} samples · seed {result.seed} · {result.backend} ({result.threads} threads) · "
        f"{result.seconds:.2f} s",
        "",
        f"{'milestone':<20}{'10%':>9}{'median':>9}{'90%':>9}"
        + "".join(f"{'P(' + str(y) + ')':>9}" for y in READOUT_YEARS)
        + f"   never by {result.horizon:g}",
    ]
    for m in s["milestones"].values():
        lines.append(
            f"{m['label']:<20}"
            + "".join(f"{_year(m[q], result.horizon):>9}" for q in ("p10", "median", "p90"))
            + "".join(f"{m['p_by'][str(y)]:>9.1%}" for y in READOUT_YEARS)
            + f"   {m['never_by_horizon']:.1%}"
        )
    if "regimes" in s:
        regimes = " · ".join(f"{k} {v:.1%}" for k, v in s["regimes"].items())
        lines += ["", f"growth regime in {s['regime_year']}: {regimes}"]
    for key, by_year in s.get("bands", {}).items():
        cells = [f"{y}: {_share(v, 'median')} [{_share(v, 'p10')}–{_share(v, 'p90')}]" for y, v in by_year.items()]
        lines.append(f"{key} median [10%–90%]: " + "  ".join(cells))
    return "\n".join(lines)


def _share(cell: dict, q: str) -> str:
    """A band percentile in percent; one at an end of the binned range says it lies beyond."""
    v = cell[q]
    if cell.get("above", 0.0) > 0 and v >= cell["high"]:
        return f"≥{cell['high']:.0%}"
    if cell.get("below", 0.0) > 0 and v <= cell["low"]:
        return f"≤{cell['low']:.0%}"
    return f"{v:.1%}"
