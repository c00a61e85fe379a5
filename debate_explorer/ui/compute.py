"""The one compute worker: recomputes off the GUI thread, newest request wins.

All engine work runs on a single background thread (DESIGN.md: numba's
threading layer must not see two runs at once; the engine itself fans chunks
out to its own pool). Requests are coalesced: only the newest waiting request
is kept. A running full-size job is cancelled between chunks when a newer
request arrives; a small job (a preview) is allowed to finish so that a slider
drag shows a stream of updates rather than none.

Large runs are progressive: first a preview of ``PREVIEW_SAMPLES`` (shown at
once), then the full count.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from debate_explorer.core.compute import compile_scenario
from debate_explorer.core.engine.runner import run_compiled
from debate_explorer.core.errors import CancelledError, InputError
from debate_explorer.core.model.scenario import Scenario

PREVIEW_SAMPLES = 3 * 8192  # three whole chunks, ~50 ms: quick enough to follow a slider drag


@dataclass(frozen=True)
class Request:
    scenario: Scenario
    revision: int
    samples: int
    seed: int


@dataclass(frozen=True)
class Task:
    """A longer analysis (cruxes, sensitivity, comparison) run on the same worker.

    ``fn(cancelled, progress)`` must call ``cancelled()`` between pieces of work
    and raise CancelledError when it turns true; ``progress(done, total)``
    reports progress.
    """

    name: str
    fn: Callable[[Callable[[], bool], Callable[[int, int], None]], Any]


class ComputeService(QObject):
    """Runs scenarios in the background and reports results as Qt signals."""

    resultReady = Signal(object)  # RunResult (with .revision and .samples)
    failed = Signal(str)
    progress = Signal(int, int)  # chunks done, chunks total
    stateChanged = Signal(str)  # "preparing", "computing", "idle"
    taskProgress = Signal(str, int, int)  # task name, done, total
    taskFinished = Signal(str, object)  # task name, its return value
    taskFailed = Signal(str, str)  # task name, message
    taskCancelled = Signal(str)

    def __init__(self, graph=None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.graph = graph
        self._cond = threading.Condition()
        self._pending: Request | None = None
        self._running: Request | Task | None = None
        self._task: Task | None = None
        self._task_cancel = False
        self._stop = False
        self._warm = False
        self.last_error: str | None = None
        self._thread = threading.Thread(target=self._loop, name="de-compute", daemon=True)

    def start(self) -> None:
        """Start the worker (warm-up first). Requests made before are kept and run then.

        The app starts it once the window is on screen: loading the kernels holds the
        GIL in bursts, which would otherwise slow the window's construction.
        """
        if not self._thread.is_alive() and not self._stop:
            self._thread.start()

    # -- called from the GUI thread ----------------------------------------------
    def request(self, scenario: Scenario, revision: int) -> None:
        req = Request(scenario, revision, scenario.run.samples, scenario.run.seed)
        with self._cond:
            self._pending = req
            self._cond.notify()

    def run_task(self, task: Task) -> None:
        """Queue an analysis; it replaces a queued (not yet started) one.

        A scenario request arriving while the task runs cancels the task: its
        answer would describe a scenario that no longer exists.
        """
        with self._cond:
            self._task = task
            self._task_cancel = False
            self._cond.notify()

    def cancel_task(self) -> None:
        with self._cond:
            if self._task is not None:
                name, self._task = self._task.name, None
                self.taskCancelled.emit(name)
            self._task_cancel = True

    @property
    def is_warm(self) -> bool:
        return self._warm

    @property
    def is_busy(self) -> bool:
        with self._cond:
            return self._running is not None or self._pending is not None

    @property
    def is_idle(self) -> bool:
        """Nothing running or waiting, not even a queued task (which a new task would replace)."""
        with self._cond:
            return self._running is None and self._pending is None and self._task is None and self._warm

    def shutdown(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stop = True
            self._pending = None
            self._cond.notify()
        if self._thread.is_alive():
            self._thread.join(timeout)

    # -- the worker thread ---------------------------------------------------------
    def _loop(self) -> None:
        self._warm_up()
        while True:
            with self._cond:
                while self._pending is None and self._task is None and not self._stop:
                    self._cond.wait()
                if self._stop:
                    return
                if self._pending is not None:
                    job, self._pending = self._pending, None
                else:
                    job, self._task = self._task, None
                    self._task_cancel = False
                self._running = job
            if isinstance(job, Task):
                self._run_task(job)
                with self._cond:
                    self._running = None
                    idle = self._pending is None and self._task is None
                if idle:
                    self.stateChanged.emit("idle")
                continue
            req = job
            self.stateChanged.emit("computing")
            try:
                self._run(req)
            except CancelledError:
                pass
            except InputError as exc:
                self.last_error = exc.message
                self.failed.emit(exc.message)
            except Exception:  # noqa: BLE001 - a bug must not kill the worker
                self.last_error = traceback.format_exc()
                self.failed.emit(f"internal error while computing:\n{self.last_error}")
            with self._cond:
                self._running = None
                idle = self._pending is None
            if idle:
                self.stateChanged.emit("idle")

    def _run_task(self, task: Task) -> None:
        self.stateChanged.emit(f"task:{task.name}")

        def cancelled() -> bool:
            with self._cond:
                return self._stop or self._task_cancel or self._pending is not None

        try:
            result = task.fn(cancelled, lambda d, t: self.taskProgress.emit(task.name, d, t))
        except CancelledError:
            self.taskCancelled.emit(task.name)
        except InputError as exc:
            self.taskFailed.emit(task.name, exc.message)
        except Exception:  # noqa: BLE001 - a bug must not kill the worker
            self.taskFailed.emit(task.name, f"internal error:\n{traceback.format_exc()}")
        else:
            self.taskFinished.emit(task.name, result)

    def _superseded(self, req: Request) -> bool:
        with self._cond:
            return self._stop or (self._pending is not None and req.samples > PREVIEW_SAMPLES)

    def _run(self, req: Request) -> None:
        compiled = compile_scenario(req.scenario, self.graph)
        sizes = [req.samples]
        if req.samples >= 2 * PREVIEW_SAMPLES:
            sizes = [PREVIEW_SAMPLES, req.samples]
        for samples in sizes:
            result = run_compiled(
                compiled, samples=samples, seed=req.seed, revision=req.revision,
                cancel=lambda n=samples: self._superseded(req) if n > PREVIEW_SAMPLES else self._stop,
                progress=self.progress.emit,
            )
            self.resultReady.emit(result)
            with self._cond:
                if self._pending is not None:
                    return  # a newer request is waiting: skip the full-size pass

    def _warm_up(self) -> None:
        """Load (or compile) every kernel before the first real run."""
        from debate_explorer.core.engine.kinds import get_kind, kind_names
        from debate_explorer.core.model.scenario import scenario_from_dict

        self.stateChanged.emit("preparing")
        t0 = time.perf_counter()
        for name in kind_names():
            try:
                get_kind(name)
            except Exception:  # noqa: BLE001 - a kind that fails to import is reported on use
                continue
            scenario = scenario_from_dict({"format_version": 1, "model": name, "run": {"samples": 64}})
            try:
                run_compiled(compile_scenario(scenario, self.graph if get_kind(name).uses_graph else None),
                             samples=64, seed=0)
            except Exception:  # noqa: BLE001
                continue
        self.warm_seconds = time.perf_counter() - t0
        self._warm = True
        with self._cond:
            idle = self._pending is None
        if idle:
            self.stateChanged.emit("idle")
