"""What a run produces: per-sample milestone years and derived summaries.

Results are derived data: they carry the scenario revision they came from and are
never saved as truth. Summaries are computed lazily from monthly histograms of
the milestone years (a bincount is ~20x faster than a sort at 10^6 samples) and
from the yearly band histograms the kernels fill, so no trajectory is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from debate_explorer.core.engine.kinds.base import Band, Milestone

# Resolution of milestone CDFs and quantiles: one month.
MILESTONE_BINS_PER_YEAR = 12
READOUT_YEARS = (2030, 2035, 2040, 2050)


@dataclass(frozen=True)
class MilestoneStats:
    """The distribution of one milestone's arrival year, with 'never' kept apart."""

    key: str
    label: str
    start: float
    horizon: float
    counts: np.ndarray  # monthly arrivals from start to horizon
    never: int  # samples not reaching the milestone by the horizon
    samples: int

    @property
    def edges(self) -> np.ndarray:
        return self.start + np.arange(len(self.counts) + 1) / MILESTONE_BINS_PER_YEAR

    @property
    def never_share(self) -> float:
        return self.never / self.samples if self.samples else float("nan")

    @cached_property
    def cdf(self) -> np.ndarray:
        """P(arrived by each edge); tends to 1 − never_share at the horizon."""
        return np.concatenate([[0.0], np.cumsum(self.counts)]) / max(self.samples, 1)

    def p_by(self, year: float) -> float:
        """P(the milestone has arrived by ``year``), interpolated within the month."""
        if year <= self.start:
            return 0.0
        return float(np.interp(min(year, self.horizon), self.edges, self.cdf))

    def quantile(self, q: float) -> float:
        """The year by which a share ``q`` of samples arrived; inf if never by the horizon."""
        cdf = self.cdf
        if q > cdf[-1] or self.samples == 0:
            return float("inf")
        i = int(np.searchsorted(cdf, q, side="left"))
        if i == 0:
            return self.start
        lo, hi = cdf[i - 1], cdf[i]
        frac = 0.0 if hi == lo else (q - lo) / (hi - lo)
        return float(self.edges[i - 1] + frac / MILESTONE_BINS_PER_YEAR)

    def density(self) -> tuple[np.ndarray, np.ndarray]:
        """(edges, probability per year) for a step plot."""
        width = 1.0 / MILESTONE_BINS_PER_YEAR
        return self.edges, self.counts / max(self.samples, 1) / width

    def summary(self) -> dict[Any, Any]:
        return {
            "label": self.label,
            "p10": _finite(self.quantile(0.1)),
            "median": _finite(self.quantile(0.5)),
            "p90": _finite(self.quantile(0.9)),
            "p_by": {str(y): self.p_by(y) for y in READOUT_YEARS},
            "never_by_horizon": self.never_share,
        }


def _finite(v: float) -> float | None:
    """JSON has no infinity; 'not by the horizon' is null."""
    return None if not np.isfinite(v) else round(v, 3)


def milestone_stats(m: Milestone, years: np.ndarray, start: float, horizon: float) -> MilestoneStats:
    n_bins = int(np.ceil((horizon - start) * MILESTONE_BINS_PER_YEAR))
    done = np.isfinite(years)
    idx = ((years[done] - start) * MILESTONE_BINS_PER_YEAR).astype(np.int64)
    counts = np.bincount(np.clip(idx, 0, n_bins - 1), minlength=n_bins)
    return MilestoneStats(m.key, m.label, start, horizon, counts, int(len(years) - done.sum()), len(years))


@dataclass(frozen=True)
class BandStats:
    """Yearly percentiles of a quantity, from per-year histograms."""

    band: Band
    years: np.ndarray
    counts: np.ndarray  # (n_years, bins + 2) with under/overflow

    def outside(self) -> tuple[np.ndarray, np.ndarray]:
        """(share below the band's range, share above it) per year: mass the bins do not resolve."""
        total = np.maximum(self.counts.sum(axis=1), 1).astype(float)
        return self.counts[:, 0] / total, self.counts[:, -1] / total

    def percentiles(self, qs: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)) -> np.ndarray:
        """(len(qs), n_years); a percentile that falls below/above the band's range reads as
        that end of the range (for drawing): :meth:`outside` says how much mass lies there."""
        edges = np.concatenate([[self.band.low], self.band.edges, [self.band.high]])
        cum = np.cumsum(self.counts, axis=1)
        total = cum[:, -1:].astype(float)
        out = np.empty((len(qs), len(self.years)))
        for k, q in enumerate(qs):
            target = q * total[:, 0]
            i = np.array([np.searchsorted(row, tq, side="left") for row, tq in zip(cum, target)])
            i = np.clip(i, 0, self.counts.shape[1] - 1)
            below = np.where(i > 0, cum[np.arange(len(i)), i - 1], 0)
            inbin = self.counts[np.arange(len(i)), i]
            frac = np.where(inbin > 0, (target - below) / np.maximum(inbin, 1), 0.0)
            out[k] = edges[i] + frac * (edges[i + 1] - edges[i])
        return out

    def mean(self) -> np.ndarray:
        centres = np.concatenate([[self.band.low], (self.band.edges[:-1] + self.band.edges[1:]) / 2, [self.band.high]])
        return np.asarray((self.counts * centres).sum(axis=1) / np.maximum(self.counts.sum(axis=1), 1))


@dataclass(frozen=True)
class RunResult:
    """One run of a scenario: per-sample outputs, summaries and how it was made."""

    kind: str
    samples: int
    seed: int
    backend: str
    threads: int
    seconds: float
    start: float
    horizon: float
    milestones: tuple[Milestone, ...]
    years: np.ndarray  # (n, n_milestones)
    extras: np.ndarray  # (n, n_extras)
    extra_names: tuple[str, ...]
    bands: tuple[Band, ...]
    band_years: np.ndarray
    band_counts: np.ndarray  # (n_bands, n_years, max bins + 2), zero-padded
    regimes: dict[str, float] | None
    assumption_names: tuple[str, ...]
    inputs: np.ndarray | None = None  # (n, n_assumptions) when kept
    regime_year: int | None = None
    revision: int = 0
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def milestone(self, key: str) -> MilestoneStats:
        if key not in self._cache:
            i = [m.key for m in self.milestones].index(key)
            self._cache[key] = milestone_stats(self.milestones[i], self.years[:, i], self.start, self.horizon)
        stats: MilestoneStats = self._cache[key]
        return stats

    def band(self, key: str) -> BandStats:
        i = [b.key for b in self.bands].index(key)
        band = self.bands[i]
        # Bands share one padded array; each uses its own bins plus under/overflow.
        return BandStats(band, self.band_years, self.band_counts[i, :, : band.bins + 2])

    def summary(self) -> dict[Any, Any]:
        """Everything a person reads off a run, as plain JSON-ready values."""
        out: dict[str, Any] = {
            "model": self.kind,
            "samples": self.samples,
            "seed": self.seed,
            "backend": self.backend,
            "threads": self.threads,
            "seconds": round(self.seconds, 4),
            "start": self.start,
            "horizon": self.horizon,
            "milestones": {m.key: self.milestone(m.key).summary() for m in self.milestones},
        }
        if self.regimes is not None:
            out["regime_year"] = self.regime_year
            out["regimes"] = {k: round(float(v), 6) for k, v in self.regimes.items()}
        for b in self.bands:
            pct = self.band(b.key).percentiles((0.1, 0.5, 0.9))
            sel = [i for i, y in enumerate(self.band_years) if y in READOUT_YEARS]
            below, above = self.band(b.key).outside()
            out.setdefault("bands", {})[b.key] = {
                str(self.band_years[i]): {
                    "p10": pct[0, i],
                    "median": pct[1, i],
                    "p90": pct[2, i],
                    "below": float(below[i]),
                    "above": float(above[i]),
                    "low": b.low,
                    "high": b.high,
                }
                for i in sel
            }
        return out
