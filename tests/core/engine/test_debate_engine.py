"""The debate model (version 2) against closed forms, an ODE solver, the numpy reference and itself."""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
import pytest
from scipy import stats

from debate_explorer.core.engine.compute import compile_scenario, run_scenario
from debate_explorer.core.engine.kinds import get_kind
from debate_explorer.core.engine.kinds.debate import kernel as K
from debate_explorer.core.engine.kinds.debate.rates import compute_term, inverse_rate, labour_term
from debate_explorer.core.engine.kinds.debate.reference import research_speed_numpy
from debate_explorer.core.engine.runner import run_compiled
from debate_explorer.core.model.scenario import scenario_from_dict

# Everything switched off but constant compute growth: the rate is exactly g_compute.
QUIET = {
    "g_compute": 0.5,
    "compute_wall_year": 2200.0,
    "late_compute_factor": 1.0,
    "g_software": 0.0,
    "research_share": 0.5,
    "compute_cap": 10.0,
    "p_now": 0.0,
    "gain_to_sc": 1.0,
    "gain_to_agi": 1.0,
    "difficulty": 1.0,
    "sc_requirement": 4.0,
    "agi_gap": 1.0,
    "asi_gap": 1.0,
    "disruption_hazard": 0.0,
    "pause_years": 1.0,
    "pause_factor": 0.0,
    "share_at_agi": 0.3,
    "diffusion_rate": 0.2,
    "substitution": 1.0,
    "base_growth": 0.02,
    "hive_mind_boost": 0.3,
}


def scenario(samples=4000, seed=3, step=0.25, **overrides):
    return scenario_from_dict(
        {
            "format_version": 2,
            "run": {"samples": samples, "seed": seed, "step": step},
            "assumptions": {**QUIET, **overrides},
        }
    )


def test_every_assumption_has_its_kernel_index():
    names = get_kind("debate").assumption_names
    indices = {
        "g_compute": K.G_COMPUTE,
        "compute_wall_year": K.WALL_YEAR,
        "late_compute_factor": K.LATE_FACTOR,
        "g_software": K.G_SOFTWARE,
        "research_share": K.RESEARCH_SHARE,
        "compute_cap": K.COMPUTE_CAP,
        "p_now": K.P_NOW,
        "gain_to_sc": K.GAIN_SC,
        "gain_to_agi": K.GAIN_AGI,
        "difficulty": K.DIFFICULTY,
        "sc_requirement": K.SC_REQ,
        "agi_gap": K.AGI_GAP,
        "asi_gap": K.ASI_GAP,
        "disruption_hazard": K.HAZARD,
        "pause_years": K.PAUSE_YEARS,
        "pause_factor": K.PAUSE_FACTOR,
        "share_at_agi": K.SHARE_AGI,
        "diffusion_rate": K.DIFFUSION,
        "substitution": K.SUBSTITUTION,
        "base_growth": K.BASE_GROWTH,
        "hive_mind_boost": K.BOOST,
    }
    assert set(indices) == set(names) and len(names) == K.N_ASSUMPTIONS
    assert all(names.index(n) == i for n, i in indices.items())


def test_lognormal_threshold_with_constant_growth_has_closed_form():
    # E = g·(t − start), so t_SC − start = S/g with S lognormal: (t − start)·g is lognormal.
    sc = scenario(samples=20000, sc_requirement={"type": "lognormal", "median": 5.0, "sigma": 0.4})
    r = run_scenario(sc)
    x = (r.years[:, 0] - 2025.0) * 0.5
    ks = stats.kstest(x, stats.lognorm(s=0.4, scale=5.0).cdf)
    assert ks.pvalue > 1e-3
    assert np.median(x) == pytest.approx(5.0, rel=0.02)


@pytest.mark.parametrize("step", [0.25, 1.0, 3.0])
def test_crossing_time_does_not_depend_on_step(step):
    for backend in ("numba", "numpy"):
        r = run_scenario(scenario(samples=64, step=step), backend=backend)
        assert np.allclose(r.years, 2025.0 + np.array([4.0, 5.0, 6.0]) / 0.5)


def test_superexponential_difficulty_brings_sc_early_but_never_collapses_later_stages():
    # Within the SC stage dE/dt = g·d^(−E): SC at (1 − d^k)/(g·(−ln d)). Later stages start
    # afresh at the plain rate, so AGI and ASI follow at agi_gap/g and asi_gap/g.
    d, g = 0.5, 0.5
    r = run_scenario(scenario(samples=16, difficulty=d, sc_requirement=200.0, agi_gap=2.0, asi_gap=3.0))
    t_sc = 2025.0 + (1 - d**200) / (g * -math.log(d))
    assert np.allclose(r.years[0], [t_sc, t_sc + 2.0 / g, t_sc + 2.0 / g + 3.0 / g], rtol=0, atol=1e-9)


def test_zero_gap_puts_milestones_at_the_same_moment():
    r = run_scenario(scenario(samples=16, agi_gap=0.0, asi_gap=0.0))
    assert np.all(r.years[:, 0] == r.years[:, 1])
    assert np.all(r.years[:, 1] == r.years[:, 2])


def test_never_by_horizon_is_kept_as_its_own_outcome():
    r = run_scenario(scenario(samples=500, sc_requirement={"type": "uniform", "low": 20.0, "high": 80.0}))
    sc = r.milestone("sc")
    # E reaches 37.5 by 2100, so SC arrives for (37.5 − 20)/60 of samples.
    assert sc.never_share == pytest.approx(1 - 17.5 / 60, abs=0.06)
    assert np.isinf(r.years[:, 0]).sum() == sc.never
    assert sc.cdf[-1] == pytest.approx(1 - sc.never_share)
    assert sc.quantile(0.9) == math.inf


def test_compute_wall_slows_compute_and_research():
    r = run_scenario(scenario(samples=16, compute_wall_year=2027.0, late_compute_factor=0.25))
    # 1 OOM by 2027, then 0.125 OOM/yr: 3 more OOM take 24 years.
    assert np.allclose(r.years[:, 0], 2027.0 + 3.0 / 0.125)
    # With software progress the wall also cuts the research rate (experiment compute).
    soft = {"g_compute": 0.0, "g_software": 0.5, "research_share": 0.9, "compute_cap": 4.0}
    free = run_scenario(scenario(samples=16, **soft))
    walled = run_scenario(scenario(samples=16, compute_wall_year=2025.0, late_compute_factor=0.25, **soft))
    r_walled = research_speed_numpy(0.0, 0.25, 0.9, 4.0)
    assert r_walled < 1.0
    assert np.allclose(free.years[:, 0], 2025.0 + 4.0 / 0.5)
    assert np.allclose(walled.years[:, 0], 2025.0 + 4.0 / (0.5 * r_walled))


def kernel_research_speed(log_l, c, share, cap):
    """R as the kernel computes it (``rates``): 1/v with no compute growth, g_software = 1, no disruption."""
    alpha = cap**K.RHO
    q = inverse_rate(labour_term(log_l, 0.0, 0.0), 1.0, 0.0, 1.0, compute_term(alpha, c), share, alpha)
    return 1.0 / q


def test_research_speed_is_amdahl_over_a_ces_with_a_compute_ceiling():
    assert kernel_research_speed(0.0, 1.0, 0.7, 20.0) == pytest.approx(1.0)
    # Unlimited labour: S → cap, so R → 1 / ((1 − f) + f / cap).
    assert kernel_research_speed(60.0, 1.0, 0.7, 20.0) == pytest.approx(1 / (0.3 + 0.7 / 20.0), rel=1e-6)
    # Share 0: AI labour changes nothing.
    assert kernel_research_speed(5.0, 1.0, 0.0, 20.0) == pytest.approx(1.0)
    # Everywhere: the kernel's split terms are the CES as written (the numpy reference's form).
    for log_l, c, share, cap in itertools.product((0.0, 1.5, 7.0), (0.05, 0.3, 1.0), (0.2, 0.9), (4.0, 30.0)):
        expected = float(research_speed_numpy(log_l, c, share, cap))
        assert kernel_research_speed(log_l, c, share, cap) == pytest.approx(expected, rel=1e-12)


def test_disruptions_delay_or_accelerate_milestones():
    calm = run_scenario(scenario(samples=3000))
    rough = run_scenario(scenario(samples=3000, disruption_hazard=0.3, pause_years=2.0, pause_factor=0.0))
    delay = rough.years[:, 0] - calm.years[:, 0]
    assert np.all(delay >= -1e-9)
    assert delay.mean() > 0.5
    # Pauses last exactly 2 years with factor 0: every delay is a multiple of 2.
    assert np.allclose(np.round(delay / 2.0) * 2.0, delay, atol=1e-9)
    war = run_scenario(scenario(samples=3000, disruption_hazard=0.3, pause_years=2.0, pause_factor=2.0))
    assert np.all(war.years[:, 0] <= calm.years[:, 0] + 1e-9)
    assert (war.years[:, 0] < calm.years[:, 0] - 0.5).mean() > 0.3


def test_automation_and_growth_follow_the_milestones():
    r = run_scenario(scenario(samples=200, sc_requirement=2.0, agi_gap=2.0, diffusion_rate=0.5))
    # SC at 2029, AGI at 2033: automation 0 before, linear in time between, then diffusing to 1.
    auto = r.band("automation").percentiles((0.5,))[0]
    years = list(r.band_years)
    assert auto[years.index(2028)] == pytest.approx(0.0, abs=0.01)
    assert auto[years.index(2031)] == pytest.approx(0.3 * 0.5, abs=0.01)
    expected_2040 = 1 - 0.7 * math.exp(-0.5 * 7)
    assert auto[years.index(2040)] == pytest.approx(expected_2040, abs=0.01)
    assert r.extras[0, 0] == pytest.approx(0.02 + 0.3 * expected_2040, rel=1e-9)
    assert r.regimes["explosive"] == 1.0


def test_amplification_keeps_growth_on_trend():
    # substitution = 0: AI as a tool, however much is automated, adds no growth beyond trend.
    r = run_scenario(scenario(samples=200, sc_requirement=2.0, agi_gap=2.0, substitution=0.0, hive_mind_boost=4.0))
    assert np.allclose(r.extras[:, 0], 0.02)
    assert r.regimes["explosive"] == 0.0


def test_growth_beyond_the_old_clamp_is_reported_as_it_is():
    r = run_scenario(
        scenario(samples=200, sc_requirement=1.0, agi_gap=0.5, diffusion_rate=5.0, hive_mind_boost=5.0, base_growth=0.2)
    )
    assert r.extras[:, 0] == pytest.approx(5.2, abs=1e-6)
    # The bins stop at 105%: the summary says all of 2040's mass lies above them.
    i = list(r.band_years).index(2040)
    below, above = r.band("growth").outside()
    assert (below[i], above[i]) == (0.0, 1.0)
    cell = r.summary()["bands"]["growth"]["2040"]
    assert cell["above"] == 1.0 and cell["median"] == cell["high"]


def _fine(compiled):
    consts = compiled.consts.copy()
    consts[K.C_LOG_TOL] = 0.002
    return replace(compiled, consts=consts)


def test_default_steps_are_within_a_tenth_of_a_year_of_a_fine_solution():
    compiled = compile_scenario(scenario_from_dict({"format_version": 2}))
    coarse = run_compiled(compiled, samples=6000, seed=11).years
    fine = run_compiled(_fine(compiled), samples=6000, seed=11).years
    assert np.array_equal(np.isinf(coarse), np.isinf(fine))
    err = np.abs(np.subtract(coarse, fine, out=np.zeros_like(fine), where=np.isfinite(fine)))
    assert np.quantile(err, 0.99) <= 0.01  # measured at 50,000 samples: 0.0027
    assert np.median(err) < 0.001


def test_numba_matches_numpy_reference_sample_by_sample():
    compiled = compile_scenario(scenario_from_dict({"format_version": 2}))
    a = run_compiled(compiled, samples=3000, seed=11, backend="numba")
    b = run_compiled(compiled, samples=3000, seed=11, backend="numpy")
    same_inf = np.isinf(a.years) == np.isinf(b.years)
    assert same_inf.mean() > 0.998
    both = np.isfinite(a.years) & np.isfinite(b.years)
    err = np.abs(a.years[both] - b.years[both])
    assert np.quantile(err, 0.99) <= 0.02  # measured at 50,000 samples: 0.0026
    assert a.regimes == pytest.approx(b.regimes, abs=0.01)
    # The kernel counts runs of years as differences; the reference counts every year.
    assert a.band_counts.sum() == b.band_counts.sum() == 3000 * 2 * len(a.band_years)
    for band, tol in (("growth", 0.005), ("automation", 0.02)):
        qa, qb = a.band(band).percentiles((0.1, 0.5, 0.9)), b.band(band).percentiles((0.1, 0.5, 0.9))
        assert np.abs(qa - qb).max() <= tol


def test_same_seed_is_bit_identical_for_any_thread_count():
    compiled = compile_scenario(scenario_from_dict({"format_version": 2}))
    runs = [run_compiled(compiled, samples=20000, seed=5, threads=t) for t in (1, 2, 3)]
    for other in runs[1:]:
        assert np.array_equal(runs[0].years, other.years)
        assert np.array_equal(runs[0].band_counts, other.band_counts)
        assert np.array_equal(runs[0].extras, other.extras, equal_nan=True)
    different = run_compiled(compiled, samples=20000, seed=6)
    assert not np.array_equal(runs[0].years, different.years)


def test_milestones_are_ordered_and_stages_take_time():
    r = run_scenario(scenario_from_dict({"format_version": 2, "run": {"samples": 20000, "seed": 2}}))
    y = r.years
    assert np.all(y[:, 0] <= y[:, 1]) and np.all(y[:, 1] <= y[:, 2])
    reached = np.isfinite(y[:, 2])
    # Each stage has its own requirement: almost no sample crosses AGI and ASI at once.
    assert (y[reached, 2] - y[reached, 1] < 0.1).mean() < 0.05


@pytest.mark.parametrize(("d", "wall"), [(1.0, 2200.0), (0.9, 2029.0), (1.1, 2028.0)])
def test_feedback_trajectory_matches_an_ode_solver(d, wall):
    from scipy.integrate import solve_ivp

    p = {
        "g_compute": 0.5,
        "g_software": 0.4,
        "research_share": 0.9,
        "compute_cap": 30.0,
        "p_now": 0.2,
        "gain_to_sc": 8.0,
        "gain_to_agi": 5.0,
        "sc_requirement": 6.0,
        "agi_gap": 3.0,
        "asi_gap": 2.0,
        "difficulty": d,
        "compute_wall_year": wall,
        "late_compute_factor": 0.3,
    }
    reqs = [p["sc_requirement"], p["agi_gap"], p["asi_gap"]]
    gains = [math.log(p["gain_to_sc"]), math.log(p["gain_to_agi"]), 0.0]

    def solve_stage(stage, t0):
        l0 = math.log1p(p["p_now"]) + sum(gains[:stage])
        dd = d if stage == 0 else 1.0

        def rhs(t, y):
            late = 2025.0 + t >= wall
            c = p["late_compute_factor"] if late else 1.0
            r = research_speed_numpy(l0 + gains[stage] * y[0] / reqs[stage], c, p["research_share"], p["compute_cap"])
            return [(p["g_compute"] * c + p["g_software"] * r) * dd ** -y[0]]

        hit = lambda t, y: y[0] - reqs[stage]  # noqa: E731
        hit.terminal = True
        sol = solve_ivp(rhs, (t0, 80.0), [0.0], events=hit, rtol=1e-10, atol=1e-12, max_step=0.01)
        return sol.t_events[0][0]

    t = 0.0
    expected = []
    for stage in range(3):
        t = solve_stage(stage, t)
        expected.append(2025.0 + t)
    r = run_scenario(scenario(samples=4, **p))
    assert np.allclose(r.years[0], expected, atol=0.03)


def test_a_vanishing_disruption_factor_is_no_progress_not_an_overflow():
    # A factor of 5e-324 makes 1/rate overflow; the kernel must treat it as standing still
    # (found by the property test over the accepted ranges).
    sc = scenario(
        samples=8,
        g_compute=0.0,
        g_software=1.0,
        research_share=0.0,
        compute_wall_year=2025.0,
        late_compute_factor=0.0,
        compute_cap=1.0,
        sc_requirement=1.0,
        agi_gap=0.0,
        asi_gap=0.0,
        disruption_hazard=0.5,
        pause_years=0.0,
        pause_factor=5e-324,
    )
    a, b = (run_scenario(sc, backend=backend).years for backend in ("numba", "numpy"))
    assert np.isfinite(a).all() and np.allclose(a, b, atol=0.01)
