"""The "Why it moved" tab: the explanation of the last change (or of current vs pinned).

The split itself is the core's (``core.analysis.explain``); this view decides
when to ask for it — when it is visible and something changed — and draws it
as a waterfall. The work runs on the compute worker through ``ctx.idle_tasks``,
so it never delays a run and never displaces an analysis the user started.
"""

from __future__ import annotations

import html
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from debate_explorer.core.analysis.explain import Explanation, explain_change
from debate_explorer.core.engine.results import RunResult
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.cruxes.panel import fill_metric_box
from debate_explorer.ui.plots.style import MUTED
from debate_explorer.ui.plots.waterfall import WaterfallPlot

TASK = "explain"
EXPLAIN_SAMPLES = 20_000
DEBOUNCE_MS = 300
MODES = (("the last change", "last"), ("pinned → current", "pinned"))


class ExplainView(QWidget):
    title = "Why it moved"
    name = "explain"
    time_axis = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.explanation: Explanation | None = None
        self._asked: tuple | None = None  # (A, B, metric) of the explanation shown or on its way
        self.metric_box = QComboBox()
        self.metric_box.setToolTip("The outcome whose change is split between the assumptions")
        self.mode = QComboBox()
        for text, key in MODES:
            self.mode.addItem(text, key)
        self.mode.setToolTip("Explain the last edit, or the difference between the pinned result and now")
        self.status = QLabel()
        self.status.setStyleSheet(f"color: {MUTED};")
        self.plot = WaterfallPlot()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED};")
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Why"))
        bar.addWidget(self.metric_box)
        bar.addWidget(QLabel("moved with"))
        bar.addWidget(self.mode)
        bar.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(bar)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.request)
        self._kind = ctx.document.scenario.kind.name
        fill_metric_box(self.metric_box, ctx.document.scenario)
        self.metric_box.setCurrentIndex(max(0, self.metric_box.findData(ctx.changes.metric)))
        self.metric_box.currentIndexChanged.connect(self._metric_chosen)
        self.mode.currentIndexChanged.connect(lambda _i: self._schedule())
        ctx.changes.changed.connect(self._schedule)
        ctx.changes.metricChanged.connect(self._metric_changed)
        ctx.pinnedChanged.connect(lambda _r: self._schedule())
        ctx.scenarioChanged.connect(self._on_scenario)
        self.note.setText(self.pair()[2])

    # -- what OutcomesPanel asks of a tab ---------------------------------------------
    def available(self, result: RunResult) -> bool:
        return True

    def is_available(self) -> bool:
        return bool(self.plot.bars)  # exportable once something is drawn

    def prepare_export(self, on: bool) -> None:
        """Nothing to hide for an export (the outcome views hide their crosshair)."""

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._schedule()

    # -- choices -----------------------------------------------------------------------
    def _metric_chosen(self) -> None:
        self.ctx.changes.set_metric(self.metric_box.currentData())
        self._schedule()

    def _metric_changed(self, name: str) -> None:
        index = self.metric_box.findData(name)
        if index >= 0 and index != self.metric_box.currentIndex():
            self.metric_box.setCurrentIndex(index)

    def _on_scenario(self, _flags) -> None:
        scenario = self.ctx.document.scenario
        if scenario.kind.name != self._kind:
            self._kind = scenario.kind.name
            fill_metric_box(self.metric_box, scenario)
            self.ctx.changes.set_metric(self.metric_box.currentData())  # the old one may not exist here

    # -- asking the core -----------------------------------------------------------------
    def pair(self):
        """(A, B, what A is called) for the chosen mode, or (None, None, why not)."""
        ctx = self.ctx
        now = ctx.document.scenario
        if self.mode.currentData() == "pinned":
            if ctx.pinned is None:
                return None, None, "Pin a result (Ctrl+P) or a preset to explain how the current one differs."
            if ctx.pinned_scenario is None:
                return None, None, "The pinned result does not say which scenario it came from: pin it again."
            return ctx.pinned_scenario, now, f"pinned “{ctx.pinned_label}”"
        if ctx.changes.before is None:
            return None, None, "Make a change — a credence, an override, a preset — to see why the outcome moved."
        return ctx.changes.before, now, f"before “{ctx.changes.label}”"

    def _schedule(self) -> None:
        if self.isVisible():
            self._timer.start()

    def request(self) -> None:
        """Ask for the explanation of the chosen pair (no-op when it is already shown or on its way)."""
        a, b, what = self.pair()
        if a is None:
            self._asked = None
            self.plot.clear_bars()
            self.status.setText("")
            self.note.setText(what)
            return
        if a.model != b.model:
            self._asked = None
            self.plot.clear_bars()
            self.note.setText(
                "The two scenarios use different models: there is no common set of assumptions "
                "to split the change between."
            )
            return
        metric = self.metric_box.currentData() or self.ctx.changes.metric
        key = (a, b, metric)
        if key == self._asked or self.ctx.idle_tasks is None:
            return
        self._asked = key
        self.status.setText("Explaining…")
        job = partial(_explain_job, a, b, self.ctx.graph, metric)
        self.ctx.idle_tasks.want(TASK, job, partial(self._done, key, what), self._failed)

    def _done(self, key, what: str, e: Explanation) -> None:
        if key != self._asked:
            return
        self.explanation = e
        self.plot.show_explanation(e, "Pinned" if self.mode.currentData() == "pinned" else "Before the change")
        m = e.metric
        moved = len(e.contributions)
        how = {
            "exact": "exact Shapley values",
            "sampled": f"Shapley values over {e.orders} sampled orders",
            "none": "nothing this outcome reads moved",
        }[e.method]
        self.status.setText(f"{m.label}: {m.format(e.value_a)} → {m.format(e.value_b)} ({m.format_delta(e.total)})")
        inert = f" ({len(e.inert)} not read by this outcome: exactly 0)" if e.inert else ""
        rest = f" · remainder: {html.escape(e.remainder_note)}" if e.remainder_note else ""
        self.note.setText(
            f"Vs. {html.escape(what)}: {moved} assumption{'s' if moved != 1 else ''} moved{inert} · {how} · "
            f"{e.samples:,} samples, common random numbers · ±{m.format_delta(e.total_se).lstrip('+')} "
            f"on the total{rest}"
        )
        self.note.setToolTip(
            "Each bar is one assumption's share of the change: its effect when the moved assumptions are "
            "switched from before to now one at a time, averaged over the orders of switching (Shapley "
            "values). Orange raises the figure, blue lowers it; the bars add up to the total, and the "
            "remainder bar holds what no single assumption carries."
        )

    def _failed(self, message: str) -> None:
        self._asked = None
        self.status.setText("Could not explain: " + (message.splitlines()[0] if message else "failed"))


def _explain_job(a, b, graph, metric: str, cancelled, progress):
    return explain_change(
        a, b, graph, metric, samples=EXPLAIN_SAMPLES, seed=b.run.seed, cancel=cancelled, progress=progress
    )
