"""The shared state every panel binds to.

Panels receive one ``AppContext`` and talk only to it: they read the document,
graph, strengths and results, call the document's edit methods, and listen to
the signals below. They never call each other, so any panel can be rearranged,
hidden or tested alone.

What the user is looking at (selection, language, pin, map tint) lives in the
Qt-free evented model ``core.app_state.AppState`` (``ctx.state``); the Qt
signals here mirror its events for widgets that prefer Qt connections.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QObject, Signal

from debate_explorer.core.editing.app_state import AppState, Language, Pin
from debate_explorer.core.editing.document import Change, ScenarioDocument
from debate_explorer.core.engine.results import RunResult
from debate_explorer.core.graph.semantics import strengths
from debate_explorer.core.model.linking import EffectiveAssumption, effective_assumptions, node_strengths
from debate_explorer.core.model.scenario import Scenario
from debate_explorer.ui.common.compute import ComputeService
from debate_explorer.ui.common.idle_tasks import IdleTasks
from debate_explorer.ui.outcomes.changes import ChangeTracker


class AppContext(QObject):
    scenarioChanged = Signal(object)  # Change flags (also after undo/redo/open)
    strengthsChanged = Signal()
    selectionChanged = Signal(object)  # node id or None
    languageChanged = Signal(str)  # "en" or "zh"
    resultsChanged = Signal(object)  # RunResult for the current scenario (maybe a preview)
    resultsCleared = Signal(str)  # no results for the current scenario (yet), and why
    pinnedChanged = Signal(object)  # RunResult or None: the comparison drawn dashed
    highlightChanged = Signal(object)  # {node id: score} tint for the map (e.g. crux scores) or None
    graphChanged = Signal(object)  # the ArgumentGraph now in use (the user's map was edited or opened)

    def __init__(
        self,
        document: ScenarioDocument,
        compute: ComputeService | None = None,
        parent: QObject | None = None,
        *,
        state: AppState | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.graph = document.graph
        self.compute = compute
        self.state = state or AppState()
        self.results: RunResult | None = None
        self.strengths: dict[str, float] = {}
        self.beliefs: dict[str, float] = {}
        self._effective: list[EffectiveAssumption] | None = None
        self._refresh_strengths()
        document.changed.connect(self._on_document_changed)
        events = self.state.events
        events.selected.connect(lambda node: self.selectionChanged.emit(node))
        events.language.connect(lambda lang: self.languageChanged.emit(str(lang)))
        events.pin.connect(lambda pin: self.pinnedChanged.emit(pin.result if pin else None))
        events.highlight.connect(lambda scores: self.highlightChanged.emit(scores))
        if compute is not None:
            compute.resultReady.connect(self._on_result)
            compute.failed.connect(self._on_failed)
        self.changes = ChangeTracker(self)  # the last change: before/after, for deltas and explanations
        self.idle_tasks = IdleTasks(compute, self) if compute is not None else None

    # -- the evented state, read as plain attributes ------------------------------
    @property
    def selected(self) -> str | None:
        return self.state.selected

    @property
    def language(self) -> str:
        return str(self.state.language)

    @property
    def pinned(self) -> RunResult | None:
        return self.state.pin.result if self.state.pin else None

    @property
    def pinned_label(self) -> str:
        return self.state.pin.label if self.state.pin else ""

    @property
    def pinned_scenario(self) -> Scenario | None:
        """What the pinned result was computed from, if known."""
        return self.state.pin.scenario if self.state.pin else None

    @property
    def highlight(self) -> dict[str, float] | None:
        return dict(self.state.highlight) if self.state.highlight is not None else None

    # -- derived data (computed by the core, cached per revision) ----------------
    @property
    def effective(self) -> list[EffectiveAssumption]:
        if self._effective is None:
            self._effective = effective_assumptions(self.document.scenario, self.graph, self.beliefs)
        return self._effective

    def _refresh_strengths(self) -> None:
        """``strengths``: each node's DF-QuAD strength (what the map's fill shows: the arguments'
        verdict); ``beliefs``: what the model weighs (a set credence as set, an undecided node
        moved only by the decisions it depends on; core.model.linking)."""
        credences = self.document.scenario.graph.credences
        # semantics works on any hashable ids; an ArgumentGraph's are str.
        self.strengths = (
            cast(dict[str, float], dict(strengths(self.graph, credences).strengths)) if self.graph is not None else {}
        )
        self.beliefs = node_strengths(self.document.scenario, self.graph)
        self._effective = None

    def _on_document_changed(self, flags: Change) -> None:
        if self.document.graph is not self.graph:
            self._use_graph()
        if self.document.opened_revision == self.document.revision and self.results is not None:
            # Another scenario was opened: the results on screen are not of the scenario named.
            self.results = None
            self.resultsCleared.emit(f"Computing results for {self.document.display_name}…")
        if flags & (Change.CREDENCES | Change.ASSUMPTIONS | Change.SETTINGS):
            self._refresh_strengths()
            self.strengthsChanged.emit()
        self.scenarioChanged.emit(flags)
        if flags.needs_run:
            self.recompute()

    def _use_graph(self) -> None:
        """The document's map changed: the engine links with it, the views redraw from it."""
        self.graph = self.document.graph
        if self.compute is not None:
            self.compute.graph = self.graph
        if self.state.selected is not None and self.graph is not None and self.state.selected not in self.graph:
            self.state.selected = None
        self.graphChanged.emit(self.graph)

    def recompute(self) -> None:
        if self.compute is not None:
            self.compute.request(self.document.scenario, self.document.revision)

    def _on_result(self, result: RunResult) -> None:
        if result.revision < max(getattr(self.results, "revision", -1), self.document.opened_revision):
            return  # an older run finishing late, perhaps of a scenario no longer open
        self.results = result
        self.resultsChanged.emit(result)

    def _on_failed(self, message: str) -> None:
        """A run failed: whatever is on screen is not a result of the current scenario."""
        self.results = None
        self.resultsCleared.emit(f"No results: {message.splitlines()[0] if message else 'the run failed'}")

    # -- user intents shared across panels ---------------------------------------
    def select(self, node: str | None) -> None:
        self.state.selected = node

    def set_language(self, language: str) -> None:
        try:
            self.state.language = Language(language)
        except ValueError:
            self.state.language = Language.EN  # e.g. a damaged settings file

    def pin(self, result: RunResult | None, label: str = "", scenario: Scenario | None = None) -> None:
        """Pin ``result`` (None: unpin). Pinning the current result remembers the current scenario."""
        if scenario is None and result is not None and result is self.results:
            scenario = self.document.scenario
        self.state.pin = Pin(result, label, scenario) if result is not None else None

    def set_highlight(self, scores: dict[str, float] | None) -> None:
        self.state.highlight = scores

    def title_of(self, node_id: str) -> str:
        node = self.graph.node(node_id)
        return node.title_zh if self.language == "zh" and node.title_zh else node.title_en
