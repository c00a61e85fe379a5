"""One node of the argument map: a box shaped by kind, coloured by theme, filled by strength.

The item is created once and then only told what changed (strength, language,
emphasis, crux tint, folding, position), because the credence slider changes
strengths many times a second and rebuilding a hundred items each time would stutter.

Text is drawn by level of detail (:mod:`debate_explorer.ui.map.node_text`):
positions and questions stay readable at the overview; claims and evidence show
text once zoomed in. A position also names the speakers behind it, and carries a
badge counting the claims folded under it. Hovered or selected, a node shows its
whole title, growing downwards if the box is too small for it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from debate_explorer.core.graph.model import Node
from debate_explorer.ui.map import shapes
from debate_explorer.ui.map.node_text import (
    LineCache,
    max_lines,
    speaker_font,
    title_px,
)
from debate_explorer.ui.map.palette import (
    HIGHLIGHT_COLOUR,
    NODE_BACKGROUND,
    SELECTION_COLOUR,
    TEXT_COLOUR,
    border_colour,
    with_alpha,
)
from debate_explorer.ui.map.text import line_spacing, scene_font, wrap_lines

HALO = 14.0  # room around the box for the selection ring and crux halo
GROW = 2.2  # a hovered or selected box may grow downwards by this many box heights to show its whole title
PAD_Y = 4.0
MUTED = QColor("#4A4A4A")
KIND_NAMES = {"position": "Position", "claim": "Claim", "evidence": "Evidence", "question": "Question"}


class NodeItem(QGraphicsItem):
    """A node box. ``node_id`` names the node; ``strength`` is what its fill shows."""

    def __init__(
        self,
        node: Node,
        centre: tuple[float, float],
        size: tuple[float, float],
        colour: QColor,
        theme_title: tuple[str, str],
        *,
        leaves: int = 0,
        speakers: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.node = node
        self.node_id = node.id
        self.strength = 0.5
        self.language = "en"
        self.focused = False
        self.highlight: float | None = None
        self.leaves = leaves  # claims and evidence folded under this node
        self.folded = True
        self.speakers = tuple(speakers)
        self._hover = False
        self._theme_title = theme_title
        w, h = size
        self._rect = QRectF(-w / 2, -h / 2, w, h)
        self._outline = shapes.outline(node.kind, self._rect)
        self._colour = QColor(colour)
        self._border = border_colour(colour)
        self._fill = with_alpha(colour, 0.5 if colour.lightnessF() > 0.6 else 0.38)
        self._cache = LineCache()
        self._level: QPainterPath | None = None
        self._badge = QRectF()
        self.setPos(*centre)
        self.setZValue(10)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

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

    @property
    def expanded(self) -> bool:
        """Hovered or selected: the whole title is shown."""
        return self._hover or self.focused

    def set_strength(self, value: float) -> None:
        value = min(max(float(value), 0.0), 1.0)
        if abs(value - self.strength) > 1e-4:
            self.strength = value
            self._level = None
            self.update()

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.update()

    def set_focused(self, focused: bool) -> None:
        if focused != self.focused:
            self.prepareGeometryChange()
            self.focused = focused
            self.setZValue(12 if focused else 10)
            self.update()

    def set_highlight(self, score: float | None) -> None:
        score = None if score is None else min(max(float(score), 0.0), 1.0)
        if score != self.highlight:
            self.highlight = score
            self.update()

    def set_folded(self, folded: bool) -> None:
        if folded != self.folded:
            self.prepareGeometryChange()  # an expanded title grows the other way
            self.folded = folded
            self.update()

    def badge_hit(self, scene_point: QPointF) -> bool:
        """True if ``scene_point`` falls on the fold badge (as last painted)."""
        return self.leaves > 0 and self._badge.adjusted(-4, -4, 4, 4).contains(self.mapFromScene(scene_point))

    def title_font_px(self, lod: float) -> int | None:
        """Font size (scene pixels) of the title at zoom ``lod``; None when no text is drawn."""
        return title_px(self.node.kind, lod)

    def title_lines(self, lod: float) -> list[str]:
        """The lines of title drawn at zoom ``lod`` (all of it when hovered or selected)."""
        px = self.title_font_px(lod)
        if px is None:
            return []
        limit = 99 if self.expanded else max_lines(self.node.kind, px)
        return self._cache.lines(self.text, px, self._text_width(), limit)

    def _text_width(self) -> float:
        return self._rect.width() - 2 * shapes.TEXT_INSET.get(self.node.kind, 8.0)

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

    # -- QGraphicsItem ------------------------------------------------------------
    def _grows_up(self) -> bool:
        """An open block has its claims just below: a long title then grows upwards over the gap above."""
        return self.leaves > 0 and not self.folded

    def boundingRect(self) -> QRectF:
        grow = self._rect.height() * GROW if self.expanded else 0.0
        up, down = (grow, 0.0) if self._grows_up() else (0.0, grow)
        return self._rect.adjusted(-HALO, -HALO - up, HALO, HALO + down)

    def shape(self) -> QPainterPath:
        return self._outline

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        px = self.title_font_px(lod)
        lines = self.title_lines(lod)
        who = self._speaker_text() if px is not None else ""
        self._badge = self._badge_rect(lod)
        backers = self._speaker_lines(px, who)
        text_h = self._text_height(px, lines, backers)
        card = self._card(text_h)
        self._badge.translate(0, card.bottom() - self._rect.bottom())  # on the bottom edge of a grown card
        self._paint_rings(painter)
        if card != self._rect:
            self._paint_card(painter, card)
        self._paint_body(painter)
        if px is not None:
            self._paint_text(painter, px, lines, backers, card)
        self._paint_badge(painter, lod)

    def _speaker_text(self) -> str:
        if not self.speakers:
            return ""
        return ", ".join(self.speakers)

    def _speaker_room(self) -> float:
        inset = shapes.TEXT_INSET.get(self.node.kind, 8.0)
        return self._rect.width() - 2 * inset - (self._badge.width() + 4 if self.leaves else 0.0)  # clear of the badge

    def _speaker_lines(self, px: int | None, who: str) -> list[str]:
        """The speakers line: elided on one line, or all of them wrapped when hovered or selected."""
        if px is None or not who:
            return []
        small, room = speaker_font(px), self._speaker_room()
        if self.expanded:
            return wrap_lines(who, small, room, 99)
        return [QFontMetricsF(small).elidedText(who, Qt.TextElideMode.ElideRight, room)]

    def _text_height(self, px: int | None, lines: list[str], backers: list[str]) -> float:
        if px is None:
            return 0.0
        height = line_spacing(scene_font(px)) * len(lines) + 2 * PAD_Y
        if self.leaves and not backers:
            height += self._badge.height() * 0.5  # keep the last line clear of the badge
        return height + line_spacing(speaker_font(px)) * len(backers)

    def _paint_rings(self, painter: QPainter) -> None:
        """Crux halo (amber, stronger with the score) and the selection ring, outside the box."""
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.highlight:
            s = self.highlight
            painter.setPen(
                QPen(
                    with_alpha(HIGHLIGHT_COLOUR, 0.25 + 0.75 * s),
                    4 + 16 * s,
                    Qt.PenStyle.SolidLine,
                    Qt.PenCapStyle.RoundCap,
                    Qt.PenJoinStyle.RoundJoin,
                )
            )
            painter.drawPath(self._outline)
        if self.focused:
            # a dark ring with a white gap: unlike any theme colour or border
            for colour, width in ((SELECTION_COLOUR, 13.0), (NODE_BACKGROUND, 6.0)):
                painter.setPen(
                    QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
                )
                painter.drawPath(self._outline)

    def _card(self, text_h: float) -> QRectF:
        """Where the text goes: the box, or a taller card when a hovered or selected title needs more room."""
        if not self.expanded or text_h <= self._rect.height():
            return QRectF(self._rect)
        r = self._rect
        top = r.bottom() - text_h if self._grows_up() else r.top()
        return QRectF(r.left(), top, r.width(), text_h)

    def _paint_card(self, painter: QPainter, card: QRectF) -> None:
        """A white card behind the box, long enough for the whole title."""
        painter.setPen(QPen(self._border, 1.5))
        painter.setBrush(NODE_BACKGROUND)
        painter.drawRoundedRect(card, 8, 8)

    def _paint_body(self, painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(NODE_BACKGROUND)
        painter.drawPath(self._outline)
        if self._level is None:
            self._level = self._level_path()
        painter.fillPath(self._level, self._fill)
        width = shapes.BORDER_WIDTH.get(self.node.kind, 1.5) + (1.0 if self._hover else 0.0)
        painter.setPen(
            QPen(self._border, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._outline)
        if self.node.kind == "evidence":
            painter.setBrush(QBrush(with_alpha(self._border, 0.35)))
            painter.drawPolygon(shapes.fold_triangle(self._rect))

    def _paint_text(self, painter: QPainter, px: int, lines: list[str], backers: list[str], card: QRectF) -> None:
        font = scene_font(px)
        step = line_spacing(font)
        height = self._text_height(px, lines, backers)
        top = max(card.top(), card.center().y() - height / 2) + PAD_Y
        left, width = self._rect.left(), self._rect.width()
        painter.setFont(font)
        painter.setPen(TEXT_COLOUR)
        for i, line in enumerate(lines):
            painter.drawText(QRectF(left, top + i * step, width, step), Qt.AlignmentFlag.AlignCenter, line)
        if backers:
            small = speaker_font(px)
            inset = shapes.TEXT_INSET.get(self.node.kind, 8.0)
            small_step = line_spacing(small)
            painter.setFont(small)
            painter.setPen(MUTED)
            for i, line in enumerate(backers):
                row = QRectF(left + inset, top + len(lines) * step + i * small_step, self._speaker_room(), small_step)
                painter.drawText(row, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)

    def _badge_font_and_label(self, lod: float):
        font = scene_font(max(11, min(24, round(11.0 / max(lod, 1e-6)))), bold=True)
        return font, f"{'▸' if self.folded else '▾'} {self.leaves}"

    def _badge_rect(self, lod: float) -> QRectF:
        if not self.leaves:
            return QRectF()
        font, label = self._badge_font_and_label(lod)
        fm = QFontMetricsF(font)
        w, h = fm.horizontalAdvance(label) + fm.height() * 0.9, fm.height() * 1.15
        return QRectF(self._rect.right() - w - 10, self._rect.bottom() - h * 0.6, w, h)

    def _paint_badge(self, painter: QPainter, lod: float) -> None:
        """A pill on the bottom edge: how many claims fold under this node, and whether they are open."""
        if not self.leaves:
            return
        font, label = self._badge_font_and_label(lod)
        h = self._badge.height()
        painter.setPen(QPen(self._border, 1.2))
        painter.setBrush(NODE_BACKGROUND if self.folded else with_alpha(self._colour, 0.35))
        painter.drawRoundedRect(self._badge, h / 2, h / 2)
        painter.setFont(font)
        painter.setPen(TEXT_COLOUR)
        painter.drawText(self._badge, Qt.AlignmentFlag.AlignCenter, label)

    # -- hover: outline, whole title, and a tooltip built when needed (it shows the live strength) --
    def hoverEnterEvent(self, event) -> None:
        self.prepareGeometryChange()
        self._hover = True
        self.setZValue(14)
        self.setToolTip(self.tooltip())
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.prepareGeometryChange()
        self._hover = False
        self.setZValue(12 if self.focused else 10)
        self.update()
        super().hoverLeaveEvent(event)

    def tooltip(self) -> str:
        """Rich text: full titles, who said it and when, the quote, what backs it, strength."""
        n = self.node
        first, second = (n.title_zh, n.title_en) if self.language == "zh" and n.title_zh else (n.title_en, n.title_zh)
        parts = [f"<b>{html.escape(first)}</b>"]
        if second:
            parts.append(html.escape(second))
        date = getattr(n, "date", None)
        who = " · ".join(html.escape(str(x)) for x in (n.speaker, date, n.source) if x)
        if who:
            parts.append(f"<i>{who}</i>")
        quote = n.quote if self.language == "zh" else (n.quote_en or n.quote)
        if quote:
            parts.append(f"“{html.escape(_clip(quote, 280))}”")
        if self.speakers:
            parts.append("Backed by: " + html.escape(", ".join(self.speakers)))
        if self.leaves:
            state = "click to show them" if self.folded else "click ▾ to fold them"
            parts.append(f"{self.leaves} claims and evidence argue about this — {state}")
        parts.append(f"<span style='color:#555'>{html.escape(self._kind_line())} · strength {self.strength:.2f}</span>")
        return "<p>" + "<br>".join(parts) + "</p>"  # rich text: Qt wraps long tooltips

    def _kind_line(self) -> str:
        n = self.node
        bits = [KIND_NAMES.get(n.kind, n.kind)]
        for field in ("claim_type", "provenance"):
            value = getattr(n, field, None)
            if value:
                bits.append(str(value).replace("_", " "))
        bits.append(self._theme_title[1 if self.language == "zh" else 0])
        return " · ".join(bits)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
