"""P(milestone arrived by year): the CDF curves and the arrival read-outs.

The CDF is the one the core computed (monthly resolution, tending to
1 − never-share at the horizon); this view only draws it and reads it off.
"""

from __future__ import annotations

import pyqtgraph as pg

from debate_explorer.core.engine.results import READOUT_YEARS, RunResult
from debate_explorer.ui.plots.base import OutcomeView
from debate_explorer.ui.plots.milestones import MilestoneItems, short_name
from debate_explorer.ui.plots.readout import cell_html, fmt_month, fmt_range, fmt_share, fmt_year, swatch_html
from debate_explorer.ui.plots.style import FOOT, MUTED, current_pen, pinned_pen


class ArrivalView(OutcomeView):
    name = "arrival"
    title = "Arrival"

    def __init__(self, parent=None) -> None:
        super().__init__("P(arrived by year)", parent)
        self.items = MilestoneItems(
            self.plot,
            lambda c: pg.PlotDataItem(pen=current_pen(c), antialias=True),
            lambda c: pg.PlotDataItem(pen=pinned_pen(c), antialias=True),
        )
        # Legend keys for the two line styles (never added to the plot).
        self._current_style = pg.PlotDataItem(pen=current_pen(MUTED))
        self._pinned_style = pg.PlotDataItem(pen=pinned_pen(MUTED))
        self.result: RunResult | None = None
        self.pinned: RunResult | None = None
        self.set_y_range(-FOOT, 1.02)

    # -- data ----------------------------------------------------------------------
    def set_result(self, result: RunResult, label: str) -> None:
        self.result, self._current_label = result, label
        self.items.show_keys(result, self.pinned)
        for m in result.milestones:
            stats = result.milestone(m.key)
            self.items.current[m.key].setData(stats.edges, stats.cdf)
        self._refresh_readout()
        self._refresh_legend()

    def set_pinned(self, result: RunResult | None, label: str) -> None:
        self.pinned, self._pinned_label = result, label
        self.items.show_keys(self.result, result)
        if result is not None:
            for m in result.milestones:
                stats = result.milestone(m.key)
                self.items.pinned[m.key].setData(stats.edges, stats.cdf)
        self._refresh_readout()
        self._refresh_legend()

    # -- read-outs -----------------------------------------------------------------
    ROWS = ("Median", "10–90%", *(f"by {y}" for y in READOUT_YEARS))

    def _rows(self, result: RunResult) -> list[str]:
        return [*self.ROWS, f"never by {result.horizon:.0f}"]

    def _figures(self, result: RunResult, key: str) -> list[str]:
        stats = result.milestone(key)
        h = result.horizon
        return [
            fmt_year(stats.quantile(0.5), h),
            fmt_range(stats.quantile(0.1), stats.quantile(0.9), h),
            *(fmt_share(stats.p_by(y)) for y in READOUT_YEARS),
            fmt_share(stats.never_share),
        ]

    def _refresh_readout(self) -> None:
        result = self.result
        if result is None:
            return
        keys = [m.key for m in result.milestones]
        heads = [swatch_html(self.items.colour(m.key), short_name(m.key, m.label)) for m in result.milestones]
        self.readout.set_shape(heads, self._rows(result))
        pinned_keys = {m.key for m in self.pinned.milestones} if self.pinned is not None else set()
        for c, key in enumerate(keys):
            current = self._figures(result, key)
            pinned = self._figures(self.pinned, key) if self.pinned is not None and key in pinned_keys else None
            for r, text in enumerate(current):
                self.readout.set_cell(r, c, cell_html(text, pinned[r] if pinned else None))
        self.readout.set_note(f"Grey: pinned “{self._pinned_label}”" if self.pinned is not None else "")

    def _refresh_legend(self) -> None:
        self.sync_milestone_legend(self.items.current)

    def hover_html(self, x: float) -> str | None:
        result = self.result
        if result is None or not result.start <= x <= result.horizon:
            return None
        lines = [f"<b>{fmt_month(x)}</b>"]
        for m in result.milestones:
            text = f"{short_name(m.key, m.label)} {fmt_share(result.milestone(m.key).p_by(x))}"
            if self.pinned is not None and m.key in {p.key for p in self.pinned.milestones}:
                pinned = fmt_share(self.pinned.milestone(m.key).p_by(x))
                text += f" <span style='color:{MUTED}'>(pinned {pinned})</span>"
            lines.append(f"<span style='color:{self.items.colour(m.key)}'>■</span> {text}")
        return "<div style='font-size:9pt'>" + "<br>".join(lines) + "</div>"

    def export_title(self) -> str:
        return f"P(milestone arrived by year) — {self._current_label}"
