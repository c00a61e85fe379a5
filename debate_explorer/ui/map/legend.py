"""The key to the map's symbols, in a strip under the map.

Shapes, fill, arrow heads and the crux halo are the map's vocabulary; a reader
should not need a manual to decode them. The key sits below the view rather than
over it: drawn over the map it hid the bottom row of nodes whenever the map was
taller than the panel (at 1366x768, the overview's last row).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

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
INSET = 4.0  # the strip's margin around the key's box
WIDE = 1e6  # a width at which the key fits on one row
SWATCH_SCALE = 0.35  # node corners scaled down to swatch size

_KINDS = (("position", "position"), ("claim", "claim"), ("evidence", "evidence"), ("question", "question"))
_EDGES = (("supports", "supports"), ("attacks", "attacks"), ("answers", "answers"))


def legend_font() -> QFont:
    font = QFont()
    font.setPixelSize(11)
    return font


def _items() -> list[tuple[str, str]]:
    """(swatch, label) in reading order: node kinds, fill, edge types, halo."""
    return (
        [("kind:" + k, label) for k, label in _KINDS]
        + [("fill", "fill = strength")]
        + [("edge:" + k, label) for k, label in _EDGES]
        + [("halo", "halo = crux score")]
    )


def _item_width(fm: QFontMetricsF, label: str) -> float:
    return SWATCH_W + 6 + fm.horizontalAdvance(label) + 12


def _rows(max_width: float) -> list[list[tuple[str, str]]]:
    """One row if it fits in ``max_width`` (a wide, short map panel keeps more of its height), else two."""
    fm = QFontMetricsF(legend_font())
    items = _items()
    if sum(_item_width(fm, label) for _, label in items) + 2 * PAD <= max_width:
        return [items]
    return [items[: len(_KINDS) + 1], items[len(_KINDS) + 1 :]]


def legend_height(max_width: float = 0.0) -> float:
    """Height of the legend box in viewport pixels (the view fits the map above it)."""
    return len(_rows(max_width)) * ROW_H + 2 * PAD


def draw_legend(painter: QPainter, bottom_left: QPointF, max_width: float = 0.0) -> QRectF:
    """Paint the legend with its bottom-left corner at ``bottom_left`` (viewport pixels)."""
    font = legend_font()
    fm = QFontMetricsF(font)
    rows = _rows(max_width)
    width = max(sum(_item_width(fm, label) for _, label in row) for row in rows)
    height = legend_height(max_width)
    box = QRectF(bottom_left.x(), bottom_left.y() - height, width + 2 * PAD, height)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(0, 0, 0, 40), 1))
    painter.setBrush(QColor(255, 255, 255, 225))
    painter.drawRoundedRect(box, 6, 6)
    painter.setFont(font)
    y = box.top() + PAD
    for row in rows:
        x = box.left() + PAD
        for swatch, label in row:
            _swatch(painter, swatch, x, y)
            x = _label(painter, fm, x + SWATCH_W + 6, y, label)
        y += ROW_H
    return box


class LegendStrip(QWidget):
    """The key, one or two rows high as the panel's width allows; the Legend button hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # One row until a width says otherwise: a new widget is 640 px wide, and starting
        # at two rows would change the map's minimum height while the window is laid out.
        self.setFixedHeight(self._height(WIDE))

    @staticmethod
    def _height(width: float) -> int:
        return int(legend_height(width - 2 * INSET) + 2 * INSET)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        height = self._height(event.size().width())
        if height != self.height():  # two rows only when one does not fit
            self.setFixedHeight(height)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        draw_legend(painter, QPointF(INSET, self.height() - INSET), self.width() - 2 * INSET)
        painter.end()


def _swatch(painter: QPainter, swatch: str, x: float, y: float) -> None:
    if swatch.startswith("kind:"):
        _kind_swatch(painter, swatch[5:], QRectF(x, y + 3, SWATCH_W, ROW_H - 6))
    elif swatch == "fill":
        _strength_swatch(painter, QRectF(x, y + 3, SWATCH_W, ROW_H - 6))
    elif swatch.startswith("edge:"):
        _edge_swatch(painter, swatch[5:], QRectF(x, y, SWATCH_W, ROW_H))
    else:
        painter.setPen(QPen(with_alpha(HIGHLIGHT_COLOUR, 0.9), 4))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(x + 3, y + 5, SWATCH_W - 6, ROW_H - 10), 2, 2)


def _label(painter: QPainter, fm: QFontMetricsF, x: float, y: float, text: str) -> float:
    painter.setPen(TEXT_COLOUR)
    painter.drawText(
        QRectF(x, y, fm.horizontalAdvance(text) + 2, ROW_H),
        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
        text,
    )
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
    colour, style = {
        "supports": (SUPPORT_COLOUR, Qt.PenStyle.SolidLine),
        "attacks": (ATTACK_COLOUR, Qt.PenStyle.DashLine),
        "answers": (ANSWER_COLOUR, Qt.PenStyle.DotLine),
    }[kind]
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
