"""``debate-explorer screenshot``: render the main window offscreen once results are in."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from debate_explorer.cli.common import add_graph_option, load_graph_option, scenario_argument
from debate_explorer.core.errors import InputError

if TYPE_CHECKING:
    from debate_explorer.ui.window.main_window import MainWindow


def register(subs: argparse._SubParsersAction) -> None:
    p = subs.add_parser(
        "screenshot",
        help="render the main window to a PNG (no display needed)",
        description="Open the app offscreen, wait for the full-size results, save a PNG.",
    )
    p.add_argument("out", type=Path, help="PNG file to write")
    p.add_argument("--scenario", type=scenario_argument, help="scenario file or preset name (default: baseline)")
    p.add_argument("--select", metavar="NODE", help="select this node first (shows it in the inspector)")
    p.add_argument("--size", default="1600x1000", help="window size WIDTHxHEIGHT (default 1600x1000)")
    p.add_argument("--language", choices=("en", "zh"), default="en")
    p.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for results")
    p.add_argument(
        "--tour", metavar="STOP", help="show the guided tour at STOP (1 = first), or 'all' for one image of every stop"
    )
    add_graph_option(p)
    p.set_defaults(handler=handle)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise InputError(f"--size must look like 1600x1000, got {text!r}") from None
    if not (400 <= w <= 8000 and 300 <= h <= 8000):
        raise InputError(f"--size must be between 400x300 and 8000x8000, got {text!r}")
    return w, h


def handle(args: argparse.Namespace) -> int:
    width, height = _size(args.size)
    if args.out.suffix.lower() != ".png":
        raise InputError("the screenshot is a PNG: give a file name ending in .png", file=args.out)
    if not args.out.parent.exists():
        raise InputError("the folder does not exist", file=args.out)
    chosen = load_graph_option(args.graph)  # before Qt starts: a bad file is one line, exit 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from debate_explorer.core.files.autosave import Autosaver
    from debate_explorer.ui.window.app import application, build_window
    from debate_explorer.ui.window.waiting import wait_until_current

    app = application()
    scratch = tempfile.TemporaryDirectory()
    settings = QSettings(str(Path(scratch.name) / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(args.scenario, settings=settings, autosaver=Autosaver(Path(scratch.name)), graph=chosen)
    window.resize(width, height)
    window.ctx.set_language(args.language)
    window.show()
    app.processEvents()
    graph, compute = window.ctx.graph, window.ctx.compute
    assert graph is not None and compute is not None, "build_window always loads the graph and starts a compute service"
    if args.select:
        graph.node(args.select)  # unknown id -> InputError
        window.ctx.select(args.select)
    try:
        wait_until_current(window.ctx, args.timeout)
    except TimeoutError as exc:
        raise InputError(str(exc)) from None
    while not window.layout_settled:  # the first proportions can take a few event-loop passes
        app.processEvents()
    if args.select:
        window.map.focus_node(args.select)
    else:
        window.map.fit()
    app.processEvents()
    while window.assumptions.is_filling:  # its rows are redrawn a slice per event-loop pass
        app.processEvents()
    if args.tour:
        _tour_shot(window, args.tour, args.out)
    elif not window.grab().save(str(args.out)):
        raise InputError("could not write the image", file=args.out)
    compute.shutdown()
    print(f"wrote {args.out}")
    return 0


def _tour_shot(window: MainWindow, stop: str, out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from debate_explorer.ui.tour.panel import render_tour, tour_of

    if stop == "all":
        render_tour(window, out)
        return
    tour = tour_of(window)
    if not stop.isdigit() or not 1 <= int(stop) <= len(tour.stops):
        raise InputError(f"--tour must be 'all' or a stop from 1 to {len(tour.stops)}, got {stop!r}")
    tour.start(int(stop) - 1)
    QApplication.processEvents()
    if not window.grab().save(str(out)):
        raise InputError("could not write the image", file=out)
