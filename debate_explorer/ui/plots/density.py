"""Arrival-year densities as step histograms, one per milestone.

The core bins arrivals by month; at preview sample counts monthly bars are
noisy, so this view sums them into quarters before drawing (a display choice,
the probabilities are the core's). Samples that never arrive by the horizon
have no year to draw: their share is stated in the read-out instead.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from debate_explorer.core.engine.results import MilestoneStats, RunResult
from debate_explorer.ui.plots.base import OutcomeView
from debate_explorer.ui.plots.milestones import MilestoneItems, short_name
from debate_explorer.ui.plots.ranges import sticky_ceiling
from debate_explorer.ui.plots.readout import (
    cell_html,
    fmt_month,
    fmt_quarter,
    fmt_share,
    fmt_year,
    swatch_html,
)
from debate_explorer.ui.plots.style import FOOT, MUTED, current_pen, pinned_pen

MONTHS_PER_BAR = 3


def quarterly_density(stats: MilestoneStats) -> tuple[np.ndarray, np.ndarray]:
    """(edges, probability per year) with monthly bins summed into quarters.

    A trailing partial quarter before the horizon keeps its own, narrower bar,
    so no arrivals are dropped.
    """
    counts, edges = stats.counts, stats.edges
    starts = np.arange(0, len(counts), MONTHS_PER_BAR)
    sums = np.add.reduceat(counts, starts) if len(counts) else counts
    bar_edges = np.append(edges[starts], edges[-1])
    widths = np.diff(bar_edges)
    return bar_edges, sums / max(stats.samples, 1) / widths


class DensityView(OutcomeView):
    name = "density"
    title = "Density"

    def __init__(self, parent=None) -> None:
        super().__init__("Arrivals per year (share of runs)", parent)
        self.items = MilestoneItems(
            self.plot,
            # Outlines only: the milestones' histograms overlap, and stacked fills turn to mud.
            lambda c: pg.PlotDataItem(stepMode="center", pen=current_pen(c, 1.8), antialias=True),
            lambda c: pg.PlotDataItem(stepMode="center", pen=pinned_pen(c, 1.4), antialias=True),
        )
        self._current_style = pg.PlotDataItem(pen=current_pen(MUTED))
        self._pinned_style = pg.PlotDataItem(pen=pinned_pen(MUTED))
        self.result: RunResult | None = None
        self.pinned: RunResult | None = None
        self._bars: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._pinned_bars: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._ceiling: float | None = None

    def set_result(self, result: RunResult, label: str) -> None:
        self.result, self._current_label = result, label
        self.items.show_keys(result, self.pinned)
        self._bars = {m.key: quarterly_density(result.milestone(m.key)) for m in result.milestones}
        for key, (edges, dens) in self._bars.items():
            self.items.current[key].setData(edges, dens)
        self._refresh()

    def set_pinned(self, result: RunResult | None, label: str) -> None:
        self.pinned, self._pinned_label = result, label
        self.items.show_keys(self.result, result)
        self._pinned_bars = {}
        if result is not None:
            self._pinned_bars = {m.key: quarterly_density(result.milestone(m.key)) for m in result.milestones}
            for key, (edges, dens) in self._pinned_bars.items():
                self.items.pinned[key].setData(edges, dens)
        self._refresh()

    def set_x_window(self, lo: float, hi: float, start: float, horizon: float) -> None:
        super().set_x_window(lo, hi, start, horizon)
        self._refresh_y()

    # -- ranges, read-outs, legend -----------------------------------------------------
    def _refresh(self) -> None:
        self._refresh_y()
        self._refresh_readout()
        self.sync_milestone_legend(self.items.current)

    def _refresh_y(self) -> None:
        peaks = [d.max() for _, d in (*self._bars.values(), *self._pinned_bars.values()) if len(d)]
        if peaks:
            self._ceiling = sticky_ceiling(max(peaks), self._ceiling)
            self.set_y_range(-FOOT * self._ceiling, self._ceiling)

    ROWS = ("Peak quarter", "Median")

    def _figures(self, result: RunResult, bars: tuple[np.ndarray, np.ndarray], key: str) -> list[str]:
        stats = result.milestone(key)
        edges, dens = bars
        peak = fmt_quarter(edges[int(np.argmax(dens))]) if dens.any() else "–"
        return [peak, fmt_year(stats.quantile(0.5), result.horizon), fmt_share(stats.never_share)]

    def _refresh_readout(self) -> None:
        result = self.result
        if result is None:
            return
        heads = [swatch_html(self.items.colour(m.key), short_name(m.key, m.label)) for m in result.milestones]
        self.readout.set_shape(heads, [*self.ROWS, f"never by {result.horizon:.0f}"])
        for c, m in enumerate(result.milestones):
            current = self._figures(result, self._bars[m.key], m.key)
            pinned = None
            if self.pinned is not None and m.key in self._pinned_bars:
                pinned = self._figures(self.pinned, self._pinned_bars[m.key], m.key)
            for r, text in enumerate(current):
                self.readout.set_cell(r, c, cell_html(text, pinned[r] if pinned else None))
        note = "Runs that never arrive have no bar; their share is shown above."
        if self.pinned is not None:
            note = f"Grey: pinned “{self._pinned_label}”. " + note
        self.readout.set_note(note)

    def hover_html(self, x: float) -> str | None:
        if self.result is None or not self.result.start <= x <= self.result.horizon:
            return None
        lines = [f"<b>{fmt_month(x)}</b> <span style='color:{MUTED}'>(per year)</span>"]
        for m in self.result.milestones:
            text = f"{short_name(m.key, m.label)} {fmt_share(_at(self._bars[m.key], x))}"
            if m.key in self._pinned_bars:
                text += f" <span style='color:{MUTED}'>(pinned {fmt_share(_at(self._pinned_bars[m.key], x))})</span>"
            lines.append(f"<span style='color:{self.items.colour(m.key)}'>■</span> {text}")
        return "<div style='font-size:9pt'>" + "<br>".join(lines) + "</div>"

    def export_title(self) -> str:
        return f"Arrival year density — {self._current_label}"


def _at(bars: tuple[np.ndarray, np.ndarray], x: float) -> float:
    """The bar height at year ``x`` (0 outside the bars)."""
    edges, dens = bars
    i = int(np.searchsorted(edges, x, side="right")) - 1
    return float(dens[i]) if 0 <= i < len(dens) else 0.0
