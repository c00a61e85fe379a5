"""The ``debate`` model kind (version 2): three stages of effective-compute growth with
AI R&D feedback bounded by Amdahl's law and experiment compute, disruptions, and an
economy where only substituting AI adds growth beyond trend (docs/MODEL.md)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, cast

import numpy as np
from pydantic import Field, model_validator

from debate_explorer.core.engine.kinds.base import Band, ChunkOutput, KindSettings, Milestone, ModelKind
from debate_explorer.core.engine.kinds.debate import layout as K
from debate_explorer.core.engine.kinds.debate.assumptions import DEBATE_ASSUMPTIONS
from debate_explorer.core.engine.program import Program

# Enough for any sensible hazard: at 50%/yr and 1-year pauses over 75 years the
# expected count is ~25; later pauses are simply not drawn.
MAX_PAUSES = 64

REGIMES = ("amplification", "transformative", "explosive")


class DebateSettings(KindSettings):
    regime_year: int = Field(2040, description="Year at which the growth regime is read off")
    amplification_below: float = Field(0.05, gt=-1.0, lt=10.0, description="Growth below this is 'amplification'")
    explosive_above: float = Field(0.20, gt=-1.0, lt=10.0, description="Growth above this is 'explosive'")

    @model_validator(mode="after")
    def _ordered(self) -> DebateSettings:
        if not self.amplification_below < self.explosive_above:
            raise ValueError(
                f"amplification_below ({self.amplification_below:g}) must be below "
                f"explosive_above ({self.explosive_above:g})"
            )
        return self


class DebateKind(ModelKind):
    name = "debate"
    title = "AGI debate model"
    description = (
        "Effective compute grows with compute and software progress through three stages "
        "(superhuman coder, AGI, ASI), each with its own requirement; AI speeds research up "
        "only on the share it can do and only as far as experiment compute allows; "
        "automation and GDP growth follow from the milestones."
    )
    uses_graph = True
    graph_resource = "debate/agi_debate.toml"

    def migrate(self, from_version: int, data: dict[str, Any], notes: list[str]) -> None:
        from debate_explorer.core.engine.kinds.debate.migrate import migrate

        migrate(from_version, data, notes)

    assumptions = DEBATE_ASSUMPTIONS
    milestones = (
        Milestone("sc", "Superhuman coder"),
        Milestone("agi", "AGI"),
        Milestone("asi", "ASI"),
    )
    bands = (
        # 0.2%-wide bins from -10% to 105% a year; growth beyond either end is counted
        # in the under/overflow bins and reported as such (never clamped: regimes use the
        # per-sample growth, and summaries give the share outside).
        Band("growth", "GDP growth", "per year", -0.1, 1.05, 575),
        Band("automation", "Automated share of tasks", "fraction", 0.0, 1.0, 200),
    )
    extras = ("growth_at_regime_year",)
    extra_draws = 1
    Settings = DebateSettings

    def check_settings(self, settings: KindSettings, start: float, horizon: float) -> tuple[str, str] | None:
        settings = _own(settings)
        lo, hi = math.ceil(start), math.floor(horizon)
        if not lo <= settings.regime_year <= hi:
            return "regime_year", f"{settings.regime_year} must lie between {lo} and {hi} (the run's years)"
        return None

    def constants(self, settings: KindSettings, start: float, horizon: float, step: float) -> np.ndarray:
        settings = _own(settings)
        years = self.band_years(start, horizon)
        g, a = self.bands
        c = np.zeros(K.N_CONSTS)
        c[K.C_START], c[K.C_HORIZON], c[K.C_STEP] = start, horizon, step
        c[K.C_YEAR0], c[K.C_NYEARS] = years[0], len(years)
        c[K.C_REGIME_YEAR] = settings.regime_year
        c[K.C_G_LO], c[K.C_G_HI], c[K.C_G_BINS] = g.low, g.high, g.bins
        c[K.C_A_LO], c[K.C_A_HI], c[K.C_A_BINS] = a.low, a.high, a.bins
        c[K.C_MAX_PAUSES] = MAX_PAUSES
        c[K.C_LOG_TOL] = K.LOG_TOL
        return c

    def regimes(self, settings: KindSettings, extras: np.ndarray) -> dict[str, float]:
        settings = _own(settings)
        g = extras[:, 0]
        n = max(len(g), 1)
        low = np.count_nonzero(g < settings.amplification_below)
        high = np.count_nonzero(g > settings.explosive_above)
        return {
            "amplification": low / n,
            "transformative": (len(g) - low - high) / n,
            "explosive": high / n,
        }

    # Assumptions only the economy reads: a metric of milestone years ignores them.
    economy_only = frozenset({"share_at_agi", "diffusion_rate", "substitution", "base_growth", "hive_mind_boost"})

    @property
    def rows_kernel(self) -> Callable[..., None]:
        from debate_explorer.core.engine.kinds.debate import kernel  # loads the JIT only when running

        return cast("Callable[..., None]", kernel.debate_rows)  # a numba dispatcher: numba ships no types

    def run_chunk_numba(self, rng: np.random.Generator, program: Program, consts: np.ndarray, out: ChunkOutput) -> None:
        from debate_explorer.core.engine.kinds.debate import kernel

        direct = np.zeros_like(out.hist)
        kernel.debate_chunk(rng, program, consts, out.milestones, out.extras, out.hist, direct, _inputs(out, program))
        kernel.finish_histograms(out.hist, direct)

    def run_chunk_numpy(self, rng: np.random.Generator, program: Program, consts: np.ndarray, out: ChunkOutput) -> None:
        from debate_explorer.core.engine.kinds.debate.reference import debate_chunk_numpy

        debate_chunk_numpy(rng, program, consts, out.milestones, out.extras, out.hist, _inputs(out, program))


def _own(settings: KindSettings) -> DebateSettings:
    """The kind's own settings: the scenario validated them with ``DebateKind.Settings``,
    so the base class's signature (which every kind shares) is narrowed here, once."""
    return cast(DebateSettings, settings)


def _inputs(out: ChunkOutput, program: Program) -> np.ndarray:
    if out.inputs is not None:
        return out.inputs
    return np.zeros((0, len(program.a_start)))
