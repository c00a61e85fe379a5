"""Regime probabilities at the regime year, as labelled bars.

The shares are the core's (growth at the regime year against the scenario's
thresholds); this view draws them, side by side with a pinned run's when one
is pinned, and writes each percentage on its bar.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg

from debate_explorer.core.engine.results import RunResult
from debate_explorer.ui.plots.base import OutcomeView
from debate_explorer.ui.plots.readout import cell_html, fmt_share
from debate_explorer.ui.plots.style import (
    FOOT,
    FOREGROUND,
    MUTED,
    REGIME_COLOURS,
    colour_for,
    fill_brush,
    hatched_brush,
    pinned_pen,
)

SINGLE_WIDTH = 0.56
PAIR_WIDTH = 0.38
Y_TOP = 1.12  # room above a 100% bar for its label


class RegimeView(OutcomeView):
    name = "regimes"
    title = "Regimes"
    time_axis = False

    def __init__(self, parent=None) -> None:
        super().__init__("Probability", parent)
        self.names: tuple[str, ...] = ()
        self.result: RunResult | None = None
        self.pinned: RunResult | None = None
        self.thresholds: tuple[float, float] | None = None
        self._axis_label = ""
        self.bars = pg.BarGraphItem(x=np.zeros(0), height=np.zeros(0), width=SINGLE_WIDTH)
        self.pinned_bars = pg.BarGraphItem(x=np.zeros(0), height=np.zeros(0), width=PAIR_WIDTH)
        self.plot.addItem(self.pinned_bars)
        self.plot.addItem(self.bars)
        self.pinned_bars.hide()
        self.labels: list[pg.TextItem] = []
        self.pinned_labels: list[pg.TextItem] = []
        # Legend samples; no pen, or the legend strikes a line through the swatch.
        self._current_key = pg.BarGraphItem(x=[0], height=[1], width=1, brush=fill_brush(MUTED, 200), pen=None)
        self._pinned_key = pg.BarGraphItem(x=[0], height=[1], width=1, brush=hatched_brush(MUTED), pen=None)
        view = self.plot.getViewBox()
        view.setMouseEnabled(x=False, y=False)
        self.set_y_range(-FOOT, Y_TOP)
        self.plot.getAxis("left").setTicks([[(v, f"{v:.0%}") for v in (0, 0.25, 0.5, 0.75, 1.0)]])
        bottom = self.plot.getAxis("bottom")
        bottom.setStyle(tickLength=0)
        bottom.setHeight(50)  # two-line category names plus the axis title
        self.plot.showGrid(x=False, y=True, alpha=0.12)

    def available(self, result: RunResult) -> bool:
        return bool(result.regimes)

    def unavailable_note(self, result: RunResult) -> str:
        return (
            f"The “{result.kind}” model does not classify growth regimes.\n"
            "Switch the scenario to the debate model to see them."
        )

    def set_thresholds(self, below: float | None, above: float | None) -> None:
        """The scenario's regime boundaries (growth per year), for the axis labels."""
        self.thresholds = (below, above) if below is not None and above is not None else None

    # -- data ----------------------------------------------------------------------
    def set_result(self, result: RunResult, label: str) -> None:
        self.result, self._current_label = result, label
        if result.regimes:
            self._ensure_names(tuple(result.regimes))
            self._draw()

    def set_pinned(self, result: RunResult | None, label: str) -> None:
        self.pinned, self._pinned_label = result, label
        if result is not None and result.regimes and not self.names:
            self._ensure_names(tuple(result.regimes))
        self._draw()

    def _ensure_names(self, names: tuple[str, ...]) -> None:
        """Axis ticks and text labels, made once per set of regime names."""
        if names == self.names:
            return
        self.names = names
        view = self.plot.getViewBox()
        for item in (*self.labels, *self.pinned_labels):
            view.removeItem(item)
        self.labels = [self._text(FOREGROUND) for _ in names]
        self.pinned_labels = [self._text(MUTED) for _ in names]
        view.setXRange(-0.6, len(names) - 0.4, padding=0)
        self._set_ticks()

    def _text(self, colour: str) -> pg.TextItem:
        item = pg.TextItem(color=colour, anchor=(0.5, 1.0))
        self.plot.getViewBox().addItem(item, ignoreBounds=True)
        return item

    def _set_ticks(self) -> None:
        self.plot.getAxis("bottom").setTicks([[(i, self._tick(n)) for i, n in enumerate(self.names)]])

    def _set_axis_label(self) -> None:
        year = getattr(self.result, "regime_year", None)
        text = f"GDP growth regime in {year}" if year else "GDP growth regime"
        if text != self._axis_label:
            self._axis_label = text
            self.plot.setLabel("bottom", text, **{"color": FOREGROUND, "font-size": "9pt"})

    def _tick(self, name: str) -> str:
        rule = ""
        if self.thresholds is not None:
            lo, hi = (f"{100 * t:g}%" for t in self.thresholds)
            rule = {
                "amplification": f" (< {lo}/yr)",
                "transformative": f" ({lo}–{hi}/yr)",
                "explosive": f" (> {hi}/yr)",
            }.get(name, "")
        return name.capitalize() + ("\n" + rule.strip(" ()") if rule else "")

    def _draw(self) -> None:
        if not self.names:
            return
        self._set_ticks()
        self._set_axis_label()
        x = np.arange(len(self.names), dtype=float)
        colours = [colour_for(n, i, REGIME_COLOURS) for i, n in enumerate(self.names)]
        # A pinned run of a model without regimes has no bars, rather than bars at 0%.
        pinned = _shares(self.pinned, self.names) if self.pinned is not None and self.pinned.regimes else None
        current = _shares(self.result, self.names) if self.result is not None else np.zeros(len(x))
        paired = pinned is not None
        cx = x - 0.2 if paired else x
        self.bars.setOpts(
            x=cx,
            height=current,
            width=PAIR_WIDTH if paired else SINGLE_WIDTH,
            brushes=[fill_brush(c, 215) for c in colours],
            pens=[pg.mkPen(c) for c in colours],
        )
        for label, xi, h in zip(self.labels, cx, current):
            label.setText(fmt_share(h))
            label.setPos(xi, h + 0.01)
        self.pinned_bars.setVisible(paired)
        for label in self.pinned_labels:
            label.setVisible(paired)
        if pinned is not None:
            self.pinned_bars.setOpts(
                x=x + 0.2,
                height=pinned,
                width=PAIR_WIDTH,
                brushes=[hatched_brush(c) for c in colours],
                pens=[pinned_pen(c, 1.2) for c in colours],
            )
            for label, xi, h in zip(self.pinned_labels, x + 0.2, pinned):
                label.setText(fmt_share(h))
                label.setPos(xi, h + 0.01)
        self._refresh_readout(current, pinned)
        entries = [(self._current_key, self._current_label or "current")]
        if paired:
            entries.append((self._pinned_key, f"{self._pinned_label} (pinned)"))
        self.sync_legend(entries)

    def _refresh_readout(self, current: np.ndarray, pinned: np.ndarray | None) -> None:
        year = getattr(self.result, "regime_year", None)
        self.readout.set_shape(["<b>Probability</b>"], [self._tick(n) for n in self.names])
        for r in range(len(self.names)):
            pin = fmt_share(pinned[r]) if pinned is not None else None
            self.readout.set_cell(r, 0, cell_html(fmt_share(current[r]), pin))
        note = f"GDP growth in {year}, classified by the scenario's thresholds." if year else ""
        if pinned is not None:
            note += f" Grey / hatched: pinned “{self._pinned_label}”."
        self.readout.set_note(note)

    def export_title(self) -> str:
        year = getattr(self.result, "regime_year", None)
        return f"Growth regime in {year} — {self._current_label}" if year else f"Growth regime — {self._current_label}"


def _shares(result: RunResult | None, names: tuple[str, ...]) -> np.ndarray:
    regimes: Mapping[str, float] = (result.regimes or {}) if result is not None else {}
    return np.array([float(regimes.get(n, 0.0)) for n in names])
