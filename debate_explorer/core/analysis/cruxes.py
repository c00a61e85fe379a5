"""Crux ranking: which claims move the outcome most when you change your mind.

For every node, the credence is set to 0 and to 1 with every other credence as
it is; all strengths are recomputed (so a node acts both directly, through its
own ``informs`` links, and through the nodes it supports or attacks) and the
scenario is re-run on common random numbers (:mod:`.replay`). A node's *score*
is the range of the metric over credence 0, its current credence and 1.

Nodes that cannot reach any assumption — no ``informs`` link of their own and
no supports/attacks path to a node with one (or only links into overridden
assumptions) — are not simulated: their effect is exactly 0 by construction,
and the ranking marks them ``linked = False``.

Noise: every variant runs on the base run's random numbers; the standard error
of each swing is a batch-means estimate (:mod:`.noise`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from debate_explorer.core.analysis.metrics import Metric, parse_metric
from debate_explorer.core.analysis.noise import DEFAULT_BATCHES, batch_count, paired_se
from debate_explorer.core.analysis.replay import Replay, Variant
from debate_explorer.core.errors import CancelledError, InputError
from debate_explorer.core.graph.semantics import FORCE_TYPES, strengths
from debate_explorer.core.model.linking import beliefs
from debate_explorer.core.model.scenario import Scenario

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph


@dataclass(frozen=True)
class Crux:
    """How one node's credence moves the metric (all values in the metric's units)."""

    node: str
    title: str
    credence: float
    strength: float
    at_zero: float
    at_one: float
    effect_zero: float  # metric at credence 0 minus the base
    effect_one: float  # metric at credence 1 minus the base
    swing: float  # at_one − at_zero
    score: float  # range of the metric over credence 0, current, 1
    se: float  # Monte Carlo standard error of the swing (batch means)
    changed: float  # share of samples whose inputs a variant changed
    linked: bool  # False: no path to any assumption, effect exactly 0


@dataclass(frozen=True)
class CruxRanking:
    metric: Metric
    title: str
    base: float
    samples: int
    seed: int
    batches: int
    runs: int  # variants actually simulated (besides the base)
    seconds: float
    cruxes: tuple[Crux, ...]  # highest score first
    warnings: tuple[str, ...] = ()

    @property
    def unlinked(self) -> int:
        return sum(not c.linked for c in self.cruxes)

    def highlight(self) -> dict[str, float]:
        """Scores scaled to 0..1 for tinting the map (the top crux is 1)."""
        top = max((c.score for c in self.cruxes), default=0.0)
        if not top > 0:
            return {c.node: 0.0 for c in self.cruxes}
        return {c.node: c.score / top for c in self.cruxes}

    def to_dict(self) -> dict[Any, Any]:
        out = {k: getattr(self, k) for k in ("title", "base", "samples", "seed", "batches", "runs")}
        out["seconds"] = round(self.seconds, 3)
        out["metric"] = {"name": self.metric.name, "label": self.metric.label, "unit": self.metric.unit}
        out["unlinked_nodes"] = self.unlinked
        out["note"] = (
            "unlinked nodes have no path to any model assumption: their effect is exactly 0 and they were not simulated"
        )
        out["warnings"] = list(self.warnings)
        out["cruxes"] = [{k: _json(v) for k, v in asdict(c).items()} for c in self.cruxes]
        return out


def _json(v: Any) -> Any:
    if isinstance(v, float):
        return round(v, 6) if np.isfinite(v) else None
    return v


def linked_nodes(scenario: Scenario, graph: ArgumentGraph) -> set[str]:
    """Nodes whose credence can change some assumption's mixture in this scenario."""
    kind = scenario.kind
    targets = {
        link.node
        for link in graph.informs
        if link.model == kind.name
        and link.assumption not in scenario.assumptions
        and link.assumption in kind.assumption_names
    }
    force = nx.DiGraph()
    force.add_edges_from((e.source, e.target) for e in graph.edges if e.type in FORCE_TYPES and e.weight > 0)
    out = set(targets)
    for t in targets & set(force):
        out |= nx.ancestors(force, t)
    return out


def rank_cruxes(
    scenario: Scenario,
    graph: ArgumentGraph | None,
    metric: Metric | str,
    *,
    samples: int | None = None,
    seed: int | None = None,
    nodes: Iterable[str] | None = None,
    threads: int | None = None,
    batches: int = DEFAULT_BATCHES,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CruxRanking:
    """Rank ``nodes`` (default: every node of the graph) by how much they move ``metric``."""
    t0 = time.perf_counter()
    if graph is None:
        raise InputError("a crux ranking needs an argument graph")
    if isinstance(metric, str):
        metric = parse_metric(metric, scenario.kind, scenario.kind_settings)
    nodes = list(graph.nodes if nodes is None else nodes)
    for node_id in nodes:
        graph.node(node_id)  # an unknown id is an InputError naming it
    run = metric.prepare(scenario)
    n = samples if samples is not None else run.run.samples
    replay = Replay(
        run, graph, samples=n, seed=seed if seed is not None else run.run.seed, threads=threads, cancel=cancel
    )
    batches = batch_count(n, batches)
    probe = _Probe(replay, graph, metric, batches)
    linked = linked_nodes(run, graph)
    todo = [x for x in nodes if x in linked]
    out: list[Crux] = []
    warnings: list[str] = []
    for k, node in enumerate(todo):
        if cancel is not None and cancel():
            raise CancelledError("crux ranking cancelled")
        out.append(probe.crux(node, warnings))
        if progress is not None:
            progress(k + 1, len(todo))
    out += [probe.unlinked(x) for x in nodes if x not in linked]
    out.sort(key=lambda c: (-c.score, not c.linked, c.node))
    return CruxRanking(
        metric,
        run.title,
        probe.base_value,
        n,
        replay.seed,
        batches,
        replay.runs - 1,
        time.perf_counter() - t0,
        tuple(out),
        tuple(warnings),
    )


class _Probe:
    """Runs the two credence variants of a node against the shared base."""

    def __init__(self, replay: Replay, graph: ArgumentGraph, metric: Metric, batches: int) -> None:
        self.replay = replay
        self.graph = graph  # the replay's graph, known here to be present
        self.metric = metric
        self.batches = batches
        self.credences = dict(replay.scenario.graph.credences)
        self.strengths = strengths(graph, self.credences).strengths
        self.base_value = metric.value(replay.base)
        self.years_only = not metric.reads_extras

    def _variant(self, node: str, value: float, warnings: list[str]) -> Variant:
        if self.replay.scenario.credence(node) == value:
            return self.replay.variant(self.replay.effective, years_only=self.years_only)  # the base
        credences = {**self.credences, node: value}
        if not strengths(self.graph, credences, settled=True).converged:
            warnings.append(f"strengths did not settle with {node} at credence {value:g}")
        return self.replay.with_strengths(beliefs(self.graph, credences), years_only=self.years_only)

    def crux(self, node: str, warnings: list[str]) -> Crux:
        lo, hi = self._variant(node, 0.0, warnings), self._variant(node, 1.0, warnings)
        m = self.metric
        at0, at1 = m.value(lo.samples), m.value(hi.samples)
        changed = lo.changed | hi.changed
        se = paired_se(m, hi.samples, lo.samples, changed, self.batches)
        values = (at0, self.base_value, at1)
        return Crux(
            node,
            self.graph.node(node).title_en,
            self.replay.scenario.credence(node),
            float(self.strengths[node]),
            at0,
            at1,
            at0 - self.base_value,
            at1 - self.base_value,
            at1 - at0,
            max(values) - min(values),
            se,
            float(changed.mean()),
            True,
        )

    def unlinked(self, node: str) -> Crux:
        b = self.base_value
        return Crux(
            node,
            self.graph.node(node).title_en,
            self.replay.scenario.credence(node),
            float(self.strengths[node]),
            b,
            b,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            False,
        )
