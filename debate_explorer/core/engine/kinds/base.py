"""The interface every model kind implements.

A kind declares its assumptions (with units, meanings, priors and sources), its
milestones and yearly bands, its own settings, and two implementations of one
chunk of Monte Carlo samples with the same semantics: a numba kernel (fast) and a
numpy reference (obviously right). The runner (``engine.runner``) owns chunking,
seeding, threads and cancellation, so a kind only has to fill one chunk.

Random numbers: each sample consumes exactly ``n_draws`` uniforms, drawn in row
order from the chunk's ``numpy.random.Generator``: two per assumption (the
quantile, and the choice of mixture component; see ``engine.program``) and then
``extra_draws`` for the kind's own use. A fixed count per sample keeps variants
of a scenario aligned on the same random numbers (common random numbers).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from pydantic import BaseModel, ConfigDict

from debate_explorer.core.engine.program import Program
from debate_explorer.core.errors import InputError
from debate_explorer.core.model.assumptions import Assumption


@dataclass(frozen=True)
class Milestone:
    key: str
    label: str


@dataclass(frozen=True)
class Band:
    """A yearly quantity whose percentiles are kept as histograms, not trajectories."""

    key: str
    label: str
    unit: str
    low: float
    high: float
    bins: int

    @property
    def edges(self) -> np.ndarray:
        return np.linspace(self.low, self.high, self.bins + 1)


class KindSettings(BaseModel):
    """Settings a kind adds to a scenario's ``[settings]`` table."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


@dataclass
class ChunkOutput:
    """Where one chunk writes: views into the run's arrays plus its own histograms."""

    milestones: np.ndarray  # (n, n_milestones) float64 years; inf = not by the horizon
    extras: np.ndarray  # (n, n_extras) float64 per-sample scalars (kind-specific)
    hist: np.ndarray  # (n_bands, n_years, bins + 2) int64; first/last bins are under/overflow
    inputs: np.ndarray | None  # (n, n_assumptions) sampled assumption values, when kept


class ModelKind(ABC):
    """A Monte Carlo model the engine can run."""

    name: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str]
    assumptions: ClassVar[tuple[Assumption, ...]]
    milestones: ClassVar[tuple[Milestone, ...]]
    bands: ClassVar[tuple[Band, ...]] = ()
    extras: ClassVar[tuple[str, ...]] = ()
    extra_draws: ClassVar[int] = 0
    Settings: ClassVar[type[KindSettings]] = KindSettings
    default_start: ClassVar[float] = 2025.0
    default_horizon: ClassVar[float] = 2100.0
    # Whether the argument graph's informs links feed this kind's assumptions.
    uses_graph: ClassVar[bool] = False
    # Assumptions that only the per-sample extras read, never the milestone years.
    economy_only: ClassVar[frozenset[str]] = frozenset()
    # The argument map this kind's links come from, relative to resources/ (a kind that uses the graph).
    graph_resource: ClassVar[str | None] = None
    # Samples per chunk: a chunk is the unit of work of one thread and has its own
    # random stream, so this is part of a fixed seed's results. A kind whose sample
    # costs a millisecond (not a microsecond) takes small chunks, or a 10^3-sample
    # preview would run on one thread.
    chunk_size: ClassVar[int] = 8192
    # Samples of the quick first pass the app shows while a slider moves: whole chunks
    # (the full pass takes them over), two here, one per thread on a two-core machine,
    # so a preview costs one chunk's time (~13 ms for the debate kind); a third chunk
    # would run alone and double it.
    preview_samples: ClassVar[int] = 2 * chunk_size

    def migrate(self, from_version: int, data: dict[str, Any], notes: list[str]) -> None:
        """Bring this kind's part of a scenario (``data``, the file's tables) from ``from_version``
        to the next format version in place, appending a sentence to ``notes`` for anything that
        could not be carried over. Most kinds have nothing to migrate."""
        return None  # a hook, not an abstract method: kinds override it when they must

    @property
    def rows_kernel(self) -> Callable[..., None] | None:
        """A numba function ``(prog, consts, uniforms, rows, ms, extras, hist)`` that
        simulates given rows of stored uniforms (for cheap replays), or None."""
        return None

    @property
    def assumption_names(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.assumptions)

    def assumption(self, name: str) -> Assumption:
        for a in self.assumptions:
            if a.name == name:
                return a
        known = ", ".join(self.assumption_names)
        raise InputError(f"model '{self.name}' has no assumption '{name}' (it has: {known})")

    @property
    def n_draws(self) -> int:
        return 2 * len(self.assumptions) + self.extra_draws

    def band_years(self, start: float, horizon: float) -> np.ndarray:
        """Calendar years at which bands are recorded (values at 1 January)."""
        return np.arange(int(np.ceil(start)), int(np.floor(horizon)) + 1)

    def regimes(self, settings: KindSettings, extras: np.ndarray) -> dict[str, float] | None:
        """Probabilities of named regimes from the per-sample extras, if the kind has any."""
        return None

    def check_settings(self, settings: KindSettings, start: float, horizon: float) -> tuple[str, str] | None:
        """(setting, reason) if the settings do not fit the run's time span, else None."""
        return None

    @abstractmethod
    def constants(self, settings: KindSettings, start: float, horizon: float, step: float) -> np.ndarray:
        """The float64 vector of run constants the kernels read."""

    @abstractmethod
    def run_chunk_numba(self, rng: np.random.Generator, program: Program, consts: np.ndarray, out: ChunkOutput) -> None:
        """Fill ``out`` for ``len(out.milestones)`` samples with the numba kernel."""

    @abstractmethod
    def run_chunk_numpy(self, rng: np.random.Generator, program: Program, consts: np.ndarray, out: ChunkOutput) -> None:
        """The same as :meth:`run_chunk_numba`, vectorised in numpy."""
