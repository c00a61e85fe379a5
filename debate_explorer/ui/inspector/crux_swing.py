"""The Inspector's crux swing: what believing the selected node fully vs not at all does.

One node's line of the crux ranking (``core.analysis.cruxes``): its credence at
0 and at 1, everything else as it is, on common random numbers, for the outcome
chosen in the "Why it moved" tab (``ctx.changes.metric``). Computed in the
background when the worker is idle, so selecting nodes never waits for it.
"""

from __future__ import annotations

import html
from functools import partial

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from debate_explorer.core.analysis.cruxes import Crux, linked_nodes, rank_cruxes
from debate_explorer.core.analysis.metrics import parse_metric
from debate_explorer.core.errors import InputError
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.plots.style import MUTED

TASK = "crux swing"
SWING_SAMPLES = 10_000
DEBOUNCE_MS = 400


class CruxSwing(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.node: str | None = None
        self.crux: Crux | None = None
        self._asked: tuple | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.text)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.request)
        ctx.changes.changed.connect(self._timer.start)
        ctx.changes.metricChanged.connect(lambda _m: self._timer.start())

    def show_node(self, node: str | None) -> None:
        self.node = node
        self.crux = None
        self.text.setText(f"<span style='color:{MUTED}'>…</span>")
        self._timer.start()

    def request(self) -> None:
        scenario, node, graph = self.ctx.document.scenario, self.node, self.ctx.graph
        if node is None or graph is None or self.ctx.idle_tasks is None or not self.isVisible():
            return
        try:
            metric = parse_metric(self.ctx.changes.metric, scenario.kind, scenario.kind_settings)
        except InputError:
            metric = parse_metric(f"{scenario.kind.milestones[-1].key}_median", scenario.kind)
        if node not in linked_nodes(scenario, graph):
            self._asked = None
            self.text.setText(
                f"<span style='color:{MUTED}'>Believing it or not changes no outcome: it reaches "
                "no assumption of this model (directly or through the nodes it argues for).</span>"
            )
            return
        key = (scenario, node, metric.name)
        if key == self._asked:
            return
        self._asked = key
        job = partial(_swing_job, scenario, graph, metric, node)
        self.ctx.idle_tasks.want(TASK, job, partial(self._done, key), self._failed)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._timer.start()

    def _done(self, key, ranking) -> None:
        if key != self._asked:
            return
        c, m = ranking.cruxes[0], ranking.metric
        self.crux = c
        self.text.setText(
            f"{html.escape(m.label)}: <b>{m.format(c.at_one)}</b> if believed fully, "
            f"<b>{m.format(c.at_zero)}</b> if not at all — a swing of <b>{m.format_delta(c.swing)}</b> "
            f"<span style='color:{MUTED}'>(±{m.format_delta(c.se).lstrip('+')}; {ranking.samples:,} samples; "
            f"choose the outcome under Outcomes ▸ Why it moved)</span>"
        )

    def _failed(self, message: str) -> None:
        self._asked = None
        self.text.setText(
            f"<span style='color:{MUTED}'>Could not compute: "
            f"{html.escape(message.splitlines()[0] if message else 'failed')}</span>"
        )


def _swing_job(scenario, graph, metric, node: str, cancelled, progress):
    return rank_cruxes(
        scenario, graph, metric, nodes=[node], samples=SWING_SAMPLES, cancel=cancelled, progress=progress
    )
