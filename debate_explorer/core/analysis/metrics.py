"""Named outcome metrics: one number per run that an analysis tries to move.

A metric is read from the per-sample outputs (milestone years and the kind's
extras), not from a ``RunResult``, so the crux analysis can evaluate it on a
variant assembled from re-simulated rows and on batches of rows (for the
batch-means noise estimate) without building a result object each time.

Names (for the ``debate`` kind; milestones and regimes come from the kind):

- ``agi_median`` — the median arrival year (a median beyond the horizon reads
  as the horizon, so a ranking never sees infinity);
- ``agi_p2035`` — P(the milestone has arrived by 2035);
- ``p_explosive`` — P(the growth regime at the regime year is explosive);
- ``growth_2040_median`` — the median GDP growth rate in 2040.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol, runtime_checkable

import numpy as np

from debate_explorer.core.engine.kinds.base import KindSettings, ModelKind
from debate_explorer.core.engine.results import MilestoneStats, RunResult, milestone_stats
from debate_explorer.core.errors import InputError
from debate_explorer.core.model.scenario import Scenario

GROWTH_EXTRA = "growth_at_regime_year"
YEAR_RANGE = (1900, 2600)


class MetricKind(StrEnum):
    """What a metric reads off the samples."""

    MEDIAN = "median"  # a milestone's median arrival year
    P_BY = "p_by"  # P(a milestone has arrived by a year)
    REGIME = "regime"  # P(a growth regime at the regime year)
    GROWTH = "growth"  # the median GDP growth in a year


class MetricUnit(StrEnum):
    YEAR = "year"
    PROBABILITY = "probability"
    GROWTH = "growth"


@runtime_checkable
class GrowthSettings(Protocol):
    """The settings of a kind that records growth and regimes (its ``[settings]`` table)."""

    regime_year: int
    amplification_below: float
    explosive_above: float


def growth_settings(settings: KindSettings) -> GrowthSettings:
    """``settings`` as a kind's growth settings, or an InputError if the kind records no growth."""
    if not isinstance(settings, GrowthSettings):
        raise InputError("this model records no growth regimes")
    return settings


@dataclass(frozen=True)
class Samples:
    """Per-sample outputs of a run and what is needed to read metrics off them."""

    years: np.ndarray  # (n, n_milestones), inf = not by the horizon
    extras: np.ndarray | None  # (n, n_extras); None when only years were re-simulated
    kind: ModelKind
    settings: KindSettings
    start: float
    horizon: float

    @classmethod
    def of(cls, result: RunResult, scenario: Scenario) -> Samples:
        return cls(result.years, result.extras, scenario.kind, scenario.kind_settings, result.start, result.horizon)

    def __len__(self) -> int:
        return len(self.years)

    def rows(self, sl: slice) -> Samples:
        extras = None if self.extras is None else self.extras[sl]
        return replace(self, years=self.years[sl], extras=extras)

    def with_outputs(self, years: np.ndarray, extras: np.ndarray | None) -> Samples:
        return replace(self, years=years, extras=extras)


@dataclass(frozen=True)
class Metric:
    """One named outcome metric. Build with :func:`parse_metric`."""

    name: str
    label: str
    unit: MetricUnit
    what: MetricKind
    milestone: str = ""  # MEDIAN and P_BY
    year: int = 0  # P_BY and GROWTH
    regime: str = ""  # REGIME

    @property
    def reads_extras(self) -> bool:
        """False for milestone metrics: they need only the years."""
        return self.what in (MetricKind.REGIME, MetricKind.GROWTH)

    def prepare(self, scenario: Scenario) -> Scenario:
        """The scenario to run for this metric: growth in a year is read from the
        per-sample growth the kernel records at the regime year, so move it there."""
        if self.what != MetricKind.GROWTH or growth_settings(scenario.kind_settings).regime_year == self.year:
            return scenario
        return scenario.replace(settings={**scenario.settings, "regime_year": self.year})

    def value(self, s: Samples) -> float:
        if self.what == MetricKind.MEDIAN:
            q = _stats(s, self.milestone).quantile(0.5)
            return min(q, s.horizon)
        if self.what == MetricKind.P_BY:
            return _stats(s, self.milestone).p_by(self.year)
        if self.what == MetricKind.REGIME:
            regimes = s.kind.regimes(s.settings, _extras(s))
            if regimes is None:
                raise InputError(f"model '{s.kind.name}' has no growth regimes")
            return float(regimes[self.regime])
        return float(np.median(self._growth(s))) if len(s) else float("nan")

    def per_sample(self, s: Samples) -> np.ndarray:
        """The per-sample quantity behind the metric (for rank correlations):
        the arrival year, an arrived-by indicator, a regime indicator or the growth."""
        if self.what == MetricKind.MEDIAN:
            y = s.years[:, _milestone_index(s.kind, self.milestone)]
            return np.where(np.isfinite(y), y, s.horizon + 1.0)
        if self.what == MetricKind.P_BY:
            return (s.years[:, _milestone_index(s.kind, self.milestone)] <= self.year).astype(float)
        g = _extras(s)[:, s.kind.extras.index(GROWTH_EXTRA)]
        if self.what == MetricKind.GROWTH:
            return self._growth(s)
        return _regime_indicator(self.regime, g, growth_settings(s.settings))

    def _growth(self, s: Samples) -> np.ndarray:
        if growth_settings(s.settings).regime_year != self.year:
            raise ValueError(f"{self.name}: run the scenario from Metric.prepare (regime_year {self.year})")
        return _extras(s)[:, s.kind.extras.index(GROWTH_EXTRA)]

    def format(self, value: float) -> str:
        if not np.isfinite(value):
            return "—"
        if self.unit == MetricUnit.YEAR:
            return f"{value:.1f}"
        return f"{value:.1%}"

    def format_delta(self, delta: float) -> str:
        if not np.isfinite(delta):
            return "—"
        if self.unit == MetricUnit.YEAR:
            return f"{delta:+.2f} y"
        return f"{100 * delta:+.2f} pp"


def _milestone_index(kind: ModelKind, key: str) -> int:
    return [m.key for m in kind.milestones].index(key)


def _extras(s: Samples) -> np.ndarray:
    if s.extras is None:
        raise ValueError("this metric reads the kind's extras, which were not re-simulated")
    return s.extras


def _stats(s: Samples, key: str) -> MilestoneStats:
    i = _milestone_index(s.kind, key)
    return milestone_stats(s.kind.milestones[i], s.years[:, i], s.start, s.horizon)


def _regime_indicator(regime: str, g: np.ndarray, settings: GrowthSettings) -> np.ndarray:
    lo, hi = settings.amplification_below, settings.explosive_above
    if regime == "amplification":
        return (g < lo).astype(float)
    if regime == "explosive":
        return (g > hi).astype(float)
    return ((g >= lo) & (g <= hi)).astype(float)


def regime_names(kind: ModelKind, settings: KindSettings) -> tuple[str, ...]:
    found = kind.regimes(settings, np.zeros((0, len(kind.extras))))
    return tuple(found or ())


def metric_names(kind: ModelKind, settings: KindSettings | None = None) -> list[str]:
    """Example names for this kind (pattern names stand for every year)."""
    settings = settings or kind.Settings()
    names = [f"{m.key}_median" for m in kind.milestones]
    names += [f"{m.key}_p2030" for m in kind.milestones]
    names += [f"p_{r}" for r in regime_names(kind, settings)]
    if GROWTH_EXTRA in kind.extras:
        names.append(f"growth_{growth_settings(settings).regime_year}_median")
    return names


def parse_metric(name: str, kind: ModelKind, settings: KindSettings | None = None) -> Metric:
    """The metric called ``name`` for this kind, or an InputError listing the valid names."""
    settings = settings or kind.Settings()
    text = name.strip().lower()
    for pattern, build in _PATTERNS:
        m = re.fullmatch(pattern, text)
        metric = build(text, m, kind, settings) if m else None
        if metric is not None:
            return metric
    keys = "/".join(m.key for m in kind.milestones)
    raise InputError(
        f"unknown metric {name!r} for model '{kind.name}'; valid metrics: "
        + ", ".join(metric_names(kind, settings))
        + f" (any year works in {{{keys}}}_pYYYY"
        + (" and growth_YYYY_median)" if GROWTH_EXTRA in kind.extras else ")")
    )


def _labels(kind: ModelKind) -> dict[str, str]:
    return {m.key: m.label for m in kind.milestones}


def _median(text: str, m: re.Match[str], kind: ModelKind, settings: KindSettings) -> Metric | None:
    label = _labels(kind).get(m[1])
    if label is None:
        return None
    return Metric(text, f"{label}: median year", MetricUnit.YEAR, MetricKind.MEDIAN, milestone=m[1])


def _p_by(text: str, m: re.Match[str], kind: ModelKind, settings: KindSettings) -> Metric | None:
    label, year = _labels(kind).get(m[1]), int(m[2])
    if label is None or not _year_ok(year):
        return None
    return Metric(text, f"P({label} by {year})", MetricUnit.PROBABILITY, MetricKind.P_BY, milestone=m[1], year=year)


def _regime(text: str, m: re.Match[str], kind: ModelKind, settings: KindSettings) -> Metric | None:
    if m[1] not in regime_names(kind, settings):
        return None
    year = growth_settings(settings).regime_year
    return Metric(text, f"P({m[1]} regime in {year})", MetricUnit.PROBABILITY, MetricKind.REGIME, regime=m[1])


def _growth(text: str, m: re.Match[str], kind: ModelKind, settings: KindSettings) -> Metric | None:
    year = int(m[1])
    if GROWTH_EXTRA not in kind.extras or not _year_ok(year):
        return None
    return Metric(text, f"GDP growth in {year}: median", MetricUnit.GROWTH, MetricKind.GROWTH, year=year)


_Builder = Callable[[str, re.Match[str], ModelKind, KindSettings], Metric | None]
_PATTERNS: tuple[tuple[str, _Builder], ...] = (
    (r"([a-z0-9]+)_median", _median),
    (r"([a-z0-9]+)_p(\d{4})", _p_by),
    (r"p_([a-z]+)", _regime),
    (r"growth_(\d{4})_median", _growth),
)


def _year_ok(year: int) -> bool:
    return YEAR_RANGE[0] <= year <= YEAR_RANGE[1]
