"""The one compute worker, without Qt: newest request wins, preview first, never two runs at once.

All engine work runs on a single background thread (DESIGN.md: numba's threading
layer must not see two runs at once; the engine fans chunks out to its own pool).
The rules, each tested in ``tests/core/test_scheduler.py``:

- **Coalescing.** Only the newest waiting request is kept; requests that were
  replaced before they started never run.
- **Preview, then full.** A run of ``2 * preview_samples`` or more first runs a
  preview of the kind's ``preview_samples`` (the first chunks of the same run: a
  kind's samples cost microseconds or milliseconds; ``preview_samples`` given to
  the scheduler caps it) and reports it, then the full count, which takes the
  preview's chunks rather than computing them again (``run_compiled``'s
  ``prefix``). A newer request skips the full pass, and cancels it
  between chunks if it is running; a preview is allowed to finish, so that a
  slider drag shows a stream of updates rather than none.
- **Stale revisions are discarded.** A result is never reported after a result of
  a newer revision: an older run finishing late is dropped.
- **Errors are reported, never fatal.** Bad input is reported by its one-line
  message, a bug by its traceback; the worker carries on with the next request.
- **Cold start.** When compiling the kernels will take long (an empty numba
  cache), they compile on a second thread while the worker answers with the
  numpy reference backend at ``cold_samples``; as soon as a kind's kernel is
  ready its newest request is run again with numba, replacing the quick result.
  (The warm-up's tiny runs may overlap the worker's runs: that is safe only
  because no kernel uses numba's ``parallel=True``, see ``engine/runner.py``.)
- **First answer first.** The warm-up starts only once the worker has answered
  its first job (or after ``first_answer_wait`` seconds without one): both need
  the GIL, and a numpy pass beside a compiling thread runs several times slower
  (each array operation hands the GIL back and waits a switch interval for it).
  On a warm cache the first request's own numba run loads its kernel; the other
  kinds load after the first results are on screen.

Events are psygnal signals, emitted on the worker thread; the Qt adapter
(``ui/compute.py``) forwards them to the GUI thread.
"""

from __future__ import annotations

import enum
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from psygnal import Signal

from debate_explorer.core.errors import CancelledError, InputError
from debate_explorer.core.model.scenario import Scenario

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph

COLD_SAMPLES = 8192  # one chunk of the numpy reference path: about half a second
FIRST_ANSWER_WAIT_S = 5.0  # the warm-up waits this long at most for the worker's first answer

Cancel = Callable[[], bool]
Progress = Callable[[int, int], None]


class Backend(enum.StrEnum):
    NUMBA = "numba"
    NUMPY = "numpy"


class EngineState(enum.StrEnum):
    """What the worker is doing (a str, so listeners may compare with "idle")."""

    IDLE = "idle"
    COMPUTING = "computing"
    ANALYSING = "analysing"


@dataclass(frozen=True)
class Request:
    scenario: Scenario
    revision: int
    graph: ArgumentGraph | None = None  # the map to link with; None: the engine's own

    @property
    def kind(self) -> str:
        return self.scenario.model

    @property
    def samples(self) -> int:
        return self.scenario.run.samples


@dataclass(frozen=True)
class Task:
    """A longer analysis (cruxes, sensitivity, comparison) run on the same worker.

    ``fn(cancelled, progress)`` must call ``cancelled()`` between pieces of work
    and raise CancelledError when it turns true; ``progress(done, total)``
    reports progress.
    """

    name: str
    fn: Callable[[Cancel, Progress], Any]


class SizedRun(Protocol):
    def __call__(self, samples: int, backend: Backend, cancel: Cancel, progress: Progress) -> Any: ...


Prepare = Callable[[Request], SizedRun]
WarmUp = Callable[[Callable[[str], None], Cancel, str | None], Any]  # (ready, stop, kind wanted first)


@dataclass(frozen=True)
class RunPass:
    """One run of a request: how many samples, on which backend."""

    samples: int
    backend: Backend
    cancellable: bool  # may a newer request cancel it between chunks?


class ComputeScheduler:
    """Runs scenario requests and analysis tasks on one background thread.

    ``prepare(request)`` does the per-scenario work once (linking, compiling) and
    returns ``run(samples, backend, cancel, progress)``. ``warm_up(ready, stop, first)``
    loads or compiles the kernels, the kind ``first`` (the newest request's) before
    the others, calling ``ready(kind)`` for each; with
    ``cold=True`` results come from the numpy backend until then.
    """

    result_ready = Signal(object)  # the run's result (a RunResult in the app)
    failed = Signal(str)
    progress = Signal(int, int)  # chunks done, chunks total
    state_changed = Signal(object)  # EngineState
    compile_started = Signal(float)  # expected seconds
    compile_finished = Signal(float)  # measured seconds
    task_started = Signal(str)
    task_progress = Signal(str, int, int)  # task name, done, total
    task_finished = Signal(str, object)  # task name, its return value
    task_failed = Signal(str, str)  # task name, message
    task_cancelled = Signal(str)

    def __init__(
        self,
        prepare: Prepare,
        warm_up: WarmUp | None = None,
        *,
        cold: bool = False,
        expected_compile_seconds: float = 0.0,
        preview_samples: int | None = None,
        cold_samples: int = COLD_SAMPLES,
        first_answer_wait: float = FIRST_ANSWER_WAIT_S,
    ) -> None:
        self._prepare = prepare
        self._warm_up = warm_up
        self.cold = cold
        self.expected_compile_seconds = expected_compile_seconds
        self.preview_samples = preview_samples
        self.cold_samples = cold_samples
        self.first_answer_wait = first_answer_wait
        self._answered = threading.Event()  # the worker has finished its first pass or job
        self._cond = threading.Condition()
        self._pending: Request | None = None
        self._deferred: Request | None = None  # answered by numpy; to run again once its kernel is ready
        self._running: Request | Task | None = None
        self._task: Task | None = None
        self._task_cancel = False
        self._stop = False
        self._ready: set[str] = set()
        self._warm = warm_up is None
        self._delivered_revision = -1
        self.last_error: str | None = None
        self.warm_seconds: float | None = None
        self._thread = threading.Thread(target=self._loop, name="de-compute", daemon=True)
        self._warm_thread = threading.Thread(target=self._run_warm_up, name="de-warm-up", daemon=True)

    def start(self) -> None:
        """Start the worker and the warm-up. Requests made before are kept and run then."""
        if self._stop or self._thread.is_alive():
            return
        if self._warm_up is not None:
            self._warm_thread.start()
        self._thread.start()

    # -- called from the front end's thread ---------------------------------------
    def request(self, scenario: Scenario, revision: int, graph: ArgumentGraph | None = None) -> None:
        """Compute ``scenario`` (linked with ``graph``, if given); it replaces any request still waiting."""
        with self._cond:
            self._pending = Request(scenario, revision, graph)
            self._deferred = None
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
            queued, self._task = self._task, None
            self._task_cancel = True
        if queued is not None:
            self.task_cancelled.emit(queued.name)

    @property
    def is_warm(self) -> bool:
        """Every kind's kernel is loaded or compiled."""
        return self._warm

    @property
    def is_compiling(self) -> bool:
        return self.cold and not self._warm

    @property
    def is_busy(self) -> bool:
        """More results are coming for the newest request (running, waiting, or waiting for its kernel)."""
        with self._cond:
            return any(x is not None for x in (self._running, self._pending, self._deferred))

    @property
    def is_idle(self) -> bool:
        """Nothing running or waiting, not even a queued task (which a new task would replace), and warm."""
        with self._cond:
            nothing = all(x is None for x in (self._running, self._pending, self._deferred, self._task))
        return nothing and self._warm

    def shutdown(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stop = True
            self._pending = self._deferred = None
            self._cond.notify()
        self._answered.set()
        for thread in (self._thread, self._warm_thread):
            if thread.is_alive():
                thread.join(timeout)

    # -- warm-up thread ------------------------------------------------------------
    def _run_warm_up(self) -> None:
        if self.cold:
            self.compile_started.emit(self.expected_compile_seconds)
        self._answered.wait(self.first_answer_wait)
        t0 = time.perf_counter()
        if self._warm_up is not None and not self._stop:
            self._warm_up(self._kind_ready, lambda: self._stop, self._wanted_kind())
        self.warm_seconds = time.perf_counter() - t0
        self._warm = True
        if self.cold and not self._stop:
            self.compile_finished.emit(self.warm_seconds)

    def _wanted_kind(self) -> str | None:
        """The kind of the newest request: on a cold cache its kernel is the one to compile first."""
        with self._cond:
            for job in (self._pending, self._deferred, self._running):
                if isinstance(job, Request):
                    return job.kind
        return None

    def _kind_ready(self, kind: str) -> None:
        with self._cond:
            self._ready.add(kind)
            deferred = self._deferred
            if deferred is not None and deferred.kind == kind and self._pending is None:
                self._pending, self._deferred = deferred, None
                self._cond.notify()

    # -- the worker thread -----------------------------------------------------------
    def _loop(self) -> None:
        while True:
            with self._cond:
                while self._pending is None and self._task is None and not self._stop:
                    self._cond.wait()
                if self._stop:
                    return
                job: Request | Task
                if self._pending is not None:
                    job, self._pending = self._pending, None
                else:
                    assert self._task is not None
                    job, self._task = self._task, None
                    self._task_cancel = False
                self._running = job
            if isinstance(job, Task):
                self._run_task(job)
            else:
                self._run_request(job)
            self._answered.set()
            with self._cond:
                self._running = None
                idle = self._pending is None and self._task is None
            if idle:
                self.state_changed.emit(EngineState.IDLE)

    def _run_request(self, req: Request) -> None:
        self.state_changed.emit(EngineState.COMPUTING)
        try:
            self._passes(req)
        except CancelledError:
            pass
        except InputError as exc:
            self.last_error = exc.message
            self.failed.emit(exc.message)
        except Exception:  # noqa: BLE001 - a bug must not kill the worker
            self.last_error = traceback.format_exc()
            self.failed.emit(f"internal error while computing:\n{self.last_error}")

    def plan(self, req: Request) -> list[RunPass]:
        """The passes that answer ``req`` now: quick numpy while its kernel compiles, else preview then full."""
        with self._cond:
            compiling = self.cold and req.kind not in self._ready
        if compiling:
            return [RunPass(min(req.samples, self.cold_samples), Backend.NUMPY, False)]
        preview = req.scenario.kind.preview_samples
        if self.preview_samples is not None:
            preview = min(preview, self.preview_samples)
        if req.samples >= 2 * preview:
            return [RunPass(preview, Backend.NUMBA, False), RunPass(req.samples, Backend.NUMBA, True)]
        return [RunPass(req.samples, Backend.NUMBA, True)]

    def _passes(self, req: Request) -> None:
        run = self._prepare(req)
        passes = self.plan(req)
        for p in passes:
            result = run(p.samples, p.backend, self._canceller(p.cancellable), self.progress.emit)
            self._deliver(req, result)
            with self._cond:
                if self._pending is not None:
                    return  # a newer request is waiting: skip the rest
        if passes[-1].backend is Backend.NUMPY:
            self._defer(req)

    def _canceller(self, cancellable: bool) -> Cancel:
        def cancelled() -> bool:
            with self._cond:
                return self._stop or (cancellable and self._pending is not None)

        return cancelled

    def _deliver(self, req: Request, result: Any) -> None:
        with self._cond:
            if req.revision < self._delivered_revision:
                return  # an older run finishing late
            self._delivered_revision = req.revision
        self.result_ready.emit(result)
        self._answered.set()

    def _defer(self, req: Request) -> None:
        with self._cond:
            if self._pending is not None or self._stop:
                return
            if req.kind in self._ready:  # compiled while the numpy pass ran
                self._pending = req
            else:
                self._deferred = req

    def _run_task(self, task: Task) -> None:
        self.state_changed.emit(EngineState.ANALYSING)
        self.task_started.emit(task.name)

        def cancelled() -> bool:
            with self._cond:
                return self._stop or self._task_cancel or self._pending is not None

        try:
            result = task.fn(cancelled, lambda d, t: self.task_progress.emit(task.name, d, t))
        except CancelledError:
            self.task_cancelled.emit(task.name)
        except InputError as exc:
            self.task_failed.emit(task.name, exc.message)
        except Exception:  # noqa: BLE001 - a bug must not kill the worker
            self.task_failed.emit(task.name, f"internal error:\n{traceback.format_exc()}")
        else:
            self.task_finished.emit(task.name, result)


def scenario_engine(graph: ArgumentGraph | None = None) -> Prepare:
    """``prepare`` for :class:`ComputeScheduler` that links and compiles a scenario, then runs it."""

    def prepare(req: Request) -> SizedRun:
        # Looked up per request (cheap once imported), so a test can stand in for the engine.
        from debate_explorer.core.engine.compute import compile_scenario
        from debate_explorer.core.engine.runner import run_compiled

        compiled = compile_scenario(req.scenario, req.graph if req.graph is not None else graph)
        last: list[Any] = []  # this request's preview: the full pass takes its chunks

        def run(samples: int, backend: Backend, cancel: Cancel, progress: Progress) -> Any:
            result = run_compiled(
                compiled,
                samples=samples,
                seed=req.scenario.run.seed,
                backend=backend.value,
                revision=req.revision,
                cancel=cancel,
                progress=progress,
                prefix=last[-1] if last else None,
            )
            last[:] = [result]
            return result

        return run

    return prepare


def engine_scheduler(graph: ArgumentGraph | None = None) -> ComputeScheduler:
    """The scheduler the app uses: the real engine, warmed up in the background, cold-aware."""
    from debate_explorer.core.engine import warmup

    cold = warmup.cache_is_empty()
    return ComputeScheduler(
        scenario_engine(graph),
        lambda ready, stop, first: warmup.timed_warm_up(ready, stop, first, record=cold),
        cold=cold,
        expected_compile_seconds=warmup.expected_compile_seconds(),
    )
