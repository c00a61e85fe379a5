"""Small dialogs and texts: scenario title/notes, About, keyboard shortcuts."""

from __future__ import annotations

import html
from collections import Counter

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from debate_explorer import __version__
from debate_explorer.core.graph.model import ArgumentGraph


class ScenarioInfoDialog(QDialog):
    def __init__(self, title: str, notes: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Scenario title and notes")
        self.title = QLineEdit(title)
        self.notes = QPlainTextEdit(notes)
        self.notes.setPlaceholderText("Whose view this encodes and why — saved with the scenario.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Title", self.title)
        form.addRow("Notes", self.notes)
        form.addRow(buttons)
        self.resize(520, 320)

    def values(self) -> tuple[str, str]:
        return self.title.text().strip(), self.notes.toPlainText().strip()


SOURCES = {
    "000_d64f166faee85432.txt": "Lex Fridman Podcast #490 (Feb 2026) with Sebastian Raschka and Nathan Lambert",
    "001_bf732561413118de.txt": "Structured summary of the same conversation: 2025 review, 2026 outlook",
    "002_a4b02a4ddda3132f.txt": "Will Bryk (Exa), “Thoughts on the eve of AGI” (Dec 2024)",
    "003_9acecfd289868eca.txt": "Buchanan and critique, McKinsey, Genesis Mission, Jensen Huang, Andrej Karpathy, "
    "Jack Clark, Goldman Sachs, Wu Yongming",
    "004_63e39eedb4781341.txt": "Dwarkesh Patel on EconTalk with Russ Roberts (Mar 2025)",
}


def about_text(graph: ArgumentGraph) -> str:
    cited = Counter(n.source for n in graph.nodes.values() if n.source)
    rows = "".join(
        f"<li><code>{html.escape(f)}</code> — {html.escape(d)} ({cited.get(f, 0)} nodes)</li>"
        for f, d in SOURCES.items()
    )
    return (
        f"<h3>Debate Explorer {__version__}</h3>"
        "<p>An argument map of the AGI debate wired to a live Monte Carlo scenario engine: "
        "claim → credence → assumption → outcome distribution, and back again: which claims are the cruxes.</p>"
        f"<p>The map holds {len(graph.nodes)} nodes and {len(graph.edges)} edges built from these sources "
        "(each node cites speaker, file and the original quote):</p>"
        f"<ul>{rows}</ul>"
        f"<p>Model kinds:</p><ul>{_kinds_html()}</ul>"
    )


def _kinds_html() -> str:
    """Each registered model kind: its title and what it is (from the kind itself)."""
    from debate_explorer.core.engine.kinds import get_kind, kind_names

    kinds = [get_kind(name) for name in kind_names()]
    return "".join(
        f"<li><b>{html.escape(k.title)}</b> (<code>{html.escape(k.name)}</code>): {html.escape(k.description)}</li>"
        for k in kinds
    )


def keyboard_rows(actions) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every key of the app: the menus' actions (read from the actions
    themselves, so this list cannot drift from them), then the map's and the tour's keys."""
    from debate_explorer.ui.map.keyboard import CANVAS_KEYS, MAP_KEYS, TOUR_KEYS

    rows = []
    for action in actions:
        keys = " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
        if keys:
            rows.append(("Menus", keys, action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")))
    rows += [("Map", k, w) for k, w in CANVAS_KEYS + MAP_KEYS]
    rows += [("Tour", k, w) for k, w in TOUR_KEYS]
    return rows


def keyboard_html(actions) -> str:
    """Help ▸ Keyboard: every key in one table, a heading row for each place it works."""
    body, place = [], None
    for where, keys, what in keyboard_rows(actions):
        if where != place:
            place = where
            body.append(f"<tr><th colspan='2' align='left'><br>{html.escape(where)}</th></tr>")
        body.append(f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(what)}</td></tr>")
    return f"<table cellspacing='4'>{''.join(body)}</table>"


class KeyboardDialog(QDialog):
    """The keyboard table in a scrolling pane, so it fits a 1366x768 screen."""

    def __init__(self, actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard")
        self.text = QTextBrowser()
        self.text.setHtml(keyboard_html(actions))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(620, 560)
