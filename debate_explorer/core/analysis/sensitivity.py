"""Assumption sensitivity: a tornado chart and rank-correlation importance.

Tornado: each assumption in turn is fixed at the 10th and then the 90th
percentile of the mixture the engine samples for it (prior plus linked views at
their strengths, or the override), every other assumption keeps its mixture,
and the run repeats on the base run's random numbers. The bar is the metric's
swing between the two. An assumption the metric does not depend on gets a swing
of exactly zero (same random numbers, same outputs).

Importance: from the base run alone, the Spearman rank correlation of each
sampled assumption with the per-sample quantity behind the metric (arrival
year, arrived-by indicator, regime indicator or growth). It is cheap and shows
direction, but it is marginal: correlated or interacting assumptions share
credit, which the tornado does not.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from debate_explorer.core.analysis.metrics import Metric, parse_metric
from debate_explorer.core.analysis.noise import DEFAULT_BATCHES, batch_count, paired_se
from debate_explorer.core.analysis.replay import Replay
from debate_explorer.core.engine.program import sample_distribution
from debate_explorer.core.errors import CancelledError, InputError
from debate_explorer.core.model.distributions import Point
from debate_explorer.core.model.linking import EffectiveAssumption, MixturePart
from debate_explorer.core.model.scenario import Scenario

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph

QUANTILE_DRAWS = 8192


@dataclass(frozen=True)
class TornadoBar:
    assumption: str
    label: str
    unit: str
    low: float  # the assumption's lower percentile (of its mixture)
    high: float  # its upper percentile
    at_low: float  # the metric with the assumption fixed at ``low``
    at_high: float
    swing: float  # at_high − at_low
    se: float  # batch-means standard error of the swing


@dataclass(frozen=True)
class Importance:
    assumption: str
    label: str
    rho: float  # Spearman rank correlation with the metric's per-sample quantity


@dataclass(frozen=True)
class Sensitivity:
    metric: Metric
    title: str
    base: float
    samples: int
    seed: int
    quantiles: tuple[float, float]
    seconds: float
    bars: tuple[TornadoBar, ...]  # largest |swing| first
    importance: tuple[Importance, ...]  # largest |rho| first

    def to_dict(self) -> dict[Any, Any]:
        out = {k: getattr(self, k) for k in ("title", "base", "samples", "seed")}
        out["quantiles"] = list(self.quantiles)
        out["seconds"] = round(self.seconds, 3)
        out["metric"] = {"name": self.metric.name, "label": self.metric.label, "unit": self.metric.unit}
        out["tornado"] = [_rounded(asdict(b)) for b in self.bars]
        out["importance"] = [_rounded(asdict(i)) for i in self.importance]
        return out


def _rounded(d: dict[Any, Any]) -> dict[Any, Any]:
    return {k: (round(v, 6) if np.isfinite(v) else None) if isinstance(v, float) else v for k, v in d.items()}


def mixture_quantiles(e: EffectiveAssumption, qs: Sequence[float]) -> np.ndarray:
    """Quantiles of the distribution the engine samples for this assumption.

    Read off stratified draws of the mixture (inverted CDF, so a discrete
    assumption gets one of its own values).
    """
    draws = sample_distribution(e.dist, (e.assumption.lower, e.assumption.upper), n=QUANTILE_DRAWS)
    return np.asarray(np.quantile(draws, qs, method="inverted_cdf"))


def _fixed(e: EffectiveAssumption, value: float) -> EffectiveAssumption:
    return EffectiveAssumption(e.assumption, (MixturePart("override", "tornado", 1.0, Point(value=value)),))


def rank_correlations(inputs: np.ndarray, outcome: np.ndarray) -> np.ndarray:
    """Spearman's rho of each input column with ``outcome`` (0 for a constant column)."""
    from scipy import stats  # imported here: scipy.stats costs ~1 s at app start-up

    r_out = stats.rankdata(outcome)
    out = np.zeros(inputs.shape[1])
    if np.ptp(r_out) == 0:
        return out
    for j in range(inputs.shape[1]):
        col = inputs[:, j]
        if np.ptp(col) > 0:
            out[j] = np.corrcoef(stats.rankdata(col), r_out)[0, 1]
    return out


def assumption_sensitivity(
    scenario: Scenario,
    graph: ArgumentGraph | None,
    metric: Metric | str,
    *,
    samples: int | None = None,
    seed: int | None = None,
    assumptions: Sequence[str] | None = None,
    quantiles: tuple[float, float] = (0.1, 0.9),
    threads: int | None = None,
    batches: int = DEFAULT_BATCHES,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Sensitivity:
    """Tornado bars and rank-correlation importance of the scenario's assumptions for ``metric``."""
    t0 = time.perf_counter()
    if isinstance(metric, str):
        metric = parse_metric(metric, scenario.kind, scenario.kind_settings)
    if not 0.0 < quantiles[0] < quantiles[1] < 1.0:
        raise InputError(f"tornado quantiles must satisfy 0 < low < high < 1, got {quantiles}")
    kind = scenario.kind
    names = list(kind.assumption_names if assumptions is None else assumptions)
    for name in names:
        kind.assumption(name)  # an unknown name is an InputError listing the known ones
    run = metric.prepare(scenario)
    n = samples if samples is not None else run.run.samples
    replay = Replay(
        run,
        graph,
        samples=n,
        seed=seed if seed is not None else run.run.seed,
        threads=threads,
        keep_inputs=True,
        cancel=cancel,
    )
    base = metric.value(replay.base)
    batches = batch_count(n, batches)
    bars = []
    for k, name in enumerate(names):
        if cancel is not None and cancel():
            raise CancelledError("sensitivity analysis cancelled")
        bars.append(_bar(replay, metric, kind.assumption_names.index(name), quantiles, batches))
        if progress is not None:
            progress(k + 1, len(names))
    inputs = replay.result.inputs
    if inputs is None:  # the replay ran with keep_inputs=True
        raise RuntimeError("the base run kept no inputs")
    rho = rank_correlations(inputs, metric.per_sample(replay.base))
    importance = [
        Importance(a.name, a.label, float(r)) for a, r in zip(kind.assumptions, rho, strict=True) if a.name in names
    ]
    bars.sort(key=lambda b: (-abs(b.swing), b.assumption))
    importance.sort(key=lambda i: (-abs(i.rho), i.assumption))
    low, high = quantiles
    return Sensitivity(
        metric, run.title, base, n, replay.seed, (low, high), time.perf_counter() - t0, tuple(bars), tuple(importance)
    )


def _bar(replay: Replay, metric: Metric, j: int, quantiles: tuple[float, float], batches: int) -> TornadoBar:
    e = replay.effective[j]
    low, high = (float(v) for v in mixture_quantiles(e, quantiles))
    years_only = not metric.reads_extras
    variants = []
    for value in (low, high):
        effective = list(replay.effective)
        effective[j] = _fixed(e, value)
        variants.append(replay.variant(effective, years_only=years_only))
    lo, hi = variants
    at_low, at_high = metric.value(lo.samples), metric.value(hi.samples)
    se = paired_se(metric, hi.samples, lo.samples, lo.changed | hi.changed, batches)
    a = e.assumption
    return TornadoBar(a.name, a.label, a.unit, low, high, at_low, at_high, at_high - at_low, se)
