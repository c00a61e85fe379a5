"""The debate model's engine against closed forms, the numpy reference, and itself."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from debate_explorer.core.compute import compile_scenario, run_scenario
from debate_explorer.core.engine.kinds.debate import kernel as K
from debate_explorer.core.engine.kinds import get_kind
from debate_explorer.core.engine.runner import run_compiled
from debate_explorer.core.model.scenario import scenario_from_dict

# Everything switched off but constant compute growth: the rate is exactly g_compute.
QUIET = {
    "g_compute": 0.5, "compute_wall_year": 2200.0, "late_compute_factor": 1.0, "g_software": 0.0,
    "p_now": 0.0, "p_sc": 0.0, "p_agi": 0.0, "difficulty": 1.0, "sc_requirement": 4.0,
    "agi_gap": 1.0, "asi_gap": 1.0, "disruption_hazard": 0.0, "pause_years": 1.0, "pause_factor": 0.0,
    "share_at_agi": 0.3, "diffusion_rate": 0.2, "base_growth": 0.02, "hive_mind_boost": 0.3,
}


def scenario(samples=4000, seed=3, step=0.25, **overrides):
    return scenario_from_dict({
        "format_version": 1,
        "run": {"samples": samples, "seed": seed, "step": step},
        "assumptions": {**QUIET, **overrides},
    })


def test_assumption_order_matches_kernel_indices():
    """Every index the kernel reads an assumption at names that assumption, and every assumption is read."""
    kernel_index = {
        "g_compute": K.G_COMPUTE, "compute_wall_year": K.WALL_YEAR, "late_compute_factor": K.LATE_FACTOR,
        "g_software": K.G_SOFTWARE, "p_now": K.P_NOW, "p_sc": K.P_SC, "p_agi": K.P_AGI,
        "difficulty": K.DIFFICULTY, "sc_requirement": K.SC_REQ, "agi_gap": K.AGI_GAP, "asi_gap": K.ASI_GAP,
        "disruption_hazard": K.HAZARD, "pause_years": K.PAUSE_YEARS, "pause_factor": K.PAUSE_FACTOR,
        "share_at_agi": K.SHARE_AGI, "diffusion_rate": K.DIFFUSION, "base_growth": K.BASE_GROWTH,
        "hive_mind_boost": K.BOOST,
    }
    names = get_kind("debate").assumption_names
    assert {name: names.index(name) for name in names} == kernel_index


def test_lognormal_threshold_with_constant_growth_has_closed_form():
    # K = g·(t − start), so t_SC − start = S/g with S lognormal: (t − start)·g is lognormal.
    sc = scenario(samples=20000, sc_requirement={"type": "lognormal", "median": 5.0, "sigma": 0.4})
    r = run_scenario(sc)
    x = (r.years[:, 0] - 2025.0) * 0.5
    ks = stats.kstest(x, stats.lognorm(s=0.4, scale=5.0).cdf)
    assert ks.pvalue > 1e-3
    assert np.median(x) == pytest.approx(5.0, rel=0.02)


@pytest.mark.parametrize("step", [0.25, 1.0, 3.0])
def test_crossing_time_does_not_depend_on_step(step):
    r = run_scenario(scenario(samples=64, step=step))
    assert np.allclose(r.years[:, 0], 2025.0 + 4.0 / 0.5)
    assert np.allclose(r.years[:, 1], 2025.0 + 5.0 / 0.5)
    assert np.allclose(r.years[:, 2], 2025.0 + 6.0 / 0.5)


def test_superexponential_difficulty_matches_closed_form_and_blows_up():
    # dK/dt = g·d^(−K): K reaches k at t = (1 − d^k)/(g·(−ln d)) < 1/(g·(−ln d)) for every k.
    d, g = 0.8, 0.5
    r = run_scenario(scenario(samples=16, difficulty=d, sc_requirement=3.0, agi_gap=7.0, asi_gap=50.0))
    expected = [(1 - d**k) / (g * -math.log(d)) for k in (3.0, 10.0, 60.0)]
    assert np.allclose(r.years[0] - 2025.0, expected, rtol=1e-9)
    assert r.years[0, 2] - 2025.0 < 1 / (g * -math.log(d))


def test_zero_gap_puts_milestones_at_the_same_moment():
    r = run_scenario(scenario(samples=16, agi_gap=0.0, asi_gap=0.0))
    assert np.all(r.years[:, 0] == r.years[:, 1])
    assert np.all(r.years[:, 1] == r.years[:, 2])


def test_never_by_horizon_is_kept_as_its_own_outcome():
    r = run_scenario(scenario(samples=500, sc_requirement={"type": "uniform", "low": 20.0, "high": 80.0}))
    sc = r.milestone("sc")
    # K reaches 37.5 by 2100, so SC arrives for (37.5 − 20)/60 of samples.
    assert sc.never_share == pytest.approx(1 - 17.5 / 60, abs=0.06)
    assert np.isinf(r.years[:, 0]).sum() == sc.never
    assert sc.cdf[-1] == pytest.approx(1 - sc.never_share)
    assert sc.quantile(0.9) == math.inf


def test_compute_wall_slows_growth():
    r = run_scenario(scenario(samples=16, compute_wall_year=2027.0, late_compute_factor=0.25))
    # 1 OOM by 2027, then 0.125 OOM/yr: 3 more OOM take 24 years.
    assert np.allclose(r.years[:, 0], 2027.0 + 3.0 / 0.125)


def test_pauses_delay_milestones():
    calm = run_scenario(scenario(samples=3000))
    rough = run_scenario(scenario(samples=3000, disruption_hazard=0.3, pause_years=2.0, pause_factor=0.0))
    delay = rough.years[:, 0] - calm.years[:, 0]
    assert np.all(delay >= -1e-9)
    assert delay.mean() > 0.5
    # Pause lengths are exactly 2 years with factor 0: every delay is a multiple of 2.
    assert np.allclose(np.round(delay / 2.0) * 2.0, delay, atol=1e-9)


def test_automation_and_growth_follow_the_milestones():
    r = run_scenario(scenario(samples=200, sc_requirement=2.0, agi_gap=2.0, diffusion_rate=0.5))
    # SC at 2029, AGI at 2033: automation 0 before, share·frac between, then diffusing to 1.
    auto = r.band("automation").percentiles((0.5,))[0]
    years = list(r.band_years)
    assert auto[years.index(2028)] == pytest.approx(0.0, abs=0.01)
    assert auto[years.index(2031)] == pytest.approx(0.3 * 0.5, abs=0.01)
    expected_2040 = 1 - 0.7 * math.exp(-0.5 * 7)
    assert auto[years.index(2040)] == pytest.approx(expected_2040, abs=0.01)
    assert r.extras[0, 0] == pytest.approx(0.02 + 0.3 * expected_2040, rel=1e-9)
    assert r.regimes["explosive"] == 1.0


def test_numba_matches_numpy_reference_sample_by_sample():
    sc = scenario_from_dict({"format_version": 1, "run": {"samples": 6000, "seed": 11}})
    compiled = compile_scenario(sc)
    a = run_compiled(compiled, samples=6000, seed=11, backend="numba")
    b = run_compiled(compiled, samples=6000, seed=11, backend="numpy")
    same_inf = np.isinf(a.years) == np.isinf(b.years)
    assert same_inf.mean() > 0.999
    both = np.isfinite(a.years) & np.isfinite(b.years)
    close = np.isclose(a.years[both], b.years[both], rtol=0, atol=1e-5)
    assert close.mean() > 0.999
    # Histograms differ at most where a value sits on a bin edge.
    diff = np.abs(a.band_counts - b.band_counts).sum()
    assert diff <= 0.001 * a.band_counts.sum()
    assert a.regimes == pytest.approx(b.regimes, abs=1e-3)


def test_same_seed_is_bit_identical_for_any_thread_count():
    sc = scenario_from_dict({"format_version": 1})
    compiled = compile_scenario(sc)
    runs = [run_compiled(compiled, samples=20000, seed=5, threads=t) for t in (1, 2, 3)]
    for other in runs[1:]:
        assert np.array_equal(runs[0].years, other.years)
        assert np.array_equal(runs[0].band_counts, other.band_counts)
        assert np.array_equal(runs[0].extras, other.extras, equal_nan=True)
    different = run_compiled(compiled, samples=20000, seed=6)
    assert not np.array_equal(runs[0].years, different.years)


def test_quarterly_steps_agree_with_fine_steps():
    # The midpoint rule makes the default quarterly grid second-order accurate; merged
    # slow stretches keep the rate within 2%. Same seed: the same samples at both steps.
    def quantiles(step):
        sc = scenario_from_dict({"format_version": 1, "run": {"samples": 20000, "seed": 4, "step": step}})
        r = run_scenario(sc)
        return np.array([r.milestone(m).quantile(q) for m in ("sc", "agi", "asi") for q in (0.1, 0.5, 0.9)])

    assert np.allclose(quantiles(0.25), quantiles(0.02), atol=0.08)


@pytest.mark.parametrize(("d", "tolerance"), [(1.0, 1e-6), (0.9, 0.02), (1.1, 0.02)])
def test_feedback_trajectory_matches_an_ode_solver(d, tolerance):
    # d = 1 uses the closed form between events (exact); other d the quarterly midpoint rule.
    from scipy.integrate import solve_ivp

    p = {"g_compute": 0.5, "g_software": 0.4, "p_now": 0.2, "p_sc": 5.0, "p_agi": 20.0,
         "sc_requirement": 6.0, "agi_gap": 3.0, "asi_gap": 2.0, "difficulty": d}
    targets = np.cumsum([p["sc_requirement"], p["agi_gap"], p["asi_gap"]])
    l_now, l_sc, l_agi = np.log1p([p["p_now"], p["p_sc"], p["p_agi"]])

    def log_m(k):
        if k < targets[0]:
            return l_now + (l_sc - l_now) * k / targets[0]
        if k < targets[1]:
            return l_sc + (l_agi - l_sc) * (k - targets[0]) / p["agi_gap"]
        return l_agi

    def rhs(t, y):
        return [(p["g_compute"] + p["g_software"] * np.exp(log_m(y[0]))) * d ** -y[0]]

    events = [lambda t, y, kt=kt: y[0] - kt for kt in targets]
    sol = solve_ivp(rhs, (0, 60), [0.0], events=events, rtol=1e-11, atol=1e-12, max_step=0.01)
    expected = 2025.0 + np.array([e[0] for e in sol.t_events])
    r = run_scenario(scenario(samples=4, **p))
    assert np.allclose(r.years[0], expected, atol=tolerance)
