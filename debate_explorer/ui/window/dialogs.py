"""Small dialogs and texts: scenario title/notes, About, keyboard shortcuts."""

from __future__ import annotations

import html
from collections import Counter

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

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
        "<p>The <code>ai2027-horizon</code> model ports the AI 2027 timelines forecast's time-horizon-extension "
        "method (public repository uvafan/timelines-takeoff-ai-2027).</p>"
    )


SHORTCUTS = [
    ("Ctrl+N / Ctrl+O / Ctrl+S / Ctrl+Shift+S", "New, open, save, save as"),
    ("Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y)", "Undo / redo (a slider drag is one step)"),
    ("Ctrl+F", "Search the map (English or Chinese)"),
    ("Ctrl+L", "Switch titles and quotes between English and 中文"),
    ("F / Ctrl+0", "Fit the map (F with the map focused)"),
    ("Ctrl+E", "Zoom to the selected node and its neighbours"),
    ("+ / − / mouse wheel, drag", "Zoom and pan the map (zooming in unfolds the claims)"),
    ("Space / Enter, or click a position", "Show or fold the claims under the selected position"),
    ("Ctrl+1 / Ctrl+2 / Ctrl+3", "10,000 / 100,000 / 1,000,000 samples"),
    ("F5", "Recompute"),
    ("Ctrl+P", "Pin the current result for comparison"),
    ("Ctrl+Q", "Quit"),
]


def shortcuts_text() -> str:
    return "\n".join(f"{keys:<42} {what}" for keys, what in SHORTCUTS)
