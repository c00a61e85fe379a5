"""The OUTCOMES panel: what the current scenario implies, beside a pinned comparison.

Tabs for arrival curves, densities, growth and automation fans and regime
shares, all fed from ``AppContext``: ``resultsChanged`` (many times a second
while a slider moves) and ``pinnedChanged``. Only the visible tab is redrawn on
each result; hidden tabs catch up when shown, so streaming costs one plot's
update, not five. The main window's Export menu calls ``export_plot``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from debate_explorer.core.engine.results import RunResult
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.explain.view import ExplainView
from debate_explorer.ui.outcomes.change_table import ChangeTable
from debate_explorer.ui.plots.arrival import ArrivalView
from debate_explorer.ui.plots.base import OutcomeView
from debate_explorer.ui.plots.density import DensityView
from debate_explorer.ui.plots.export import SUFFIXES, export_plot_item
from debate_explorer.ui.plots.fan import AUTOMATION, GROWTH, FanView
from debate_explorer.ui.plots.ranges import x_window
from debate_explorer.ui.plots.regimes import RegimeView
from debate_explorer.ui.plots.style import MUTED

EXPORT_WIDTH = 1600
SPANS: tuple[tuple[str, float | None], ...] = (
    ("15 years", 15.0),
    ("25 years", 25.0),
    ("40 years", 40.0),
    ("To horizon", None),
)
DEFAULT_SPAN = 2  # 40 years


class OutcomesPanel(QWidget):
    """Outcome plots for ``ctx.results`` with ``ctx.pinned`` drawn dashed beside them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.arrival = ArrivalView()
        self.density = DensityView()
        self.growth = FanView(GROWTH)
        self.automation = FanView(AUTOMATION)
        self.regimes = RegimeView()
        self.views: tuple[OutcomeView, ...] = (self.arrival, self.density, self.growth, self.automation, self.regimes)
        self.changes = ChangeTable(ctx)
        self.explain = ExplainView(ctx)
        self._stale: set[OutcomeView] = set()
        self._window: tuple | None = None
        self._build()
        ctx.resultsChanged.connect(self._on_results)
        ctx.resultsCleared.connect(self._on_cleared)
        ctx.pinnedChanged.connect(self._on_pinned)
        if ctx.results is not None:
            self._on_results(ctx.results)
        if ctx.pinned is not None:
            self._on_pinned(ctx.pinned)
        self._update_controls()

    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for view in self.views:
            self.tabs.addTab(view, view.title)
        # Not plots of one result: they compare results, and keep themselves up to date.
        self.tabs.addTab(self.changes, self.changes.title)
        self.tabs.addTab(self.explain, self.explain.title)
        self.tabs.setTabToolTip(self.tabs.indexOf(self.changes), "Each figure now, before the last change, pinned")
        self.tabs.setTabToolTip(self.tabs.indexOf(self.explain), "Which assumptions moved the outcome, and by how much")
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.status = QLabel("No results yet")
        self.status.setStyleSheet(f"color: {MUTED};")
        self.span = QComboBox()
        self.span.setToolTip("Years shown on the time axis (drag or scroll on a plot to pan and zoom)")
        for text, _ in SPANS:
            self.span.addItem(text)
        self.span.setCurrentIndex(DEFAULT_SPAN)
        self.span.currentIndexChanged.connect(lambda _: self._apply_window(force=True))
        self.pin_button = QPushButton("Pin current")
        self.pin_button.setToolTip("Keep these results as a dashed comparison while you edit")
        self.pin_button.clicked.connect(self.toggle_pin)

        corner = QWidget()
        bar = QHBoxLayout(corner)
        bar.setContentsMargins(8, 0, 4, 2)
        bar.addWidget(self.status)
        bar.addSpacing(8)
        self._show_label = QLabel("Show")
        bar.addWidget(self._show_label)
        bar.addWidget(self.span)
        bar.addWidget(self.pin_button)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    STATUS_MIN_WIDTH = 1100  # narrower, the seven tabs need the room (the window has a status bar too)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= self.STATUS_MIN_WIDTH
        self.status.setVisible(wide)
        self._show_label.setVisible(wide)

    # -- results -------------------------------------------------------------------
    def _label(self) -> str:
        doc = self.ctx.document
        return doc.scenario.title or Path(doc.display_name).stem

    def _on_results(self, result: RunResult) -> None:
        self._sync_availability(result)
        settings = self.ctx.document.scenario.kind_settings
        self.regimes.set_thresholds(
            getattr(settings, "amplification_below", None), getattr(settings, "explosive_above", None)
        )
        current = self.tabs.currentWidget()
        for view in self.views:
            if view is current and view.is_available():
                view.set_result(result, self._label())
                self._stale.discard(view)
            else:
                self._stale.add(view)
        self._apply_window()
        self._update_status(result)
        self._update_controls()

    def _on_cleared(self, why: str) -> None:
        """No results for the scenario named: show why instead of another scenario's plots."""
        for view in self.views:
            view.set_available(False, why)
        self._stale.clear()
        self.status.setText(why[:80])
        self._update_controls()

    def _on_pinned(self, pinned: RunResult | None) -> None:
        for view in self.views:
            view.set_pinned(pinned, self.ctx.pinned_label)
        self._update_controls()

    def _on_tab_changed(self, index: int) -> None:
        view = self.tabs.widget(index)
        self.span.setEnabled(view.time_axis)
        if view in self._stale and self.ctx.results is not None:
            self._stale.discard(view)
            if view.is_available():
                view.set_result(self.ctx.results, self._label())

    def refresh_all(self) -> None:
        """Bring every tab up to date now (before an export of all plots, or in tests)."""
        result = self.ctx.results
        if result is None:
            return
        for view in list(self._stale):
            if view.is_available():
                view.set_result(result, self._label())
        self._stale.clear()

    def _sync_availability(self, result: RunResult) -> None:
        """Disable tabs the model has no data for; never leave one of them selected."""
        was_on = self.tabs.currentWidget()
        for i, view in enumerate(self.views):
            ok = view.available(result)
            note = "" if ok else view.unavailable_note(result)
            view.set_available(ok, note)
            self.tabs.setTabEnabled(i, ok)
            self.tabs.setTabToolTip(i, note.replace("\n", " "))
        if was_on in self.views and not was_on.available(result):
            # Qt would move to a neighbour; the arrival curves are what every model has.
            self.tabs.setCurrentWidget(self.arrival)

    def _apply_window(self, force: bool = False) -> None:
        """Set the year window once per start/horizon/span, so streaming keeps a user's zoom."""
        result = self.ctx.results
        if result is None:
            return
        span = SPANS[self.span.currentIndex()][1]
        key = (result.start, result.horizon, span)
        if key == self._window and not force:
            return
        self._window = key
        lo, hi = x_window(result.start, result.horizon, span)
        for view in self.views:
            view.set_x_window(lo, hi, result.start, result.horizon)

    def _update_status(self, result: RunResult) -> None:
        parts = [f"{result.samples:,} samples", result.backend, f"{result.seconds:.2f} s"]
        if result.samples < self.ctx.document.scenario.run.samples:
            parts.append("preview")
        self.status.setText(" · ".join(parts))

    def _update_controls(self) -> None:
        pinned = self.ctx.pinned is not None
        self.pin_button.setText("Unpin" if pinned else "Pin current")
        self.pin_button.setEnabled(pinned or self.ctx.results is not None)
        if pinned:
            self.pin_button.setToolTip(f"Stop comparing with “{self.ctx.pinned_label}”")
        else:
            self.pin_button.setToolTip("Keep these results as a dashed comparison while you edit")

    # -- user actions --------------------------------------------------------------
    def toggle_pin(self) -> None:
        if self.ctx.pinned is not None:
            self.ctx.pin(None)
        elif self.ctx.results is not None:
            self.ctx.pin(self.ctx.results, self._label())

    def current_view(self) -> OutcomeView | ExplainView:
        """The visible plot (the arrival curves when the table of changes is showing)."""
        view = self.tabs.currentWidget()
        return view if view in self.views or view is self.explain else self.arrival

    def current_plot_name(self) -> str:
        """A short name for the visible plot ('arrival', 'density', 'growth', ...), for file names."""
        return self.current_view().name

    def export_plot(self, path: str | Path) -> Path:
        """Write the visible plot to ``path``: PNG (1600 px wide) or SVG, chosen by suffix."""
        path = Path(path)
        if path.suffix.lower() not in SUFFIXES:
            raise ValueError(f"cannot export a plot as '{path.suffix or path.name}': use .png or .svg")
        view = self.current_view()
        if not view.is_available():
            raise ValueError(f"the {view.title} plot has no data for this model")
        self._on_tab_changed(self.tabs.currentIndex())  # bring it up to date if it was stale
        item = view.plot.getPlotItem()
        view.prepare_export(True)
        try:
            item.layout.activate()  # lay out the title row now, not at the next paint
            item.getViewBox().updateMatrix()  # the SVG exporter reads transforms without painting
            return export_plot_item(item, path, EXPORT_WIDTH)
        finally:
            view.prepare_export(False)
