"""A vertical hover line with a read-out of every curve at the cursor's year.

The owning view supplies ``text_for(x) -> html | None``; the crosshair only
tracks the mouse and places the label on the side of the line with more room,
so it never runs off the plot.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt

from debate_explorer.ui.plots.style import FOREGROUND, MUTED


class Crosshair(QObject):
    def __init__(
        self, plot: pg.PlotWidget, text_for: Callable[[float], str | None], avoid: pg.GraphicsObject | None = None
    ) -> None:
        super().__init__(plot)
        self._plot = plot
        self._text_for = text_for
        self._avoid = avoid  # the legend: it is drawn above the data, so the label steps around it
        self._view = plot.getPlotItem().getViewBox()
        self.line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(MUTED, width=1, style=Qt.PenStyle.DashLine))
        self.label = pg.TextItem(
            color=FOREGROUND, anchor=(0, 0), fill=pg.mkBrush(255, 255, 255, 235), border=pg.mkPen("#C8C8C8")
        )
        for item, z in ((self.line, 50), (self.label, 60)):
            self._view.addItem(item, ignoreBounds=True)
            item.setZValue(z)
            item.hide()
        plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        plot.viewport().installEventFilter(self)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        if not self._view.sceneBoundingRect().contains(scene_pos):
            self.hide()
            return
        self.show_at(self._view.mapSceneToView(scene_pos).x())

    def show_at(self, x: float) -> None:
        """Move the line to year ``x`` and refresh the read-out (also used by tests)."""
        html = self._text_for(x)
        if html is None:
            self.hide()
            return
        (x0, x1), (_, y1) = self._view.viewRange()
        right_side = x > x0 + 0.6 * (x1 - x0)
        gap = 0.008 * (x1 - x0)
        self.label.setHtml(html)
        self.label.setAnchor((1, 0) if right_side else (0, 0))
        self.label.setPos(x - gap if right_side else x + gap, y1)
        self._step_around_legend(right_side)
        self.line.setPos(x)
        self.line.show()
        self.label.show()

    def _step_around_legend(self, right_side: bool) -> None:
        """Drop the label below the legend when the two would overlap.

        The label's own scene rect is only valid after a paint, so its box is
        worked out from its text size (pixels) and its anchor point.
        """
        if self._avoid is None or not self._avoid.isVisible():
            return
        size = self.label.textItem.boundingRect().size()
        corner = self._view.mapViewToScene(self.label.pos())
        left = corner.x() - size.width() if right_side else corner.x()
        box = QRectF(left, corner.y(), size.width(), size.height())
        legend = self._avoid.sceneBoundingRect()
        if box.intersects(legend):
            below = self._view.mapSceneToView(QPointF(corner.x(), legend.bottom() + 2)).y()
            self.label.setPos(self.label.pos().x(), below)

    def hide(self) -> None:
        self.line.hide()
        self.label.hide()

    def text(self) -> str:
        """The read-out as plain text ('' when hidden)."""
        return self.label.textItem.toPlainText() if self.label.isVisible() else ""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self.hide()
        return False
