"""The assumptions panel: what the engine samples for each assumption, and overrides.

Each row shows an assumption's unit, a small picture of its effective
distribution (the mixture of prior and linked views, or the override) and its
median and 10–90% range. The detail pane lists the mixture's components with
their shares and edits an override. Refreshing is debounced: a credence drag
changes mixture weights many times a second.
"""

from __future__ import annotations

import html
import math
import time
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from debate_explorer.core.editing.document import Change
from debate_explorer.core.engine.program import sample_distribution
from debate_explorer.core.errors import InputError
from debate_explorer.core.model.distributions import (
    AnyDist,
    Beta,
    Lognormal,
    LogUniform,
    Normal,
    Point,
    Uniform,
    level_percent,
    parse_dist,
)
from debate_explorer.core.model.linking import EffectiveAssumption
from debate_explorer.ui.assumptions.sparkline import SPARK, draws_of, fmt, sorted_quantiles, sparkline
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.common.units import GLOSSARY, spell_unit

MOVED_BACKGROUND = "#FCE9D9"  # rows the last change moved
# Override forms: type -> (field labels, how to build the distribution from numbers).
FORMS = {
    "interval (a to b)": (("low", "high"), None),
    "point": (("value",), lambda v: {"type": "point", "value": v[0]}),
    "normal": (("mean", "sd"), lambda v: {"type": "normal", "mean": v[0], "sd": v[1]}),
    "lognormal": (("median", "sigma (log)"), lambda v: {"type": "lognormal", "median": v[0], "sigma": v[1]}),
    "uniform": (("low", "high"), lambda v: {"type": "uniform", "low": v[0], "high": v[1]}),
    "loguniform": (("low", "high"), lambda v: {"type": "loguniform", "low": v[0], "high": v[1]}),
    "beta": (("alpha", "beta"), lambda v: {"type": "beta", "alpha": v[0], "beta": v[1]}),
}
LEVELS = ("80%", "90%", "95%")
SLICE_S = 0.006  # longest the GUI thread fills rows before letting other events through
FIRST_RESULTS_WAIT_S = 1.5  # at launch, rows wait this long at most for the first results
FIRST_RESULTS_POLL_MS = 40


def form_of(dist) -> tuple[str, tuple[float, ...], float | None] | None:
    """(form, values, interval level) that shows ``dist`` in the editor, or None for a mixture."""
    if isinstance(dist, Point):
        return "point", (dist.value,), None
    if isinstance(dist, (Normal, Lognormal)) and dist.ci is not None:
        return "interval (a to b)", tuple(dist.ci), dist.level
    if isinstance(dist, Normal):
        return "normal", (dist.mu, dist.sigma), None
    if isinstance(dist, Lognormal):
        return "lognormal", (math.exp(dist.mu), dist.sigma), None
    if isinstance(dist, LogUniform):
        return "loguniform", (dist.low, dist.high), None
    if isinstance(dist, Uniform):
        return "uniform", (dist.low, dist.high), None
    if isinstance(dist, Beta):
        return "beta", (dist.alpha, dist.beta), None
    return None


class OverrideEditor(QWidget):
    """Type and parameters of an override, turned into a distribution on Apply."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.addItems(list(FORMS))
        self.fields = [QLineEdit(), QLineEdit()]
        self.level = QComboBox()
        self.level.addItems(LEVELS)
        self.form = QFormLayout(self)
        self.form.addRow("Type", self.kind)
        self.labels = [QLabel(), QLabel()]
        for label, field in zip(self.labels, self.fields):
            self.form.addRow(label, field)
        self.form.addRow("Interval level", self.level)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.form.addRow(self.error)
        self.kind.currentTextChanged.connect(self._relabel)
        self._relabel(self.kind.currentText())

    def _relabel(self, kind: str) -> None:
        names, _ = FORMS[kind]
        for i, (label, field) in enumerate(zip(self.labels, self.fields)):
            shown = i < len(names)
            label.setVisible(shown)
            field.setVisible(shown)
            if shown:
                label.setText(names[i])
        self.level.setEnabled(kind.startswith("interval"))
        self.form.setRowVisible(3, kind.startswith("interval"))

    def prefill(self, draws: np.ndarray, dist=None) -> None:
        """Show ``dist`` (an override) in its own form, else the 10–90% interval of the draws."""
        form = form_of(dist) if dist is not None else None
        if form is None:
            lo, hi = sorted_quantiles(draws, (0.1, 0.9))
            form = ("interval (a to b)", (lo, hi), 0.8)
        kind, values, level = form
        self.kind.setCurrentText(kind)
        self.set_level(level if level is not None else 0.8)
        for field, value in zip(self.fields, (*values, None)):
            field.setText("" if value is None else fmt(value))
        self.error.clear()

    def set_level(self, level: float) -> None:
        """Choose the interval level, rounded as people write it (79.9455% → 80%)."""
        text = level_percent(level)
        if self.level.findText(text) < 0:
            self.level.addItem(text)
        self.level.setCurrentText(text)

    def distribution(self) -> AnyDist:
        """The distribution described by the form, or an InputError saying what is wrong."""
        kind = self.kind.currentText()
        names, build = FORMS[kind]
        values = []
        for name, field in zip(names, self.fields):
            try:
                values.append(float(field.text().replace("−", "-")))
            except ValueError:
                raise InputError(f"{name} must be a number, got {field.text()!r}") from None
        raw: str | dict[str, Any] = (
            f"{values[0]:g} to {values[1]:g} @{self.level.currentText()}" if build is None else build(values)
        )
        return parse_dist(raw)


class AssumptionsPanel(QWidget):
    """All assumptions of the scenario's model kind; select one to see and override it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Assumption (unit)", "Distribution", "Median [10–90%]"])
        self.table.horizontalHeaderItem(1).setToolTip(
            "What the engine samples; the axis runs from its 1st to its 99th percentile"
        )
        self.glossary = QLabel(f"<small>{html.escape(GLOSSARY)} · shaded rows: moved by the last change</small>")
        self.glossary.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setIconSize(SPARK)
        self.table.verticalHeader().setDefaultSectionSize(SPARK.height() + 6)
        header = self.table.horizontalHeader()
        # Fixed widths: ResizeToContents re-measures every row on each update.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, SPARK.width() + 12), (2, 128)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, width)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.detail.linkActivated.connect(self._follow)
        self.editor = OverrideEditor()
        self.apply_button = QPushButton("Apply override")
        self.reset_button = QPushButton("Use the mixture")
        self.reset_button.setToolTip("Remove the override: sample the prior mixed with the linked views")
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        lower = QWidget()
        lay = QVBoxLayout(lower)
        lay.addWidget(self.detail)
        lay.addWidget(self.editor)
        lay.addLayout(buttons)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(lower)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.setSpacing(2)
        top_lay.addWidget(self.table, 1)
        top_lay.addWidget(self.glossary)
        split.addWidget(top)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)
        self._stale = True
        self._row_keys: dict[int, tuple] = {}
        self._editor_key: tuple | None = None  # (assumption, what it samples) the editor shows
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.refresh)
        self._pending_rows: list[tuple[int, EffectiveAssumption, bool]] = []
        self._born = time.perf_counter()
        self._slices = QTimer(self)  # the next slice of rows, in the next pass of the event loop
        self._slices.setSingleShot(True)
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._fill_pending)
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.apply_button.clicked.connect(self._apply)
        self.reset_button.clicked.connect(self._reset)
        ctx.strengthsChanged.connect(self._timer.start)
        ctx.changes.changed.connect(self._timer.start)
        ctx.scenarioChanged.connect(self._on_scenario)
        self.refresh()

    def _on_scenario(self, flags: Change) -> None:
        if flags & (Change.ASSUMPTIONS | Change.CREDENCES | Change.SETTINGS | Change.RUN):
            self._timer.start()

    @property
    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def select(self, name: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == name:
                self.table.selectRow(row)
                return

    def refresh(self) -> None:
        """Redraw the rows whose distribution changed (only when visible), a few at a time.

        A row costs a millisecond or two (its draws and picture); filling them all in
        one pass of the event loop would stall the GUI while results arrive, so rows
        are filled in slices of at most ``SLICE_S`` and the rest continue in the next
        pass. A newer refresh replaces the rows still waiting.
        """
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        effective = self.ctx.effective
        moved = set(self.ctx.changes.moved)
        if self.table.rowCount() != len(effective):
            self._create_rows(len(effective))
        for row, e in enumerate(effective):  # names at once: a row can be selected before it is drawn
            self.table.item(row, 0).setData(Qt.ItemDataRole.UserRole, e.assumption.name)
        self._pending_rows = [
            (row, e, e.assumption.name in moved)
            for row, e in enumerate(effective)
            if self._row_keys.get(row) != self._row_key(e, e.assumption.name in moved)
        ]
        self._fill_pending()

    def _fill_pending(self) -> None:
        """Fill waiting rows for up to ``SLICE_S``; schedule the rest, or finish with the detail pane."""
        if self._before_first_results():
            self._slices.start(FIRST_RESULTS_POLL_MS)
            return
        started = time.perf_counter()
        keep = self.selected_name
        self.table.setUpdatesEnabled(False)
        self.table.blockSignals(True)
        while self._pending_rows and time.perf_counter() - started < SLICE_S:
            self._fill_row(*self._pending_rows.pop(0))
        self.table.blockSignals(False)
        self.table.setUpdatesEnabled(True)
        if keep:
            self.select(keep)
        if self._pending_rows:
            self._slices.start(0)
        else:
            self._show_detail(prefill=False)

    def _before_first_results(self) -> bool:
        """Just launched and the first results are still being computed: they come first.

        The rows' draws hold the GIL that the compute worker needs for its first
        run (loading numba); rows wait for it, but never longer than ``FIRST_RESULTS_WAIT_S``.
        """
        compute = self.ctx.compute
        return (
            self.ctx.results is None
            and compute is not None
            and compute.is_busy
            and time.perf_counter() - self._born < FIRST_RESULTS_WAIT_S
        )

    @property
    def is_filling(self) -> bool:
        """Rows are still waiting to be redrawn (for tests and the benchmark)."""
        return bool(self._pending_rows)

    def moved_rows(self) -> list[str]:
        """Names of the assumptions shown as moved by the last change (for tests)."""
        return [
            self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
            for r in range(self.table.rowCount())
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole + 1)
        ]

    def _create_rows(self, n: int) -> None:
        """Items are made once per model kind and then only updated (setItem is costly)."""
        self.table.setRowCount(n)
        self._row_keys.clear()
        for row in range(n):
            for col in range(3):
                self.table.setItem(row, col, QTableWidgetItem())

    @staticmethod
    def _row_key(e: EffectiveAssumption, moved: bool) -> tuple:
        """What a row shows: unchanged keys skip the picture and the text."""
        return (e.assumption.name, e.dist, e.overridden, moved)

    def _fill_row(self, row: int, e: EffectiveAssumption, moved: bool = False) -> None:
        self._row_keys[row] = self._row_key(e, moved)
        draws = draws_of(e)
        name, spark, stats = (self.table.item(row, col) for col in range(3))
        overridden = "  — overridden" if e.overridden else ""
        name.setText(f"{'● ' if moved else ''}{e.assumption.label} ({e.assumption.unit}){overridden}")
        name.setData(Qt.ItemDataRole.UserRole, e.assumption.name)
        name.setData(Qt.ItemDataRole.UserRole + 1, moved)
        change = f"\nMoved by the last change ({self.ctx.changes.label})." if moved else ""
        name.setToolTip(f"{e.assumption.meaning}\nUnit: {spell_unit(e.assumption.unit)}{change}")
        for item in (name, spark, stats):
            item.setBackground(QColor(MOVED_BACKGROUND) if moved else QColor(0, 0, 0, 0))
        color = QColor("#c0504d") if e.overridden else QColor("#4f81bd")
        spark.setData(Qt.ItemDataRole.DecorationRole, sparkline(draws, color))
        spark.setToolTip(e.dist.describe())
        lo, med, hi = sorted_quantiles(draws, (0.1, 0.5, 0.9))
        stats.setText(f"{fmt(med)}  [{fmt(lo)}–{fmt(hi)}]")

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _effective(self, name: str) -> EffectiveAssumption | None:
        return next((e for e in self.ctx.effective if e.assumption.name == name), None)

    def _show_detail(self, prefill: bool = True) -> None:
        name = self.selected_name
        e = self._effective(name) if name else None
        self.editor.setEnabled(e is not None)
        self.apply_button.setEnabled(e is not None)
        self.reset_button.setEnabled(bool(e and e.overridden))
        if e is None:
            self._editor_key = None
            self.detail.setText("<i>Select an assumption to see the views mixed into it and to override it.</i>")
            return
        key = (name, e.dist)
        if prefill or key != self._editor_key:
            # Another assumption, or this one changed under the editor (undo, preset, file):
            # show what is sampled now, never values left over from before.
            self._editor_key = key
            self.editor.prefill(draws_of(e), self.ctx.document.scenario.assumptions.get(e.assumption.name))
        a = e.assumption
        rows = []
        for part, share in zip(e.parts, e.shares()):
            who = html.escape(part.label)
            if part.node:
                who = f"<a href='node:{part.node}'>{who}</a>"
            rows.append(f"<tr><td>{share:.0%}</td><td>{who}</td><td>{html.escape(part.dist.describe())}</td></tr>")
        self.detail.setText(
            f"<b>{html.escape(a.label)}</b> — {html.escape(a.meaning)}<br>"
            f"<small>Unit: {html.escape(spell_unit(a.unit))}</small><br>"
            f"<small>Prior source: {html.escape(a.source)}</small>"
            f"<table cellspacing='6'><tr><th align='left'>share</th><th align='left'>view</th>"
            f"<th align='left'>implies</th></tr>{''.join(rows)}</table>"
        )

    def _apply(self) -> None:
        name = self.selected_name
        if name is None:
            return
        try:
            dist = self.editor.distribution()
            a = self._effective(name).assumption
            sample_distribution(dist, (a.lower, a.upper), n=16)  # checks it has mass in range
        except InputError as exc:
            self.editor.error.setText(html.escape(exc.reason))
            return
        self.editor.error.clear()
        self._editor_key = None  # refill from the document after the edit (and after its undo)
        self.ctx.document.set_override(name, dist)

    def _reset(self) -> None:
        if self.selected_name:
            self._editor_key = None
            self.ctx.document.set_override(self.selected_name, None)

    def _follow(self, href: str) -> None:
        if href.startswith("node:"):
            self.ctx.select(href[5:])
