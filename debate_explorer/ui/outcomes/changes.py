"""The last change: what the scenario was before it, its result, and which assumptions moved.

"What changed and why" needs a *before* for every edit. A change is one undo
step: a slider drag is one change however many values it streams (the
document folds it into one command), and undo, redo, opening a file or a preset
are changes too. The tracker keeps the scenario from before the change, the
best result computed for it (the first chunks of a run that was superseded
count), and, computed on demand, the assumptions whose sampled distributions
differ (``core.analysis.explain.moved_assumptions``). Panels read it from
``ctx.changes`` and listen to ``changed``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from debate_explorer.core.analysis.explain import moved_assumptions
from debate_explorer.core.editing.document import Change
from debate_explorer.core.engine.results import RunResult
from debate_explorer.core.model.linking import effective_assumptions
from debate_explorer.core.model.scenario import Scenario

KEEP_RESULTS = 3  # revisions whose best result is kept (a change looks one back; memory stays flat)
DEFAULT_METRIC = "agi_median"


class ChangeTracker(QObject):
    changed = Signal()  # a new last change (or its before-result arrived)
    metricChanged = Signal(str)  # the outcome the explanation and crux swings are about

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self.metric = DEFAULT_METRIC
        self.before: Scenario | None = None
        self.before_result: RunResult | None = None
        self.label = ""
        self._before_revision: int | None = None
        self._moved: list[str] | None = None
        doc = ctx.document
        self._scenario, self._revision = doc.scenario, doc.revision
        self._top = doc.undo_stack.top
        self._results: dict[int, RunResult] = {}
        ctx.scenarioChanged.connect(self._on_scenario)
        ctx.resultsChanged.connect(self._on_result)

    # -- reading -----------------------------------------------------------------------
    @property
    def moved(self) -> list[str]:
        """Names of the assumptions whose distribution the last change moved."""
        if self._moved is None:
            now = self.ctx.document.scenario
            if self.before is None or self.before.model != now.model:
                self._moved = []
            else:
                self._moved = moved_assumptions(effective_assumptions(self.before, self.ctx.graph), self.ctx.effective)
        return self._moved

    def set_metric(self, name: str) -> None:
        if name != self.metric:
            self.metric = name
            self.metricChanged.emit(name)

    # -- following the document ----------------------------------------------------------
    def _on_scenario(self, flags: Change) -> None:
        doc = self.ctx.document
        new, stack = doc.scenario, doc.undo_stack
        if not flags.needs_run or new == self._scenario:
            self._revision = doc.revision  # a save or a title edit: same outcome, new revision
            self._carry_result()
            return
        top = stack.top
        gesture = top is not None and top is self._top and top.merge_key is not None and top.after == new
        if not gesture:
            self.before, self._before_revision = self._scenario, self._revision
            self.before_result = self._results.get(self._revision)
            self.label = self._label(top, new)
        self._scenario, self._revision, self._top = new, doc.revision, top
        self._moved = None
        self.changed.emit()

    def _label(self, top, new: Scenario) -> str:
        """What the user did, in the words of the Edit menu."""
        undone = self._top
        if undone is not None and top is not undone and undone.before == new:
            return f"Undo {undone.label}"
        if top is not None and top.after == new:
            return top.label
        return f"Opened “{new.title or self.ctx.document.display_name}”"

    def _carry_result(self) -> None:
        """A revision bump without a new outcome: the latest result still describes it."""
        if self.ctx.results is not None:
            self._results[self._revision] = self.ctx.results

    def _on_result(self, result: RunResult) -> None:
        kept = self._results.get(result.revision)
        if kept is None or result.samples >= kept.samples:
            self._results[result.revision] = result
        for rev in sorted(self._results)[:-KEEP_RESULTS]:
            if rev != self._before_revision:
                del self._results[rev]
        if result.revision == self._before_revision and self.before_result is None:
            self.before_result = result
            self.changed.emit()
