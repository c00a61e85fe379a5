"""Node outlines by kind, so a reader tells a position from a claim without reading.

position: rounded rectangle (drawn with a thick border) — a stance
claim:    plain rectangle — a statement someone made
evidence: rectangle with a folded corner, like a sheet of data
question: hexagon — an open crux that positions answer
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF

FOLD = 14.0  # evidence: size of the folded corner
HEX_INSET = 16.0  # question: how far the hexagon's points stick out

BORDER_WIDTH = {"position": 3.2, "claim": 1.5, "evidence": 1.5, "question": 2.2}
TEXT_INSET = {"position": 10.0, "claim": 8.0, "evidence": 10.0, "question": HEX_INSET + 4.0}


def outline(kind: str, rect: QRectF, scale: float = 1.0) -> QPainterPath:
    """The closed outline of a node of ``kind`` filling ``rect`` (corners sized by ``scale``)."""
    path = QPainterPath()
    left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
    fold, inset = FOLD * scale, HEX_INSET * scale
    if kind == "position":
        path.addRoundedRect(rect, 12.0 * scale, 12.0 * scale)
    elif kind == "evidence":
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(left, top),
                    QPointF(right - fold, top),
                    QPointF(right, top + fold),
                    QPointF(right, bottom),
                    QPointF(left, bottom),
                    QPointF(left, top),
                ]
            )
        )
    elif kind == "question":
        cy = rect.center().y()
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(left + inset, top),
                    QPointF(right - inset, top),
                    QPointF(right, cy),
                    QPointF(right - inset, bottom),
                    QPointF(left + inset, bottom),
                    QPointF(left, cy),
                    QPointF(left + inset, top),
                ]
            )
        )
    else:
        path.addRect(rect)
    path.closeSubpath()
    return path


def fold_triangle(rect: QRectF, scale: float = 1.0) -> QPolygonF:
    """The turned-down corner drawn on evidence nodes."""
    right, top, fold = rect.right(), rect.top(), FOLD * scale
    return QPolygonF([QPointF(right - fold, top), QPointF(right - fold, top + fold), QPointF(right, top + fold)])
