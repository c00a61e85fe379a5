"""Axis items that keep numbers readable: whole years, and shares as percentages.

Both keep only the two coarsest tick levels: the finest level adds nothing a
reader uses, and its grid lines were a third of the repaint time while results
stream in.
"""

from __future__ import annotations

import math

import pyqtgraph as pg

LABEL_OVERHANG = 9  # pixels: half a tick label's height, and a little


class YearAxis(pg.AxisItem):
    """Calendar years as integers: never '2030.5', never '2.03e3'."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float):
        levels = [(s, o) for s, o in super().tickSpacing(minVal, maxVal, size) if s >= 1]
        return levels[:2] or [(1.0, 0.0)]

    def tickStrings(self, values, scale, spacing):
        return [f"{round(v):d}" for v in values]


class PercentAxis(pg.AxisItem):
    """Fractions shown as percentages, with as few decimals as the spacing allows."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The SI prefix would add '(x0.001)' to the label: the ticks already say '%'.
        self.enableAutoSIPrefix(False)

    def tickSpacing(self, minVal: float, maxVal: float, size: float):
        return super().tickSpacing(minVal, maxVal, size)[:2]

    def boundingRect(self):
        # With a grid on, pyqtgraph drops any label poking past the plot's edge,
        # which loses '0%' and '100%' at the ends of a 0..1 axis: allow half a line.
        rect = super().boundingRect()
        if self.orientation in ("left", "right"):
            return rect.adjusted(0, -LABEL_OVERHANG, 0, LABEL_OVERHANG)
        return rect

    def tickStrings(self, values, scale, spacing):
        step = abs(spacing * 100) or 1.0
        decimals = max(0, -math.floor(math.log10(step)))
        return [f"{v * 100:.{decimals}f}%" for v in values]
