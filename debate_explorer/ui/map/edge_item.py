"""One edge of the argument map: a gentle curve from box to box with a typed head.

supports: green, solid, filled arrow head
attacks:  red, dashed, filled head ending in a bar (the "blocked" sign)
answers:  grey, dotted, open chevron

Width grows with the edge's weight. Edges curve slightly (always bending to the
left of their direction) so an edge along a row of the grid does not run through
the boxes in between, and a pair of opposite edges stays two lines.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from debate_explorer.core.graph.model import Edge
from debate_explorer.ui.map.palette import ANSWER_COLOUR, ATTACK_COLOUR, EDGE_OPACITY, SUPPORT_COLOUR

BEND = 0.12  # control-point offset as a fraction of the edge's length
MAX_BEND = 70.0
GAP = 3.0  # the arrow tip stops this far outside the target box

_STYLE = {
    "supports": (SUPPORT_COLOUR, Qt.PenStyle.SolidLine),
    "attacks": (ATTACK_COLOUR, Qt.PenStyle.DashLine),
    "answers": (ANSWER_COLOUR, Qt.PenStyle.DotLine),
}


class EdgeItem(QGraphicsItem):
    """A typed, weighted edge between two node boxes, re-routed when the layout changes."""

    def __init__(self, edge: Edge, source_box: QRectF, target_box: QRectF) -> None:
        super().__init__()
        self.edge = edge
        self.source = edge.source
        self.target = edge.target
        self.edge_type = edge.type  # not `type`: that would hide QGraphicsItem.type()
        colour, style = _STYLE.get(edge.type, (ANSWER_COLOUR, Qt.PenStyle.SolidLine))
        self.width = 1.5 if edge.type == "answers" else 1.2 + 3.0 * edge.weight
        self._pen = QPen(colour, self.width, style, Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.RoundJoin)
        self._colour = colour
        self._bounds = QRectF()
        self.set_ends(source_box, target_box)
        self.setZValue(0)
        self.setOpacity(EDGE_OPACITY)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_ends(self, source_box: QRectF, target_box: QRectF) -> None:
        """Re-route the edge between two boxes (after the layout moved them)."""
        self.prepareGeometryChange()
        self._path, self._tip, self._direction = _curve(source_box, target_box, self._stop(self.edge_type))
        self._head = _head(self.edge_type, self._tip, self._direction, self.width)
        self._bounds = (
            self._path.boundingRect()
            .united(self._head.boundingRect())
            .adjusted(-self.width * 2, -self.width * 2, self.width * 2, self.width * 2)
        )

    def _stop(self, kind: str) -> float:
        """How far before the tip the line ends, so it does not show through a translucent head."""
        if kind == "answers":
            return 0.0
        extra = max(2.0, self.width * 0.9) + 1.5 if kind == "attacks" else 0.0
        return _head_length(self.width) - 1.0 + extra

    @property
    def tip(self) -> QPointF:
        """Where the arrow head points (just outside the target's box)."""
        return QPointF(self._tip)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self._pen)
        painter.drawPath(self._path)
        if self.edge_type == "answers":
            solid = QPen(self._pen)
            solid.setStyle(Qt.PenStyle.SolidLine)
            painter.setPen(solid)
            painter.drawPath(self._head)
        else:
            # fill only: with the item's opacity, a stroke over the fill would show as a darker rim
            painter.fillPath(self._head, self._colour)


def _clip_to_box(box: QRectF, towards: QPointF, margin: float) -> QPointF:
    """Where the ray from the box's centre towards ``towards`` leaves the box (plus ``margin``)."""
    c = box.center()
    dx, dy = towards.x() - c.x(), towards.y() - c.y()
    hw, hh = box.width() / 2 + margin, box.height() / 2 + margin
    scale = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    if not math.isfinite(scale):
        return QPointF(c)
    return QPointF(c.x() + dx * scale, c.y() + dy * scale)


def _curve(source: QRectF, target: QRectF, stop: float) -> tuple[QPainterPath, QPointF, QPointF]:
    """The curve's path (ending ``stop`` before the tip), the head's tip and unit direction."""
    a, b = source.center(), target.center()
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = math.hypot(dx, dy) or 1.0
    bend = min(BEND * length, MAX_BEND)
    ctrl = QPointF((a.x() + b.x()) / 2 + dy / length * bend, (a.y() + b.y()) / 2 - dx / length * bend)
    start = _clip_to_box(source, ctrl, 1.0)
    tip = _clip_to_box(target, ctrl, GAP)
    tx, ty = tip.x() - ctrl.x(), tip.y() - ctrl.y()
    tl = math.hypot(tx, ty) or 1.0
    direction = QPointF(tx / tl, ty / tl)
    path = QPainterPath(start)
    path.quadTo(ctrl, tip - direction * stop)
    return path, tip, direction


def _head_length(width: float) -> float:
    return 9.0 + 2.2 * width


def _head(kind: str, tip: QPointF, d: QPointF, width: float) -> QPainterPath:
    """The arrow head at ``tip`` pointing along unit vector ``d``."""
    length = _head_length(width)
    half = 4.0 + 1.3 * width
    n = QPointF(-d.y(), d.x())
    base = tip - d * length
    path = QPainterPath()
    if kind == "answers":
        path.moveTo(base + n * half)
        path.lineTo(tip)
        path.lineTo(base - n * half)
        return path
    if kind == "attacks":
        # the head stops short of a bar across the tip: "-->|"
        bar, thick = half * 1.5, max(2.0, width * 0.9)
        path.addPolygon(
            QPolygonF(
                [tip + n * bar, tip - n * bar, tip - n * bar - d * thick, tip + n * bar - d * thick, tip + n * bar]
            )
        )
        tip = tip - d * (thick + 1.5)
        base = tip - d * length
    path.addPolygon(QPolygonF([tip, base + n * half, base - n * half, tip]))
    path.closeSubpath()
    return path
