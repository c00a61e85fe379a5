"""The status bar's account of the engine: compiling (first launch), computing, analysing, failed.

On an empty numba cache the kernels compile once, which takes several seconds;
the status bar says so, with an estimate and a progress bar, while the plots show
quick results from the numpy reference engine.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QProgressBar

from debate_explorer.core.engine.results import RunResult
from debate_explorer.core.engine.scheduler import EngineState
from debate_explorer.ui.common.compute import ComputeService

COMPILE_TIP = (
    "The Monte Carlo engine is compiled to machine code (numba) the first time the app runs, "
    "and after an upgrade; later launches load it in a fraction of a second.\n"
    "Meanwhile the plots show a quick estimate from a small run of the numpy reference engine."
)


def compile_message(expected_seconds: float) -> str:
    return f"Compiling the simulation engine (once, about {max(1, round(expected_seconds))} s)…"


def result_summary(result: RunResult, wanted: int) -> str:
    """'100,000 samples · numba · 0.08 s · seed 1', saying when it is a preview or a quick estimate."""
    if result.backend == "numpy" and result.samples < wanted:
        size = f"{result.samples:,} samples (quick estimate while the engine compiles)"
    elif result.samples < wanted:
        size = f"{result.samples:,} samples (preview)"
    else:
        size = f"{result.samples:,} samples"
    return f"{size} · {result.backend} · {result.seconds:.2f} s · seed {result.seed}"


# What the status bar says while a background task runs (task names are internal).
TASK_TEXT = {
    "cruxes-panel/cruxes": "Ranking cruxes…",
    "cruxes-panel/sensitivity": "Computing the assumption tornado…",
    "cruxes-panel/compare": "Comparing worldviews…",
    "explain": "Explaining what moved the outcome…",
    "crux swing": "Computing the crux swing…",
    "export samples": "Exporting samples…",
    "pin preset": "Running the preset to pin…",
}


def task_text(name: str) -> str:
    """Status text for a task: its known wording, else its name in plain words."""
    return TASK_TEXT.get(name) or name.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").capitalize() + "…"


class EngineStatus(QObject):
    """Drives the engine label and progress bar from the compute service's signals."""

    def __init__(self, compute: ComputeService, label: QLabel, bar: QProgressBar, parent: QObject) -> None:
        super().__init__(parent)
        self.compute, self.label, self.bar = compute, label, bar
        self._compile_t0: float | None = None
        self._expected = 0.0
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._show_compile_progress)
        compute.compileStarted.connect(self._compile_started)
        compute.compileFinished.connect(self._compile_finished)
        compute.stateChanged.connect(self._state)
        compute.taskStarted.connect(lambda name: self._set(task_text(name)))
        compute.progress.connect(self._run_progress)
        if compute.is_compiling:
            self._compile_started(compute.scheduler.expected_compile_seconds)

    @property
    def compiling(self) -> bool:
        return self._compile_t0 is not None

    def _set(self, text: str) -> None:
        if not self.compiling:
            self.label.setText(text)

    def _compile_started(self, expected: float) -> None:
        if self.compiling:
            return
        self._compile_t0, self._expected = time.monotonic(), expected
        self.label.setText(compile_message(expected))
        self.label.setToolTip(COMPILE_TIP)
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.bar.show()
        self._tick.start()

    def _show_compile_progress(self) -> None:
        # Time-based: the compiler reports no progress of its own. Stops short of 100% until it is done.
        elapsed = time.monotonic() - (self._compile_t0 or time.monotonic())
        self.bar.setValue(min(95, int(100 * elapsed / max(self._expected, 1.0))))

    def _compile_finished(self, _seconds: float) -> None:
        self._tick.stop()
        self._compile_t0 = None
        self.label.setToolTip("")
        self.bar.hide()
        self._state(EngineState.IDLE if not self.compute.is_busy else EngineState.COMPUTING)

    def _state(self, state: EngineState) -> None:
        if state is EngineState.IDLE:
            self._set("")
            if not self.compiling:
                self.bar.hide()
        elif state is EngineState.COMPUTING:
            self._set("Computing…")

    def _run_progress(self, done: int, total: int) -> None:
        if self.compiling:
            return
        # Chunks finish hundreds of times a second on big runs; repaint in 5% steps.
        if done < total and done % max(1, total // 20):
            return
        if self.bar.maximum() != total:
            self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.bar.setVisible(done < total)
