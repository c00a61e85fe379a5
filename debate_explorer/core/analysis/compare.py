"""Worldview comparison: several scenarios side by side, and where they part ways.

Every scenario runs with the same sample count and seed, so the comparison is
on common random numbers as far as the scenarios share a model kind. The
result holds each run (for CDF plots), a table of named metrics, the
assumptions whose sampled distributions differ most between the worldviews
(largest Kolmogorov–Smirnov distance between any two of them — scale-free, so
OOM, years and growth rates rank together) and the credences that differ most.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from debate_explorer.core.analysis.metrics import MetricKind, Samples, growth_settings, metric_names, parse_metric
from debate_explorer.core.engine.compute import check_runnable, run_scenario
from debate_explorer.core.engine.program import sample_distribution
from debate_explorer.core.engine.results import RunResult
from debate_explorer.core.errors import CancelledError, InputError
from debate_explorer.core.model.linking import EffectiveAssumption, effective_assumptions
from debate_explorer.core.model.scenario import Scenario, load_scenario

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph

SHAPE_DRAWS = 4096
READ_YEARS = (2030, 2035, 2040)


@dataclass(frozen=True)
class WorldviewRun:
    label: str
    path: str | None
    scenario: Scenario
    result: RunResult
    metrics: dict[str, float | None]  # None: the metric does not apply to this model
    effective: tuple[EffectiveAssumption, ...]


@dataclass(frozen=True)
class AssumptionSpread:
    assumption: str
    label: str
    unit: str
    quantiles: tuple[tuple[float, float, float] | None, ...]  # (p10, median, p90) per run
    distance: float  # largest KS distance between two runs' distributions


@dataclass(frozen=True)
class CredenceSpread:
    node: str
    title: str
    credences: tuple[float, ...]  # per run (0.5 when the scenario leaves it undecided)

    @property
    def spread(self) -> float:
        return max(self.credences) - min(self.credences)


@dataclass(frozen=True)
class Comparison:
    runs: tuple[WorldviewRun, ...]
    metrics: tuple[str, ...]
    assumptions: tuple[AssumptionSpread, ...]  # largest distance first
    credences: tuple[CredenceSpread, ...]  # largest spread first
    samples: int
    seed: int
    seconds: float

    @property
    def labels(self) -> list[str]:
        return [r.label for r in self.runs]

    def to_dict(self) -> dict[Any, Any]:
        return {
            "samples": self.samples,
            "seed": self.seed,
            "seconds": round(self.seconds, 3),
            "scenarios": [
                {
                    "label": r.label,
                    "path": r.path,
                    "model": r.scenario.model,
                    "metrics": {k: _round(v) for k, v in r.metrics.items()},
                }
                for r in self.runs
            ],
            "assumptions": [
                {
                    "assumption": a.assumption,
                    "label": a.label,
                    "unit": a.unit,
                    "distance": round(a.distance, 4),
                    "quantiles": {
                        lab: None if q is None else [_round(v) for v in q]
                        for lab, q in zip(self.labels, a.quantiles, strict=True)
                    },
                }
                for a in self.assumptions
            ],
            "credences": [
                {"node": c.node, "title": c.title, "credences": dict(zip(self.labels, c.credences, strict=True))}
                for c in self.credences
            ],
        }


def format_quantity(v: float) -> str:
    """Three significant digits, but whole numbers for years and other large values."""
    return f"{v:.0f}" if abs(v) >= 100 else f"{v:.3g}"


def format_spread(q: tuple[float, float, float] | None) -> str:
    """'median [P10–P90]' of an assumption, or n/a."""
    if q is None:
        return "n/a"
    return f"{format_quantity(q[1])} [{format_quantity(q[0])}–{format_quantity(q[2])}]"


def _round(v: float | None) -> float | None:
    return None if v is None or not np.isfinite(v) else round(float(v), 6)


def default_metrics(scenario: Scenario) -> list[str]:
    """The table's rows: medians, P(AGI by year), regimes, growth at the regime year."""
    kind, settings = scenario.kind, scenario.kind_settings
    names = [f"{m.key}_median" for m in kind.milestones]
    if "agi" in [m.key for m in kind.milestones]:
        names += [f"agi_p{y}" for y in READ_YEARS]
    return names + [n for n in metric_names(kind, settings) if n.startswith(("p_", "growth_"))]


def metric_value(name: str, result: RunResult, scenario: Scenario) -> float | None:
    """``name`` read off a finished run, or None if this model has no such metric."""
    try:
        metric = parse_metric(name, scenario.kind, scenario.kind_settings)
    except InputError:
        return None
    if metric.what == MetricKind.GROWTH and growth_settings(scenario.kind_settings).regime_year != metric.year:
        return _band_median(result, metric.year)
    return metric.value(Samples.of(result, scenario))


def _band_median(result: RunResult, year: int) -> float | None:
    years = list(result.band_years)
    if year not in years:
        return None
    return float(result.band("growth").percentiles((0.5,))[0, years.index(year)])


def load_worldviews(paths: Sequence[str | Path], graph: ArgumentGraph | None = None) -> list[tuple[str, str, Scenario]]:
    """(label, path, scenario) per file; the label is the title, or the file name."""
    out: list[tuple[str, str, Scenario]] = []
    for p in paths:
        scenario = load_scenario(p)
        check_runnable(scenario, graph, file=p)
        out.append((scenario.title or Path(p).stem, str(p), scenario))
    return out


def compare_scenarios(
    items: Sequence[tuple[str, str | None, Scenario]],
    graph: ArgumentGraph | None = None,
    *,
    samples: int | None = None,
    seed: int | None = None,
    metrics: Sequence[str] | None = None,
    threads: int | None = None,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Comparison:
    """Run each (label, path, scenario) with one sample count and seed and compare them."""
    t0 = time.perf_counter()
    if len(items) < 1:
        raise InputError("give at least one scenario to compare")
    first = items[0][2]
    samples = samples if samples is not None else first.run.samples
    seed = seed if seed is not None else first.run.seed
    names = list(metrics) if metrics is not None else _union(default_metrics(s) for _, _, s in items)
    runs: list[WorldviewRun] = []
    for k, (label, path, scenario) in enumerate(items):
        if cancel is not None and cancel():
            raise CancelledError("comparison cancelled")
        graph_for = graph if scenario.kind.uses_graph else None
        result = run_scenario(scenario, graph_for, samples=samples, seed=seed, threads=threads, cancel=cancel)
        values = {n: metric_value(n, result, scenario) for n in names}
        effective = tuple(effective_assumptions(scenario, graph_for))
        runs.append(WorldviewRun(_unique(label, runs), path, scenario, result, values, effective))
        if progress is not None:
            progress(k + 1, len(items))
    return Comparison(
        tuple(runs),
        tuple(names),
        tuple(assumption_spreads(runs)),
        tuple(credence_spreads(runs, graph)),
        samples,
        seed,
        time.perf_counter() - t0,
    )


def _union(lists: Iterable[Sequence[str]]) -> list[str]:
    out: list[str] = []
    for names in lists:
        out += [n for n in names if n not in out]
    return out


def _unique(label: str, runs: list[WorldviewRun]) -> str:
    taken = {r.label for r in runs}
    k, out = 2, label
    while out in taken:
        out, k = f"{label} ({k})", k + 1
    return out


def assumption_spreads(runs: Sequence[WorldviewRun]) -> list[AssumptionSpread]:
    """Every assumption that at least two runs share, by how far apart their distributions are."""
    from scipy import stats  # imported here: scipy.stats costs ~1 s at app start-up

    shapes: dict[str, list[np.ndarray | None]] = {}
    meta: dict[str, EffectiveAssumption] = {}
    for i, run in enumerate(runs):
        for e in run.effective:
            a = e.assumption
            meta.setdefault(a.name, e)
            shapes.setdefault(a.name, [None] * len(runs))[i] = sample_distribution(
                e.dist, (a.lower, a.upper), n=SHAPE_DRAWS
            )
    out = []
    for name, draws in shapes.items():
        present = [d for d in draws if d is not None]
        if len(present) < 2 and len(runs) > 1:
            continue
        distance = max((stats.ks_2samp(a, b).statistic for a, b in itertools.combinations(present, 2)), default=0.0)
        qs = tuple(None if d is None else _spread(d) for d in draws)
        a = meta[name].assumption
        out.append(AssumptionSpread(name, a.label, a.unit, qs, float(distance)))
    out.sort(key=lambda s: (-s.distance, s.assumption))
    return out


def _spread(draws: np.ndarray) -> tuple[float, float, float]:
    """P10, median and P90 of an assumption's draws."""
    p10, p50, p90 = (float(v) for v in np.quantile(draws, (0.1, 0.5, 0.9)))
    return p10, p50, p90


def credence_spreads(runs: Sequence[WorldviewRun], graph: ArgumentGraph | None) -> list[CredenceSpread]:
    """Nodes whose credence differs between the runs, widest spread first."""
    if graph is None:
        return []
    nodes = sorted({n for r in runs for n in r.scenario.graph.credences if n in graph.nodes})
    out = [CredenceSpread(n, graph.node(n).title_en, tuple(r.scenario.credence(n) for r in runs)) for n in nodes]
    out = [c for c in out if c.spread > 0]
    out.sort(key=lambda c: (-c.spread, c.node))
    return out
