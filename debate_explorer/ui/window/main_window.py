"""The main window: the map in the middle, panels in docks, menus and status.

The window composes panels and routes menu actions; it holds no model logic.
Panels bind to the shared ``AppContext``; the dock layout and window geometry are
remembered between sessions (QSettings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QProgressBar, QWidget

from debate_explorer.core.editing.document import Change
from debate_explorer.core.engine.results import RunResult
from debate_explorer.core.files.autosave import Autosaver
from debate_explorer.core.graph.overlay_commands import OverlayDocument
from debate_explorer.ui.assumptions.panel import AssumptionsPanel
from debate_explorer.ui.authoring.install import install_authoring
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.files.actions import FileActions
from debate_explorer.ui.inspector.panel import InspectorPanel
from debate_explorer.ui.map.view import MapView
from debate_explorer.ui.outcomes.panel import OutcomesPanel
from debate_explorer.ui.status.engine_status import EngineStatus, result_summary
from debate_explorer.ui.window import layout
from debate_explorer.ui.window.keys import connect_panel_keys
from debate_explorer.ui.window.menus import build_menus

if TYPE_CHECKING:
    from debate_explorer.ui.cruxes.panel import CruxPanel

AUTOSAVE_DELAY_MS = 3000
STATE_VERSION = 2  # 2: minimum dock sizes; states saved before may be squeezed
PROPORTION_TRIES, PROPORTION_RETRY_MS = 10, 30  # see _settle_proportions
_SIDE_AREAS = (Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea)


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        *,
        autosaver: Autosaver | None = None,
        settings: QSettings | None = None,
        overlay: OverlayDocument | None = None,
    ) -> None:
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
        self._cruxes: CruxPanel | None = None
        self.docks = {
            "inspector": self._dock("Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea),
            "assumptions": self._dock("Assumptions", self.assumptions, Qt.DockWidgetArea.RightDockWidgetArea),
            "outcomes": self._dock("Outcomes", self.outcomes, Qt.DockWidgetArea.BottomDockWidgetArea),
            "cruxes": self._dock("Cruxes", QWidget(), Qt.DockWidgetArea.BottomDockWidgetArea),
        }
        # The crux panel (and the analysis code behind it) is built the first time it is shown.
        self.docks["cruxes"].visibilityChanged.connect(lambda shown: shown and self.cruxes)
        # The right-hand panels run the full height; outcomes sit under the map only.
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        for key in ("inspector", "assumptions"):
            self.docks[key].setMinimumWidth(layout.SIDE_DOCK_MIN_WIDTH)
        for key in ("outcomes", "cruxes"):
            self.docks[key].setMinimumHeight(layout.BOTTOM_DOCK_MIN_HEIGHT)
        self._arranged = False  # docks are tabified when first shown (see showEvent)
        self.layout_settled = False  # the first proportions are in place (for tests and screenshots)
        self._build_status_bar()
        self.statusBar().addPermanentWidget(self.files.autosave_status)
        # Not ``actions``: that would hide QWidget.actions().
        self.menu_actions = build_menus(self)
        self.editing = install_authoring(self, overlay)  # sources, claims, edges, links: ui/authoring
        connect_panel_keys(self)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.files.autosave_now)
        ctx.scenarioChanged.connect(self._on_scenario_changed)
        ctx.state.events.selected.connect(self._raise_inspector)
        ctx.resultsChanged.connect(self._show_result)
        if ctx.compute is not None:
            self.engine_status = EngineStatus(ctx.compute, self.engine_label, self.progress, self)
            ctx.compute.failed.connect(self._show_failure)
        self._update_title()
        self._restore_layout()

    @property
    def cruxes(self) -> CruxPanel:
        if self._cruxes is None:
            from debate_explorer.ui.cruxes.panel import CruxPanel

            self._cruxes = CruxPanel(self.ctx)
            self.docks["cruxes"].setWidget(self._cruxes)
        return self._cruxes

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _raise_inspector(self, node: str | None) -> None:
        if node:  # a selection, not a clear
            self.docks["inspector"].raise_()

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

    def _show_result(self, result: RunResult | None = None) -> None:
        result = result or self.ctx.results
        doc = self.ctx.document
        name = f"{doc.display_name}{'*' if doc.is_modified else ''}"
        if result is None:
            self.run_label.setText(name)
            return
        self.run_label.setText(f"{result_summary(result, doc.scenario.run.samples)} · {name}")

    def _show_failure(self, message: str) -> None:
        self.engine_label.setText("Run failed — see message")
        self.run_label.setText("")  # it named the last results, which are not of this scenario
        self.progress.hide()
        self.statusBar().showMessage(message.splitlines()[0], 15000)

    # -- title and autosave -----------------------------------------------------------
    def _on_scenario_changed(self, flags: Change) -> None:
        self._update_title()
        self._show_result()  # the file name, and '*' while modified
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
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen() or QApplication.primaryScreen()
            self.setGeometry(layout.initial_geometry(screen.availableGeometry()))
        self.ctx.set_language(str(self.settings.value("language", "en")))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        # Tabify and restore the dock state on the first show, not while building: done
        # earlier, Qt (6.11) leaves a stale copy of a dock tab bar drawn over the panels.
        if not self._arranged:
            self._arranged = True
            self._arrange_docks()
        super().showEvent(event)

    def _arrange_docks(self) -> None:
        self.tabifyDockWidget(self.docks["inspector"], self.docks["assumptions"])
        self.tabifyDockWidget(self.docks["outcomes"], self.docks["cruxes"])
        for dock in self.docks.values():  # docks a feature added, e.g. ui/authoring's
            if dock.property("tabWith") in self.docks:
                dock.show()
                self.tabifyDockWidget(self.docks[dock.property("tabWith")], dock)
        self.docks["inspector"].raise_()
        self.docks["outcomes"].raise_()
        state = self.settings.value("windowState")
        restored = state is not None and self.restoreState(state, STATE_VERSION)
        QTimer.singleShot(0, self._check_restored if restored else self._settle_proportions)

    def _check_restored(self) -> None:
        if self.squeezed():
            self._settle_proportions()
        else:
            self.layout_settled = True

    def _settle_proportions(self, tries: int = PROPORTION_TRIES) -> None:
        """Apply the default proportions until Qt takes them (or ``tries`` run out).

        Just after the first show Qt sometimes ignores ``resizeDocks`` for a pass or two of
        the event loop (seen about one launch in five offscreen), which left the map
        ~150 px high under an Outcomes panel of Qt's own size.
        """
        self.default_proportions()
        if tries > 1 and self.squeezed():
            QTimer.singleShot(PROPORTION_RETRY_MS, self, lambda: self._settle_proportions(tries - 1))
            return
        self.layout_settled = True

    def squeezed(self) -> list[str]:
        """The panels (or the map) that are too small to use; empty when the layout is fine."""
        side: list[QRect] = []
        bottom: list[QRect] = []
        for dock in self.docks.values():
            if dock.isVisible() and not dock.isFloating():
                area = self.dockWidgetArea(dock)
                (side if area in _SIDE_AREAS else bottom).append(dock.geometry())
        return layout.squeezed_parts(side, bottom, self.centralWidget().size())

    def save_layout(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        if self.squeezed():
            self.settings.remove("windowState")  # next time: the default proportions
        else:
            self.settings.setValue("windowState", self.saveState(STATE_VERSION))
        self.settings.setValue("language", self.ctx.language)

    def default_proportions(self) -> None:
        """Map largest; panels wide enough to read (applied when no usable saved layout exists)."""
        self.resizeDocks([self.docks["inspector"]], [layout.side_dock_width(self.width())], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["outcomes"]], [layout.bottom_dock_height(self.height())], Qt.Orientation.Vertical)

    def reset_layout(self) -> None:
        for dock in self.docks.values():
            dock.show()
            dock.setFloating(False)
        screen = self.screen() or QApplication.primaryScreen()
        self.setGeometry(layout.initial_geometry(screen.availableGeometry()))
        self.default_proportions()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.files.confirm_discard():
            event.ignore()
            return
        self.save_layout()
        self.files.autosaver.clear()
        event.accept()
