"""The ``ai2027-horizon`` model kind: a port of the AI 2027 timelines forecast's
time-horizon-extension method (Eli Lifland, Nikola Jurkovic, FutureSearch,
April 2025; https://ai-2027.com/research/timelines-forecast, code in the public
repository ``uvafan/timelines-takeoff-ai-2027``,
``timelines/simple_forecasting_timelines.py`` with ``timelines/simple_params.yaml``).

The method, per Monte Carlo sample:

1. Inputs are lognormal from 80% intervals: the time horizon a superhuman coder
   (SC) needs, the first horizon doubling time, a cost-and-speed adjustment,
   the announcement delay, and the AI R&D progress multiplier (minus 1) today
   and at SC. Doubling time, cost-and-speed and growth type are tied by a
   Gaussian copula (normal-scale correlation 0.7 between each pair), and so
   are the two multipliers.
2. Growth type: superexponential (each doubling 10% shorter than the one
   before), subexponential (10% longer) or exponential, chosen by the copula's
   uniform in that order. The doublings needed, ``log2(h_SC / 15 min)``, and the
   doubling times give a base time; the cost-and-speed months are added.
3. That base time is worked off from the start date minus the announcement
   delay (companies are ahead of what they have announced) at a rate that is
   the mean of an algorithmic rate and a compute rate: the algorithmic rate is
   the progress multiplier, interpolated geometrically over the fraction of
   base time done; from 2029 the compute rate halves and the algorithmic rate
   becomes the geometric mean of "halved" and "minus 0.5" (slower growth of
   human research labour).
4. The output is the year the SC is developed internally.

How the port maps it:

- Every stochastic input is an assumption with Eli's interval as its default
  prior. The original turns an 80% interval into a lognormal with z = ±1.28
  (not ±1.2816), so the priors are written with ``level = 0.79945…``
  (= 2Φ(1.28) − 1): the same interval, the original's exact spread.
- Growth type is the discrete assumption ``doubling_ratio``, the ratio of
  successive doubling times: {0.9: superexponential, 1.1: subexponential,
  1.0: exponential}. Its values are listed in the original's order, because
  the copula uniform picks them in list order (low uniform → first value);
  the original's formulas for the three types are one geometric sum in this
  ratio, so any ratio works.
- The copula lives in the scenario (``[[correlations]]``), not the kind; see
  ``ORIGINAL_CORRELATIONS`` and ``original_correlation()``. Scenario files give
  Spearman ρ, so the original's normal-scale 0.7 is written as
  ρ = (6/π)·asin(0.35) = 0.68291….
- Constants (current horizon 15 minutes, a work month of 167 hours, the 2029
  slowdown dates and factors) are settings with the original's values.
- The original steps one day at a time (dt = 1/30.5 month); the kernels solve
  each sample exactly between the slowdown dates (``ai2027_kernel``). The day
  grid, and Euler steps that use each day's starting rate, make the
  original's dates about a day late on average (at most a few days); nothing
  else differs (a test compares the two sample by sample).
- Start: the original used the date of the run; the published run is pinned
  at 2025-04-02, written as the original wrote dates: year + (month − 1)/12 +
  (day − 1)/365.25 = 2025.25274.
- Cut-off: the original stops at 2050 and reports such samples as 2050
  (shown as ">2050"; its percentiles include them at 2050). Here the horizon
  defaults to 2050 and those samples are "not by the horizon" (inf), so every
  percentile up to 1 − never-share is the same.
- SC can precede the start (base time shorter than the announcement delay;
  about 2% of samples): the per-sample year is kept as computed, as in the
  original; the run summaries count such arrivals in the first month.
- An overflow of the base time to +inf (thousands of doublings) means "never"
  here; the original's ``isfinite`` guard would have made it 0. No sample with
  the published inputs comes near it.

The published headline (median, 80% interval, as calendar years): Eli 2027
(2025 to 2039), Nikola 2027 (2025 to 2033). The original reports
``int(np.percentile(...))``, i.e. the calendar year in which the percentile
sample falls. Versions of the code: the one behind the publication (repository
commit 41fbada) takes the start from the clock and measures horizons in
167-hour work months; a later revision pins the start at 2025.25 and computes
the same thing. A copy of the early file that converts the 15 minutes with a
calendar month (43,800 minutes) also circulates; it gives Eli 2028 (2025 to
2041) and Nikola 2027 (2025 to 2035), so it is not what was published. The
work month is the default here (``minutes_per_work_month``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from pydantic import Field

from debate_explorer.core.engine.kinds.ai2027 import layout as K
from debate_explorer.core.engine.kinds.base import ChunkOutput, KindSettings, Milestone, ModelKind
from debate_explorer.core.engine.program import Program
from debate_explorer.core.model.assumptions import assumption

# The original's "80%" intervals use z = 1.28, i.e. this central level.
LEVEL_80_ORIGINAL = 0.7994548640911159

# 2 April 2025 in the original's fractional-year convention.
START_2025_04_02 = 2025 + 3 / 12 + 1 / 365.25

_SRC = "AI 2027 timelines forecast (Apr 2025), time-horizon-extension method, simple_params.yaml, Eli: "


def _ci(lo: float, hi: float) -> dict[Any, Any]:
    return {"type": "lognormal", "ci": [lo, hi], "level": LEVEL_80_ORIGINAL}


AI2027_ASSUMPTIONS = (
    assumption(
        "h_sc",
        "Horizon needed for SC",
        "work months",
        "The time horizon (length of task, in 167-hour work months, that the AI does as well "
        "as a human) at which an AI is a superhuman coder.",
        _ci(1.0, 14400.0),
        _SRC + "h_SC_ci = [1, 14400] (80% CI)",
        0.0,
        math.inf,
    ),
    assumption(
        "doubling_time",
        "Horizon doubling time",
        "months",
        "Time for the time horizon to double, today (the first doubling).",
        _ci(2.5, 9.0),
        _SRC + "T_t_ci = [2.5, 9] (80% CI)",
        0.0,
        math.inf,
    ),
    assumption(
        "cost_speed",
        "Cost-and-speed adjustment",
        "months",
        "Extra months, at today's pace, from reaching the horizon to doing it as cheaply and quickly as an SC must.",
        _ci(0.5, 30.0),
        _SRC + "cost_speed_ci = [0.5, 30] (80% CI)",
        0.0,
        math.inf,
    ),
    assumption(
        "doubling_ratio",
        "Growth type (doubling-time ratio)",
        "ratio",
        "Each horizon doubling takes this times as long as the one before: 0.9 superexponential, "
        "1 exponential, 1.1 subexponential. The copula picks values in the order listed.",
        {"type": "discrete", "values": [0.9, 1.1, 1.0], "probs": [0.45, 0.10, 0.45]},
        _SRC + "p_superexponential = 0.45, p_subexponential = 0.10, "
        "se_doubling_decay_fraction = sub_doubling_growth_fraction = 0.1",
        0.001,
        100.0,
    ),
    assumption(
        "announcement_delay",
        "Announcement delay",
        "months",
        "How far internal capabilities are ahead of what has been announced; internal "
        "progress starts this much before the start date.",
        _ci(0.25, 6.0),
        _SRC + "announcement_delay_ci = [0.25, 6] (80% CI)",
        0.0,
        math.inf,
    ),
    assumption(
        "present_speedup",
        "AI R&D speed-up today",
        "multiplier − 1",
        "How much faster algorithmic progress goes today thanks to AI.",
        _ci(0.03, 0.3),
        _SRC + "present_prog_multiplier_ci = [0.03, 0.3] (80% CI)",
        0.0,
        1e6,
    ),
    assumption(
        "sc_speedup",
        "AI R&D speed-up at SC",
        "multiplier − 1",
        "How much faster algorithmic progress goes once SC is reached; interpolated "
        "geometrically from today's over the fraction of base time done.",
        _ci(1.5, 40.0),
        _SRC + "SC_prog_multiplier_ci = [1.5, 40] (80% CI)",
        0.0,
        1e6,
    ),
)

# The original's Gaussian copula, on the normal scale.
ORIGINAL_RHO = 0.7
ORIGINAL_CORRELATIONS = (
    ("doubling_time", "cost_speed"),
    ("doubling_time", "doubling_ratio"),
    ("cost_speed", "doubling_ratio"),
    ("present_speedup", "sc_speedup"),
)


def spearman_of_normal(r: float) -> float:
    """Spearman ρ of a Gaussian copula with normal-scale correlation r (what scenario files take)."""
    return 6.0 / math.pi * math.asin(r / 2.0)


def original_correlation(names: tuple[str, ...] | None = None) -> np.ndarray:
    """The original's normal-scale correlation matrix over the kind's assumptions (all of them by default)."""
    if names is None:
        names = tuple(a.name for a in AI2027_ASSUMPTIONS)
    r = np.eye(len(names))
    for a, b in ORIGINAL_CORRELATIONS:
        i, j = names.index(a), names.index(b)
        r[i, j] = r[j, i] = ORIGINAL_RHO
    return r


class Ai2027Settings(KindSettings):
    current_horizon_minutes: float = Field(
        15.0, gt=0.0, le=1e9, description="Today's time horizon in minutes (the original's point estimate)"
    )
    minutes_per_work_month: float = Field(
        60.0 * 167.0, gt=0.0, le=1e7, description="Minutes in the work month h_sc is measured in (167 hours)"
    )
    compute_slowdown_year: float = Field(
        2029.0, ge=1900.0, le=2600.0, description="From this date the compute rate drops"
    )
    compute_rate_after: float = Field(
        0.5, gt=0.0, le=100.0, description="Compute rate after the compute slowdown (1 before)"
    )
    labour_slowdown_year: float = Field(
        2029.0, ge=1900.0, le=2600.0, description="From this date human research labour grows more slowly"
    )
    labour_factor_after: float = Field(
        0.5,
        gt=0.0,
        le=1.0,
        description="Human labour growth after the slowdown relative to before: the algorithmic rate v "
        "becomes sqrt(f·v · (v − (1 − f)))",
    )


class Ai2027HorizonKind(ModelKind):
    name = "ai2027-horizon"
    title = "AI 2027 time-horizon extension"
    description = (
        "The AI 2027 timelines forecast's time-horizon-extension method (April 2025): the "
        "length of tasks AI can do doubles until it reaches the superhuman-coder horizon, "
        "sped up by AI R&D and slowed from 2029 by compute and labour limits."
    )
    assumptions = AI2027_ASSUMPTIONS
    milestones = (Milestone("sc", "Superhuman coder"),)
    extras = ("base_months",)
    Settings = Ai2027Settings
    default_start = START_2025_04_02
    default_horizon = 2050.0

    def constants(self, settings: KindSettings, start: float, horizon: float, step: float) -> np.ndarray:
        # ``step`` is unused: each sample is solved exactly, not stepped.
        if not isinstance(settings, Ai2027Settings):
            raise TypeError(f"expected the ai2027-horizon settings, got {type(settings).__name__}")
        c = np.zeros(K.N_CONSTS)
        c[K.C_START], c[K.C_HORIZON] = start, horizon
        c[K.C_LOG2_H0] = math.log2(settings.current_horizon_minutes / settings.minutes_per_work_month)
        c[K.C_COMPUTE_YEAR], c[K.C_COMPUTE_AFTER] = settings.compute_slowdown_year, settings.compute_rate_after
        c[K.C_LABOUR_YEAR], c[K.C_LABOUR_AFTER] = settings.labour_slowdown_year, settings.labour_factor_after
        return c

    def run_chunk_numba(self, rng: np.random.Generator, program: Program, consts: np.ndarray, out: ChunkOutput) -> None:
        from debate_explorer.core.engine.kinds.ai2027 import kernel  # loads the JIT only when running

        kernel.ai2027_chunk(rng, program, consts, out.milestones, out.extras, _inputs(out, program))

    def run_chunk_numpy(self, rng: np.random.Generator, program: Program, consts: np.ndarray, out: ChunkOutput) -> None:
        from debate_explorer.core.engine.kinds.ai2027.reference import ai2027_chunk_numpy

        ai2027_chunk_numpy(rng, program, consts, out.milestones, out.extras, _inputs(out, program))


def _inputs(out: ChunkOutput, program: Program) -> np.ndarray:
    if out.inputs is not None:
        return out.inputs
    return np.zeros((0, len(program.a_start)))
