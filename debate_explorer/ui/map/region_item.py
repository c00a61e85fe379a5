"""A theme's region: a lightly tinted rounded rectangle with the theme's title on top.

The title is large in scene units so it stays legible when the whole map is in
view — at that zoom the themes are what a reader navigates by.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from debate_explorer.core.graph.layout import LABEL_INSET, REGION_TITLE_PX, ThemeRegion
from debate_explorer.ui.map.node_text import READ_PX
from debate_explorer.ui.map.palette import border_colour, with_alpha
from debate_explorer.ui.map.text import scene_font

TITLE_PX = REGION_TITLE_PX  # the layout makes each region wide enough for its label at this size
MAX_TITLE_PX = 54.0  # the label band above the nodes is about this tall
SCREEN_PX = 14.0
RADIUS = 22.0


class RegionItem(QGraphicsItem):
    """The labelled background of one theme."""

    def __init__(self, region: ThemeRegion, colour: QColor) -> None:
        super().__init__()
        self.theme = region.theme
        self.labels = {"en": region.label_en, "zh": region.label_zh or region.label_en}
        self.language = "en"
        self._rect = QRectF(region.x, region.y, region.width, region.height)
        self._fill = with_alpha(colour, 0.09)
        self._edge = with_alpha(colour, 0.45)
        self._title = border_colour(colour)
        self.setZValue(-10)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    @property
    def title(self) -> str:
        return self.labels.get(self.language, self.labels["en"])

    @property
    def rect(self) -> QRectF:
        return QRectF(self._rect)

    def set_rect(self, region: ThemeRegion) -> None:
        """Move and resize to ``region`` (after blocks folded or unfolded)."""
        rect = QRectF(region.x, region.y, region.width, region.height)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setPen(QPen(self._edge, 2.0))
        painter.setBrush(self._fill)
        painter.drawRoundedRect(self._rect, RADIUS, RADIUS)
        # Zoomed out, the theme titles are what a reader navigates by: grow them so they
        # stay about SCREEN_PX tall on screen, up to what the label band can hold.
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        size = min(max(TITLE_PX, SCREEN_PX / max(lod, 1e-6)), MAX_TITLE_PX)
        label = self._rect.adjusted(LABEL_INSET, 8, -LABEL_INSET, 0)
        wide = QFontMetricsF(scene_font(round(size), bold=True)).horizontalAdvance(self.title)
        if wide > label.width():  # shrink a long title, while it stays readable, before cutting it short
            # (widths do not scale exactly with the font size: leave a little slack)
            size = max(min(TITLE_PX, READ_PX / max(lod, 1e-6)), 0.96 * size * label.width() / wide)
        font = scene_font(int(size / 2) * 2, bold=True)  # few sizes, so the font cache stays small
        label.setHeight(size * 1.3)
        text = QFontMetricsF(font).elidedText(self.title, Qt.TextElideMode.ElideRight, label.width())
        painter.setFont(font)
        painter.setPen(self._title)
        painter.drawText(label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
