"""Number formatting and the small read-out table beside each plot.

Formatting lives here so every view (and the tests) agree on how a share or a
year is written. The table is a grid of labels created once and updated in
place, because results stream in while a slider moves.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from debate_explorer.ui.plots.style import FOREGROUND, MUTED

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_share(p: float) -> str:
    """A probability as a percentage; small and near-certain values keep a decimal."""
    if p is None or not math.isfinite(p):
        return "–"
    pct = 100.0 * p
    if pct == 0:
        return "0%"
    if pct < 0.1:
        return "<0.1%"
    if 99.95 <= pct < 100:
        return ">99.9%"  # never round a 'not quite certain' up to 100%
    if pct < 1 or 99 < pct < 100:
        return f"{pct:.1f}%"
    return f"{pct:.0f}%"


def fmt_value_pct(v: float) -> str:
    """A quantity that is itself a rate or share (growth, automation), in percent."""
    if not math.isfinite(v):
        return "–"
    pct = 100.0 * v
    return f"{pct:.1f}%" if abs(pct) < 10 else f"{pct:.0f}%"


def fmt_year(y: float, horizon: float, decimals: int = 1) -> str:
    """A milestone year; 'after <horizon>' when it is not reached within the run."""
    if not math.isfinite(y):
        return f"after {horizon:.0f}"
    return f"{y:.{decimals}f}"


def fmt_range(lo: float, hi: float, horizon: float) -> str:
    """'2027–2039'; an end beyond the horizon reads '2027–2050+' (not '–>2050', an arrow)."""
    lo_text, hi_text = fmt_year(lo, horizon, 0), fmt_year(hi, horizon, 0)
    if lo_text.startswith("after "):
        return lo_text
    if hi_text.startswith("after "):
        hi_text = hi_text.removeprefix("after ") + "+"
    return f"{lo_text}–{hi_text}"


def fmt_month(x: float) -> str:
    """A fractional year as 'Jun 2031': how people say a date on a timeline."""
    year = math.floor(x)
    month = min(int((x - year) * 12), 11)
    return f"{MONTHS[month]} {year}"


def fmt_quarter(x: float) -> str:
    """The quarter a fractional year falls in, as 'Q3 2028'."""
    year = math.floor(x + 1e-9)
    return f"Q{min(int((x - year) * 4 + 1e-9), 3) + 1} {year}"


def cell_html(current: str, pinned: str | None) -> str:
    if pinned is None:
        return current
    return f"{current}<br><span style='color:{MUTED}; font-size:8pt'>{pinned}</span>"


def swatch_html(colour: str, text: str) -> str:
    return f"<span style='color:{colour}'>■</span>&nbsp;<b>{text}</b>"


class ReadoutGrid(QWidget):
    """Rows of named figures by column (one column per milestone or statistic)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 4, 6, 4)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._grid)
        outer.addStretch(1)  # keep rows packed at the top whatever their number
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(3)
        self._shape: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        self._cells: list[list[QLabel]] = []
        self._note = QLabel()
        self._note.setWordWrap(True)
        self._note.setStyleSheet(f"color: {MUTED}; font-size: 8pt;")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        # White like the plot beside it, so plot and table read as one figure.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("readout")
        self.setStyleSheet("#readout { background: white; border-left: 1px solid #E2E2E2; }")

    def set_shape(self, columns: list[str], rows: list[str]) -> None:
        """(Re)build the labels, only when the headings actually change."""
        shape = (tuple(columns), tuple(rows))
        if shape == self._shape:
            return
        self._shape = shape
        while self._grid.count():
            w = self._grid.takeAt(0).widget()
            if w is not None and w is not self._note:
                w.hide()  # deleteLater alone leaves it painted until the event loop turns
                w.deleteLater()
        for c, text in enumerate(columns):
            self._grid.addWidget(self._label(text, Qt.AlignmentFlag.AlignRight), 0, c + 1)
        self._cells = []
        for r, text in enumerate(rows):
            head = self._label(html.escape(text), Qt.AlignmentFlag.AlignLeft)
            head.setStyleSheet(f"color: {MUTED};")
            self._grid.addWidget(head, r + 1, 0)
            row = [self._label("–", Qt.AlignmentFlag.AlignRight) for _ in columns]
            for c, cell in enumerate(row):
                self._grid.addWidget(cell, r + 1, c + 1)
            self._cells.append(row)
        self._grid.addWidget(self._note, len(rows) + 1, 0, 1, len(columns) + 1)

    def headings(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(column headings as HTML, row names) as last set."""
        return self._shape

    def set_cell(self, row: int, col: int, html: str) -> None:
        label = self._cells[row][col]
        if label.text() != html:
            label.setText(html)

    def cell_text(self, row: int, col: int, pinned: bool = False) -> str:
        """Plain text of a cell's current (or pinned) figure, for tests and accessibility."""
        parts = self._cells[row][col].text().split("<br>")
        if pinned:
            return _strip(parts[1]) if len(parts) > 1 else ""
        return _strip(parts[0])

    def set_note(self, text: str) -> None:
        self._note.setText(text)
        self._note.setVisible(bool(text))

    @staticmethod
    def _label(text: str, align: Qt.AlignmentFlag) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        label.setStyleSheet(f"color: {FOREGROUND};")
        return label


def _strip(html: str) -> str:
    out, inside = [], False
    for ch in html:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out).replace("&nbsp;", " ")
