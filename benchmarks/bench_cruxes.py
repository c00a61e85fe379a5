"""Time to rank every node of the shipped graph by crux score at 10^5 samples per variant.

Prints the wall time of a full crux ranking of ``scenarios/baseline.toml`` (or a
default scenario if that file is missing) for the AGI median and for
P(explosive regime), the variants simulated, runs per second, and what the same
number of full engine runs would have cost. Target: under 10 s on the 2-core
machine. Run:  .venv/bin/python benchmarks/bench_cruxes.py [--samples N]
"""

from __future__ import annotations

import argparse
import os
import time

from debate_explorer.core.analysis.cruxes import rank_cruxes
from debate_explorer.core.engine.compute import compile_scenario
from debate_explorer.core.engine.runner import default_threads, run_compiled
from debate_explorer.core.graph import load_graph
from debate_explorer.core.model.scenario import load_scenario, scenario_from_dict
from debate_explorer.core.paths import baseline_scenario_path


def _scenario():
    path = baseline_scenario_path()
    if path.exists():
        return load_scenario(path), path.name
    return scenario_from_dict({"format_version": 1}), "default scenario (no baseline.toml)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=100_000)
    parser.add_argument("--metrics", default="agi_median,p_explosive")
    args = parser.parse_args()
    graph = load_graph()
    scenario, name = _scenario()
    print(
        f"load average {os.getloadavg()[0]:.1f} · graph: {len(graph)} nodes, {len(graph.edges)} edges · "
        f"scenario: {name} · "
        f"{args.samples:,} samples per variant · {default_threads()} threads"
    )
    t0 = time.perf_counter()
    rank_cruxes(scenario, graph, "agi_median", samples=2_000)  # load or compile the kernels once
    print(f"warm-up (JIT load/compile): {time.perf_counter() - t0:.2f} s")
    compiled = compile_scenario(scenario, graph)
    t0 = time.perf_counter()
    run_compiled(compiled, samples=args.samples, seed=scenario.run.seed)
    one_run = time.perf_counter() - t0
    print(f"one full engine run: {one_run:.3f} s")
    for metric in args.metrics.split(","):
        t0, c0 = time.perf_counter(), time.process_time()
        r = rank_cruxes(scenario, graph, metric, samples=args.samples)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        linked = len(r.cruxes) - r.unlinked
        print(
            f"{metric}: ranked {len(r.cruxes)} nodes ({linked} linked, {r.unlinked} exactly 0) in "
            f"{seconds:.2f} s · {r.runs} variants · {r.runs / seconds:.1f} variants/s · "
            f"{r.runs * one_run / seconds:.1f}x faster than {r.runs} full runs "
            f"({r.runs * one_run:.1f} s)"
        )
        # On a shared machine wall time includes waiting for other people's work; CPU time does not.
        print(
            f"  CPU time {cpu:.1f} s (this process, all threads); load average now "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )


if __name__ == "__main__":
    main()
