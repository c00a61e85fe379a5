"""Wait, with the Qt event loop running, until the window shows results for the current scenario.

One definition of "current" for everything that drives the app from outside a
person's hands: the ``screenshot`` command, the UI tests and the GUI benchmark.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication

from debate_explorer.core.engine.results import RunResult
from debate_explorer.ui.common.context import AppContext


def results_are_current(ctx: AppContext, *, full: bool = True, idle: bool = False) -> bool:
    """Results of the document's revision are shown and no more are coming.

    With ``full`` the results must also have the scenario's own sample count (not
    a preview, nor the quick numpy results shown while the engine compiles); with
    ``idle`` the worker must also have no analysis queued or running (such as the
    "Why it moved" explanation computed after a change).
    """
    r = ctx.results
    if r is None or r.revision != ctx.document.revision:
        return False
    if full and r.samples < ctx.document.scenario.run.samples:
        return False
    if ctx.compute is None:
        return True
    return ctx.compute.is_idle if idle else not ctx.compute.is_busy


def wait_until_current(
    ctx: AppContext, timeout: float = 180.0, *, full: bool = True, idle: bool = False, settle: int = 10
) -> RunResult:
    """Process events until :func:`results_are_current`; raise TimeoutError after ``timeout`` seconds.

    ``settle`` extra passes of the event loop let the plots and the status bar
    take the new results before a picture is taken or a figure read.
    """
    app = QCoreApplication.instance()
    deadline = time.monotonic() + timeout
    while not results_are_current(ctx, full=full, idle=idle):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no current results within {timeout:g} s")
        app.processEvents()
        time.sleep(0.0005)
    for _ in range(settle):
        app.processEvents()
    assert ctx.results is not None
    return ctx.results
