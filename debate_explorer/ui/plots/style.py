"""Colours, pens and plot chrome shared by every outcome view.

Kept in one place so the arrival, density and readout colours of a milestone
always agree, and the exported figures look like the panel.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

# Okabe-Ito: distinguishable for the common colour-vision deficiencies.
MILESTONE_COLOURS = {"sc": "#0072B2", "agi": "#E69F00", "asi": "#CC3311"}
EXTRA_COLOURS = ("#009E73", "#CC79A7", "#56B4E9", "#882255")
REGIME_COLOURS = {"amplification": "#56B4E9", "transformative": "#E69F00", "explosive": "#D55E00"}
BAND_COLOURS = {"growth": "#009E73", "automation": "#7B5EA7"}

BACKGROUND = "#FFFFFF"
FOREGROUND = "#333333"
MUTED = "#7A7A7A"
AXIS = "#6B6B6B"

CURRENT_WIDTH = 2.2
PINNED_WIDTH = 1.6

# y-ranges start a little below zero, so a flat line at 0% is not hidden by the axis.
FOOT = 0.015


def colour_for(key: str, index: int, table: dict[str, str]) -> str:
    """A stable colour for a key; unknown keys (new model kinds) take the spares in turn."""
    return table.get(key, EXTRA_COLOURS[index % len(EXTRA_COLOURS)])


def current_pen(colour: str, width: float = CURRENT_WIDTH) -> QPen:
    return pg.mkPen(colour, width=width)


def pinned_pen(colour: str, width: float = PINNED_WIDTH) -> QPen:
    """Dashed and thinner: the comparison must read as secondary at a glance."""
    return pg.mkPen(colour, width=width, style=Qt.PenStyle.DashLine)


def fill_brush(colour: str, alpha: int) -> QBrush:
    c = QColor(colour)
    c.setAlpha(alpha)
    return QBrush(c)


def hatched_brush(colour: str) -> QBrush:
    """Pinned bars are hatched, so they stay distinct in greyscale prints too."""
    return QBrush(QColor(colour), Qt.BrushStyle.BDiagPattern)


def style_plot(widget: pg.PlotWidget) -> None:
    """Light, quiet chrome: grey axes, faint grid, no pyqtgraph menus or 'A' button."""
    widget.setBackground(BACKGROUND)
    item = widget.getPlotItem()
    item.hideButtons()
    item.setMenuEnabled(False)
    item.showGrid(x=True, y=True, alpha=0.12)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(AXIS))
        axis.setTextPen(pg.mkPen(FOREGROUND))
    # Room above the plot for the top y label, which overhangs by half a line.
    item.layout.setContentsMargins(1, 8, 4, 1)
    item.getViewBox().disableAutoRange()


def style_legend(legend: pg.LegendItem) -> None:
    legend.setBrush(pg.mkBrush(255, 255, 255, 225))
    legend.setPen(pg.mkPen("#D0D0D0"))
    legend.setLabelTextColor(FOREGROUND)
    legend.setLabelTextSize("9pt")
