"""A finished sweep: Sobol' indices as bars, and any metric against any parameter.

The view only draws: the core reads the files (``sweep.store.load_sweep_results``)
and computed the indices when the sweep ran. Bars are horizontal so that long
parameter names (``credence:paradigm_shift``) stay readable; each parameter
has its first-order (S1) and total (ST) index side by side, with the 95%
bootstrap interval as a whisker. Plot items are built once and refilled when
the metric or parameter changes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from debate_explorer.core.analysis.sweep.store import SweepData, load_sweep_results
from debate_explorer.ui.plots.style import FOREGROUND, MUTED, fill_brush, style_plot

S1_COLOUR = "#0072B2"
ST_COLOUR = "#E69F00"
POINT_COLOUR = "#009E73"
BAR = 0.36  # thickness of one bar; a parameter's pair spans 2·BAR of its unit row
_LABEL = {"color": FOREGROUND, "font-size": "9pt"}


class SweepView(QWidget):
    """Shows one sweep's results; :meth:`load` raises InputError for a file it cannot read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: SweepData | None = None
        self.header = QLabel("Open a sweep's results (.parquet, .csv or .sweep.json).")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.metric_box = QComboBox()
        self.param_box = QComboBox()
        for box in (self.metric_box, self.param_box):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(self._redraw)
        self._build_bars()
        self._build_scatter()
        self._layout()

    # -- construction ------------------------------------------------------------
    def _build_bars(self) -> None:
        self.bar_plot = pg.PlotWidget()
        style_plot(self.bar_plot)
        self.bar_plot.getViewBox().setMouseEnabled(x=False, y=False)
        self.bar_plot.setLabel("bottom", "Sobol' index (share of the metric's variance)", **_LABEL)
        self.bar_plot.getPlotItem().showGrid(x=True, y=False, alpha=0.12)
        self.bar_plot.getAxis("left").setStyle(tickLength=0)
        # The key sits in the title: a legend inside the plot would cover the top bars.
        self.s1_bars = pg.BarGraphItem(x0=[], y=[], width=[], height=BAR, brush=fill_brush(S1_COLOUR, 220), pen=None)
        self.st_bars = pg.BarGraphItem(x0=[], y=[], width=[], height=BAR, brush=fill_brush(ST_COLOUR, 220), pen=None)
        self.whiskers = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), pen=pg.mkPen(FOREGROUND, width=1), beam=0.08)
        for item in (self.s1_bars, self.st_bars, self.whiskers):
            self.bar_plot.addItem(item)
        self.bar_note = _note()
        self.bar_stack = QStackedWidget()
        self.bar_stack.addWidget(self.bar_plot)
        self.bar_stack.addWidget(self.bar_note)

    def _build_scatter(self) -> None:
        self.scatter_plot = pg.PlotWidget()
        style_plot(self.scatter_plot)
        self.scatter = pg.ScatterPlotItem(
            size=7,
            pen=None,
            brush=fill_brush(POINT_COLOUR, 150),
            hoverable=True,
            hoverBrush=fill_brush(FOREGROUND, 230),
            tip=self._tip,
        )
        self.scatter_plot.addItem(self.scatter)
        for name in ("left", "bottom"):  # no "(x0.001)" rescaling of credences and years
            self.scatter_plot.getAxis(name).enableAutoSIPrefix(False)
        self.scatter_note = QLabel()
        self.scatter_note.setStyleSheet(f"color: {MUTED};")

    def _layout(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Metric"))
        controls.addWidget(self.metric_box)
        controls.addSpacing(16)
        controls.addWidget(QLabel("Parameter"))
        controls.addWidget(self.param_box)
        controls.addStretch(1)
        right = QWidget()
        right_col = QVBoxLayout(right)
        right_col.setContentsMargins(0, 0, 0, 0)
        right_col.addWidget(self.scatter_plot, 1)
        right_col.addWidget(self.scatter_note)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.bar_stack)
        split.addWidget(right)
        split.setSizes([500, 500])
        col = QVBoxLayout(self)
        col.addWidget(self.header)
        col.addLayout(controls)
        col.addWidget(split, 1)

    # -- loading -----------------------------------------------------------------
    def load(self, path: str | Path) -> None:
        """Read the results (and summary) at ``path`` and show them; on error the view is unchanged."""
        data = load_sweep_results(path)
        self.data = data
        self.header.setText(_header_html(data))
        for box, names in ((self.metric_box, data.metrics), (self.param_box, data.parameters)):
            box.blockSignals(True)
            box.clear()
            box.addItems(list(names))
            box.blockSignals(False)
        self._redraw()

    def _redraw(self) -> None:
        if self.data is None:
            return
        metric = self.metric_box.currentText()
        self._draw_bars(metric)
        self._draw_scatter(metric, self.param_box.currentText())

    # -- Sobol' bars -------------------------------------------------------------
    def _draw_bars(self, metric: str) -> None:
        data = self.data
        if data is None:
            return
        self.bar_stack.setVisible(bool(data.sobol))  # a grid sweep: the scatter takes the width
        indices = data.sobol.get(metric)
        if indices is None or "S1" not in indices:
            why = (indices or {}).get("skipped") if indices else None
            self.bar_note.setText(_no_bars_text(data, metric, why))
            self.bar_stack.setCurrentWidget(self.bar_note)
            return
        self.bar_stack.setCurrentWidget(self.bar_plot)
        names = list(data.summary.get("parameters") or data.parameters)
        n = len(names)
        rows = np.arange(n, dtype=float)[::-1]  # the first parameter on top
        s1, st = (np.asarray(indices[k], float) for k in ("S1", "ST"))
        s1c, stc = (np.asarray(indices[k], float) for k in ("S1_conf", "ST_conf"))
        self.s1_bars.setOpts(x0=np.zeros(n), y=rows + BAR / 2, width=s1, height=BAR)
        self.st_bars.setOpts(x0=np.zeros(n), y=rows - BAR / 2, width=st, height=BAR)
        self.whiskers.setData(
            x=np.concatenate([s1, st]),
            y=np.concatenate([rows + BAR / 2, rows - BAR / 2]),
            width=2 * np.concatenate([s1c, stc]),
            beam=BAR * 0.5,
        )
        axis = self.bar_plot.getAxis("left")
        axis.setTicks([[(r, name) for r, name in zip(rows, names)]])
        axis.setWidth(QFontMetrics(axis.font()).horizontalAdvance(max(names, key=len)) + 12)
        low = min(0.0, float(np.min(np.concatenate([s1 - s1c, st - stc]))))
        high = max(1.0, float(np.max(np.concatenate([s1 + s1c, st + stc]))))
        self.bar_plot.setXRange(low - 0.02, high + 0.02, padding=0)
        self.bar_plot.setYRange(-0.6, n - 0.4, padding=0)
        self.bar_plot.setTitle(
            f"Sobol' indices — {metric} &nbsp;&nbsp;<span style='color:{S1_COLOUR}'>■</span> first order (S1)"
            f" &nbsp;<span style='color:{ST_COLOUR}'>■</span> total (ST)",
            color=FOREGROUND,
            size="10pt",
        )

    # -- metric vs parameter -------------------------------------------------------
    def _draw_scatter(self, metric: str, param: str) -> None:
        frame = self.data.frame
        if not metric or not param:
            self.scatter.setData(x=[], y=[])
            return
        x, ticks = _numeric(frame[param])
        y = frame[metric].to_numpy(float) if metric in frame else np.full(len(frame), np.nan)
        shown = np.isfinite(x) & np.isfinite(y)
        self._indices = frame["index"].to_numpy()[shown]
        self.scatter.setData(x=x[shown], y=y[shown], data=self._indices)
        self.scatter_plot.getAxis("bottom").setTicks(ticks)
        self.scatter_plot.setLabel("bottom", param, **_LABEL)
        self.scatter_plot.setLabel("left", metric, **_LABEL)
        self.scatter_plot.setTitle(f"{metric} against {param}", color=FOREGROUND, size="10pt")
        if shown.any():
            self.scatter_plot.getViewBox().setRange(xRange=_span(x[shown]), yRange=_span(y[shown]), padding=0)
        hidden = int((~shown).sum())
        self.scatter_note.setText(
            f"{hidden} point{'s' if hidden != 1 else ''} not shown (failed, or not reached by the horizon)"
            if hidden
            else ""
        )

    def _tip(self, x: float, y: float, data: object) -> str:
        return f"point #{data}\n{self.param_box.currentText()} = {x:.4g}\n{self.metric_box.currentText()} = {y:.4g}"


def _note() -> QLabel:
    label = QLabel()
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED}; font-size: 10pt;")
    return label


def _no_bars_text(data: SweepData, metric: str, why: str | None) -> str:
    if why:
        return f"No Sobol' indices for {metric}: {why}."
    design = data.summary.get("design")
    if design and design != "sobol":
        return f"No Sobol' indices: this is a {design} sweep (indices need a Sobol' design)."
    return "No Sobol' indices in this sweep."


def _header_html(data: SweepData) -> str:
    s = data.summary
    title = s.get("title") or data.path.name
    parts = [f"{len(data.frame):,} points"]
    if s.get("design"):
        parts.insert(0, f"{s['design']} design")
    if s.get("samples_per_point"):
        parts.append(f"{s['samples_per_point']:,} samples each")
    failed = int((data.frame["status"] != "ok").sum())
    if failed:
        parts.append(f"<span style='color:#CC3311'>{failed} failed</span>")
    return f"<b>{title}</b> &nbsp;<span style='color:{MUTED}'>{' · '.join(parts)} · {data.path.name}</span>"


def _numeric(column) -> tuple[np.ndarray, list | None]:
    """Numbers for the x axis; text values (scenario names) become 0, 1, … with tick labels."""
    try:
        return column.to_numpy(float), None
    except (TypeError, ValueError):
        labels = list(dict.fromkeys(column.astype(str)))
        code = {label: i for i, label in enumerate(labels)}
        return np.array([code[v] for v in column.astype(str)], float), [[(i, s) for i, s in enumerate(labels)]]


def _span(v: np.ndarray) -> tuple[float, float]:
    lo, hi = float(v.min()), float(v.max())
    pad = 0.06 * (hi - lo) if hi > lo else max(abs(lo) * 0.05, 0.5)
    return lo - pad, hi + pad
