"""The Cruxes panel's comparison page: worldviews side by side.

The user ticks scenario files (by default the worldview presets of the debate
model) and, optionally, the scenario being edited. The panel runs the
comparison in the background; this view draws each worldview's arrival curve
for one milestone, a table of metrics, the assumptions whose distributions
differ most and the credences that differ most.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from debate_explorer.core.analysis.compare import Comparison, format_spread
from debate_explorer.core.analysis.metrics import parse_metric
from debate_explorer.core.errors import InputError
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import preset_paths
from debate_explorer.ui.cruxes.views import table_item
from debate_explorer.ui.plots.axes import PercentAxis, YearAxis
from debate_explorer.ui.plots.style import FOOT, FOREGROUND, MUTED, current_pen, style_plot

# Okabe-Ito, then a few more: one colour per worldview.
WORLDVIEW_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#882255", "#999933")
PATH_ROLE = Qt.ItemDataRole.UserRole
CURRENT = "<current>"


def default_worldviews() -> list[tuple[Path, str]]:
    """(path, title) of the shipped presets of the debate model (the AI 2027 ports
    answer other questions)."""
    out = []
    for p in preset_paths():
        try:
            scenario = load_scenario(p)
        except InputError:
            continue
        if scenario.kind.uses_graph:  # the worldviews of the argument map
            out.append((p, scenario.title or p.stem))
    return out


class CompareView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self.curves: list[pg.PlotDataItem] = []
        self._build_files()
        self._build_plot()
        self._build_tables()
        # The chart is one tab among the tables, so that each table gets the full width:
        # side by side at 1366 px, a table of eight worldviews was cut off after two.
        self.tables.insertTab(0, self.plot_box, "Arrival chart")
        self.tables.setCurrentIndex(0)
        split = QSplitter()
        split.addWidget(self.files_box)
        split.addWidget(self.tables)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([190, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.reset_files()

    # -- file list --------------------------------------------------------------------
    def _build_files(self) -> None:
        self.files = QListWidget()
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setToolTip("Tick the scenarios to compare")
        add = QPushButton("Add…")
        add.clicked.connect(self._ask_files)
        remove = QPushButton("Remove")
        remove.clicked.connect(self._remove_selected)
        reset = QPushButton("Presets")
        reset.setToolTip("Back to the shipped worldview presets")
        reset.clicked.connect(self.reset_files)
        buttons = QHBoxLayout()
        for b in (add, remove, reset):
            buttons.addWidget(b)
        self.files_box = QWidget()
        col = QVBoxLayout(self.files_box)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(QLabel("Worldviews"))
        col.addWidget(self.files, 1)
        col.addLayout(buttons)

    def reset_files(self) -> None:
        self.files.clear()
        current = QListWidgetItem("Current scenario (with your edits)")
        current.setData(PATH_ROLE, CURRENT)
        current.setFlags(current.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        current.setCheckState(Qt.CheckState.Unchecked)
        self.files.addItem(current)
        for p, title in default_worldviews():
            self.add_file(p, title)

    def add_file(self, path: Path, title: str = "", checked: bool = True) -> None:
        item = QListWidgetItem(title or Path(path).stem.replace("_", " "))
        item.setToolTip(str(path))
        item.setData(PATH_ROLE, str(path))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.files.addItem(item)

    def _ask_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "Add scenarios",
            str(preset_paths()[0].parent if preset_paths() else Path.home()),
            "Scenarios (*.toml)",
        )
        for p in paths:
            self.add_file(Path(p))

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            if item.data(PATH_ROLE) != CURRENT:
                self.files.takeItem(self.files.row(item))

    def chosen(self) -> tuple[bool, list[Path]]:
        """(include the current scenario, ticked files in list order)."""
        include, paths = False, []
        for i in range(self.files.count()):
            item = self.files.item(i)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            if item.data(PATH_ROLE) == CURRENT:
                include = True
            else:
                paths.append(Path(item.data(PATH_ROLE)))
        return include, paths

    def _mark_files(self, c: Comparison) -> None:
        """A swatch of each worldview's curve colour on its list entry: the plot's legend."""
        colour_of = {(r.path or CURRENT): WORLDVIEW_COLOURS[i % len(WORLDVIEW_COLOURS)] for i, r in enumerate(c.runs)}
        for i in range(self.files.count()):
            item = self.files.item(i)
            colour = colour_of.get(item.data(PATH_ROLE))
            item.setIcon(_swatch(colour) if colour else QIcon())

    # -- the arrival curves ---------------------------------------------------------------
    def _build_plot(self) -> None:
        self.milestone = QComboBox()
        self.milestone.currentIndexChanged.connect(lambda _: self._draw_curves())
        self.plot = pg.PlotWidget(axisItems={"left": PercentAxis("left"), "bottom": YearAxis("bottom")})
        style_plot(self.plot)
        self.plot.setLabel("left", "P(arrived by year)", color=FOREGROUND, **{"font-size": "9pt"})
        self.plot.setYRange(-FOOT, 1.02, padding=0)
        self.plot_box = QWidget()
        col = QVBoxLayout(self.plot_box)
        col.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("Arrival of"))
        row.addWidget(self.milestone)
        row.addStretch(1)
        col.addLayout(row)
        col.addWidget(self.plot, 1)
        self.note = QLabel("Tick worldviews and press Run.")
        self.note.setStyleSheet(f"color: {MUTED};")
        col.addWidget(self.note)

    def _draw_curves(self) -> None:
        c = self.comparison
        key = self.milestone.currentData()
        for curve in self.curves:
            self.plot.removeItem(curve)
        self.curves.clear()
        if c is None or key is None:
            return
        start, end = np.inf, -np.inf
        for i, run in enumerate(c.runs):
            if key not in [m.key for m in run.result.milestones]:
                continue
            stats = run.result.milestone(key)
            curve = pg.PlotDataItem(
                stats.edges, stats.cdf, antialias=True, pen=current_pen(WORLDVIEW_COLOURS[i % len(WORLDVIEW_COLOURS)])
            )
            curve.setToolTip(run.label)
            self.plot.addItem(curve)
            self.curves.append(curve)
            start, end = min(start, stats.start), max(end, min(stats.horizon, stats.start + 30))
        if np.isfinite(start):
            self.plot.setXRange(start, end, padding=0.01)

    # -- tables -------------------------------------------------------------------------------
    def _build_tables(self) -> None:
        self.metrics_table = self._table()
        self.assumptions_table = self._table()
        self.credences_table = self._table()
        self.tables = QTabWidget()
        self.tables.setDocumentMode(True)
        self.tables.addTab(self.metrics_table, "Metrics")
        self.tables.addTab(self.assumptions_table, "Assumptions that differ")
        self.tables.addTab(self.credences_table, "Credences that differ")

    @staticmethod
    def _table() -> QTableWidget:
        t = QTableWidget(0, 0)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.verticalHeader().setDefaultSectionSize(22)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return t

    def set_comparison(self, c: Comparison) -> None:
        self.comparison = c
        keys = []
        for run in c.runs:
            keys += [(m.key, m.label) for m in run.result.milestones if (m.key, m.label) not in keys]
        previous = self.milestone.currentData() or "agi"
        self.milestone.blockSignals(True)
        self.milestone.clear()
        for key, label in keys:
            self.milestone.addItem(label, key)
        self.milestone.setCurrentIndex(max(0, self.milestone.findData(previous)))
        self.milestone.blockSignals(False)
        self._draw_curves()
        self._mark_files(c)
        self._fill_metrics(c)
        self._fill_assumptions(c)
        self._fill_credences(c)
        self.note.setText(f"{c.samples:,} samples each, seed {c.seed}")

    def _fill_metrics(self, c: Comparison) -> None:
        t = self.metrics_table
        t.setColumnCount(len(c.runs))
        _set_run_headers(t, c)
        t.setRowCount(len(c.metrics))
        labels = []
        for row, name in enumerate(c.metrics):
            label = name
            for col, run in enumerate(c.runs):
                v = run.metrics.get(name)
                text = "n/a"
                if v is not None:
                    metric = parse_metric(name, run.scenario.kind, run.scenario.kind_settings)
                    text, label = metric.format(v), metric.label
                t.setItem(row, col, table_item(text, align_right=True))
            labels.append(label)
        t.setVerticalHeaderLabels(labels)

    def _fill_assumptions(self, c: Comparison) -> None:
        t = self.assumptions_table
        t.setColumnCount(1 + len(c.runs))
        t.setHorizontalHeaderItem(0, QTableWidgetItem("KS distance"))
        _set_run_headers(t, c, first=1)
        t.setRowCount(len(c.assumptions))
        t.setVerticalHeaderLabels([a.label for a in c.assumptions])
        for row, a in enumerate(c.assumptions):
            t.setItem(
                row,
                0,
                table_item(
                    f"{a.distance:.2f}",
                    align_right=True,
                    tip="largest Kolmogorov–Smirnov distance between two worldviews",
                ),
            )
            for col, q in enumerate(a.quantiles, 1):
                t.setItem(row, col, table_item(format_spread(q), align_right=True, tip=f"median [P10–P90], {a.unit}"))

    def _fill_credences(self, c: Comparison) -> None:
        t = self.credences_table
        t.setColumnCount(len(c.runs))
        _set_run_headers(t, c)
        t.setRowCount(len(c.credences))
        t.setVerticalHeaderLabels([_short(cs.title) for cs in c.credences])
        for row, cs in enumerate(c.credences):
            for col, v in enumerate(cs.credences):
                t.setItem(row, col, table_item(f"{v:.2f}", align_right=True, tip=cs.node))


def _swatch(colour: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(colour))
    return QIcon(pix)


def _set_run_headers(t: QTableWidget, c: Comparison, first: int = 0) -> None:
    """Column headers per worldview: short, in the worldview's curve colour, full name on hover."""
    for i, label in enumerate(c.labels):
        head = QTableWidgetItem(_two_lines(label))
        head.setToolTip(label)
        head.setForeground(QColor(WORLDVIEW_COLOURS[i % len(WORLDVIEW_COLOURS)]))
        t.setHorizontalHeaderItem(first + i, head)


def _two_lines(text: str, width: int = 12) -> str:
    """A worldview's name, without its parenthesis, in at most two short lines (the full name is the tooltip).

    Lines break at spaces and after hyphens, so that six worldviews fit beside
    each other in a table at 1366 px.
    """
    lines: list[str] = []
    for token in re.findall(r"[^\s-]+-?", text.split(" (")[0]):
        glue = "" if lines and lines[-1].endswith("-") else " "
        if lines and len(lines[-1]) + len(glue) + len(token) <= width:
            lines[-1] += glue + token
        else:
            lines.append(token)
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), max(width, len(lines[1])))]
    return "\n".join(lines)


def _short(text: str, width: int = 48) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
