"""The source viewer: every source's full text, searchable, and "New claim from selection".

The bundled seeds and the user's own sources are listed together; the text is
shown read-only exactly as stored, so a selected passage is a verbatim quote of
it. Search uses the core's matcher (case-insensitive, any run of whitespace
matches a space) and selects each hit in turn.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from debate_explorer.core.graph.sources_store import Source, search


class SourceViewer(QWidget):
    """A list of sources beside the chosen one's text; ``claimRequested(source_id, quote)`` on the button."""

    claimRequested = Signal(str, str)
    addRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sources: dict[str, Source] = {}
        self.list = QListWidget()
        self.list.currentItemChanged.connect(lambda item, _old: self._show(item))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setObjectName("sourceText")
        self.text.selectionChanged.connect(self._on_selection)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Search this source…")
        self.query.returnPressed.connect(self.find_next)
        self.query.textChanged.connect(lambda _t: self._search())
        self.hits_label = QLabel()
        self.claim_button = QPushButton("New claim from selection")
        self.claim_button.setEnabled(False)
        self.claim_button.setToolTip("Quote the selected passage verbatim in a new claim (Ctrl+Shift+N)")
        self.claim_button.clicked.connect(self.request_claim)
        add = QPushButton("Add source…")
        add.clicked.connect(self.addRequested.emit)
        QShortcut(
            QKeySequence("Ctrl+Shift+N"),
            self,
            self.request_claim,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self._hits: list[tuple[int, int]] = []
        self._hit = -1
        self._build(add)

    def _build(self, add: QPushButton) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.query, 1)
        bar.addWidget(self.hits_label)
        bar.addWidget(self.claim_button)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.info)
        column.addLayout(bar)
        column.addWidget(self.text, 1)
        left = QWidget()
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        lcol.addWidget(self.list, 1)
        lcol.addWidget(add)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([220, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

    # -- content ---------------------------------------------------------------------
    def set_sources(self, sources: dict[str, Source], keep: str | None = None) -> None:
        """Show ``sources`` (bundled first, then the user's), keeping the current one if it remains."""
        current = keep or self.current_id()
        self.sources = dict(sources)
        self.list.blockSignals(True)
        self.list.clear()
        for sid, src in sorted(sources.items(), key=lambda kv: (not kv[1].bundled, kv[1].title.lower())):
            item = QListWidgetItem(("" if src.bundled else "✎ ") + src.title)
            item.setData(Qt.ItemDataRole.UserRole, sid)
            item.setToolTip(sid)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.show_source(current if current in sources else next(iter(sorted(sources)), None))

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def show_source(self, source_id: str | None) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == source_id:
                self.list.setCurrentRow(i)
                self._show(self.list.item(i))
                return

    def _show(self, item: QListWidgetItem | None) -> None:
        src = self.sources.get(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        if src is None:
            self.text.setPlainText("")
            self.info.setText("")
            return
        who = ", ".join(src.speakers)
        meta = " · ".join(p for p in (who, src.date or "", src.url or "", src.file) if p)
        self.info.setText(f"<b>{_html(src.title)}</b><br>{_html(meta)}")
        self.text.setPlainText(src.text if src.text is not None else "(the text of this source is not on this machine)")
        self._search()

    # -- selection and search ------------------------------------------------------------
    def selected_quote(self) -> str:
        # QPlainTextEdit gives paragraph breaks as U+2029; the source has newlines.
        return self.text.textCursor().selectedText().replace("\u2029", "\n").strip()

    def select_text(self, start: int, end: int) -> None:
        """Select characters ``start:end`` of the text as Python counts them; Qt counts UTF-16
        units, so an emoji or a rare CJK character before them counts twice there."""
        text = self.text.toPlainText()
        cursor = self.text.textCursor()
        cursor.setPosition(_utf16(text, start))
        cursor.setPosition(_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def _on_selection(self) -> None:
        self.claim_button.setEnabled(bool(self.selected_quote()) and self.current_id() is not None)

    def request_claim(self) -> None:
        quote, sid = self.selected_quote(), self.current_id()
        if quote and sid is not None:
            self.claimRequested.emit(sid, quote)

    def _search(self) -> None:
        text = self.text.toPlainText()
        self._hits = search(text, self.query.text()) if self.query.text().strip() else []
        self._hit = -1
        self.hits_label.setText(f"{len(self._hits)} found" if self.query.text().strip() else "")
        if self._hits:
            self.find_next()

    def find_next(self) -> None:
        if not self._hits:
            return
        self._hit = (self._hit + 1) % len(self._hits)
        self.select_text(*self._hits[self._hit])
        self.hits_label.setText(f"{self._hit + 1} of {len(self._hits)}")


def _utf16(text: str, index: int) -> int:
    """The UTF-16 position of Python index ``index`` in ``text``."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def _html(text: str) -> str:
    from html import escape

    return escape(text)
