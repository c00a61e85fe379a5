"""The ``ai2027-horizon`` kind: kernels agree, match the original's day-by-day
stepping, reproduce the published headline, and solve known cases exactly."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from debate_explorer.core.engine.compute import compile_scenario
from debate_explorer.core.engine.kinds import get_kind
from debate_explorer.core.engine.kinds.ai2027 import kernel as K
from debate_explorer.core.engine.kinds.ai2027.kind import START_2025_04_02, original_correlation
from debate_explorer.core.engine.program import compile_program
from debate_explorer.core.engine.runner import Compiled, run_compiled
from debate_explorer.core.model.distributions import parse_dist
from debate_explorer.core.model.scenario import correlation_matrix, load_scenario

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"
DAY = 1.0 / 366.0  # the original's step: 1/30.5 month of a 12-month year


@pytest.fixture(scope="session")
def kind():
    return get_kind("ai2027-horizon")


def _compiled(kind, dists=None, correlation="original", **settings) -> Compiled:
    dists = dists or {}
    priors = [parse_dist(dists[a.name], a.name) if a.name in dists else a.prior for a in kind.assumptions]
    corr = original_correlation() if correlation == "original" else correlation
    program = compile_program(
        priors, [(a.lower, a.upper) for a in kind.assumptions], [a.name for a in kind.assumptions], corr
    )
    s = kind.Settings(**settings)
    start, horizon = kind.default_start, kind.default_horizon
    return Compiled(kind, program, kind.constants(s, start, horizon, 0.25), s, start, horizon)


@pytest.fixture(scope="session")
def eli_default(kind):
    return _compiled(kind)


@pytest.fixture(scope="session")
def eli_run(eli_default):
    """Run once per session (this also pays the JIT compile once)."""
    return run_compiled(eli_default, samples=3000, seed=11, keep_inputs=True)


def test_assumption_order_matches_kernel(kind):
    names = [a.name for a in kind.assumptions]
    assert names.index("h_sc") == K.H_SC
    assert names.index("doubling_time") == K.DOUBLING
    assert names.index("cost_speed") == K.COST_SPEED
    assert names.index("doubling_ratio") == K.RATIO
    assert names.index("announcement_delay") == K.DELAY
    assert names.index("present_speedup") == K.P_NOW
    assert names.index("sc_speedup") == K.P_SC
    assert kind.default_start == pytest.approx(2025 + 3 / 12 + 1 / 365.25)
    assert kind.default_horizon == 2050.0


def _assert_same(a, b):
    """Same samples up to rounding; the shared numba normal quantile has rel. error ~1e-9."""
    assert np.array_equal(np.isfinite(a.years), np.isfinite(b.years))
    fin = np.isfinite(a.years)
    np.testing.assert_allclose(a.years[fin], b.years[fin], rtol=0, atol=1e-6)
    np.testing.assert_allclose(a.extras, b.extras, rtol=1e-7, atol=1e-6)  # months


def test_numba_and_numpy_agree_sample_by_sample(eli_default, eli_run):
    ref = run_compiled(eli_default, samples=3000, seed=11, backend="numpy", keep_inputs=True)
    np.testing.assert_allclose(eli_run.inputs, ref.inputs, rtol=1e-7)
    _assert_same(eli_run, ref)


@pytest.mark.parametrize(
    "settings",
    [
        {"labour_slowdown_year": 2027.0, "compute_slowdown_year": 2031.5},  # the labour phase ends early
        {
            "labour_slowdown_year": 2032.0,
            "compute_slowdown_year": 2026.5,
            "compute_rate_after": 0.3,
            "labour_factor_after": 0.7,
        },
    ],
)
def test_numba_and_numpy_agree_with_other_slowdowns(kind, settings):
    compiled = _compiled(kind, **settings)
    _assert_same(
        run_compiled(compiled, samples=2000, seed=5), run_compiled(compiled, samples=2000, seed=5, backend="numpy")
    )


# --- the original method, stepped one day at a time as its code does -------------


def _original_base_months(x, current_minutes=15.0, minutes_per_month=60 * 167.0):
    n = np.log2(x[:, K.H_SC] / (current_minutes / minutes_per_month))
    t1, r = x[:, K.DOUBLING], x[:, K.RATIO]
    with np.errstate(all="ignore"):
        total = np.where(r == 1.0, n * t1, np.where(r < 1.0, t1 * (1 - r**n) / (1 - r), t1 * (r**n - 1) / (r - 1)))
    total = total + x[:, K.COST_SPEED]
    return np.maximum(np.where(np.isfinite(total), total, 0.0), 0.0)


def _original_daily(x, start, compute_year=2029.0, labour_year=2029.0, end=2050.0):
    base = _original_base_months(x)
    dt = 1.0 / 30.5
    time = start - x[:, K.DELAY] / 12
    progress = np.zeros(len(x))
    a, ratio = 1 + x[:, K.P_NOW], (1 + x[:, K.P_SC]) / (1 + x[:, K.P_NOW])
    live = np.flatnonzero((progress < base) & (time < end))
    while len(live):
        v = a[live] * ratio[live] ** (progress[live] / base[live])
        t = time[live]
        v = np.where(t >= labour_year, np.sqrt(0.5 * v * (v - 0.5)), v)
        c = np.where(t >= compute_year, 0.5, 1.0)
        progress[live] += dt * (v + c) / 2
        time[live] += dt / 12
        live = live[(progress[live] < base[live]) & (time[live] < end)]
    return np.minimum(time, end), base


@pytest.mark.parametrize("dates", [(2029.0, 2029.0), (2031.5, 2027.0)])
def test_matches_the_originals_daily_stepping(kind, dates):
    compute_year, labour_year = dates
    compiled = _compiled(kind, compute_slowdown_year=compute_year, labour_slowdown_year=labour_year)
    run = run_compiled(compiled, samples=1500, seed=3, keep_inputs=True)
    daily, base = _original_daily(run.inputs, compiled.start, compute_year, labour_year)
    np.testing.assert_allclose(run.extras[:, 0], base, rtol=1e-12)
    ours = np.minimum(run.years[:, 0], 2050.0)
    assert np.array_equal(ours >= 2050.0, daily >= 2050.0)
    lag = (daily - ours) / DAY  # the day grid and Euler steps make the original a little late
    assert lag.min() > -1.0 and lag.max() < 5.0
    assert 0.5 < lag.mean() < 2.0


# --- the published headline --------------------------------------------------------


@pytest.mark.parametrize("name, p10, p50, p90", [("eli", 2025, 2027, 2039), ("nikola", 2025, 2027, 2033)])
def test_presets_reproduce_the_published_headline(kind, name, p10, p50, p90):
    scenario = load_scenario(SCENARIOS / f"ai2027_{name}.toml")
    assert scenario.kind is kind
    assert scenario.start == START_2025_04_02 and scenario.horizon == 2050.0
    run = run_compiled(compile_scenario(scenario), samples=20000, seed=scenario.run.seed)
    sc = run.milestone("sc")
    # The original reports int(percentile) with unfinished samples at 2050.
    assert math.floor(sc.quantile(0.5)) == p50
    assert abs(math.floor(sc.quantile(0.1)) - p10) <= 1
    assert abs(math.floor(sc.quantile(0.9)) - p90) <= 1
    assert 0.0 < sc.never_share < 0.06


@pytest.mark.parametrize("name", ["eli", "nikola"])
def test_presets_use_the_originals_normal_scale_copula(kind, name):
    scenario = load_scenario(SCENARIOS / f"ai2027_{name}.toml")
    np.testing.assert_allclose(correlation_matrix(scenario, kind), original_correlation(), atol=1e-12)


# --- cases with a known answer -----------------------------------------------------


def _point_inputs(h_sc, ratio=1.0, doubling=4.0, cost=2.0, delay=1.0, p_now=0.0, p_sc=0.0):
    return {
        "h_sc": h_sc,
        "doubling_time": doubling,
        "cost_speed": cost,
        "doubling_ratio": ratio,
        "announcement_delay": delay,
        "present_speedup": p_now,
        "sc_speedup": p_sc,
    }


def _expected_year(start, base, delay, before_rate=1.0, after_rate=0.5, slowdown=2029.0):
    t0 = start - delay / 12
    t = t0 + base / before_rate / 12
    if t <= slowdown:
        return t
    done = (slowdown - t0) * 12 * before_rate
    return slowdown + (base - done) / after_rate / 12


H0 = 15.0 / 10020.0  # today's horizon in work months


@pytest.mark.parametrize("backend", ["numba", "numpy"])
@pytest.mark.parametrize(
    "h_sc, ratio, p",
    [
        (1.0, 1.0, 0.0),  # exponential, done before 2029
        (12.0, 1.0, 0.0),  # exponential, crosses the 2029 slowdown (rate 1 -> 0.5)
        (12.0, 0.9, 0.0),  # superexponential: doublings 10% shorter each
        (12.0, 1.1, 0.0),  # subexponential
        (1.0, 1.0, 0.4),  # constant multiplier 1.4: rate (1.4 + 1) / 2 before 2029
    ],
)
def test_point_inputs_give_the_closed_form(kind, backend, h_sc, ratio, p):
    compiled = _compiled(kind, _point_inputs(h_sc, ratio, p_now=p, p_sc=p), correlation=None)
    run = run_compiled(compiled, samples=5, seed=1, backend=backend)
    n = math.log2(h_sc / H0)
    growth = 4.0 * n if ratio == 1.0 else 4.0 * (ratio**n - 1) / (ratio - 1)
    base = growth + 2.0
    v_after = math.sqrt(0.5 * (1 + p) * (1 + p - 0.5))
    expected = _expected_year(compiled.start, base, 1.0, (1 + p + 1) / 2, (v_after + 0.5) / 2)
    np.testing.assert_allclose(run.extras[:, 0], base, rtol=1e-12)
    np.testing.assert_allclose(run.years[:, 0], expected, rtol=0, atol=1e-9)


def test_horizon_already_reached_means_sc_at_the_internal_start(kind):
    compiled = _compiled(kind, _point_inputs(H0 / 4, cost=0.0, delay=3.0), correlation=None)
    run = run_compiled(compiled, samples=3, seed=1)
    assert np.all(run.extras[:, 0] == 0.0)
    np.testing.assert_allclose(run.years[:, 0], compiled.start - 3.0 / 12, atol=1e-12)


def test_not_by_the_horizon_is_inf(kind):
    compiled = _compiled(kind, _point_inputs(1e6, ratio=1.1), correlation=None)
    run = run_compiled(compiled, samples=3, seed=1)
    assert np.all(np.isinf(run.years[:, 0]))
    assert run.milestone("sc").never_share == 1.0


def test_same_seed_same_result_for_any_thread_count(eli_default):
    one = run_compiled(eli_default, samples=20000, seed=9, threads=1)
    two = run_compiled(eli_default, samples=20000, seed=9, threads=2)
    assert np.array_equal(one.years, two.years)
    assert np.array_equal(one.extras, two.extras)
