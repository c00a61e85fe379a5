"""The main window: the map in the middle, panels in docks, menus and status.

The window composes panels and routes menu actions; it holds no model logic.
Panels bind to the shared ``AppContext``; the dock layout and window geometry are
remembered between sessions (QSettings).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QProgressBar, QWidget

from debate_explorer.core.autosave import Autosaver
from debate_explorer.core.document import Change
from debate_explorer.core.engine.results import RunResult
from debate_explorer.ui.assumptions_panel import AssumptionsPanel
from debate_explorer.ui.context import AppContext
from debate_explorer.ui.file_actions import FileActions
from debate_explorer.ui.inspector import InspectorPanel
from debate_explorer.ui.map_view import MapView
from debate_explorer.ui.menus import build_menus
from debate_explorer.ui.outcomes import OutcomesPanel

AUTOSAVE_DELAY_MS = 3000
STATE_VERSION = 1


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, *, autosaver: Autosaver | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings or QSettings()
        self.files = FileActions(self, ctx, autosaver or Autosaver(), self.settings)
        self.setObjectName("MainWindow")
        self.setDockNestingEnabled(True)
        self.map = MapView(ctx)
        self.setCentralWidget(self.map)
        self.inspector = InspectorPanel(ctx)
        self.assumptions = AssumptionsPanel(ctx)
        self.outcomes = OutcomesPanel(ctx)
        self._cruxes: QWidget | None = None
        self.docks = {
            "inspector": self._dock("Inspector", self.inspector, Qt.RightDockWidgetArea),
            "assumptions": self._dock("Assumptions", self.assumptions, Qt.RightDockWidgetArea),
            "outcomes": self._dock("Outcomes", self.outcomes, Qt.BottomDockWidgetArea),
            "cruxes": self._dock("Cruxes", QWidget(), Qt.BottomDockWidgetArea),
        }
        # The crux panel (and the analysis code behind it) is built the first time it is shown.
        self.docks["cruxes"].visibilityChanged.connect(lambda shown: shown and self.cruxes)
        # The right-hand panels run the full height; outcomes sit under the map only.
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        self.setCorner(Qt.TopRightCorner, Qt.RightDockWidgetArea)
        self.tabifyDockWidget(self.docks["inspector"], self.docks["assumptions"])
        self.tabifyDockWidget(self.docks["outcomes"], self.docks["cruxes"])
        self.docks["inspector"].raise_()
        self.docks["outcomes"].raise_()
        self._build_status_bar()
        self.statusBar().addPermanentWidget(self.files.autosave_status)
        self.actions = build_menus(self)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.files.autosave_now)
        ctx.scenarioChanged.connect(self._on_scenario_changed)
        ctx.selectionChanged.connect(lambda node: node and self.docks["inspector"].raise_())
        ctx.resultsChanged.connect(self._show_result)
        if ctx.compute is not None:
            ctx.compute.stateChanged.connect(self._show_engine_state)
            ctx.compute.progress.connect(self._show_progress)
            ctx.compute.failed.connect(self._show_failure)
            if not ctx.compute.is_warm:
                self._show_engine_state("preparing")
        self._update_title()
        self._restore_layout()

    @property
    def cruxes(self):
        if self._cruxes is None:
            from debate_explorer.ui.cruxes_panel import CruxPanel

            self._cruxes = CruxPanel(self.ctx)
            self.docks["cruxes"].setWidget(self._cruxes)
        return self._cruxes

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # -- status ---------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.run_label = QLabel("")
        self.engine_label = QLabel("")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        bar.addWidget(self.run_label, 1)
        bar.addPermanentWidget(self.engine_label)
        bar.addPermanentWidget(self.progress)

    def _show_result(self, result: RunResult) -> None:
        wanted = self.ctx.document.scenario.run.samples
        preview = " (preview)" if result.samples < wanted else ""
        self.run_label.setText(
            f"{result.samples:,} samples{preview} · {result.backend} · {result.seconds:.2f} s · "
            f"seed {result.seed} · {self.ctx.document.display_name}{'*' if self.ctx.document.is_modified else ''}")

    def _show_engine_state(self, state: str) -> None:
        if state == "preparing":
            self.engine_label.setText("Preparing engine…")
            self.progress.setRange(0, 0)
            self.progress.show()
        elif state == "idle":
            self.engine_label.setText("")
            self.progress.hide()
        elif state == "computing":
            self.engine_label.setText("Computing…")
        elif state.startswith("task:"):
            self.engine_label.setText(f"Analysing ({state[5:]})…")

    def _show_progress(self, done: int, total: int) -> None:
        # Chunks finish hundreds of times a second on big runs; repaint in 5% steps.
        if done < total and done % max(1, total // 20):
            return
        if self.progress.maximum() != total:
            self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setVisible(done < total)

    def _show_failure(self, message: str) -> None:
        self.engine_label.setText("Run failed — see message")
        self.run_label.setText("")  # it named the last results, which are not of this scenario
        self.progress.hide()
        self.statusBar().showMessage(message.splitlines()[0], 15000)

    # -- title and autosave -----------------------------------------------------------
    def _on_scenario_changed(self, flags: Change) -> None:
        self._update_title()
        if self.ctx.document.is_modified:
            self._autosave_timer.start()

    def _update_title(self) -> None:
        doc = self.ctx.document
        self.setWindowModified(doc.is_modified)
        title = doc.scenario.title or doc.display_name
        self.setWindowTitle(f"{doc.display_name}[*] — {title} — Debate Explorer")

    # -- layout memory ------------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.value("geometry")
        state = self.settings.value("windowState")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1500, 950)
        if state is None or not self.restoreState(state, STATE_VERSION):
            QTimer.singleShot(0, self.default_proportions)
        language = self.settings.value("language", "en")
        self.ctx.set_language(str(language))

    def save_layout(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState(STATE_VERSION))
        self.settings.setValue("language", self.ctx.language)

    def default_proportions(self) -> None:
        """Map largest; panels wide enough to read (applied when no saved layout exists)."""
        self.resizeDocks([self.docks["inspector"]], [max(380, self.width() // 4)], Qt.Horizontal)
        self.resizeDocks([self.docks["outcomes"]], [max(300, int(self.height() * 0.36))], Qt.Vertical)

    def reset_layout(self) -> None:
        for dock in self.docks.values():
            dock.show()
            dock.setFloating(False)
        self.resize(1500, 950)
        self.default_proportions()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.files.confirm_discard():
            event.ignore()
            return
        self.save_layout()
        self.files.autosaver.clear()
        event.accept()
