"""The map's QGraphicsView: zoom, pan, fit and click-to-select (the key is ``legend.LegendStrip``).

Drag pans (ScrollHandDrag); a press and release within a few pixels is a click,
so a pan never selects by accident. The view keeps fitting itself to the map on
resize until the user zooms or pans — then it leaves their view alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QTransform, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget

from debate_explorer.ui.map.node_item import NodeItem

MIN_ZOOM, MAX_ZOOM = 0.05, 4.0
MAX_FIT_ZOOM = 1.2  # fitting a single node should not blow it up to fill the screen
KEY_STEP = 1.25
CLICK_SLOP = 4  # pixels a press may move and still count as a click
FIT_MARGIN = 30.0


_ARROWS = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right", Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down"}


class MapCanvas(QGraphicsView):
    nodeClicked = Signal(object)  # node id, or None for empty space
    zoomed = Signal(float)  # the user zoomed (wheel, keys, buttons) to this zoom
    fitRequested = Signal()
    escapePressed = Signal()
    toggleRequested = Signal()  # Enter: open or close the selected position's claims
    navigateRequested = Signal(str)  # "next", "previous", "left", "right", "up", "down" (ui/map/keyboard.py)
    credenceRequested = Signal()  # Space: the keyboard goes to the selected node's credence

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing
            | QPainter.RenderHint.TextAntialiasing
            | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._press: QPoint | None = None
        self._auto_fit = True
        self._fit_rect: QRectF | None = None
        self._fit_floor = MIN_ZOOM
        self.last_click = QPointF()  # scene point of the last click (the map view asks which part was hit)

    # -- zoom and fit -------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float, *, at_cursor: bool = False) -> None:
        """Scale by ``factor`` within the zoom limits, around the cursor or the view's centre."""
        target = min(max(self.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        if abs(target - self.zoom) < 1e-9:
            return
        self._auto_fit = False
        anchor = (
            QGraphicsView.ViewportAnchor.AnchorUnderMouse
            if at_cursor
            else QGraphicsView.ViewportAnchor.AnchorViewCenter
        )
        old = self.transformationAnchor()
        self.setTransformationAnchor(anchor)
        self.scale(target / self.zoom, target / self.zoom)
        self.setTransformationAnchor(old)
        self.zoomed.emit(self.zoom)

    def fit_rect(self, rect: QRectF, *, keep_auto: bool = False, floor: float = MIN_ZOOM, right: float = 0.0) -> None:
        """Show ``rect`` whole and centred, never zooming in past ``MAX_FIT_ZOOM``.

        ``floor`` is the least zoom at which the map is still readable: on a small
        panel the view then shows the top-left of ``rect`` at that zoom instead of
        all of it too small to read. ``right`` keeps that many viewport pixels on
        the right free (for a card drawn over the map).
        """
        self._fit_rect = QRectF(rect)
        self._fit_floor = floor
        self._auto_fit = keep_auto
        padded = rect.adjusted(-FIT_MARGIN, -FIT_MARGIN, FIT_MARGIN, FIT_MARGIN)
        port = self.viewport().rect().adjusted(0, 0, -int(right), 0)
        zoom = min(max(port.width(), 1) / padded.width(), max(port.height(), 1) / padded.height())
        zoom = min(max(zoom, MIN_ZOOM, min(floor, MAX_FIT_ZOOM)), MAX_FIT_ZOOM)
        self.setTransform(QTransform.fromScale(zoom, zoom))
        centre = padded.center() + QPointF(right / 2 / zoom, 0.0)
        half_w, half_h = port.width() / 2 / zoom, port.height() / 2 / zoom
        if half_w * 2 < padded.width():  # too wide to show whole: start at the left edge
            centre.setX(padded.left() + half_w)
        if half_h * 2 < padded.height():
            centre.setY(padded.top() + port.height() / 2 / zoom)
        self.centerOn(centre)

    def hold(self) -> None:
        """Stop re-fitting on resize: the user's view is theirs now."""
        self._auto_fit = False

    def reveal(self, rect: QRectF) -> None:
        """Scroll so ``rect`` is in view, keeping the zoom (centre it if it is off screen)."""
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        if not shown.contains(rect):
            self._auto_fit = False
            self.centerOn(rect.center())

    def focus_on(self, rect: QRectF, min_zoom: float) -> None:
        """Centre ``rect`` and zoom in to at least ``min_zoom`` so its text is readable."""
        if self.zoom < min_zoom:
            self.setTransform(QTransform.fromScale(min_zoom, min_zoom))
        self._auto_fit = False
        self.centerOn(rect.center())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._auto_fit and self._fit_rect is not None:
            self.fit_rect(self._fit_rect, keep_auto=True, floor=self._fit_floor)

    # -- mouse and keys -------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y() or event.pixelDelta().y()
        if delta:
            self.zoom_by(1.0015**delta, at_cursor=True)
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and (event.position().toPoint() - self._press).manhattanLength() > CLICK_SLOP:
            self._auto_fit = False
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        pos = event.position().toPoint()
        moved = (pos - self._press).manhattanLength()
        self._press = None
        if moved <= CLICK_SLOP:
            self.last_click = self.mapToScene(pos)
            self.nodeClicked.emit(self.node_at(pos))

    def node_at(self, pos: QPoint) -> str | None:
        """The id of the visible node under viewport point ``pos``, if any."""
        for item in self.items(pos):
            if isinstance(item, NodeItem) and item.isVisible():
                return item.node_id
        return None

    def event(self, event: QEvent) -> bool:
        """Tab and Shift+Tab move between nodes while the map has the keyboard (Ctrl+Tab leaves it)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not ctrl:
                back = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.navigateRequested.emit("previous" if back else "next")
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(KEY_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / KEY_STEP)
        elif key == Qt.Key.Key_F and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.fitRequested.emit()
        elif key == Qt.Key.Key_Escape:
            self.escapePressed.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.toggleRequested.emit()
        elif key == Qt.Key.Key_Space:
            self.credenceRequested.emit()
        elif (arrow := _ARROWS.get(Qt.Key(key))) and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.navigateRequested.emit(arrow)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
