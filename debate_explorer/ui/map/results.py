"""The search results list beside the map: matching titles with their speaker.

Moving through the list selects each node (so the map follows along);
Enter or a double-click also zooms in far enough to read it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from debate_explorer.core.graph.model import ArgumentGraph

ID_ROLE = Qt.ItemDataRole.UserRole


class _List(QListWidget):
    """Enter activates the current row even on platforms where it would not by default."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.itemActivated.emit(self.currentItem())
            event.accept()
            return
        super().keyPressEvent(event)


class SearchResults(QWidget):
    chosen = Signal(str)  # the current row moved to this node
    activated = Signal(str)  # Enter / double-click on this node

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 2, 0, 2)
        column.setSpacing(2)
        self.header = QLabel()
        self.header.setStyleSheet("color: palette(mid); padding: 2px;")
        column.addWidget(self.header)
        self.list = _List()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(lambda item: self.activated.emit(item.data(ID_ROLE)))
        self.list.itemClicked.connect(lambda item: self.chosen.emit(item.data(ID_ROLE)))
        column.addWidget(self.list, 1)

    def ids(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def show_results(self, ids: list[str], graph: ArgumentGraph, language: str) -> None:
        """Fill the list (no selection is made: typing must not jump the map around)."""
        self.list.blockSignals(True)
        self.list.clear()
        for nid in ids:
            node = graph.node(nid)
            title = node.title_zh if language == "zh" and node.title_zh else node.title_en
            theme = graph.theme(node.theme)
            theme_title = theme.title_zh if language == "zh" and theme.title_zh else theme.title_en
            item = QListWidgetItem(f"{title}\n    {node.speaker or node.kind} · {theme_title}")
            item.setData(ID_ROLE, nid)
            item.setToolTip(node.title_en if language == "zh" else (node.title_zh or node.title_en))
            self.list.addItem(item)
        self.list.blockSignals(False)
        n = len(ids)
        self.header.setText("No matches" if n == 0 else f"{n} match{'es' if n != 1 else ''}")

    def mark(self, node_id: str | None) -> None:
        """Show ``node_id`` as the current row if listed, without re-announcing it."""
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            if self.list.item(i).data(ID_ROLE) == node_id:
                self.list.setCurrentRow(i)
                break
        else:
            self.list.clearSelection()
        self.list.blockSignals(False)

    def focus_first(self) -> None:
        if self.list.count():
            self.list.setFocus()
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)
            else:
                self._current_changed(self.list.currentItem(), None)

    def _current_changed(self, item: QListWidgetItem | None, _previous) -> None:
        if item is not None:
            self.chosen.emit(item.data(ID_ROLE))
