"""The Cruxes panel's first two pages: the ranked list and the tornado chart.

Views only draw what the core computed (``CruxRanking``, ``Sensitivity``);
the panel decides when to compute. The list is bound to the selection both
ways: clicking a crux selects its node on the map, selecting a node elsewhere
highlights its row.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from debate_explorer.core.analysis.cruxes import Crux, CruxRanking
from debate_explorer.core.analysis.metrics import Metric, MetricUnit
from debate_explorer.core.analysis.sensitivity import Sensitivity
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.plots.style import FOREGROUND, MUTED, style_legend, style_plot

CRUX_TINT = "#D55E00"  # the map's crux halo colour family (vermillion)
LOW_COLOUR, HIGH_COLOUR = "#0072B2", "#E69F00"
TORNADO_ROWS = 12
NODE_ROLE = Qt.ItemDataRole.UserRole


def scale(metric: Metric) -> float:
    """Probabilities and growth rates are drawn in percent, years as they are."""
    return 1.0 if metric.unit == MetricUnit.YEAR else 100.0


def unit_text(metric: Metric) -> str:
    return {"year": "years", "probability": "percentage points", "growth": "percentage points"}[metric.unit]


def table_item(text: str, *, align_right: bool = False, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tip:
        item.setToolTip(tip)
    return item


class CruxList(QWidget):
    """The ranked cruxes. Rows carry node ids; the swing cell is tinted by the score."""

    COLUMNS = ("#", "Claim", "Speaker", "Credence", "Δ at 0", "Δ at 1", "Swing", "± SE")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ranking: CruxRanking | None = None
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 150)
        self.table.itemSelectionChanged.connect(self._on_row_selected)
        self.show_unlinked = QCheckBox("Show nodes with no path to the model")
        self.show_unlinked.setToolTip(
            "Their effect is exactly 0: no informs link and no supports/attacks path "
            "to a node with one. They are not simulated."
        )
        self.show_unlinked.toggled.connect(lambda _: self._fill())
        self.note = QLabel("Run to rank the claims by how much they move the chosen outcome.")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED};")
        foot = QHBoxLayout()
        foot.addWidget(self.note, 1)
        foot.addWidget(self.show_unlinked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(foot)
        ctx.selectionChanged.connect(self._select_node)
        ctx.languageChanged.connect(lambda _: self._fill())

    def set_ranking(self, ranking: CruxRanking | None) -> None:
        self.ranking = ranking
        self._fill()

    def node_at(self, row: int) -> str | None:
        item = self.table.item(row, 0)
        return None if item is None else item.data(NODE_ROLE)

    def _shown(self) -> list[Crux]:
        if self.ranking is None:
            return []
        return [c for c in self.ranking.cruxes if c.linked or self.show_unlinked.isChecked()]

    def _fill(self) -> None:
        shown = self._shown()
        self.table.blockSignals(True)
        self.table.setRowCount(len(shown))
        top = max((c.score for c in shown), default=0.0)
        for row, c in enumerate(shown):
            self._fill_row(row, c, c.score / top if top > 0 else 0.0)
        self.table.blockSignals(False)
        self._select_node(self.ctx.selected)
        self._update_note()

    def _fill_row(self, row: int, c: Crux, share: float) -> None:
        m = self.ranking.metric
        node = self.ctx.graph.node(c.node)
        first = table_item(str(row + 1), align_right=True)
        first.setData(NODE_ROLE, c.node)
        claim = table_item(
            self.ctx.title_of(c.node),
            tip=node.kind.capitalize() + (f" · {node.speaker}" if node.speaker else "") + f"\n{node.summary}",
        )
        se = "exact" if not c.linked else m.format_delta(c.se).lstrip("+")
        cells = [
            first,
            claim,
            table_item(node.speaker or "—"),
            table_item(f"{c.credence:.2f}", align_right=True),
            table_item(
                m.format_delta(c.effect_zero), align_right=True, tip=f"metric at credence 0: {m.format(c.at_zero)}"
            ),
            table_item(
                m.format_delta(c.effect_one), align_right=True, tip=f"metric at credence 1: {m.format(c.at_one)}"
            ),
            table_item(
                m.format_delta(c.swing),
                align_right=True,
                tip=f"from credence 0 to 1; score {m.format_delta(c.score).lstrip('+')}",
            ),
            table_item(se, align_right=True, tip="Monte Carlo standard error of the swing (batch means)"),
        ]
        tint = QColor(CRUX_TINT)
        tint.setAlpha(int(30 + 170 * share) if share > 0 else 0)
        cells[6].setBackground(tint)
        if not c.linked:
            for cell in cells:
                cell.setForeground(QColor(MUTED))
        for col, cell in enumerate(cells):
            self.table.setItem(row, col, cell)

    def _update_note(self) -> None:
        r = self.ranking
        if r is None:
            return
        m = r.metric
        self.note.setText(
            f"{m.label}: base {m.format(r.base)}. Effects in {unit_text(m)} when a node's credence goes to 0 or 1, "
            f"everything else fixed. {r.unlinked} nodes have no path to the model (effect exactly 0)"
            + ("" if self.show_unlinked.isChecked() else ", hidden")
            + "."
        )

    def _on_row_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.ctx.select(self.node_at(rows[0].row()))

    def _select_node(self, node: str | None) -> None:
        self.table.blockSignals(True)
        self.table.clearSelection()
        for row in range(self.table.rowCount()):
            if node is not None and self.node_at(row) == node:
                self.table.selectRow(row)
                self.table.scrollToItem(self.table.item(row, 0))  # type: ignore[arg-type]  # the row exists
                break
        self.table.blockSignals(False)


class _LabelAxis(pg.AxisItem):
    """Category labels on the left axis of the tornado."""

    def set_labels(self, labels: list[str]) -> None:
        self.setTicks([[(i, text) for i, text in enumerate(labels)], []])


class TornadoView(QWidget):
    """Horizontal bars from the base value to the metric at each assumption's P10 and P90,
    beside the rank-correlation importance of every sampled assumption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: Sensitivity | None = None
        self.axis = _LabelAxis("left")
        self.plot = pg.PlotWidget(axisItems={"left": self.axis})
        style_plot(self.plot)
        self.plot.setMouseEnabled(x=False, y=False)
        self.low = pg.BarGraphItem(
            x0=[],
            x1=[],
            y=[],
            height=0.6,
            brush=LOW_COLOUR,
            pen=pg.mkPen(None),
            name="assumption at its low percentile",
        )
        self.high = pg.BarGraphItem(
            x0=[],
            x1=[],
            y=[],
            height=0.6,
            brush=HIGH_COLOUR,
            pen=pg.mkPen(None),
            name="assumption at its high percentile",
        )
        self.base_line = pg.InfiniteLine(angle=90, pen=pg.mkPen(FOREGROUND, width=1))
        for item in (self.low, self.high, self.base_line):
            self.plot.addItem(item)
        self.legend = self.plot.addLegend(offset=(-10, -10))
        style_legend(self.legend)
        self.legend.addItem(self.low, "at P10")
        self.legend.addItem(self.high, "at P90")
        self.importance = QTableWidget(0, 2)
        self.importance.setHorizontalHeaderLabels(("Assumption", "Rank corr."))
        self.importance.verticalHeader().setVisible(False)
        self.importance.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.importance.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.importance.setWordWrap(False)
        self.importance.verticalHeader().setDefaultSectionSize(22)
        self.importance.setToolTip(
            "Spearman rank correlation of each sampled assumption with the outcome, from the base run alone"
        )
        self.note = QLabel("Run to see which assumptions swing the chosen outcome most.")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {MUTED};")
        split = QSplitter()
        split.addWidget(self.plot)
        split.addWidget(self.importance)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([900, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)

    def set_result(self, s: Sensitivity) -> None:
        self.result = s
        m, k = s.metric, scale(s.metric)
        bars = list(s.bars[:TORNADO_ROWS])[::-1]  # the widest bar on top
        y = np.arange(len(bars), dtype=float)
        base = s.base * k
        self.low.setOpts(x0=np.full(len(bars), base), x1=np.array([b.at_low * k for b in bars]), y=y, height=0.6)
        self.high.setOpts(x0=np.full(len(bars), base), x1=np.array([b.at_high * k for b in bars]), y=y, height=0.6)
        self.base_line.setValue(base)
        self.axis.set_labels([b.label for b in bars])
        lo, hi = (f"P{round(100 * q)}" for q in s.quantiles)
        self.legend.clear()
        self.legend.addItem(self.low, f"assumption at its {lo}")
        self.legend.addItem(self.high, f"at its {hi}")
        xs = [base] + [b.at_low * k for b in bars] + [b.at_high * k for b in bars]
        pad = max(max(xs) - min(xs), 1e-9) * 0.08
        self.plot.setXRange(min(xs) - pad, max(xs) + pad, padding=0)
        self.plot.setYRange(-0.7, len(bars) - 0.3, padding=0)
        unit = {"year": "year", "probability": "%", "growth": "%/yr"}[m.unit]
        self.plot.setLabel("bottom", f"{m.label} ({unit})", color=FOREGROUND, **{"font-size": "9pt"})
        self._fill_importance(s)
        hidden = len(s.bars) - len(bars)
        self.note.setText(
            f"Base {m.format(s.base)} · each assumption fixed at its {lo} and {hi} of the mixture "
            f"the engine samples, the others as they are · {s.samples:,} samples, common random "
            f"numbers" + (f" · {hidden} smaller bars not shown" if hidden else "")
        )

    def _fill_importance(self, s: Sensitivity) -> None:
        self.importance.setRowCount(len(s.importance))
        for row, imp in enumerate(s.importance):
            self.importance.setItem(row, 0, table_item(imp.label, tip=imp.label))
            cell = table_item(f"{imp.rho:+.2f}", align_right=True)
            colour = QColor(HIGH_COLOUR if imp.rho > 0 else LOW_COLOUR)
            colour.setAlpha(int(200 * min(1.0, abs(imp.rho))))
            cell.setBackground(colour)
            self.importance.setItem(row, 1, cell)
        self.importance.resizeColumnToContents(1)
