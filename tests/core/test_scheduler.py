"""The compute scheduler's rules, driven with a fake engine and no Qt.

The fake engine records each pass it is asked to run and can hold a pass until
the test releases it, so the order of events is controlled, not timed.
"""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest

from debate_explorer.core.engine.scheduler import Backend, ComputeScheduler, EngineState, Request, RunPass, Task
from debate_explorer.core.errors import CancelledError, InputError
from debate_explorer.core.model.scenario import scenario_from_dict

PREVIEW, COLD = 10, 4
BAD_INPUT = InputError("mu must be finite", field="assumptions.g_compute")
WAIT_S = 10.0  # only a guard against hanging; nothing here depends on speed


def scenario(samples: int, model: str = "debate"):
    return scenario_from_dict({"format_version": 1, "model": model, "run": {"samples": samples}})


def eventually(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.001)


class FakeEngine:
    """``prepare`` for the scheduler: records passes; ``hold`` blocks the next pass until ``release``."""

    def __init__(self) -> None:
        self.passes: list[tuple[int, int, Backend]] = []  # (revision, samples, backend)
        self.cancelled: list[tuple[int, int]] = []
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()
        self.fail: Exception | None = None
        self.hold_samples: int | None = None

    def hold(self, samples: int | None = None) -> None:
        """Block the next pass (of ``samples`` samples only, if given) until :meth:`release`."""
        self.hold_samples = samples
        self.gate.clear()
        self.entered.clear()

    def release(self) -> None:
        self.gate.set()

    def prepare(self, req):
        if self.fail is not None:
            raise self.fail

        def run(samples, backend, cancel, progress):
            self.passes.append((req.revision, samples, backend))
            self.entered.set()
            while self.hold_samples in (None, samples) and not self.gate.wait(0.001):
                if cancel():
                    self.cancelled.append((req.revision, samples))
                    raise CancelledError("superseded")
            progress(1, 1)
            return SimpleNamespace(revision=req.revision, samples=samples, backend=backend.value)

        return run


@pytest.fixture
def engine():
    return FakeEngine()


def make(engine, **kwargs) -> tuple[ComputeScheduler, dict[str, list]]:
    s = ComputeScheduler(engine.prepare, preview_samples=PREVIEW, cold_samples=COLD, **kwargs)
    seen: dict[str, list] = {"results": [], "failed": [], "states": [], "tasks": []}
    s.result_ready.connect(lambda r: seen["results"].append((r.revision, r.samples, r.backend)))
    s.failed.connect(seen["failed"].append)
    s.state_changed.connect(seen["states"].append)
    s.task_finished.connect(lambda name, value: seen["tasks"].append(("finished", name, value)))
    s.task_cancelled.connect(lambda name: seen["tasks"].append(("cancelled", name)))
    s.task_failed.connect(lambda name, msg: seen["tasks"].append(("failed", name, msg)))
    return s, seen


@pytest.fixture
def sched(engine):
    s, seen = make(engine)
    s.start()
    yield s, seen
    engine.release()
    s.shutdown()


def idle(s: ComputeScheduler) -> bool:
    return not s.is_busy


def test_requests_waiting_behind_a_run_are_coalesced_to_the_newest(engine, sched):
    s, seen = sched
    engine.hold()
    s.request(scenario(5), 1)
    assert engine.entered.wait(WAIT_S)
    for revision in (2, 3, 4):
        s.request(scenario(5), revision)
    engine.release()
    eventually(lambda: idle(s), "the worker to finish")
    assert [p[0] for p in engine.passes] == [1, 4]  # 2 and 3 were replaced before they started
    assert seen["results"] == [(1, 5, "numba"), (4, 5, "numba")]
    assert seen["states"][-1] is EngineState.IDLE and s.is_idle


def test_a_large_run_shows_a_preview_then_the_full_count(engine, sched):
    s, seen = sched
    s.request(scenario(100), 1)
    eventually(lambda: idle(s), "the run")
    assert seen["results"] == [(1, PREVIEW, "numba"), (1, 100, "numba")]
    s.request(scenario(2 * PREVIEW - 1), 2)  # too small for a preview to be worth it
    eventually(lambda: idle(s), "the second run")
    assert seen["results"][2:] == [(2, 2 * PREVIEW - 1, "numba")]


def test_a_newer_request_cancels_the_full_pass_but_not_the_preview(engine, sched):
    s, seen = sched
    engine.hold()
    s.request(scenario(100), 1)
    eventually(lambda: engine.passes == [(1, PREVIEW, Backend.NUMBA)], "the preview to start")
    s.request(scenario(100), 2)  # arrives during the preview: the preview still finishes and is shown
    engine.release()
    eventually(lambda: idle(s), "both requests")
    assert seen["results"][0] == (1, PREVIEW, "numba")
    assert (1, 100, Backend.NUMBA) not in engine.passes  # the old full pass was skipped
    engine.hold(samples=100)
    s.request(scenario(100), 3)
    eventually(lambda: (3, 100, Backend.NUMBA) in engine.passes, "the full pass to start")
    s.request(scenario(100), 4)  # arrives during the full pass: cancelled between chunks
    eventually(lambda: engine.cancelled == [(3, 100)], "the full pass to be cancelled")
    engine.release()
    eventually(lambda: idle(s), "the last request")
    assert (3, 100, "numba") not in seen["results"]
    assert seen["results"][-1] == (4, 100, "numba")


def test_a_result_older_than_one_already_shown_is_discarded(engine, sched):
    s, seen = sched
    s.request(scenario(5), 7)
    eventually(lambda: idle(s), "revision 7")
    s.request(scenario(5), 6)  # e.g. an older run's request finishing late
    eventually(lambda: len(engine.passes) == 2 and idle(s), "revision 6 to run")
    assert seen["results"] == [(7, 5, "numba")]


def test_bad_input_and_bugs_are_reported_and_the_worker_carries_on(engine, sched):
    s, seen = sched
    engine.fail = BAD_INPUT
    s.request(scenario(5), 1)
    eventually(lambda: seen["failed"], "the input error")
    assert seen["failed"][0] == BAD_INPUT.message
    engine.fail = ZeroDivisionError("a bug")
    s.request(scenario(5), 2)
    eventually(lambda: len(seen["failed"]) == 2, "the bug")
    assert seen["failed"][1].startswith("internal error while computing") and "ZeroDivisionError" in seen["failed"][1]
    engine.fail = None
    s.request(scenario(5), 3)
    eventually(lambda: seen["results"], "a good run after the failures")
    assert seen["results"] == [(3, 5, "numba")]


def test_on_a_cold_cache_numpy_answers_until_the_kernel_compiles(engine):
    compiled = threading.Event()

    def warm_up(ready, stop, first):
        compiled.wait(WAIT_S)
        ready("debate")

    s, seen = make(engine, warm_up=warm_up, cold=True, expected_compile_seconds=9.0)
    compile_events = []
    s.compile_started.connect(compile_events.append)
    s.start()
    try:
        s.request(scenario(100), 1)
        eventually(lambda: seen["results"], "the quick numpy result")
        assert seen["results"] == [(1, COLD, "numpy")]
        assert s.is_compiling and s.is_busy  # the numba run is still to come
        compiled.set()
        eventually(lambda: idle(s), "the numba runs")
        assert seen["results"][1:] == [(1, PREVIEW, "numba"), (1, 100, "numba")]
        assert compile_events == [9.0] and s.is_warm and not s.is_compiling
    finally:
        compiled.set()
        s.shutdown()


def test_the_warm_up_waits_for_the_first_answer(engine):
    """Compiling beside the first (numpy) pass would slow it several times over: it goes after it."""
    started, firsts = threading.Event(), []

    def warm_up(ready, stop, first):
        firsts.append(first)
        started.set()
        ready("ai-futures")

    s, seen = make(engine, warm_up=warm_up, cold=True)
    engine.hold()
    s.start()
    try:
        s.request(scenario(100, "ai-futures"), 1)
        assert engine.entered.wait(WAIT_S)
        assert not started.wait(0.05), "the warm-up started while the first pass ran"
        engine.release()
        assert started.wait(WAIT_S)
        eventually(lambda: idle(s), "the numba runs")
        assert seen["results"] == [(1, COLD, "numpy"), (1, PREVIEW, "numba"), (1, 100, "numba")]
        assert firsts == ["ai-futures"]  # the open scenario's kind compiles first
    finally:
        engine.release()
        s.shutdown()


def test_without_a_request_the_warm_up_starts_after_its_wait():
    started = threading.Event()
    s = ComputeScheduler(FakeEngine().prepare, lambda ready, stop, first: started.set(), first_answer_wait=0.01)
    s.start()
    try:
        assert started.wait(WAIT_S)
        eventually(lambda: s.is_warm, "warm")
    finally:
        s.shutdown()


def test_a_task_runs_and_a_new_request_cancels_it(engine, sched):
    s, seen = sched
    s.run_task(Task("sum", lambda cancelled, progress: 42))
    eventually(lambda: seen["tasks"], "the task")
    assert seen["tasks"] == [("finished", "sum", 42)]
    started = threading.Event()

    def long_task(cancelled, progress):
        started.set()
        while not cancelled():
            time.sleep(0.001)
        raise CancelledError("stale")

    s.run_task(Task("long", long_task))
    assert started.wait(WAIT_S)
    s.request(scenario(5), 1)
    eventually(lambda: idle(s) and len(seen["tasks"]) == 2, "the task to be cancelled")
    assert seen["tasks"][1] == ("cancelled", "long")
    assert seen["results"] == [(1, 5, "numba")]


def test_the_compile_estimate_comes_from_the_last_compile(tmp_path):
    from debate_explorer.core.engine import warmup

    old, new = tmp_path / "numba" / "aaaa", tmp_path / "numba" / "bbbb"
    for d in (old, new):
        d.mkdir(parents=True)
    assert warmup.cache_is_empty(new)
    assert warmup.expected_compile_seconds(new) == warmup.DEFAULT_COMPILE_SECONDS
    warmup.record_compile_seconds(17.0, old)
    assert warmup.expected_compile_seconds(new) == 17.0  # an upgrade: the previous version's figure
    warmup.record_compile_seconds(9.0, new)
    assert warmup.expected_compile_seconds(new) == 9.0
    (new / "sub").mkdir()
    (new / "sub" / "kernel.f-1.py311.nbi").write_bytes(b"")
    assert not warmup.cache_is_empty(new)


def test_the_preview_is_the_smaller_of_the_schedulers_and_the_kinds():
    s = ComputeScheduler(lambda req: None)
    debate, aifm = scenario(100_000), scenario(10_000, "ai-futures")
    # A debate sample costs microseconds: three chunks; an ai-futures sample half a
    # millisecond: a 10^3-sample preview while a slider moves, then the 10^4.
    assert s.plan(Request(debate, 1))[0] == RunPass(debate.kind.preview_samples, Backend.NUMBA, False)
    assert s.plan(Request(aifm, 1)) == [
        RunPass(1024, Backend.NUMBA, False),
        RunPass(10_000, Backend.NUMBA, True),
    ]
    small = ComputeScheduler(lambda req: None, preview_samples=PREVIEW)
    assert small.plan(Request(aifm, 1))[0].samples == PREVIEW


def test_the_engines_full_pass_takes_the_previews_chunks(monkeypatch):
    """``scenario_engine``: the full pass after a preview of the same request computes only
    the chunks the preview did not, and gives what a run from scratch gives."""
    import numpy as np

    from debate_explorer.core.engine.compute import run_scenario
    from debate_explorer.core.engine.scheduler import scenario_engine

    req = Request(scenario(40_000), 1)
    run = scenario_engine()(req)
    kind = req.scenario.kind
    never = lambda: False  # noqa: E731
    run(kind.preview_samples, Backend.NUMBA, never, lambda d, t: None)
    ran: list[int] = []
    chunk = kind.run_chunk_numba
    monkeypatch.setattr(kind, "run_chunk_numba", lambda *a: (ran.append(len(a[3].milestones)), chunk(*a)))
    full = run(40_000, Backend.NUMBA, never, lambda d, t: None)
    assert sum(ran) == 40_000 - kind.preview_samples
    monkeypatch.undo()
    np.testing.assert_array_equal(full.years, run_scenario(req.scenario).years)


def test_the_wanted_kind_is_loaded_first():
    from debate_explorer.core.engine.kinds import kind_names
    from debate_explorer.core.engine.warmup import warm_up_kinds

    for first in kind_names():
        order: list[str] = []
        warm_up_kinds(order.append, first=first)
        assert order[0] == first and sorted(order) == sorted(kind_names())
