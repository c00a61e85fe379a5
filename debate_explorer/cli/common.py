"""Helpers shared by the subcommands: loading inputs and showing progress."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from debate_explorer.core.model.credences import check_credences
from debate_explorer.core.model.scenario import Scenario, load_scenario

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph


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


def scenario_argument(value: str) -> Path:
    """An argparse type: a scenario file, or the name of a shipped preset (``baseline``, ``hive_mind``, …).

    A path that exists wins over a preset of the same name; a bare word that is
    neither lists the presets, so a typo is answered with what could be meant.
    """
    from debate_explorer.core.paths import preset_names, preset_path

    path = Path(value)
    if path.exists() or path.suffix or len(path.parts) > 1:
        return path
    preset = preset_path(value)
    if preset is None:
        raise argparse.ArgumentTypeError(
            f"no file and no preset named {value!r} (presets: {', '.join(preset_names())})"
        )
    return preset


def add_graph_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--graph",
        metavar="FILE",
        type=Path,
        help="argument graph or map overlay to link (default: the bundled AGI-debate graph)",
    )


def load_graph_option(path: Path | None) -> ArgumentGraph:
    """The graph ``--graph`` names: a graph file, or a map overlay merged onto the bundled map.

    An overlay's notes (conflicts with a newer bundled map, quotes that could not
    be checked) go to stderr as warnings: reported, never dropped.
    """
    from debate_explorer.core.graph.overlay import load_any

    graph, merged = load_any(path)
    for note in merged.notes() if merged else ():
        print(f"debate-explorer: warning: {path}: {note}", file=sys.stderr)
    return graph


def load_graph_for(scenario: Scenario | None, path: Path | None) -> ArgumentGraph:
    """The graph a scenario's credences refer to (the bundled one unless given)."""
    graph = load_graph_option(path)
    if scenario is not None:
        check_credences(scenario, graph)
    return graph


def load_scenario_and_graph(path: Path, graph_path: Path | None) -> tuple[Scenario, ArgumentGraph]:
    """The scenario and its graph, with every check a run makes done (errors name the file)."""
    from debate_explorer.core.engine.compute import check_runnable
    from debate_explorer.core.graph.scenario_overlay import scenario_graph_path

    scenario = load_scenario(path)
    graph_path, warning = scenario_graph_path(scenario, path, graph_path)  # the overlay it records, if any
    if warning:
        print(f"debate-explorer: warning: {path}: {warning}", file=sys.stderr)
    graph = load_graph_option(graph_path)
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
