"""Start the desktop app: load the graph and a scenario, show the window, warm the engine.

The window appears before the engine is ready: the numba kernels load (or, on
an empty cache, compile) in the background. While they compile the status bar
says so, with an estimate and a progress bar, and the plots show quick results
from the numpy reference engine at a small sample count (``core/scheduler.py``).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from debate_explorer.core.editing.document import ScenarioDocument
from debate_explorer.core.engine import priority
from debate_explorer.core.errors import InputError
from debate_explorer.core.files.autosave import Autosaver
from debate_explorer.core.graph import ArgumentGraph, load_graph
from debate_explorer.core.graph.overlay_commands import OverlayDocument
from debate_explorer.core.graph.scenario_overlay import overlay_status
from debate_explorer.core.model.scenario import Scenario, load_scenario
from debate_explorer.core.paths import baseline_scenario_path, resources_dir
from debate_explorer.ui.authoring.locate import overlay_to_open
from debate_explorer.ui.common.compute import ComputeService
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.tour.panel import offer_on_first_launch
from debate_explorer.ui.window.main_window import MainWindow

ORG = "DebateExplorer"
APP = "Debate Explorer"


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, styled; the engine's threads give way to its GUI thread from now on."""
    priority.set_engine_nice(priority.INTERACTIVE_NICE)
    app = cast(QApplication, QApplication.instance()) or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    icon = resources_dir() / "icons" / "debate-explorer.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    style = resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def build_window(
    scenario_path: Path | None = None,
    *,
    settings: QSettings | None = None,
    autosaver: Autosaver | None = None,
    graph: ArgumentGraph | None = None,
    overlay_path: Path | None = None,
) -> MainWindow:
    """Everything the app shows, wired together (also used by tests and screenshots).

    ``graph`` is the map to show (the bundled one by default; ``screenshot --graph`` passes an overlay's).
    ``overlay_path`` is the map overlay to open in place of the one the scenario records (the user
    located it).
    """
    path = scenario_path or baseline_scenario_path()
    scenario = load_scenario(path)
    # A scenario saved with the user's map overlay opens with it (core.graph.scenario_overlay).
    overlay: OverlayDocument | None
    if overlay_path is not None:
        overlay = OverlayDocument.open(overlay_path)
    else:
        overlay = recorded_overlay(scenario, path) if graph is None else None
    graph = overlay.merged.graph if overlay is not None else load_graph() if graph is None else graph
    # The shipped baseline opens as itself; saving it asks for a new name only if it was a preset.
    # The document checks the scenario's credences against the graph (an InputError naming the file).
    document = ScenarioDocument(scenario, path if scenario_path else None, graph=graph)
    compute = ComputeService(graph)
    ctx = AppContext(document, compute)
    window = MainWindow(ctx, autosaver=autosaver, settings=settings, overlay=overlay)
    # Everything built so far lives as long as the window: keep it out of the cyclic
    # garbage collector's scans, whose full passes otherwise stall the GUI for ~100 ms.
    gc.freeze()
    ctx.recompute()
    QTimer.singleShot(0, compute.start)  # once the event loop runs, i.e. after the window shows
    return window


def recorded_overlay(scenario: Scenario, path: Path) -> OverlayDocument | None:
    """The map overlay ``scenario`` was saved with, opened; None if it records none or it is missing
    (then the scenario's own checks say which of its credences name claims the bundled map lacks)."""
    status = overlay_status(scenario, path)
    return OverlayDocument.open(status.path) if status.state in ("ok", "changed") and status.path else None


def run(scenario_path: Path | None = None) -> int:
    app = application()
    # A scenario whose map overlay has moved: offer to locate it before the window is built
    # (cancelling opens the scenario on the bundled map, or says which claims it lacks).
    overlay_path = overlay_to_open(None, scenario_path)[1] if scenario_path else None
    try:
        window = build_window(scenario_path, overlay_path=overlay_path)
    except InputError as exc:
        QMessageBox.critical(None, "Cannot start Debate Explorer", exc.message)
        return 2
    window.show()
    QTimer.singleShot(0, window.files.offer_recovery)
    QTimer.singleShot(0, lambda: offer_on_first_launch(window, window.settings))
    code = app.exec()
    window.ctx.compute.shutdown()
    return code
