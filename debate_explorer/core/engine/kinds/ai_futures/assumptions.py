"""The ``ai-futures`` kind's assumptions, named as in the AI Futures Model
(``model_config.py`` and the ``time_series_parameters`` of ``batch_rollout.py`` in the
public repository brendanhalstead/ai-progress-rates, commit 786c665).

Each label starts with its group (Horizon, Automation, Taste, Compute, Labour), so
the Assumptions panel lists them together. Default priors are those of the
original's ``config/sampling_config.yaml``; parameters that file does not sample are
points at ``model_config.py``'s defaults. Shifted lognormals (x = 1 + lognormal) are
written as the lognormal of x − 1 with the shift in the kind's settings.
"""

from __future__ import annotations

import math
from typing import Any

from debate_explorer.core.model.assumptions import Assumption, assumption

CFG = "AI Futures Model, config/sampling_config.yaml: "
DEF = "AI Futures Model, model_config.py default"
INF = math.inf


def _ln(lo: float, hi: float) -> dict[str, Any]:
    return {"type": "lognormal", "ci": [lo, hi], "level": 0.8}


def _n(lo: float, hi: float) -> dict[str, Any]:
    return {"type": "normal", "ci": [lo, hi], "level": 0.8}


def _pt(v: float) -> dict[str, Any]:
    return {"type": "point", "value": v}


# (name, group, label, unit, meaning, prior, source, lower, upper)
_ROWS: tuple[tuple[str, str, str, str, str, Any, str, float, float], ...] = (
    (
        "present_doubling_time",
        "Horizon",
        "doubling time today",
        "years",
        "Time for the 80% time horizon to double at present_day, at today's rate of progress.",
        _ln(0.25, 0.667),
        CFG + "lognormal ci80 [0.25, 0.667]",
        0.0,
        INF,
    ),
    (
        "doubling_difficulty_growth_factor",
        "Horizon",
        "doubling-difficulty growth",
        "ratio",
        "Each horizon doubling needs this times the progress of the one before (below 1: superexponential).",
        _n(0.8, 1.04),
        CFG + "normal ci80 [0.8, 1.04]",
        -INF,
        INF,
    ),
    (
        "aa_time_horizon_minutes",
        "Horizon",
        "coder horizon needed (no gap)",
        "minutes",
        "The 80% time horizon at which coding is fully automated, when there is no gap.",
        _ln(12456.0, 3.11e9),
        CFG + "lognormal ci80 [12456, 3.11e9] (0.1 to 25,000 work years)",
        0.0,
        INF,
    ),
    (
        "pre_gap_aa_time_horizon",
        "Horizon",
        "horizon before the gap",
        "minutes",
        "With a gap: the horizon reached before the last stretch of gap_years of present-day progress.",
        _ln(12456.0, 1245600.0),
        CFG + "lognormal ci80 [12456, 1245600] (0.1 to 10 work years)",
        0.0,
        INF,
    ),
    (
        "include_gap",
        "Horizon",
        "gap after the horizon (1 = yes)",
        "flag",
        "1: full coding automation needs gap_years more progress after the pre-gap horizon; 0: no gap.",
        {"type": "discrete", "values": [0.0, 1.0], "probs": [0.5, 0.5]},
        CFG + 'choice ["no gap", "gap"] p [0.5, 0.5]',
        0.0,
        1.0,
    ),
    (
        "gap_years",
        "Horizon",
        "gap length",
        "present-day progress-years",
        "The gap, in years of progress at present_day's human-only rate.",
        _ln(0.3, 7.5),
        CFG + "lognormal ci80 [0.3, 7.5]",
        0.0,
        INF,
    ),
    (
        "present_day",
        "Horizon",
        "present day",
        "year",
        "The date whose horizon and SWE multiplier anchor the forecast.",
        _pt(2025.6),
        CFG + "fixed 2025.6",
        2020.0,
        2030.0,
    ),
    (
        "present_horizon",
        "Horizon",
        "horizon at present day",
        "minutes",
        "The 80% time horizon of the best AI at present_day.",
        _pt(26.0),
        CFG + "fixed 26",
        0.0,
        INF,
    ),
    (
        "rho_coding_labor",
        "Automation",
        "coding-labour substitution (rho)",
        "CES rho",
        "How well AI coding on automated tasks substitutes for humans on the rest (more negative: less).",
        {"type": "discrete", "values": [-5.0, -2.0, -1.0], "probs": [0.25, 0.5, 0.25]},
        CFG + "choice [-5, -2, -1] p [0.25, 0.5, 0.25]",
        -10.0,
        -1e-6,
    ),
    (
        "inf_compute_asymptote",
        "Compute",
        "experiment capacity with unlimited compute",
        "multiplier",
        "How many times more experiment capacity unlimited compute (labour as today) would give.",
        _pt(5000.0),
        DEF,
        0.0,
        INF,
    ),
    (
        "inf_labor_asymptote",
        "Labour",
        "experiment capacity with unlimited labour",
        "multiplier",
        "How many times more experiment capacity unlimited coding labour (compute as today) would give.",
        _pt(15.0),
        DEF,
        0.0,
        INF,
    ),
    (
        "inv_compute_anchor_exp_cap",
        "Compute",
        "capacity loss from 10x less compute",
        "inverse multiplier",
        "Experiment capacity falls to 1/this when experiment compute is cut tenfold (labour as today).",
        _pt(3.33),
        DEF,
        0.0,
        INF,
    ),
    (
        "labor_anchor_exp_cap",
        "Labour",
        "capacity gain from 30x more labour",
        "multiplier",
        "The original's labour anchor of the experiment-capacity CES (it does not enter the fitted CES).",
        _pt(1.6),
        DEF,
        0.0,
        INF,
    ),
    (
        "coding_automation_efficiency_slope",
        "Automation",
        "automation efficiency slope",
        "OOMs per present-day progress-year",
        "How fast AI gets cheaper at tasks already automated, in OOMs of labour per GPU per year of today's progress.",
        _ln(0.67, 6.0),
        CFG + "lognormal ci80 [0.67, 6]",
        0.0,
        INF,
    ),
    (
        "parallel_penalty",
        "Labour",
        "parallelisation exponent",
        "exponent",
        "Serial coding labour is parallel coding labour to this power (1: no penalty for running in parallel).",
        {"type": "beta", "alpha": 1.43, "beta": 1.43},
        CFG + "beta(1.43, 1.43)",
        0.0,
        1.0,
    ),
    (
        "swe_multiplier_at_present_day",
        "Automation",
        "coding speed-up at present day",
        "multiplier",
        "How many times more coding labour AI gives a lab at present_day; fixes today's automated fraction.",
        _pt(1.6),
        DEF,
        0.0,
        INF,
    ),
    (
        "automation_fraction_at_coding_automation_anchor",
        "Automation",
        "automated fraction at ACD",
        "fraction",
        "Share of coding tasks automated at full coding automation.",
        _pt(1.0),
        DEF,
        0.1,
        1.0,
    ),
    (
        "optimal_ces_eta_init",
        "Automation",
        "AI labour per compute at a task's start",
        "human-equivalents per unit",
        "Coding labour one unit of inference compute gives on a task when it first becomes automatable.",
        _pt(0.05),
        DEF,
        1e-12,
        1e12,
    ),
    (
        "ai_research_taste_at_coding_automation_anchor_sd",
        "Taste",
        "AI taste at ACD",
        "human SDs",
        "AI research taste at full coding automation, in SDs of the human (log) taste distribution.",
        _n(-2.5, 3.5),
        CFG + "normal ci80 [-2.5, 3.5]",
        -INF,
        INF,
    ),
    (
        "ai_research_taste_slope",
        "Taste",
        "AI taste growth",
        "SDs per present-day progress-year",
        "How fast AI research taste rises, in human SDs per year of today's progress.",
        _ln(0.8, 7.8),
        CFG + "lognormal ci80 [0.8, 7.8]",
        0.0,
        INF,
    ),
    (
        "median_to_top_taste_multiplier",
        "Taste",
        "top-to-median human taste",
        "ratio",
        "Taste of the top 0.1% researcher over the median; sets the spread of human taste.",
        _pt(3.25),
        DEF,
        1.0,
        INF,
    ),
    (
        "top_percentile",
        "Taste",
        "top-researcher percentile",
        "quantile",
        "The quantile that counts as a top researcher (0.999 in the original; fixed here).",
        _pt(0.999),
        DEF,
        0.5,
        0.99999,
    ),
    (
        "software_progress_rate_at_reference_year",
        "Compute",
        "software progress rate in 2023",
        "OOMs per year",
        "Growth of software efficiency in 2023; scales the returns to research.",
        _ln(0.25, 2.5),
        CFG + "lognormal ci80 [0.25, 2.5]",
        0.0,
        INF,
    ),
    (
        "constant_training_compute_growth_rate",
        "Compute",
        "training-compute growth before the slowdown",
        "OOMs per year",
        "Growth of frontier training compute until slowdown_year.",
        _n(0.55, 0.65),
        CFG + "time_series_parameters, normal ci80 [0.55, 0.65]",
        -INF,
        INF,
    ),
    (
        "slowdown_year",
        "Compute",
        "training-compute slowdown year",
        "year",
        "From this year training compute grows at the post-slowdown rate.",
        {"type": "uniform", "low": 2026.0, "high": 2030.0},
        CFG + "time_series_parameters, uniform 2026 to 2030",
        1900.0,
        2200.0,
    ),
    (
        "post_slowdown_training_compute_growth_rate",
        "Compute",
        "training-compute growth after the slowdown",
        "OOMs per year",
        "Growth of frontier training compute from slowdown_year.",
        _n(0.15, 0.35),
        CFG + "time_series_parameters, normal ci80 [0.15, 0.35]",
        -INF,
        INF,
    ),
)

AIFM_GROUPS = {row[0]: row[1] for row in _ROWS}

AIFM_ASSUMPTIONS: tuple[Assumption, ...] = tuple(
    assumption(name, f"{group}: {label}", unit, meaning, prior, source, lo, hi)
    for name, group, label, unit, meaning, prior, source, lo, hi in _ROWS
)

# The original clips sampled values to these ranges (model_config.PARAMETER_BOUNDS),
# except for parameters whose config entry says clip_to_bounds: false.
PARAMETER_BOUNDS = {
    "rho_coding_labor": (-10.0, 0.0),
    "software_progress_rate_at_reference_year": (0.05, 10.0),
    "automation_fraction_at_coding_automation_anchor": (0.1, 1.0),
    "swe_multiplier_at_present_day": (1.0, 10.0),
    "ai_research_taste_at_coding_automation_anchor_sd": (-10.0, 100.0),
    "ai_research_taste_slope": (0.1, 10.0),
    "aa_time_horizon_minutes": (1000.0, 1e11),
    "pre_gap_aa_time_horizon": (1000.0, 1e11),
    "present_day": (2020.0, 2030.0),
    "present_horizon": (0.01, 100.0),
    "present_doubling_time": (0.01, 2.0),
    "doubling_difficulty_growth_factor": (0.5, 1.5),
    "inf_labor_asymptote": (0.0, 100000.0),
    "inf_compute_asymptote": (0.0, 100000.0),
    "labor_anchor_exp_cap": (0.0, 1000.0),
    "inv_compute_anchor_exp_cap": (0.0, 10.0),
    "parallel_penalty": (0.0, 1.0),
    "median_to_top_taste_multiplier": (1.1, 20.0),
    "top_percentile": (0.5, 0.99999),
    "coding_automation_efficiency_slope": (0.01, 10.0),
    "optimal_ces_eta_init": (1e-12, 1e12),
}
