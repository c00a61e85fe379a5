"""First launch on an empty numba cache: the status bar says the engine is compiling, and quick numpy
results are shown until numba's replace them (a fake engine stands in for numba)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from PySide6.QtWidgets import QLabel, QProgressBar

from debate_explorer.core.engine.scheduler import ComputeScheduler
from debate_explorer.core.model.scenario import scenario_from_dict
from debate_explorer.ui.common.compute import ComputeService
from debate_explorer.ui.status.engine_status import EngineStatus, compile_message, result_summary


def fake_prepare(req):
    def run(samples, backend, cancel, progress):
        return SimpleNamespace(revision=req.revision, samples=samples, backend=backend.value, seconds=0.5, seed=1)

    return run


def test_the_status_bar_explains_the_first_compile_and_shows_quick_results(qtbot):
    compiled = threading.Event()

    def warm_up(ready, stop, first):
        compiled.wait(30)
        ready("debate")

    scheduler = ComputeScheduler(
        fake_prepare, warm_up, cold=True, expected_compile_seconds=9.4, preview_samples=10, cold_samples=4
    )
    compute = ComputeService(scheduler=scheduler)
    label, bar = QLabel(), QProgressBar()
    qtbot.addWidget(label)
    status = EngineStatus(compute, label, bar, label)
    results = []
    compute.resultReady.connect(results.append)
    try:
        assert label.text() == compile_message(9.4) == "Compiling the simulation engine (once, about 9 s)…"
        assert "numpy" in label.toolTip() and not bar.isHidden()
        compute.start()
        compute.request(scenario_from_dict({"format_version": 1, "run": {"samples": 100}}), 1)
        qtbot.waitUntil(lambda: len(results) == 1, timeout=10_000)
        assert results[0].backend == "numpy" and "quick estimate" in result_summary(results[0], 100)
        assert status.compiling and label.text().startswith("Compiling")  # "Computing…" does not hide it
        compiled.set()
        qtbot.waitUntil(lambda: len(results) == 3 and not compute.is_busy, timeout=10_000)
        assert [(r.backend, r.samples) for r in results[1:]] == [("numba", 10), ("numba", 100)]
        qtbot.waitUntil(lambda: not status.compiling and label.text() == "", timeout=10_000)
        assert bar.isHidden() and result_summary(results[-1], 100).startswith("100 samples · numba")
    finally:
        compiled.set()
        compute.shutdown()
