"""A waterfall chart of an explanation: from A's value, one bar per assumption, to B's.

Each contribution is a floating bar that starts where the previous one ended,
so the bars add up to the total change by construction; the remainder (the
part no single assumption carries) has its own labelled bar, and the final bar
is B's value. The chart only draws an ``Explanation`` the core computed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from debate_explorer.core.analysis.explain import Explanation
from debate_explorer.ui.cruxes.views import scale
from debate_explorer.ui.plots.style import FOREGROUND, MUTED, style_plot

MAX_BARS = 8  # contributions drawn one by one; the rest share one bar
ROW_PX = 24  # height a bar and its label need to stay legible
UP, DOWN, ENDS, REST = "#D55E00", "#0072B2", "#9A9A9A", "#CFCFCF"
AXIS_UNITS = {"year": "year", "probability": "%", "growth": "%/yr"}


@dataclass(frozen=True)
class Bar:
    label: str
    start: float  # in the metric's units (a probability as a fraction)
    end: float
    kind: str  # "ends", "step" or "remainder"

    @property
    def delta(self) -> float:
        return self.end - self.start


def waterfall_bars(e: Explanation, before: str = "Before", after: str = "Now", max_bars: int = MAX_BARS) -> list[Bar]:
    """Before, one step per contribution (small ones folded together), remainder, after."""
    shown = [c for c in e.contributions if c.contribution != 0][:max_bars]
    steps = [(c.label, c.contribution) for c in shown]
    rest = [c for c in e.contributions if c not in shown]
    if rest:
        steps.append((f"{len(rest)} other assumptions", sum(c.contribution for c in rest)))
    bars = [Bar(before, e.value_a, e.value_a, "ends")]
    level = e.value_a
    for label, delta in steps:
        bars.append(Bar(label, level, level + delta, "step"))
        level += delta
    bars.append(Bar("Remainder (not one assumption's)", level, level + e.remainder, "remainder"))
    bars.append(Bar(after, e.value_b, e.value_b, "ends"))
    return bars


class _LabelAxis(pg.AxisItem):
    def set_labels(self, labels: list[str]) -> None:
        self.setTicks([[(i, text) for i, text in enumerate(labels)], []])


class WaterfallPlot(pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        self.axis = _LabelAxis("left")
        super().__init__(parent, axisItems={"left": self.axis})
        style_plot(self)
        self.setMouseEnabled(x=False, y=False)
        self.items = pg.BarGraphItem(x0=[], x1=[], y=[], height=0.62)
        self.addItem(self.items)
        self._texts: list[pg.TextItem] = []
        self._shown: tuple[Explanation, str, str] | None = None
        self.bars: list[Bar] = []

    def show_explanation(self, e: Explanation, before: str = "Before", after: str = "Now") -> None:
        self._shown = (e, before, after)
        fit = max(3, int(self.height() / ROW_PX) - 3)  # as many single bars as fit legibly
        self.bars = waterfall_bars(e, before, after, max_bars=fit)
        m, k = e.metric, scale(e.metric)
        rows = self.bars[::-1]  # the first bar on top
        ends = [b.end for b in self.bars] + [b.start for b in self.bars]
        span = max(max(ends) - min(ends), 1e-9)
        floor = min(ends) - 0.35 * span  # the before/after bars rise from here (a broken axis)
        x0 = np.array([floor if b.kind == "ends" else min(b.start, b.end) for b in rows]) * k
        x1 = np.array([b.end if b.kind == "ends" else max(b.start, b.end) for b in rows]) * k
        brushes = [
            ENDS if b.kind == "ends" else REST if b.kind == "remainder" else UP if b.delta >= 0 else DOWN for b in rows
        ]
        self.items.setOpts(
            x0=x0,
            x1=x1,
            y=np.arange(len(rows), dtype=np.float64),
            height=0.62,
            brushes=brushes,
            pens=[pg.mkPen(None)] * len(rows),
        )
        self.axis.set_labels([_cut(b.label) for b in rows])
        for t in self._texts:
            self.removeItem(t)
        self._texts = []
        for i, b in enumerate(rows):
            text = m.format(b.end) if b.kind == "ends" else m.format_delta(b.delta)
            item = pg.TextItem(text, color=FOREGROUND if b.kind != "remainder" else MUTED, anchor=(0, 0.5))
            item.setPos(max(b.start, b.end) * k + 0.01 * span * k, i)
            self.addItem(item)
            self._texts.append(item)
        self.setXRange(floor * k, (max(ends) + 0.22 * span) * k, padding=0)
        self.setYRange(-0.7, len(rows) - 0.3, padding=0)
        self.setLabel("bottom", f"{m.label} ({AXIS_UNITS[m.unit]})", color=FOREGROUND, **{"font-size": "9pt"})

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        shown = getattr(self, "_shown", None)  # absent while the base class is being built
        if shown is not None and event.size().height() != event.oldSize().height():
            self.show_explanation(*shown)

    def clear_bars(self) -> None:
        self._shown = None
        self.bars = []
        self.items.setOpts(x0=np.zeros(0), x1=np.zeros(0), y=np.zeros(0))  # keeps its colours (none drawn)
        self.axis.set_labels([])
        for t in self._texts:
            self.removeItem(t)
        self._texts = []


def _cut(text: str, width: int = 34) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
