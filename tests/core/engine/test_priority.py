"""Engine threads at a higher nice value in an interactive process (core/engine/priority.py)."""

from __future__ import annotations

import os
import sys
import threading

import numpy as np
import pytest

from debate_explorer.core.engine import priority
from debate_explorer.core.engine.runner import engine_pool

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux only")


def _thread_nice() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def _nice_in_new_thread(nice: int) -> tuple[int, int, bool]:
    seen: list[tuple[int, int, bool]] = []

    def body() -> None:
        before = _thread_nice()
        changed = priority.lower_this_thread(nice)
        seen.append((before, _thread_nice(), changed))

    t = threading.Thread(target=body)
    t.start()
    t.join()
    return seen[0]


@linux_only
def test_a_thread_raises_only_its_own_nice_value():
    process_before = _thread_nice()
    before, after, changed = _nice_in_new_thread(3)
    assert changed and after == min(19, before + 3)
    assert _thread_nice() == process_before  # the calling thread (and so the GUI thread) is untouched


def test_nice_zero_changes_nothing():
    before, after, changed = _nice_in_new_thread(0)
    assert not changed and after == before


@linux_only
def test_pools_follow_the_process_policy_and_give_the_same_numbers(monkeypatch):
    from debate_explorer.core.engine.compute import run_scenario
    from debate_explorer.core.model.scenario import load_scenario
    from debate_explorer.core.paths import baseline_scenario_path

    scenario = load_scenario(baseline_scenario_path())
    monkeypatch.setattr(priority, "_engine_nice", 0)
    plain_pool = engine_pool(2)
    base = min(plain_pool.submit(_thread_nice).result() for _ in range(4))
    plain = run_scenario(scenario, None, samples=5000, seed=11, threads=2)

    priority.set_engine_nice(4)  # undone by monkeypatch at the end of the test
    niced_pool = engine_pool(2)
    assert niced_pool is not plain_pool
    assert {niced_pool.submit(_thread_nice).result() for _ in range(4)} == {min(19, base + 4)}
    niced = run_scenario(scenario, None, samples=5000, seed=11, threads=2)
    assert np.array_equal(plain.years, niced.years) and np.array_equal(plain.band_counts, niced.band_counts)
