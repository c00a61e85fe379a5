"""One node of the argument map: a box shaped by kind, coloured by theme, filled by strength.

The item is created once and then only told what changed (strength, language,
emphasis, crux tint), because the credence slider changes strengths many times
a second and rebuilding a hundred items each time would stutter.

Text is drawn by level of detail: zoomed in, the title in up to three lines;
zoomed out (the whole map in view), a larger two-line headline so something
stays legible; further out only the shape, since text there is noise.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from debate_explorer.core.graph.model import Node
from debate_explorer.ui.map import shapes
from debate_explorer.ui.map.palette import (
    HIGHLIGHT_COLOUR,
    NODE_BACKGROUND,
    SELECTION_COLOUR,
    TEXT_COLOUR,
    border_colour,
    with_alpha,
)
from debate_explorer.ui.map.text import line_spacing, scene_font, wrap_lines

DETAIL_PX, DETAIL_LINES = 12.0, 3
HEADLINE_PX, HEADLINE_LINES = 21.0, 2
MIN_SCREEN_PX = 6.0  # below this on screen, text is not drawn at all
HALO = 14.0  # room around the box for the selection ring and crux halo


class NodeItem(QGraphicsItem):
    """A node box. ``node_id`` names the node; ``strength`` is what its fill shows."""

    def __init__(self, node: Node, centre: tuple[float, float], size: tuple[float, float],
                 colour: QColor, theme_title: tuple[str, str]) -> None:
        super().__init__()
        self.node = node
        self.node_id = node.id
        self.strength = 0.5
        self.language = "en"
        self.focused = False
        self.highlight: float | None = None
        self._hover = False
        self._theme_title = theme_title
        w, h = size
        self._rect = QRectF(-w / 2, -h / 2, w, h)
        self._outline = shapes.outline(node.kind, self._rect)
        self._colour = QColor(colour)
        self._border = border_colour(colour)
        self._fill = with_alpha(colour, 0.5 if colour.lightnessF() > 0.6 else 0.38)
        self._lines: dict[str, tuple[list[str], list[str]]] = {}
        self._level: QPainterPath | None = None
        self.setPos(*centre)
        self.setZValue(10)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_language("en")

    # -- state ------------------------------------------------------------------
    @property
    def text(self) -> str:
        """The title shown in the current language (Chinese falls back to English)."""
        if self.language == "zh" and self.node.title_zh:
            return self.node.title_zh
        return self.node.title_en

    @property
    def box(self) -> QRectF:
        """The node's box in scene coordinates (without the halo margin)."""
        return self.mapRectToScene(self._rect)

    def set_strength(self, value: float) -> None:
        value = min(max(float(value), 0.0), 1.0)
        if abs(value - self.strength) > 1e-4:
            self.strength = value
            self._level = None
            self.update()

    def set_language(self, language: str) -> None:
        self.language = language
        if language not in self._lines:
            self._lines[language] = self._wrap(self.text)
        self.update()

    def set_focused(self, focused: bool) -> None:
        if focused != self.focused:
            self.focused = focused
            self.setZValue(12 if focused else 10)
            self.update()

    def set_highlight(self, score: float | None) -> None:
        score = None if score is None else min(max(float(score), 0.0), 1.0)
        if score != self.highlight:
            self.highlight = score
            self.update()

    def _level_path(self) -> QPainterPath:
        """The fill level: the part of the outline left of ``strength`` x width.

        Kept as a path (rebuilt only when the strength changes) because clipping
        to the outline on every paint is several times slower.
        """
        level = QRectF(self._rect)
        level.setWidth(self._rect.width() * self.strength)
        bar = QPainterPath()
        bar.addRect(level)
        return self._outline.intersected(bar)

    def _wrap(self, title: str) -> tuple[list[str], list[str]]:
        width = self._rect.width() - 2 * shapes.TEXT_INSET.get(self.node.kind, 8.0)
        detail = wrap_lines(title, scene_font(DETAIL_PX), width, DETAIL_LINES)
        headline = wrap_lines(title, scene_font(HEADLINE_PX), width, HEADLINE_LINES)
        return detail, headline

    # -- QGraphicsItem ------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-HALO, -HALO, HALO, HALO)

    def shape(self) -> QPainterPath:
        return self._outline

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        self._paint_rings(painter)
        self._paint_body(painter)
        self._paint_text(painter, lod)

    def _paint_rings(self, painter: QPainter) -> None:
        """Crux halo (amber, stronger with the score) and the selection ring, outside the box."""
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.highlight:
            s = self.highlight
            painter.setPen(QPen(with_alpha(HIGHLIGHT_COLOUR, 0.25 + 0.75 * s), 4 + 16 * s,
                                Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            painter.drawPath(self._outline)
        if self.focused:
            # a dark ring with a white gap: unlike any theme colour or border
            for colour, width in ((SELECTION_COLOUR, 13.0), (NODE_BACKGROUND, 6.0)):
                painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                    Qt.PenJoinStyle.RoundJoin))
                painter.drawPath(self._outline)

    def _paint_body(self, painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(NODE_BACKGROUND)
        painter.drawPath(self._outline)
        if self._level is None:
            self._level = self._level_path()
        painter.fillPath(self._level, self._fill)
        width = shapes.BORDER_WIDTH.get(self.node.kind, 1.5) + (1.0 if self._hover else 0.0)
        painter.setPen(QPen(self._border, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._outline)
        if self.node.kind == "evidence":
            painter.setBrush(QBrush(with_alpha(self._border, 0.35)))
            painter.drawPolygon(shapes.fold_triangle(self._rect))

    def _paint_text(self, painter: QPainter, lod: float) -> None:
        detail, headline = self._lines[self.language]
        if DETAIL_PX * lod >= 7.5:
            lines, font = detail, scene_font(DETAIL_PX)
        elif HEADLINE_PX * lod >= MIN_SCREEN_PX:
            lines, font = headline, scene_font(HEADLINE_PX)
        else:
            return
        step = line_spacing(font)
        top = self._rect.center().y() - step * len(lines) / 2
        painter.setFont(font)
        painter.setPen(TEXT_COLOUR)
        for i, line in enumerate(lines):
            row = QRectF(self._rect.left(), top + i * step, self._rect.width(), step)
            painter.drawText(row, Qt.AlignmentFlag.AlignCenter, line)

    # -- hover: outline and a tooltip built when needed (it shows the live strength) --
    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.setToolTip(self.tooltip())
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.update()
        super().hoverLeaveEvent(event)

    def tooltip(self) -> str:
        """Rich text: title(s), speaker and source, the quote in the current language, strength."""
        n = self.node
        parts = [f"<b>{html.escape(n.title_en)}</b>"]
        if n.title_zh:
            parts.append(html.escape(n.title_zh))
        who = " · ".join(html.escape(x) for x in (n.speaker, n.source) if x)
        if who:
            parts.append(f"<i>{who}</i>")
        quote = n.quote if self.language == "zh" else (n.quote_en or n.quote)
        if quote:
            parts.append(f"“{html.escape(_clip(quote, 280))}”")
        theme = self._theme_title[1 if self.language == "zh" else 0]
        parts.append(f"<span style='color:#555'>{n.kind} · {html.escape(theme)} · "
                     f"strength {self.strength:.2f}</span>")
        return "<p>" + "<br>".join(parts) + "</p>"  # rich text: Qt wraps long tooltips


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
