"""The CRUXES panel: what moves the outcome — ranked claims, a tornado, worldviews.

Every analysis runs as a ``Task`` on the app's single compute worker (never a
thread of its own), reports progress, can be cancelled, and is cancelled by the
worker when the scenario changes. Results are derived data: after an edit they
stay on screen marked as out of date until the user runs again. The crux
scores tint the map (``ctx.set_highlight``) while "Tint map" is on.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from debate_explorer.core.analysis.compare import Comparison, compare_scenarios, load_worldviews
from debate_explorer.core.analysis.cruxes import CruxRanking, rank_cruxes
from debate_explorer.core.analysis.metrics import metric_names, parse_metric
from debate_explorer.core.analysis.sensitivity import Sensitivity, assumption_sensitivity
from debate_explorer.core.editing.document import Change
from debate_explorer.core.errors import InputError
from debate_explorer.core.graph.model import ArgumentGraph
from debate_explorer.core.model.scenario import Scenario
from debate_explorer.ui.common.compute import Task
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.compare.view import CompareView
from debate_explorer.ui.cruxes.views import CruxList, TornadoView
from debate_explorer.ui.plots.style import MUTED

TASK_PREFIX = "cruxes-panel/"
SAMPLE_CHOICES = (10_000, 30_000, 100_000)
DEFAULT_SAMPLES = 30_000
EXTRA_YEARS = (2035, 2040)


class CruxPanel(QWidget):
    """Tabs: the ranked cruxes, the assumption tornado, the worldview comparison."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.running: str | None = None  # full task name while one of ours is queued or running
        self.ranking: CruxRanking | None = None
        self._kind = ""
        self._cancelled_by_edit = False
        self.cruxes = CruxList(ctx)
        self.tornado = TornadoView()
        self.compare = CompareView()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.cruxes, "Cruxes")
        self.tabs.addTab(self.tornado, "Assumption tornado")
        self.tabs.addTab(self.compare, "Compare worldviews")
        self.tabs.currentChanged.connect(lambda _: self._update_controls())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._build_bar())
        layout.addWidget(self.tabs, 1)
        self._fill_metrics()
        ctx.scenarioChanged.connect(self._on_scenario_changed)
        if ctx.compute is not None:
            ctx.compute.taskFinished.connect(self._on_finished)
            ctx.compute.taskProgress.connect(self._on_progress)
            ctx.compute.taskFailed.connect(self._on_failed)
            ctx.compute.taskCancelled.connect(self._on_cancelled)
            ctx.compute.taskStarted.connect(self._on_task_started)
        self._update_controls()

    def _build_bar(self) -> QHBoxLayout:
        self.metric_box = QComboBox()
        self.metric_box.setToolTip("The outcome whose movement is ranked")
        self.samples = QComboBox()
        self.samples.setToolTip("Monte Carlo samples per variant (all variants share the same random numbers)")
        for n in SAMPLE_CHOICES:
            self.samples.addItem(f"{n:,} samples", n)
        self.samples.setCurrentIndex(SAMPLE_CHOICES.index(DEFAULT_SAMPLES))
        self.run_button = QPushButton("Run")
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.status = QLabel("")
        self.status.setStyleSheet(f"color: {MUTED};")
        # Long messages must not widen the panel (it would crush the Inspector beside it).
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.metric_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.metric_box.setMinimumContentsLength(18)
        self.tint = QCheckBox("Tint map")
        self.tint.setToolTip("Colour the map's nodes by their crux score")
        self.tint.setChecked(True)
        self.tint.toggled.connect(lambda _: self._apply_tint())
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Outcome"))
        bar.addWidget(self.metric_box)
        bar.addWidget(self.samples)
        bar.addWidget(self.run_button)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.progress)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.tint)
        return bar

    # -- choices ----------------------------------------------------------------------
    def _fill_metrics(self) -> None:
        self._kind = self.ctx.document.scenario.kind.name
        fill_metric_box(self.metric_box, self.ctx.document.scenario)

    def set_samples(self, n: int) -> None:
        """Choose the sample count (a count not in the list is added)."""
        if self.samples.findData(n) < 0:
            self.samples.addItem(f"{n:,} samples", n)
        self.samples.setCurrentIndex(self.samples.findData(n))

    def set_metric(self, name: str) -> None:
        self.metric_box.setCurrentIndex(self.metric_box.findData(name))

    # -- running ------------------------------------------------------------------------------
    def run(self) -> None:
        """Start the analysis of the visible tab on the compute worker."""
        if self.ctx.compute is None or self.running is not None:
            return
        which = ("cruxes", "sensitivity", "compare")[self.tabs.currentIndex()]
        fn = getattr(self, f"_{which}_job")()
        self.running = TASK_PREFIX + which
        self._cancelled_by_edit = False
        self.progress.setRange(0, 0)  # busy until the first progress report
        self.status.setText("Waiting for the engine…")
        self._update_controls()
        self.ctx.compute.run_task(Task(self.running, fn))

    def _cruxes_job(self):
        return partial(
            _crux_job,
            self.ctx.document.scenario,
            self.ctx.graph,
            self.metric_box.currentData(),
            self.samples.currentData(),
        )

    def _sensitivity_job(self):
        return partial(
            _sensitivity_job,
            self.ctx.document.scenario,
            self.ctx.graph,
            self.metric_box.currentData(),
            self.samples.currentData(),
        )

    def _compare_job(self):
        include, paths = self.compare.chosen()
        current = self.ctx.document.scenario if include else None
        return partial(_compare_job, current, paths, self.ctx.graph, self.samples.currentData())

    def cancel(self) -> None:
        if self.running is not None and self.ctx.compute is not None:
            self.status.setText("Cancelling…")
            self.ctx.compute.cancel_task()

    def _mine(self, name: str) -> bool:
        return name == self.running

    def _on_progress(self, name: str, done: int, total: int) -> None:
        if self._mine(name):
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            self.status.setText(f"{done} of {total}")

    def _on_finished(self, name: str, result) -> None:
        if not self._mine(name):
            return
        self._finish(f"Done in {result.seconds:.1f} s")
        if name.endswith("cruxes"):
            self.ranking = result
            self.cruxes.set_ranking(result)
            self._apply_tint()
        elif name.endswith("sensitivity"):
            self.tornado.set_result(result)
        else:
            self.compare.set_comparison(result)

    def _on_failed(self, name: str, message: str) -> None:
        if self._mine(name):
            self._finish(message.splitlines()[0] if message else "failed", error=True)
            self.status.setToolTip(message)

    def _on_cancelled(self, name: str) -> None:
        if self._mine(name):
            self._finish("Cancelled: the scenario changed" if self._cancelled_by_edit else "Cancelled")

    def _on_task_started(self, name: str) -> None:
        # Another task took the worker's single task slot before ours started.
        if self.running is not None and name != self.running:
            self._finish("Replaced by another analysis")

    def _finish(self, text: str, error: bool = False) -> None:
        self.running = None
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText(text)
        self.status.setToolTip("")
        self.status.setStyleSheet(f"color: {'#B00020' if error else MUTED};")
        self._update_controls()

    def _update_controls(self) -> None:
        busy = self.running is not None
        self.run_button.setEnabled(not busy and self.ctx.compute is not None)
        self.cancel_button.setEnabled(busy)
        compare = self.tabs.currentIndex() == 2
        self.metric_box.setEnabled(not compare)

    # -- the document and the map ---------------------------------------------------------------
    def _on_scenario_changed(self, flags: Change) -> None:
        if self.ctx.document.scenario.kind.name != self._kind:
            self._fill_metrics()
        if not flags.needs_run:
            return
        if self.running is not None:
            # The worker cancels a running task when a run is requested, but a task
            # still queued would start afterwards on the old scenario: cancel either way.
            self._cancelled_by_edit = True
            self.ctx.compute.cancel_task()
        elif self.ranking is not None:
            self.status.setText("The scenario changed since these results: run again to update them")

    def _apply_tint(self) -> None:
        if self.tint.isChecked() and self.ranking is not None:
            self.ctx.set_highlight(self.ranking.highlight())
        else:
            self.ctx.set_highlight(None)


def fill_metric_box(box: QComboBox, scenario) -> None:
    """Metric names for the scenario's model kind, labelled in words (the choice is kept if it still exists)."""
    kind, settings = scenario.kind, scenario.kind_settings
    names = metric_names(kind, settings)
    keys = [m.key for m in kind.milestones]
    names += [f"{k}_p{y}" for k in keys for y in EXTRA_YEARS if f"{k}_p{y}" not in names]
    previous = box.currentData() or "agi_median"
    box.blockSignals(True)
    box.clear()
    for name in sorted(names, key=lambda n: (not n.endswith("median"), n.startswith("growth"), n)):
        box.addItem(parse_metric(name, kind, settings).label, name)
    box.blockSignals(False)
    box.setCurrentIndex(max(0, box.findData(previous)))


Cancelled = Callable[[], bool]
Progress = Callable[[int, int], None]


def _crux_job(
    scenario: Scenario, graph: ArgumentGraph | None, metric: str, samples: int, cancelled: Cancelled, progress: Progress
) -> CruxRanking:
    return rank_cruxes(scenario, graph, metric, samples=samples, cancel=cancelled, progress=progress)


def _sensitivity_job(
    scenario: Scenario, graph: ArgumentGraph | None, metric: str, samples: int, cancelled: Cancelled, progress: Progress
) -> Sensitivity:
    return assumption_sensitivity(scenario, graph, metric, samples=samples, cancel=cancelled, progress=progress)


def _compare_job(
    current: Scenario | None,
    paths: list[Path],
    graph: ArgumentGraph | None,
    samples: int,
    cancelled: Cancelled,
    progress: Progress,
) -> Comparison:
    items: list[tuple[str, str | None, Scenario]] = []
    if current is not None:
        items.append(("Current scenario", None, current))
    items += load_worldviews(paths, graph)
    if not items:
        raise InputError("tick at least one scenario to compare")
    return compare_scenarios(items, graph, samples=samples, cancel=cancelled, progress=progress)
