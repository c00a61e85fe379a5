"""The strip above the map: search, theme and speaker filters, language, zoom.

It only reports what the user asked for through signals; the map view decides
what that means, so the toolbar can be tested (and rearranged) on its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
)

from debate_explorer.core.graph.model import ArgumentGraph
from debate_explorer.ui.map.palette import theme_colour

ALL_SPEAKERS = "All speakers"


class SearchField(QLineEdit):
    """A line edit that hands Enter / Down to the results list and clears on Escape."""

    navigate = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.navigate.emit()
            event.accept()
        elif event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
        else:
            super().keyPressEvent(event)


class MapToolbar(QWidget):
    searchChanged = Signal(str)
    searchAccepted = Signal()
    themesChanged = Signal(object)  # frozenset of theme ids, or None for all
    speakerChanged = Signal(object)  # a speaker, or None for all
    languageRequested = Signal(str)  # "en" or "zh"
    zoomInRequested = Signal()
    zoomOutRequested = Signal()
    fitRequested = Signal()
    legendToggled = Signal(bool)

    def __init__(self, graph: ArgumentGraph, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._graph = graph
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 3, 4, 3)
        row.setSpacing(4)

        self.search = SearchField()
        self.search.setPlaceholderText("Search titles, quotes, speakers…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.search.setMaximumWidth(420)
        self.search.textChanged.connect(self.searchChanged)
        self.search.navigate.connect(self.searchAccepted)
        row.addWidget(self.search, 1)

        self.themes_button = QToolButton()
        self.themes_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.themes_button.setToolTip("Show only some themes")
        self.themes_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.theme_actions: dict[str, QAction] = {}
        self.themes_button.setMenu(self._theme_menu())
        row.addWidget(self.themes_button)

        self.speakers = QComboBox()
        self.set_speakers(graph.speakers())
        self.speakers.setToolTip("Show only one speaker's claims")
        self.speakers.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.speakers.setMinimumContentsLength(14)
        self.speakers.currentIndexChanged.connect(self._speaker_picked)
        row.addWidget(self.speakers)
        row.addStretch(0)

        self.language_buttons = QButtonGroup(self)
        for code, text, tip in (
            ("en", "EN", "Titles and quotes in English"),
            ("zh", "中文", "Titles and quotes in Chinese"),
        ):
            button = self._tool(text, tip)
            button.setCheckable(True)
            button.setProperty("language", code)
            self.language_buttons.addButton(button)
            row.addWidget(button)
        self.language_buttons.setExclusive(True)
        self.language_buttons.buttonClicked.connect(lambda b: self.languageRequested.emit(b.property("language")))

        for text, tip, signal in (
            ("−", "Zoom out (-)", self.zoomOutRequested),
            ("+", "Zoom in (+)", self.zoomInRequested),
            ("Fit", "Fit the map, or the search results, in view (F)", self.fitRequested),
        ):
            button = self._tool(text, tip)
            button.clicked.connect(signal)
            row.addWidget(button)
        self.legend_button = self._tool("Legend", "Show the key to shapes, fills and arrows")
        self.legend_button.setCheckable(True)
        self.legend_button.setChecked(True)
        self.legend_button.toggled.connect(self.legendToggled)
        row.addWidget(self.legend_button)
        self.set_language(language)

    @staticmethod
    def _tool(text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    # -- themes --------------------------------------------------------------------
    def _theme_menu(self) -> QMenu:
        menu = QMenu(self)
        show_all = menu.addAction("Show all themes")
        show_all.triggered.connect(lambda: self.set_themes(None, emit=True))
        menu.addSeparator()
        for i, theme in enumerate(self._graph.themes):
            action = menu.addAction(_swatch(theme_colour(i)), _menu_text(theme.title_en))
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(self._themes_toggled)
            self.theme_actions[theme.id] = action
        self._update_themes_label()
        return menu

    def selected_themes(self) -> frozenset[str] | None:
        on = frozenset(t for t, a in self.theme_actions.items() if a.isChecked())
        return None if len(on) == len(self.theme_actions) else on

    def set_themes(self, themes: frozenset[str] | None, *, emit: bool = False) -> None:
        for tid, action in self.theme_actions.items():
            action.blockSignals(True)
            action.setChecked(themes is None or tid in themes)
            action.blockSignals(False)
        self._update_themes_label()
        if emit:
            self.themesChanged.emit(self.selected_themes())

    def _themes_toggled(self) -> None:
        self._update_themes_label()
        self.themesChanged.emit(self.selected_themes())

    def _update_themes_label(self) -> None:
        chosen = self.selected_themes()
        total = len(self.theme_actions)
        self.themes_button.setText("Themes ▾" if chosen is None else f"Themes {len(chosen)}/{total} ▾")

    # -- speaker and language ----------------------------------------------------------
    def _speaker_picked(self, index: int) -> None:
        self.speakerChanged.emit(None if index <= 0 else self.speakers.itemText(index))

    def set_speakers(self, speakers: list[str]) -> None:
        """The speaker list (the map's, an overlay's new speakers included); the choice is kept
        if that speaker is still on the map, else the filter goes back to all, without a signal."""
        current = self.speakers.currentText() if self.speakers.currentIndex() > 0 else None
        self.speakers.blockSignals(True)
        self.speakers.clear()
        self.speakers.addItem(ALL_SPEAKERS)
        self.speakers.addItems(list(speakers))
        self.speakers.setCurrentIndex(max(0, self.speakers.findText(current)) if current else 0)
        self.speakers.blockSignals(False)

    def set_speaker(self, speaker: str | None) -> None:
        index = 0 if speaker is None else max(0, self.speakers.findText(speaker))
        self.speakers.setCurrentIndex(index)

    def set_language(self, language: str) -> None:
        """Reflect the current language (no signal: the context already knows)."""
        for button in self.language_buttons.buttons():
            button.setChecked(button.property("language") == language)
        for tid, action in self.theme_actions.items():
            theme = self._graph.theme(tid)
            action.setText(_menu_text(theme.title_zh if language == "zh" and theme.title_zh else theme.title_en))


def _menu_text(title: str) -> str:
    """A title as menu text: a lone '&' would mark a shortcut letter and vanish ("Scaling  compute")."""
    return title.replace("&", "&&")


def _swatch(colour: QColor) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(colour)
    return QIcon(pix)
