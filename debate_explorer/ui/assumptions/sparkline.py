"""The Assumptions panel's pictures and numbers: stratified draws of a distribution, its
quantiles, a compact number format and the sparkline histogram each row shows."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from debate_explorer.core.engine.program import sample_distribution
from debate_explorer.core.model.linking import EffectiveAssumption

SPARK = QSize(120, 38)
SPARK_AXIS = 11  # pixels under the histogram for its axis and end labels (P1, P99)


@lru_cache(maxsize=512)
def _draws(dist, lower: float, upper: float) -> np.ndarray:
    return sample_distribution(dist, (lower, upper), n=2048)


def draws_of(e: EffectiveAssumption) -> np.ndarray:
    return _draws(e.dist, e.assumption.lower, e.assumption.upper)


def sorted_quantiles(draws: np.ndarray, qs) -> list[float]:
    """Quantiles of already sorted draws (np.quantile would sort them again)."""
    n = len(draws)
    return [float(np.interp(q * (n - 1), np.arange(n), draws)) for q in qs]


def fmt(v: float) -> str:
    if not math.isfinite(v):
        return "∞" if v > 0 else "−∞"
    a = abs(v)
    if a >= 1000 or a == 0:
        return f"{v:.0f}" if a >= 1000 else "0"
    if a >= 10:
        return f"{v:.1f}"
    if a >= 0.1:
        return f"{v:.2f}"
    return f"{v:.3g}"


def sparkline(draws: np.ndarray, color: QColor) -> QPixmap:
    """A filled histogram of the draws between their 1st and 99th percentiles, on a small
    axis labelled with those two values (so the picture has a scale)."""
    pm = QPixmap(SPARK)
    pm.fill(Qt.GlobalColor.transparent)
    lo, hi = sorted_quantiles(draws, (0.01, 0.99))
    if hi <= lo:
        lo, hi = lo - 0.5, hi + 0.5
    counts, _ = np.histogram(draws, bins=40, range=(lo, hi))
    top = counts.max() or 1
    painter = QPainter(pm)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    plot_h = SPARK.height() - SPARK_AXIS
    w = SPARK.width() / len(counts)
    for i, c in enumerate(counts):
        h = (plot_h - 2) * c / top
        painter.drawRect(int(i * w), int(plot_h - h), max(1, int(w + 0.5)), int(math.ceil(h)))
    painter.setPen(QColor("#8A8A8A"))
    painter.drawLine(0, plot_h, SPARK.width() - 1, plot_h)
    font = painter.font()
    font.setPixelSize(SPARK_AXIS - 2)
    painter.setFont(font)
    text_rect = QRect(0, plot_h + 1, SPARK.width(), SPARK_AXIS - 1)
    painter.setPen(QColor("#555555"))
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, fmt(lo))
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, fmt(hi))
    painter.end()
    return pm
