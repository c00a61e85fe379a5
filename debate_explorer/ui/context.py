"""The shared state every panel binds to.

Panels receive one ``AppContext`` and talk only to it: they read the document,
graph, strengths and results, call the document's edit methods, and listen to
the signals below. They never call each other, so any panel can be rearranged,
hidden or tested alone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from debate_explorer.core.document import Change, ScenarioDocument
from debate_explorer.core.engine.results import RunResult
from debate_explorer.core.model.linking import EffectiveAssumption, effective_assumptions, node_strengths
from debate_explorer.ui.compute import ComputeService


class AppContext(QObject):
    scenarioChanged = Signal(object)  # Change flags (also after undo/redo/open)
    strengthsChanged = Signal()
    selectionChanged = Signal(object)  # node id or None
    languageChanged = Signal(str)  # "en" or "zh"
    resultsChanged = Signal(object)  # RunResult for the current scenario (maybe a preview)
    resultsCleared = Signal(str)  # no results for the current scenario (yet), and why
    pinnedChanged = Signal(object)  # RunResult or None: the comparison drawn dashed
    highlightChanged = Signal(object)  # {node id: score} tint for the map (e.g. crux scores) or None

    def __init__(self, document: ScenarioDocument, compute: ComputeService | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.graph = document.graph
        self.compute = compute
        self.selected: str | None = None
        self.language = "en"
        self.results: RunResult | None = None
        self.pinned: RunResult | None = None
        self.pinned_label = ""
        self.highlight: dict[str, float] | None = None
        self.strengths: dict[str, float] = {}
        self._effective: list[EffectiveAssumption] | None = None
        self._refresh_strengths()
        document.changed.connect(self._on_document_changed)
        if compute is not None:
            compute.resultReady.connect(self._on_result)
            compute.failed.connect(self._on_failed)

    # -- derived data (computed by the core, cached per revision) ----------------
    @property
    def effective(self) -> list[EffectiveAssumption]:
        if self._effective is None:
            self._effective = effective_assumptions(self.document.scenario, self.graph, self.strengths)
        return self._effective

    def _refresh_strengths(self) -> None:
        self.strengths = node_strengths(self.document.scenario, self.graph)
        self._effective = None

    def _on_document_changed(self, flags: Change) -> None:
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
        if node == self.selected:
            return
        self.selected = node
        self.selectionChanged.emit(node)

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.languageChanged.emit(language)

    def pin(self, result: RunResult | None, label: str = "") -> None:
        self.pinned = result
        self.pinned_label = label
        self.pinnedChanged.emit(result)

    def set_highlight(self, scores: dict[str, float] | None) -> None:
        self.highlight = scores
        self.highlightChanged.emit(scores)

    def title_of(self, node_id: str) -> str:
        node = self.graph.node(node_id)
        return node.title_zh if self.language == "zh" and node.title_zh else node.title_en
