"""The ``ai-futures`` model kind: the AI Futures Project's AI Futures Model (successor
of the AI 2027 timelines model; public code in brendanhalstead/ai-progress-rates,
commit 786c665), re-implemented: numba scalar code per sample with adaptive
Dormand–Prince steps (see ``model.py``, ``integrate.py`` and ``dopri.py``;
equations and departures in docs/MODEL.md).

The run spans the original's time range, 2012 to 2050: its input series start in
2012 and its milestones are read off an even grid over that range. A milestone not
reached by the horizon counts in ``never_by_horizon``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from pydantic import Field, ValidationInfo, field_validator

from debate_explorer.core.engine.kinds.ai_futures import layout as L
from debate_explorer.core.engine.kinds.ai_futures.assumptions import AIFM_ASSUMPTIONS, AIFM_GROUPS, PARAMETER_BOUNDS
from debate_explorer.core.engine.kinds.ai_futures.series import build_constants
from debate_explorer.core.engine.kinds.base import ChunkOutput, KindSettings, Milestone, ModelKind
from debate_explorer.core.engine.program import Program

NAMES = tuple(a.name for a in AIFM_ASSUMPTIONS)


class AifmSettings(KindSettings):
    grid_points: int = Field(
        250, ge=20, le=5000, description="Points of the output grid milestones are read from (the original's 250)"
    )
    tolerance: float = Field(
        1e-6, ge=1e-12, le=1e-3, description="Local error per step of the adaptive integration, relative"
    )
    frontier_grid: int = Field(
        4096, ge=256, le=16384, description="Task-index grid of the coding-labour frontier (the original's 4096)"
    )
    shifts: dict[str, float] = Field(
        default_factory=dict,
        description="Added to an assumption before the model reads it (the original's shifted lognormals)",
    )
    clip_to_bounds: tuple[str, ...] = Field(
        (), description="Assumptions clipped to the original's PARAMETER_BOUNDS after sampling, as its sampler does"
    )
    clip_ranges: dict[str, tuple[float, float]] = Field(
        default_factory=dict,
        description="Ranges assumptions are clipped to before the bounds (the original's clip_to_bounds: true "
        "with min and max on a normal or lognormal entry)",
    )

    @field_validator("shifts", "clip_ranges")
    @classmethod
    def _known_names(cls, v: Mapping[str, Any], info: ValidationInfo) -> dict[str, Any]:
        unknown = sorted(set(v) - set(NAMES))
        if unknown:
            raise ValueError(f"{info.field_name} name unknown assumptions: {', '.join(unknown)}")
        return dict(v)

    @field_validator("clip_ranges")
    @classmethod
    def _ordered_ranges(cls, v: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        bad = sorted(k for k, (lo, hi) in v.items() if not lo <= hi)
        if bad:
            raise ValueError(f"clip_ranges need low <= high: {', '.join(bad)}")
        return v

    @field_validator("clip_to_bounds")
    @classmethod
    def _known_clips(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(v) - set(PARAMETER_BOUNDS))
        if unknown:
            raise ValueError(f"clip_to_bounds names assumptions without bounds: {', '.join(unknown)}")
        return v


def adjustments(settings: AifmSettings) -> np.ndarray:
    """Shifts, lower and upper clip bounds per model input, in layout order.

    The original clips to an entry's own range first, then to PARAMETER_BOUNDS;
    clip(clip(x, a, b), c, d) is clip(x, min(max(a, c), d), max(min(b, d), c)), one
    range (a point when the two do not overlap)."""
    n = L.N_INPUTS
    out = np.concatenate([np.zeros(n), np.full(n, -np.inf), np.full(n, np.inf)])
    for k, name in enumerate(NAMES):
        out[k] = settings.shifts.get(name, 0.0)
        a, b = settings.clip_ranges.get(name, (-np.inf, np.inf))
        c, d = PARAMETER_BOUNDS[name] if name in settings.clip_to_bounds else (-np.inf, np.inf)
        out[n + k], out[2 * n + k] = min(max(a, c), d), max(min(b, d), c)
    return out


class AiFuturesKind(ModelKind):
    name = "ai-futures"
    title = "AI Futures Model"
    description = (
        "The AI Futures Project's model (successor of the AI 2027 timelines model): the time "
        "horizon sets when coding is fully automated; AI coding labour and research taste, "
        "experiment compute and training compute drive software and hardware progress."
    )
    assumptions = AIFM_ASSUMPTIONS
    groups = AIFM_GROUPS
    milestones = (
        Milestone("ac", "Automated coder (ACD)"),
        Milestone("sc", "Superhuman coder (AI 2027)"),
        Milestone("sar", "Superhuman AI researcher"),
        Milestone("siar", "Superintelligent AI researcher"),
    )
    Settings = AifmSettings
    default_start = 2012.0
    default_horizon = 2050.0
    # Claims of the map that speak to the model's quantities link to its assumptions.
    uses_graph = True
    # A sample costs about half a millisecond: chunks of 128 keep both threads busy on
    # a 10^3-sample preview and make cancellation prompt.
    chunk_size = 128
    preview_samples = 1024  # ~0.25 s on two threads

    def check_settings(self, settings: KindSettings, start: float, horizon: float) -> tuple[str, str] | None:
        if start != 2012.0:
            return ("start", "the AI Futures Model starts where its input series start, 2012.0")
        return None

    def constants(self, settings: KindSettings, start: float, horizon: float, step: float) -> np.ndarray:
        # ``step`` is unused: the integration grid is the kind's own.
        if not isinstance(settings, AifmSettings):
            raise TypeError(f"expected the ai-futures settings, got {type(settings).__name__}")
        return build_constants(
            start, horizon, settings.grid_points, settings.tolerance, settings.frontier_grid, adjustments(settings)
        )

    def run_chunk_numba(self, rng: np.random.Generator, program: Program, consts: np.ndarray, out: ChunkOutput) -> None:
        from debate_explorer.core.engine.kinds.ai_futures.kernel import aifm_chunk

        aifm_chunk(rng, program, consts, out.milestones, _inputs(out, program))

    def run_chunk_numpy(self, rng: np.random.Generator, program: Program, consts: np.ndarray, out: ChunkOutput) -> None:
        from debate_explorer.core.engine.kinds.ai_futures.reference import aifm_chunk_numpy

        aifm_chunk_numpy(rng, program, consts, out.milestones, _inputs(out, program))


def _inputs(out: ChunkOutput, program: Program) -> np.ndarray:
    if out.inputs is not None:
        return out.inputs
    return np.zeros((0, len(program.a_start)))
