"""The outcomes table of changes: each figure now, before the last change, and pinned.

After any change (a credence, an override, a preset, a pin) a reader wants to
see what moved and by how much, not only the new curves. Figures are the named
metrics of the core (``core.analysis.compare.default_metrics``), read off the
results the app already has: the current run, the run of the scenario before
the last change (``ctx.changes``), and the pinned run.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableWidget, QVBoxLayout, QWidget

from debate_explorer.core.analysis.compare import default_metrics, metric_value
from debate_explorer.core.analysis.metrics import parse_metric
from debate_explorer.core.engine.results import RunResult
from debate_explorer.core.model.scenario import Scenario
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.cruxes.views import table_item
from debate_explorer.ui.plots.style import MUTED

COLUMNS = ("Figure", "Now", "Before", "Change", "Pinned", "Now − pinned")


class ChangeTable(QWidget):
    title = "Changes"
    name = "changes"
    time_axis = False

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet(f"color: {MUTED};")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        self._cache: dict[tuple[int, str], float | None] = {}
        self._stale = True
        ctx.resultsChanged.connect(lambda _r: self.refresh())
        ctx.pinnedChanged.connect(lambda _r: self.refresh())
        ctx.changes.changed.connect(self.refresh)

    # -- what OutcomesPanel asks of a tab ---------------------------------------------
    def available(self, result: RunResult) -> bool:
        return True

    def is_available(self) -> bool:
        return True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            # Not inside the show: a tab bar shows this page while it re-arranges its tabs.
            QTimer.singleShot(0, self.refresh)

    # -- figures -------------------------------------------------------------------------
    def _value(self, name: str, result: RunResult | None, scenario: Scenario | None) -> float | None:
        """A figure of a kept result (cached: before and pinned results do not change)."""
        if result is None or scenario is None or scenario.model != result.kind:
            return None
        key = (id(result), name)
        if key not in self._cache:
            self._cache[key] = metric_value(name, result, scenario)
        return self._cache[key]

    def refresh(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        ctx, changes = self.ctx, self.ctx.changes
        now_s, now_r = ctx.document.scenario, ctx.results
        pinned_s = ctx.pinned_scenario or now_s
        keep = {id(r) for r in (changes.before_result, ctx.pinned) if r is not None}
        self._cache = {k: v for k, v in self._cache.items() if k[0] in keep}
        names = default_metrics(now_s)
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            metric = parse_metric(name, now_s.kind, now_s.kind_settings)
            now = metric_value(name, now_r, now_s) if now_r is not None else None
            before = self._value(name, changes.before_result, changes.before)
            pinned = self._value(name, ctx.pinned, pinned_s)
            cells = (
                metric.label,
                _fmt(metric, now),
                _fmt(metric, before),
                _delta(metric, now, before),
                _fmt(metric, pinned),
                _delta(metric, now, pinned),
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, table_item(text, align_right=col > 0))
        self.caption.setText(self._caption())

    def _caption(self) -> str:
        ctx, changes = self.ctx, self.ctx.changes
        parts = []
        if changes.before is None:
            parts.append("No change yet: move a credence, override an assumption or open a preset.")
        else:
            parts.append(f"Last change: <b>{html.escape(changes.label)}</b>")
            if changes.before_result is None:
                parts.append("(the state before it was never computed in full)")
        if ctx.pinned is not None:
            parts.append(f"· Pinned: <b>{html.escape(ctx.pinned_label)}</b>")
        else:
            parts.append("· Pin a result (Ctrl+P) to compare with it.")
        return " ".join(parts)

    def cell(self, name: str, column: str) -> str:
        """The text of a figure's cell (for tests and accessibility)."""
        names = default_metrics(self.ctx.document.scenario)
        item = self.table.item(names.index(name), COLUMNS.index(column))
        return item.text() if item is not None else ""


def _fmt(metric, value: float | None) -> str:
    return "–" if value is None else metric.format(value)


def _delta(metric, a: float | None, b: float | None) -> str:
    return "–" if a is None or b is None else metric.format_delta(a - b)
