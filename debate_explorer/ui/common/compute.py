"""The compute worker as Qt signals: a thin adapter over the core's ``ComputeScheduler``.

The scheduling rules (coalescing, preview then full, stale revisions, errors,
the cold start) live in ``core/scheduler.py`` and are tested there without Qt.
Here the scheduler's psygnal events, emitted on the worker thread, become Qt
signals, which Qt queues to the GUI thread for the widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from debate_explorer.core.engine.scheduler import (
    COLD_SAMPLES,
    ComputeScheduler,
    EngineState,
    Task,
    engine_scheduler,
)
from debate_explorer.core.model.scenario import Scenario

__all__ = ["COLD_SAMPLES", "ComputeService", "EngineState", "Task"]


class ComputeService(QObject):
    """Runs scenarios in the background and reports results as Qt signals."""

    resultReady = Signal(object)  # RunResult (with .revision, .samples and .backend)
    failed = Signal(str)
    progress = Signal(int, int)  # chunks done, chunks total
    stateChanged = Signal(object)  # EngineState
    compileStarted = Signal(float)  # expected seconds (empty numba cache only)
    compileFinished = Signal(float)  # measured seconds
    taskStarted = Signal(str)
    taskProgress = Signal(str, int, int)  # task name, done, total
    taskFinished = Signal(str, object)  # task name, its return value
    taskFailed = Signal(str, str)  # task name, message
    taskCancelled = Signal(str)

    def __init__(self, graph=None, parent: QObject | None = None, *, scheduler: ComputeScheduler | None = None) -> None:
        super().__init__(parent)
        self.graph = graph
        self.scheduler = scheduler or engine_scheduler(graph)
        s = self.scheduler
        for event, signal in (
            (s.result_ready, self.resultReady),
            (s.failed, self.failed),
            (s.progress, self.progress),
            (s.state_changed, self.stateChanged),
            (s.compile_started, self.compileStarted),
            (s.compile_finished, self.compileFinished),
            (s.task_started, self.taskStarted),
            (s.task_progress, self.taskProgress),
            (s.task_finished, self.taskFinished),
            (s.task_failed, self.taskFailed),
            (s.task_cancelled, self.taskCancelled),
        ):
            event.connect(lambda *args, _signal=signal: _signal.emit(*args))  # psygnal keeps a strong ref

    def start(self) -> None:
        """Start the worker and the warm-up (the app does it once the window is on screen)."""
        self.scheduler.start()

    def request(self, scenario: Scenario, revision: int) -> None:
        self.scheduler.request(scenario, revision, self.graph)

    def run_task(self, task: Task) -> None:
        self.scheduler.run_task(task)

    def cancel_task(self) -> None:
        self.scheduler.cancel_task()

    @property
    def is_warm(self) -> bool:
        return self.scheduler.is_warm

    @property
    def is_compiling(self) -> bool:
        return self.scheduler.is_compiling

    @property
    def is_busy(self) -> bool:
        return self.scheduler.is_busy

    @property
    def is_idle(self) -> bool:
        return self.scheduler.is_idle

    @property
    def last_error(self) -> str | None:
        return self.scheduler.last_error

    def shutdown(self, timeout: float = 5.0) -> None:
        self.scheduler.shutdown(timeout)
