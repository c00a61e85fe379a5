"""Helpers shared by the subcommands: loading inputs and showing progress."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from debate_explorer.core.model.scenario import Scenario, load_scenario


def check_run_options(args: argparse.Namespace) -> None:
    """Sample count, seed and threads given on the command line, if any, are in range."""
    from debate_explorer.core.engine.runner import MAX_SAMPLES
    from debate_explorer.core.errors import InputError

    if getattr(args, "samples", None) is not None and not 1 <= args.samples <= MAX_SAMPLES:
        raise InputError(f"--samples must be between 1 and {MAX_SAMPLES:,}, got {args.samples:,}")
    if getattr(args, "seed", None) is not None and not 0 <= args.seed < 2**63:
        raise InputError(f"--seed must be between 0 and 2^63 - 1, got {args.seed}")
    if getattr(args, "threads", None) is not None and not 1 <= args.threads <= 256:
        raise InputError(f"--threads must be between 1 and 256, got {args.threads}")


def add_graph_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--graph", metavar="FILE", type=Path,
                        help="argument graph to link (default: the bundled AGI-debate graph)")


def load_graph_for(scenario: Scenario | None, path: Path | None):
    """The graph a scenario's credences refer to (the bundled one unless given)."""
    from debate_explorer.core.graph import load_graph

    graph = load_graph(path)
    if scenario is not None:
        check_credences(scenario, graph, origin=None)
    return graph


def check_credences(scenario: Scenario, graph, origin: str | Path | None) -> None:
    from debate_explorer.core.errors import InputError

    for node in scenario.graph.credences:
        if node not in graph.nodes:
            raise InputError(f"no node '{node}' in the argument graph", file=origin,
                             field=f"graph.credences.{node}")


def load_scenario_and_graph(path: Path, graph_path: Path | None) -> tuple[Scenario, object]:
    """The scenario and its graph, with every check a run makes done (errors name the file)."""
    from debate_explorer.core.compute import check_runnable
    from debate_explorer.core.graph import load_graph

    scenario = load_scenario(path)
    graph = load_graph(graph_path)
    check_runnable(scenario, graph, file=path)
    return scenario, graph


class TerminalProgress:
    """A one-line progress bar on stderr, shown only for work that takes over a second."""

    def __init__(self, label: str, delay: float = 1.0) -> None:
        self.label = label
        self.delay = delay
        self.t0 = time.perf_counter()
        self.shown = False
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.perf_counter() - self.t0 < self.delay:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 70 + "\r")
            sys.stderr.flush()


def progress_callback(label: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    bar = TerminalProgress(label)
    return bar, bar.close
