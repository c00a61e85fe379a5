"""The forms of map authoring: a source, a claim from a quote, an edge with its reason, a link.

Each dialog only collects values (``values()`` returns plain data for the core's
overlay edits); the edit itself, and every check of it, happens in the core, whose
error is shown by the caller while the dialog's input is kept for another try.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from debate_explorer.core.graph.model import ArgumentGraph
from debate_explorer.core.graph.schema import BASES, CLAIM_TYPES, PROVENANCES, SCHEMES

EDGE_TYPES = ("supports", "attacks", "answers")
SCHEME_LABELS = {s: s.replace("_", " ") for s in SCHEMES}


def slug(text: str, taken: set[str] | frozenset[str] = frozenset(), prefix: str = "user_") -> str:
    """A stable id from a title: lower case, underscores, unique among ``taken``."""
    base = prefix + (re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:48] or "claim")
    out, k = base, 2
    while out in taken:
        out, k = f"{base}_{k}", k + 1
    return out


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> None:
        self.form.addRow(self.buttons)
        self.resize(max(self.width(), 560), self.height())


def _combo(items: tuple[str, ...] | list[str], labels: dict[str, str] | None = None) -> QComboBox:
    box = QComboBox()
    for item in items:
        box.addItem((labels or {}).get(item, item), item)
    return box


def _node_combo(graph: ArgumentGraph, allow_none: bool = False) -> QComboBox:
    box = QComboBox()
    box.setEditable(False)
    if allow_none:
        box.addItem("(none)", None)
    for nid, node in sorted(graph.nodes.items(), key=lambda kv: kv[1].title_en.lower()):
        box.addItem(f"{node.title_en}  [{nid}]", nid)
    return box


def select_data(box: QComboBox, value: object) -> None:
    i = box.findData(value)
    if i >= 0:
        box.setCurrentIndex(i)


class SourceDialog(_Form):
    """A new source: a UTF-8 text file or pasted text, with title, speakers, date and URL."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Add source", parent)
        self.title = QLineEdit()
        self.speakers = QLineEdit()
        self.speakers.setPlaceholderText("comma-separated, e.g. Jane Doe, John Roe")
        self.date = QLineEdit()
        self.date.setPlaceholderText("YYYY or YYYY-MM")
        self.url = QLineEdit()
        self.file = QLineEdit()
        self.file.setPlaceholderText("a UTF-8 text file, or paste the text below")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Pasted text (any language)")
        self.form.addRow("Title", self.title)
        self.form.addRow("Speakers / authors", self.speakers)
        self.form.addRow("Date", self.date)
        self.form.addRow("URL", self.url)
        self.form.addRow("File", row)
        self.form.addRow("…or text", self.text)
        self.finish()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Source text", "", "Text (*.txt *.md);;All files (*)")
        if path:
            self.file.setText(path)
            if not self.title.text():
                self.title.setText(Path(path).stem)

    def values(self) -> dict[str, object]:
        return {
            "title": self.title.text().strip(),
            "speakers": tuple(s.strip() for s in self.speakers.text().split(",") if s.strip()),
            "date": self.date.text().strip() or None,
            "url": self.url.text().strip() or None,
            "file": self.file.text().strip() or None,
            "text": self.text.toPlainText(),
        }


class EdgeFields:
    """Type, target, weight, reason and scheme of an edge (shared by the claim and edge dialogs)."""

    def __init__(self, form: QFormLayout, graph: ArgumentGraph, *, optional: bool) -> None:
        self.type = _combo(("supports", "attacks") if optional else EDGE_TYPES)
        self.target = _node_combo(graph, allow_none=optional)
        self.weight = QDoubleSpinBox()
        self.weight.setRange(0.0, 1.0)
        self.weight.setSingleStep(0.1)
        self.weight.setValue(0.7)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("One sentence: why this supports or attacks that")
        self.scheme = _combo(SCHEMES, SCHEME_LABELS)
        form.addRow("Relation", self.type)
        form.addRow("…the claim", self.target)
        form.addRow("Weight", self.weight)
        form.addRow("Reason", self.reason)
        form.addRow("Argument scheme", self.scheme)

    def values(self) -> dict[str, object]:
        return {
            "type": self.type.currentData(),
            "target": self.target.currentData(),
            "weight": float(self.weight.value()),
            "reason": self.reason.text().strip(),
            "scheme": self.scheme.currentData(),
        }


class ClaimDialog(_Form):
    """A claim made from a selected passage: the quote is fixed; the reader writes the rest."""

    def __init__(
        self, graph: ArgumentGraph, quote: str, speakers: tuple[str, ...], date: str | None, parent=None
    ) -> None:
        super().__init__("New claim from selection", parent)
        self.graph = graph
        shown = QLabel(quote if len(quote) < 600 else quote[:600] + "…")
        shown.setWordWrap(True)
        shown.setObjectName("quotePreview")
        self.speaker = QComboBox()
        self.speaker.setEditable(True)
        self.speaker.addItems(list(speakers))
        self.title_en = QLineEdit()
        self.title_zh = QLineEdit()
        self.title_zh.setPlaceholderText("optional")
        self.node_id = QLineEdit()
        self.title_en.textEdited.connect(lambda t: self.node_id.setText(slug(t, frozenset(graph.nodes))))
        self.quote_en = QLineEdit()
        self.quote_en.setPlaceholderText("English rendering if the quote is in another language (optional)")
        self.summary = QPlainTextEdit()
        self.summary.setFixedHeight(64)
        self.kind = _combo(("claim", "evidence"))
        self.claim_type = _combo(CLAIM_TYPES)
        select_data(self.claim_type, "argument")
        self.provenance = _combo(PROVENANCES)
        self.date = QLineEdit(date or "")
        self.theme = QComboBox()
        for t in graph.themes:
            self.theme.addItem(t.title_en, t.id)
        for label, widget in (
            ("Quote", shown), ("Speaker", self.speaker), ("Title", self.title_en), ("Title (中文)", self.title_zh),
            ("Id", self.node_id), ("Quote in English", self.quote_en), ("Summary", self.summary),
            ("Kind", self.kind), ("Claim type", self.claim_type), ("Provenance", self.provenance),
            ("Date", self.date), ("Theme", self.theme),
        ):  # fmt: skip
            self.form.addRow(label, widget)
        self.edge = EdgeFields(self.form, graph, optional=True)
        self.finish()

    def values(self) -> dict[str, object]:
        extra = {"claim_type": self.claim_type.currentData(), "provenance": self.provenance.currentData()}
        if self.date.text().strip():
            extra["date"] = self.date.text().strip()
        return {
            "node_id": self.node_id.text().strip() or slug(self.title_en.text(), frozenset(self.graph.nodes)),
            "speaker": self.speaker.currentText().strip(),
            "title_en": self.title_en.text().strip(),
            "title_zh": self.title_zh.text().strip() or None,
            "quote_en": self.quote_en.text().strip() or None,
            "summary": self.summary.toPlainText().strip(),
            "kind": self.kind.currentData(),
            "theme": self.theme.currentData(),
            **extra,
            "edge": self.edge.values(),
        }


class EdgeDialog(_Form):
    """Add an edge from a node, or retype/reweight/re-reason an existing one."""

    def __init__(self, graph: ArgumentGraph, source: str, edge=None, parent=None) -> None:
        super().__init__("Edit edge" if edge else "Add edge", parent)
        self.form.addRow("From", QLabel(f"{graph.node(source).title_en}  [{source}]"))
        self.edge = EdgeFields(self.form, graph, optional=False)
        if edge is not None:
            select_data(self.edge.type, edge.type)
            select_data(self.edge.target, edge.target)
            self.edge.target.setEnabled(False)  # re-aim = delete and add: the edge's identity is its ends
            self.edge.weight.setValue(edge.weight)
            self.edge.reason.setText(edge.reason)
            select_data(self.edge.scheme, edge.scheme or "other")
        self.finish()

    def values(self) -> dict[str, object]:
        return self.edge.values()


class LinkDialog(_Form):
    """Which assumption a claim informs, the distribution it implies, and on what basis."""

    def __init__(self, assumptions: list[tuple[str, str, str]], link=None, parent=None) -> None:
        super().__init__("Edit link" if link else "Link to an assumption", parent)
        self.assumption = QComboBox()
        for model, name, label in assumptions:
            self.assumption.addItem(f"{label} ({name}, {model})", f"{model}:{name}")
        self.dist = QLineEdit()
        self.dist.setPlaceholderText("e.g. 0.5 to 0.7 @80%, or a single value such as 1.2")
        self.basis = _combo(BASES)
        self.rationale = QLineEdit()
        self.rationale.setPlaceholderText("Why the claim implies this distribution")
        self.form.addRow("Assumption", self.assumption)
        self.form.addRow("Implied distribution", self.dist)
        self.form.addRow("Basis", self.basis)
        self.form.addRow("Rationale", self.rationale)
        if link is not None:
            select_data(self.assumption, f"{link.model}:{link.assumption}")
            self.assumption.setEnabled(False)
            self.dist.setText(link.dist.describe())
            select_data(self.basis, link.basis or "judgement")
            self.rationale.setText(link.rationale)
        self.finish()

    def values(self) -> dict[str, object]:
        model, name = str(self.assumption.currentData()).split(":", 1)
        return {
            "model": model,
            "assumption": name,
            "dist": self.dist.text().strip(),
            "basis": self.basis.currentData(),
            "rationale": self.rationale.text().strip(),
        }
