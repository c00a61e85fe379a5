"""The key to the map's symbols, drawn in a corner of the view.

Shapes, fill, arrow heads and the crux halo are the map's vocabulary; a reader
should not need a manual to decode them.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from debate_explorer.ui.map import shapes
from debate_explorer.ui.map.palette import (
    ANSWER_COLOUR,
    ATTACK_COLOUR,
    HIGHLIGHT_COLOUR,
    SUPPORT_COLOUR,
    TEXT_COLOUR,
    with_alpha,
)

_GREY = QColor("#555555")
_FILL = QColor("#6699CC")
ROW_H, SWATCH_W, PAD = 18.0, 26.0, 8.0
SWATCH_SCALE = 0.35  # node corners scaled down to swatch size

_KINDS = (("position", "position"), ("claim", "claim"), ("evidence", "evidence"), ("question", "question"))
_EDGES = (("supports", "supports"), ("attacks", "attacks"), ("answers", "answers"))


def legend_font() -> QFont:
    font = QFont()
    font.setPixelSize(11)
    return font


def legend_height() -> float:
    """Height of the legend box in viewport pixels (the view fits the map above it)."""
    return 2 * ROW_H + 2 * PAD


def draw_legend(painter: QPainter, bottom_left: QPointF) -> QRectF:
    """Paint the legend with its bottom-left corner at ``bottom_left`` (viewport pixels)."""
    font = legend_font()
    fm = QFontMetricsF(font)
    row1 = [label for _, label in _KINDS] + ["fill = strength"]
    row2 = [label for _, label in _EDGES] + ["halo = crux score"]
    width = max(sum(SWATCH_W + 6 + fm.horizontalAdvance(t) + 12 for t in row) for row in (row1, row2))
    box = QRectF(bottom_left.x(), bottom_left.y() - legend_height(), width + 2 * PAD, legend_height())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(0, 0, 0, 40), 1))
    painter.setBrush(QColor(255, 255, 255, 225))
    painter.drawRoundedRect(box, 6, 6)
    painter.setFont(font)
    x0, y = box.left() + PAD, box.top() + PAD
    x = x0
    for kind, label in _KINDS:
        _kind_swatch(painter, kind, QRectF(x, y + 3, SWATCH_W, ROW_H - 6))
        x = _label(painter, fm, x + SWATCH_W + 6, y, label)
    _strength_swatch(painter, QRectF(x, y + 3, SWATCH_W, ROW_H - 6))
    _label(painter, fm, x + SWATCH_W + 6, y, "fill = strength")
    x, y = x0, y + ROW_H
    for kind, label in _EDGES:
        _edge_swatch(painter, kind, QRectF(x, y, SWATCH_W, ROW_H))
        x = _label(painter, fm, x + SWATCH_W + 6, y, label)
    painter.setPen(QPen(with_alpha(HIGHLIGHT_COLOUR, 0.9), 4))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(QRectF(x + 3, y + 5, SWATCH_W - 6, ROW_H - 10), 2, 2)
    _label(painter, fm, x + SWATCH_W + 6, y, "halo = crux score")
    return box


def _label(painter: QPainter, fm: QFontMetricsF, x: float, y: float, text: str) -> float:
    painter.setPen(TEXT_COLOUR)
    painter.drawText(QRectF(x, y, fm.horizontalAdvance(text) + 2, ROW_H),
                     Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
    return x + fm.horizontalAdvance(text) + 12


def _kind_swatch(painter: QPainter, kind: str, rect: QRectF) -> None:
    painter.setPen(QPen(_GREY, shapes.BORDER_WIDTH.get(kind, 1.5) * 0.7))
    painter.setBrush(QColor("white"))
    painter.drawPath(shapes.outline(kind, rect, SWATCH_SCALE))
    if kind == "evidence":
        painter.drawPolygon(shapes.fold_triangle(rect, SWATCH_SCALE))


def _strength_swatch(painter: QPainter, rect: QRectF) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    painter.drawRect(rect)
    level = QRectF(rect)
    level.setWidth(rect.width() * 0.6)
    painter.fillRect(level, with_alpha(_FILL, 0.55))
    painter.setPen(QPen(_GREY, 1.1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)


def _edge_swatch(painter: QPainter, kind: str, rect: QRectF) -> None:
    colour, style = {"supports": (SUPPORT_COLOUR, Qt.PenStyle.SolidLine),
                     "attacks": (ATTACK_COLOUR, Qt.PenStyle.DashLine),
                     "answers": (ANSWER_COLOUR, Qt.PenStyle.DotLine)}[kind]
    y = rect.center().y()
    tip = QPointF(rect.right() - 1, y)
    painter.setPen(QPen(colour, 2, style))
    painter.drawLine(QPointF(rect.left(), y), tip)
    painter.setPen(QPen(colour, 1.6))
    if kind == "answers":
        painter.drawPolyline(QPolygonF([QPointF(tip.x() - 6, y - 4), tip, QPointF(tip.x() - 6, y + 4)]))
        return
    if kind == "attacks":
        painter.drawLine(QPointF(tip.x(), y - 6), QPointF(tip.x(), y + 6))
        tip = QPointF(tip.x() - 3, y)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([tip, QPointF(tip.x() - 8, y - 4), QPointF(tip.x() - 8, y + 4)]))
