"""The guided tour in the window: a card over the map that walks through the stops.

The stops are data (:mod:`debate_explorer.core.model.tour`); this module only shows
them. Each stop selects its first node (so the Inspector shows it), marks the
others with the map's highlight, brings them into view and shows a quote and one
thing to try. The tour is offered once, on the first launch of the app
(``offer_on_first_launch``, called only by :func:`debate_explorer.ui.window.app.run`,
so tests and screenshots never see it), and is on the Help menu afterwards.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from debate_explorer.core.errors import InputError
from debate_explorer.core.model.tour import TourStop, fill_titles, load_tour, tour_for_graph
from debate_explorer.ui.common.context import AppContext

OFFERED_KEY = "tour/offered"
CARD_WIDTH = 360
MARGIN = 12
MARK = 0.55  # highlight of the stop's other nodes (the crux halo, at a middling score)
STYLE = """
QFrame#tourCard { background: #fffdf7; border: 1px solid #c9b27c; border-radius: 8px; }
QLabel#tourStep { color: #7a6a3a; font-size: 11px; }
QLabel#tourTitle { font-size: 15px; font-weight: 600; }
QLabel#tourQuote { background: #f6f4ee; border-left: 3px solid #c9b27c; padding: 4px 6px; font-size: 11px; }
QLabel#tourTry { background: #eaf3ea; border-radius: 4px; padding: 5px 7px; }
"""


class TourCard(QFrame):
    """The card: step, title, text, quote, one thing to try, and Back / Next / Close."""

    backRequested = Signal()
    nextRequested = Signal()
    closeRequested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tourCard")
        self.setStyleSheet(STYLE)
        self.setFixedWidth(CARD_WIDTH)
        self.step = self._label("tourStep")
        self.title = self._label("tourTitle")
        self.text = self._label()
        self.quote = self._label("tourQuote")
        self.try_ = self._label("tourTry")
        self.back = QPushButton("Back")
        self.next = QPushButton("Next")
        self.close_button = QPushButton("Close")
        self.next.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 10, 12, 10)
        for w in (self.step, self.title, self.text, self.quote, self.try_):
            column.addWidget(w)
        column.addLayout(buttons)
        self.back.clicked.connect(self.backRequested)
        self.next.clicked.connect(self.nextRequested)
        self.close_button.clicked.connect(self.closeRequested)

    @staticmethod
    def _label(name: str = "") -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        if name:
            label.setObjectName(name)
        return label

    def show_offer(self) -> None:
        """The first-launch invitation: start the tour, or not now."""
        self.step.setText("Welcome")
        self.title.setText("New to the AGI debate?")
        self.text.setText(
            "A short tour follows the model from compute to what it means for people: ten stops, "
            "about three minutes. It stays on the Help menu (Help ▸ Take the Tour)."
        )
        self.quote.hide()
        self.try_.hide()
        self.back.hide()
        self.next.setText("Start the tour")
        self.close_button.setText("Not now")
        self._fit()

    def show_stop(self, index: int, total: int, stop: TourStop, quote_html: str, try_text: str) -> None:
        self.step.setText(f"Guided tour · stop {index + 1} of {total}")
        self.title.setText(html.escape(stop.title))
        self.text.setText(html.escape(stop.text))
        self.quote.setText(quote_html)
        self.quote.setVisible(bool(quote_html))
        self.try_.setText(f"<b>Try:</b> {html.escape(try_text)}")
        self.try_.show()
        self.back.setVisible(True)
        self.back.setEnabled(index > 0)
        self.next.setText("Finish" if index == total - 1 else "Next")
        self.close_button.setText("Close")
        self._fit()

    def _fit(self) -> None:
        self.adjustSize()
        self.show()
        self.raise_()


class Tour(QObject):
    """Steps through the stops on a window's map and context."""

    stepChanged = Signal(int)
    ended = Signal()

    def __init__(
        self, ctx: AppContext, map_view, stops: tuple[TourStop, ...] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.map = map_view
        assert ctx.graph is not None, "the tour walks the argument map"
        self.stops = tour_for_graph(stops if stops is not None else load_tour(), ctx.graph)
        self.index = -1
        self._saved_highlight: dict[str, float] | None = None
        self.card = TourCard(map_view.window())  # over the whole window: a short map panel must not clip it
        self.card.hide()
        self.card.backRequested.connect(lambda: self.go(self.index - 1))
        self.card.nextRequested.connect(self._next)
        self.card.closeRequested.connect(self.end)
        map_view.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self.index >= 0

    @property
    def current(self) -> TourStop | None:
        return self.stops[self.index] if self.active else None

    def offer(self) -> None:
        """Show the invitation; Next starts the tour."""
        self.index = -1
        self.card.show_offer()
        self._place()

    def start(self, index: int = 0) -> None:
        if self.stops:
            self._saved_highlight = self.ctx.highlight
            self.go(index)

    def go(self, index: int) -> None:
        """Show stop ``index``: select its first node, mark the others, bring them into view."""
        if not self.stops:
            return
        self.index = max(0, min(index, len(self.stops) - 1))
        stop = self.stops[self.index]
        self.ctx.select(stop.nodes[0])
        self.ctx.set_highlight({n: (1.0 if i == 0 else MARK) for i, n in enumerate(stop.nodes)})
        assert self.ctx.graph is not None
        try_text = fill_titles(stop.try_, self.ctx.graph, self.ctx.language)
        self.card.show_stop(self.index, len(self.stops), stop, self._quote_html(stop), try_text)
        self._place()
        self.map.show_nodes(stop.nodes, right=CARD_WIDTH + 2 * MARGIN)
        self.stepChanged.emit(self.index)

    def _next(self) -> None:
        if not self.active:
            self.start()
        elif self.index == len(self.stops) - 1:
            self.end()
        else:
            self.go(self.index + 1)

    def end(self) -> None:
        was_active = self.active
        self.index = -1
        self.card.hide()
        if was_active:
            self.ctx.set_highlight(self._saved_highlight)
        self.ended.emit()

    def _quote_html(self, stop: TourStop) -> str:
        if not stop.quote:
            return ""
        node = self.ctx.graph.node(stop.quote)
        parts = []
        if node.quote:
            parts.append(f"「{html.escape(node.quote)}」")
        if node.quote_en and node.quote_en != node.quote:
            parts.append(f"<i>“{html.escape(node.quote_en)}”</i>")
        if node.speaker:
            parts.append(f"<small>— {html.escape(node.speaker)}</small>")
        return "<br>".join(parts)

    def _place(self) -> None:
        """Top right of the map, below its toolbar, moved up if the window is too short for it."""
        parent = self.card.parentWidget()
        corner = self.map.mapTo(parent, QPoint(self.map.width(), self.map.toolbar.geometry().bottom()))
        x = corner.x() - self.card.width() - MARGIN
        y = min(corner.y() + MARGIN, parent.height() - self.card.height() - MARGIN)
        self.card.move(max(0, x), max(0, y))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.map and event.type() == QEvent.Type.Resize and self.card.isVisible():
            self._place()
        return False


def tour_of(window) -> Tour:
    """The window's tour, made on first use."""
    tour = getattr(window, "_tour", None)
    if tour is None:
        tour = Tour(window.ctx, window.map, parent=window)
        window._tour = tour
    return tour


def start_tour(window) -> Tour | None:
    """Help ▸ Take the Tour (a broken tour file is reported in a dialog; the work stays as it was)."""
    try:
        tour = tour_of(window)
    except InputError as exc:
        QMessageBox.warning(window, "Cannot start the tour", exc.message)
        return None
    tour.start()
    return tour


def offer_on_first_launch(window, settings: QSettings) -> bool:
    """Offer the tour if this user has never been offered it; remember that it was."""
    if settings.value(OFFERED_KEY, False, type=bool):
        return False
    settings.setValue(OFFERED_KEY, True)
    try:
        tour_of(window).offer()
    except InputError:
        return False  # a broken tour file: nothing to offer (Help ▸ Take the Tour will say why)
    return True


def render_tour(window, path: str | Path, columns: int = 2, scale: float = 0.8) -> Path:
    """Render every stop offscreen into one PNG: frames of the map and the card, in reading order.

    The caller sizes and shows the window first. Each frame is the map panel (with
    the card over it) cut from a window grab and scaled by ``scale``.
    """
    from PySide6.QtWidgets import QApplication

    tour = tour_of(window)
    frames = []
    tour.start()
    for i in range(len(tour.stops)):
        tour.go(i)
        for _ in range(3):
            QApplication.processEvents()
        area = QRect(tour.map.mapTo(window, QPoint(0, 0)), tour.map.size()).united(tour.card.geometry())
        frames.append(window.grab(area).toImage())
    tour.end()
    w = round(max(f.width() for f in frames) * scale)
    h = round(max(f.height() for f in frames) * scale)
    gap = 10
    rows = -(-len(frames) // columns)
    sheet = QImage(w * columns + gap * (columns + 1), h * rows + gap * (rows + 1), QImage.Format.Format_RGB32)
    sheet.fill(QColor("#d8d8d8"))
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    for k, frame in enumerate(frames):
        r, c = divmod(k, columns)
        scaled = frame.scaled(w, h, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        painter.drawImage(gap + c * (w + gap), gap + r * (h + gap), scaled)
    painter.end()
    path = Path(path)
    if not sheet.save(str(path)):
        raise OSError(f"could not write {path}")
    return path
