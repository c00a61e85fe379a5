"""The common frame of an outcome view: a plot, a read-out table, a note page.

Every view creates its plot items once and afterwards only pushes arrays into
them (results arrive many times a second while a slider moves). Auto-range is
off: the panel sets the year window, and each view keeps its y-range steady.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStackedLayout, QWidget

from debate_explorer.core.engine.results import RunResult
from debate_explorer.ui.plots.axes import PercentAxis, YearAxis
from debate_explorer.ui.plots.crosshair import Crosshair
from debate_explorer.ui.plots.readout import ReadoutGrid
from debate_explorer.ui.plots.style import FOREGROUND, MUTED, style_legend, style_plot


class OutcomeView(QWidget):
    """Base class: subclasses fill ``set_result``, ``set_pinned`` and ``hover_html``."""

    name = "outcome"  # machine name, used in export file names
    title = "Outcome"  # tab label
    legend_columns = 3  # a row of three above the plot: the milestones (or bands), then current vs pinned
    time_axis = True
    # Set by the views whose legend lists milestones (see sync_milestone_legend).
    result: RunResult | None
    pinned: RunResult | None
    _current_style: pg.PlotDataItem
    _pinned_style: pg.PlotDataItem

    def __init__(self, y_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        axes: dict[str, pg.AxisItem] = {"left": PercentAxis("left")}
        if self.time_axis:
            axes["bottom"] = YearAxis("bottom")
        self.plot = pg.PlotWidget(axisItems=axes)
        style_plot(self.plot)
        label_style = {"color": FOREGROUND, "font-size": "9pt"}
        self.plot.setLabel("left", y_label, **label_style)
        if self.time_axis:
            self.plot.setLabel("bottom", "Year", **label_style)
        self.legend = self._legend_above_plot()
        self._legend_key: tuple = ()

        self.readout = ReadoutGrid()
        content = QWidget()
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.plot, 1)
        row.addWidget(self.readout, 0)

        self._note = QLabel()
        self._note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._note.setWordWrap(True)
        self._note.setStyleSheet(f"color: {MUTED}; font-size: 10pt;")
        self._stack = QStackedLayout(self)
        self._stack.addWidget(content)
        self._stack.addWidget(self._note)

        self.crosshair = Crosshair(self.plot, self.hover_html, avoid=self.legend) if self.time_axis else None
        self._y_range: tuple[float, float] | None = None
        self._current_label = ""
        self._pinned_label = ""

    def _legend_above_plot(self) -> pg.LegendItem:
        """A one-row legend in the plot's top-axis row: outside the data area, so it never covers a curve."""
        legend = pg.LegendItem(offset=None, colCount=self.legend_columns, horSpacing=14)
        legend.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)  # as wide as its entries
        style_legend(legend)
        item = self.plot.getPlotItem()
        item.layout.removeItem(item.getAxis("top"))  # never shown here; its cell is the row above the data
        item.layout.addItem(legend, 1, 1)
        item.layout.setAlignment(legend, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        return legend

    READOUT_MIN_WIDTH = 760  # below this the plot needs the room more than the table

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.readout.setVisible(event.size().width() >= self.READOUT_MIN_WIDTH)

    # -- what subclasses provide ---------------------------------------------------
    def available(self, result: RunResult) -> bool:
        """Whether ``result`` has anything for this view to draw."""
        return True

    def unavailable_note(self, result: RunResult) -> str:
        return ""

    def set_result(self, result: RunResult, label: str) -> None:
        raise NotImplementedError

    def set_pinned(self, result: RunResult | None, label: str) -> None:
        raise NotImplementedError

    def hover_html(self, x: float) -> str | None:
        return None

    def export_title(self) -> str:
        return self.title

    # -- shared behaviour ----------------------------------------------------------
    def set_available(self, ok: bool, note: str = "") -> None:
        self._note.setText(note)
        self._stack.setCurrentIndex(0 if ok else 1)

    def is_available(self) -> bool:
        return self._stack.currentIndex() == 0

    def set_x_window(self, lo: float, hi: float, start: float, horizon: float) -> None:
        """Show years ``lo``..``hi``; the user may pan/zoom within ``start``..``horizon``."""
        if not self.time_axis:
            return
        view = self.plot.getViewBox()
        view.setLimits(xMin=start, xMax=horizon, minXRange=1.0)
        view.setXRange(lo, hi, padding=0)

    def set_y_range(self, lo: float, hi: float) -> None:
        """Set y only when it changes: re-setting the same range still costs a relayout."""
        if self._y_range != (lo, hi):
            self._y_range = (lo, hi)
            self.plot.getViewBox().setYRange(lo, hi, padding=0)

    def visible_x(self) -> tuple[float, float]:
        return tuple(self.plot.getViewBox().viewRange()[0])

    def sync_legend(self, entries: list[tuple[pg.GraphicsObject, str]]) -> None:
        """Rebuild the legend only when its entries change (not on every result)."""
        key = tuple((id(item), name) for item, name in entries)
        if key == self._legend_key:
            return
        self._legend_key = key
        self.legend.clear()
        rows = max(1, math.ceil(len(entries) / self.legend_columns))
        self.legend.setColumnCount(max(1, math.ceil(len(entries) / rows)))  # 4 entries: 2x2, not 3+1
        for item, name in entries:
            self.legend.addItem(item, name)

    def sync_milestone_legend(self, current_items: dict[str, pg.GraphicsObject]) -> None:
        """Legend of per-milestone items, plus line styles for current vs pinned when pinned."""
        entries = []
        if self.result is not None:
            entries = [(current_items[m.key], m.label) for m in self.result.milestones]
        if self.pinned is not None:
            entries += [
                (self._current_style, self._current_label or "current"),
                (self._pinned_style, f"{self._pinned_label} (pinned)"),
            ]
        self.sync_legend(entries)

    def prepare_export(self, exporting: bool) -> None:
        """Hide the hover line and add a title while a figure is written."""
        if self.crosshair is not None and exporting:
            self.crosshair.hide()
        self.plot.setTitle(self.export_title() if exporting else None, color=FOREGROUND, size="11pt")
