"""Everything a report shows, computed by the analyses the CLI and the app already use.

The report runs nothing of its own: the runs come from
:func:`~debate_explorer.core.analysis.compare.compare_scenarios` (one seed and
sample count, so both scenarios share random numbers and the figures equal
``run --json`` for that seed and count), the waterfall from
:func:`~debate_explorer.core.analysis.explain.explain_change` and the cruxes from
:func:`~debate_explorer.core.analysis.cruxes.rank_cruxes`. Explain and cruxes are
the costly parts, so they run at most :data:`ANALYSIS_SAMPLES` samples each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from debate_explorer.core.analysis.compare import WorldviewRun, compare_scenarios
from debate_explorer.core.analysis.cruxes import CruxRanking, rank_cruxes
from debate_explorer.core.analysis.explain import Explanation, explain_change
from debate_explorer.core.analysis.metrics import Metric, parse_metric
from debate_explorer.core.errors import CancelledError
from debate_explorer.core.model.scenario import Scenario
from debate_explorer.core.report.beliefs import Belief, changed_beliefs

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph

ANALYSIS_SAMPLES = 20_000
TOP_CRUXES = 10

Progress = Callable[[str, float], None]  # (what is being done, share of the report done)


@dataclass(frozen=True)
class Side:
    """One scenario of the report: its name, its file's text and its run."""

    name: str
    scenario: Scenario
    file_name: str
    file_text: str


@dataclass(frozen=True)
class ReportData:
    subject: Side
    against: Side | None
    runs: tuple[WorldviewRun, ...]  # subject first, then the comparison
    metric: Metric
    explanation: Explanation | None
    cruxes: CruxRanking | None
    beliefs: tuple[Belief, ...]
    graph: ArgumentGraph | None
    samples: int
    seed: int
    made: str  # ISO date and time the report was made
    version: str


def default_metric_name(scenario: Scenario) -> str:
    """The middle milestone's median: the milestone a kind's forecast turns on (AGI of three,
    the only one of one), chosen from the kind's own list so no kind is named here."""
    ms = scenario.kind.milestones
    return f"{ms[(len(ms) - 1) // 2].key}_median"


def gather(
    subject: Side,
    against: Side | None,
    graph: ArgumentGraph | None,
    *,
    samples: int | None = None,
    seed: int | None = None,
    metric: str | None = None,
    threads: int | None = None,
    cancel: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> ReportData:
    """Run both scenarios and every analysis the report shows."""
    from debate_explorer import __version__

    def step(what: str, share: float) -> None:
        if cancel is not None and cancel():
            raise CancelledError("report cancelled")
        if progress is not None:
            progress(what, share)

    s = subject.scenario
    samples = samples if samples is not None else s.run.samples
    seed = seed if seed is not None else s.run.seed
    chosen = parse_metric(metric or default_metric_name(s), s.kind, s.kind_settings)
    uses_graph = graph if s.kind.uses_graph else None
    items = [(subject.name, None, s)] + ([(against.name, None, against.scenario)] if against else [])
    step("running the scenarios", 0.0)
    comparison = compare_scenarios(items, uses_graph, samples=samples, seed=seed, threads=threads, cancel=cancel)
    few = min(samples, ANALYSIS_SAMPLES)
    explanation = None
    if against is not None and against.scenario.kind.name == s.kind.name:
        step("explaining the change", 0.35)
        explanation = explain_change(
            against.scenario, s, uses_graph, chosen, samples=few, seed=seed, threads=threads, cancel=cancel
        )
    cruxes = None
    if uses_graph is not None:
        step("ranking the cruxes", 0.65)
        cruxes = rank_cruxes(s, uses_graph, chosen, samples=few, seed=seed, threads=threads, cancel=cancel)
    step("writing the report", 0.95)
    beliefs = changed_beliefs(s, against.scenario if against else None, uses_graph)
    return ReportData(
        subject=subject,
        against=against,
        runs=comparison.runs,
        metric=chosen,
        explanation=explanation,
        cruxes=cruxes,
        beliefs=tuple(beliefs),
        graph=uses_graph,
        samples=samples,
        seed=seed,
        made=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip(),
        version=__version__,
    )
