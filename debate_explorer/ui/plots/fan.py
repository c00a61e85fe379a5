"""Fan charts of a yearly quantity (GDP growth, automated share).

Bands are the core's yearly percentiles (kept as histograms by the kernels, not
trajectories): 5–95% and 25–75% shaded, the median as a line. A pinned run is
drawn as a dashed median with dotted 5% and 95% lines over the same axes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from debate_explorer.core.engine.results import READOUT_YEARS, RunResult
from debate_explorer.ui.plots.base import OutcomeView
from debate_explorer.ui.plots.ranges import sticky_ceiling
from debate_explorer.ui.plots.readout import cell_html, fmt_value_pct
from debate_explorer.ui.plots.style import BAND_COLOURS, FOOT, MUTED, current_pen, fill_brush, pinned_pen

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
P05, P25, P50, P75, P95 = range(5)


@dataclass(frozen=True)
class FanSpec:
    key: str  # band key in the result
    title: str  # tab label
    y_label: str
    colour: str
    fixed_y: tuple[float, float] | None = None  # None: sticky nice ceiling from the data


class FanView(OutcomeView):
    def __init__(self, spec: FanSpec, parent=None) -> None:
        self.spec = spec
        self.name = spec.key
        self.title = spec.title
        super().__init__(spec.y_label, parent)
        c = spec.colour
        edge = pg.mkPen(fill_brush(c, 110).color(), width=0.8)
        self.lines = [pg.PlotDataItem(pen=edge, antialias=True) for _ in QUANTILES]
        self.lines[P50].setPen(current_pen(c))
        for item in self.lines:
            self.plot.addItem(item)
        self.lines[P50].setZValue(10)
        self.outer = pg.FillBetweenItem(self.lines[P05], self.lines[P95], brush=fill_brush(c, 45))
        self.inner = pg.FillBetweenItem(self.lines[P25], self.lines[P75], brush=fill_brush(c, 85))
        self.plot.addItem(self.outer)
        self.plot.addItem(self.inner)
        dotted = pg.mkPen(c, width=1.2, style=Qt.PenStyle.DotLine)
        self.pinned_lines = {
            P05: pg.PlotDataItem(pen=dotted, antialias=True),
            P50: pg.PlotDataItem(pen=pinned_pen(c), antialias=True),
            P95: pg.PlotDataItem(pen=dotted, antialias=True),
        }
        for item in self.pinned_lines.values():
            item.setZValue(8)
            self.plot.addItem(item)
            item.hide()
        # Legend samples for the shaded bands (never added to the plot).
        self._inner_key = pg.PlotDataItem(pen=None, fillLevel=0, fillBrush=fill_brush(c, 130))
        self._outer_key = pg.PlotDataItem(pen=None, fillLevel=0, fillBrush=fill_brush(c, 45))
        self.result: RunResult | None = None
        self.pinned: RunResult | None = None
        self.years = np.zeros(0)
        self.values = np.zeros((len(QUANTILES), 0))
        self.pinned_years = np.zeros(0)
        self.pinned_values = np.zeros((len(QUANTILES), 0))
        self._ceiling: float | None = None
        if spec.fixed_y is not None:
            self.set_y_range(*spec.fixed_y)
            if spec.fixed_y[1] > 1.0:  # a little headroom above 100%: no ticks there
                ticks = [(v / 10, f"{10 * v}%") for v in range(0, 11, 2)]
                self.plot.getAxis("left").setTicks([ticks])

    def available(self, result: RunResult) -> bool:
        return any(b.key == self.spec.key for b in result.bands)

    def unavailable_note(self, result: RunResult) -> str:
        return (
            f"The “{result.kind}” model has no {self.spec.title.lower()} output.\n"
            "Switch the scenario to the debate model to see it."
        )

    # -- data ----------------------------------------------------------------------
    def set_result(self, result: RunResult, label: str) -> None:
        self.result, self._current_label = result, label
        if not self.available(result):
            return
        band = result.band(self.spec.key)
        self.years = band.years.astype(float)
        self.values = band.percentiles(QUANTILES)
        for item, row in zip(self.lines, self.values):
            item.setData(self.years, row)
        self._refresh()

    def set_pinned(self, result: RunResult | None, label: str) -> None:
        self.pinned, self._pinned_label = result, label
        has = result is not None and self.available(result)
        if has:
            band = result.band(self.spec.key)
            self.pinned_years = band.years.astype(float)
            self.pinned_values = band.percentiles(QUANTILES)
            for q, item in self.pinned_lines.items():
                item.setData(self.pinned_years, self.pinned_values[q])
        else:
            self.pinned_years = np.zeros(0)
            self.pinned_values = np.zeros((len(QUANTILES), 0))
        for item in self.pinned_lines.values():
            item.setVisible(has)
        self._refresh()

    def set_x_window(self, lo: float, hi: float, start: float, horizon: float) -> None:
        super().set_x_window(lo, hi, start, horizon)
        self._refresh_y()

    # -- ranges, read-outs, legend -----------------------------------------------------
    def _refresh(self) -> None:
        self._refresh_y()
        self._refresh_readout()
        entries = [(self.lines[P50], "Median"), (self._inner_key, "25–75%"), (self._outer_key, "5–95%")]
        if self.pinned is not None and len(self.pinned_years):
            entries.append((self.pinned_lines[P50], f"{self._pinned_label} (pinned)"))
        self.sync_legend(entries)

    def _refresh_y(self) -> None:
        if self.spec.fixed_y is not None or not len(self.years):
            return
        lo, hi = self.visible_x()
        peak, floor = 0.0, 0.0
        for years, values in ((self.years, self.values), (self.pinned_years, self.pinned_values)):
            shown = (years >= lo) & (years <= hi)
            if shown.any():
                peak = max(peak, float(values[P95, shown].max()))
                floor = min(floor, float(values[P05, shown].min()))
        self._ceiling = sticky_ceiling(peak, self._ceiling)
        self.set_y_range(floor * 1.1 if floor < 0 else -FOOT * self._ceiling, self._ceiling)

    COLUMNS = ("Median", "25–75%", "5–95%")

    def _figures(self, years: np.ndarray, values: np.ndarray, year: int) -> list[str] | None:
        idx = np.flatnonzero(years == year)
        if not len(idx):
            return None
        v = values[:, idx[0]]
        return [
            fmt_value_pct(v[P50]),
            f"{fmt_value_pct(v[P25])}–{fmt_value_pct(v[P75])}",
            f"{fmt_value_pct(v[P05])}–{fmt_value_pct(v[P95])}",
        ]

    def _refresh_readout(self) -> None:
        if not len(self.years):
            return
        years = [y for y in READOUT_YEARS if y in set(self.years.astype(int))]
        self.readout.set_shape([f"<b>{c}</b>" for c in self.COLUMNS], [str(y) for y in years])
        for r, year in enumerate(years):
            current = self._figures(self.years, self.values, year)
            pinned = self._figures(self.pinned_years, self.pinned_values, year)
            for c, text in enumerate(current or ()):
                self.readout.set_cell(r, c, cell_html(text, pinned[c] if pinned else None))
        self.readout.set_note(f"Grey: pinned “{self._pinned_label}”" if len(self.pinned_years) else "")

    def hover_html(self, x: float) -> str | None:
        if not len(self.years):
            return None
        year = round(x)
        current = self._figures(self.years, self.values, year)
        if current is None:
            return None
        rows = [
            f"<b>{year}</b>",
            f"<span style='color:{self.spec.colour}'>■</span> median {current[0]}",
            f"50%: {current[1]} · 90%: {current[2]}",
        ]
        pinned = self._figures(self.pinned_years, self.pinned_values, year)
        if pinned is not None:
            rows.append(f"<span style='color:{MUTED}'>pinned: median {pinned[0]} · 90%: {pinned[2]}</span>")
        return "<div style='font-size:9pt'>" + "<br>".join(rows) + "</div>"

    def export_title(self) -> str:
        return f"{self.spec.y_label} — {self._current_label}"


GROWTH = FanSpec("growth", "Growth", "GDP growth (per year)", BAND_COLOURS["growth"])
AUTOMATION = FanSpec(
    "automation", "Automation", "Automated share of tasks", BAND_COLOURS["automation"], fixed_y=(-FOOT, 1.04)
)
