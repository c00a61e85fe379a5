# mypy: disable-error-code="no-untyped-def,no-untyped-call,misc"
# (numba dispatches on runtime types: its kernels keep untyped signatures, as kernel.py does.)
"""One sample of the AI Futures Model, as numba scalar code: the per-sample
calibration the original solves before integrating, the two ODE systems, and the
milestone dates.

Before the full run the original (1) fits the experiment-capacity CES to its
asymptotes and anchors; (2) integrates a human-only world to scale the returns to
research so that the 2023 software rate is the sampled one, and reads progress and
its rate at ``present_day``; (3) puts full coding automation (ACD) where the time
horizon, with a doubling time that changes by a constant factor per doubling,
reaches the required horizon (plus the gap, in present-day progress-years);
(4) converts the per-year slopes of taste and automation efficiency to per
progress unit; (5) solves today's automated fraction from today's SWE multiplier.

The human-only run (2) is a quadrature (its rates do not depend on the state):
classical RK4 with ``HUMAN_SUBSTEPS`` steps per interval between grid times and
series knots. The full run and its milestones are in ``integrate.py``.
"""

from __future__ import annotations

import math

import numpy as np

from debate_explorer.core.engine.jit import njit
from debate_explorer.core.engine.kinds.ai_futures import layout as L
from debate_explorer.core.engine.kinds.ai_futures.economy import (
    aggregate_taste,
    ai_taste,
    knot,
    knot_at,
    lerp_at,
    research_effort,
    rho_from_asymptotes,
    simple_coding_labour,
    training_growth,
)
from debate_explorer.core.engine.kinds.ai_futures.frontier import LN10, NO_TABLE_SHAPE, coding_labour
from debate_explorer.core.engine.special import ndtri


@njit(nogil=True, cache=True)
def series(c, t):
    """Human labour, inference compute and experiment compute at t (log-linear)."""
    ns = int(c[L.C_N_SERIES])
    k, f = knot_at(c, L.C_HEAD, ns, t)
    o = L.C_HEAD + ns
    h = math.exp(lerp_at(c, o, k, f))
    ci = math.exp(lerp_at(c, o + ns, k, f))
    e = math.exp(lerp_at(c, o + 2 * ns, k, f))
    return h, ci, e


@njit(nogil=True, cache=True)
def growth(c, x, t):
    return training_growth(
        c,
        L.C_HEAD,
        int(c[L.C_N_SERIES]),
        t,
        x[L.CONSTANT_TRAINING_GROWTH],
        x[L.SLOWDOWN_YEAR],
        x[L.POST_SLOWDOWN_TRAINING_GROWTH],
    )


@njit(nogil=True, cache=True)
def human_effort(c, x, d, t):
    h, _ci, e = series(c, t)
    return research_effort(e, h ** x[L.PARALLEL_PENALTY], d[L.D_ALPHA_X], d[L.D_RHO_X], d[L.D_ZETA], 1.0)


@njit(nogil=True, cache=True)
def full_rates(c, x, d, t, p, rs, tab):
    """(dP/dt, dRS/dt) of the full model; ``tab`` is the sample's frontier table."""
    h, ci, e = series(c, t)
    lab = coding_labour(
        h,
        ci,
        LN10 * p,
        int(c[L.C_OPT_M]),
        d[L.D_PZ],
        d[L.D_PO],
        x[L.RHO_CODING_LABOR],
        d[L.D_THETA],
        x[L.OPTIMAL_CES_ETA_INIT],
        tab,
    )
    taste = aggregate_taste(
        ai_taste(p, d[L.D_P_AA], x[L.TASTE_AT_AA_SD], d[L.D_TASTE_SLOPE], d[L.D_SIGMA]), d[L.D_SIGMA]
    )
    re = research_effort(e, lab ** x[L.PARALLEL_PENALTY], d[L.D_ALPHA_X], d[L.D_RHO_X], d[L.D_ZETA], taste)
    if not (math.isfinite(re) and re >= 0.0):
        return 0.0, 0.0
    rs = rs if rs > 0.0 else 1e-6
    return d[L.D_R_SOFTWARE] * re / rs / LN10 + growth(c, x, t), re


@njit(nogil=True, cache=True)
def grid_offsets(c):
    ns = int(c[L.C_N_SERIES])
    og = L.C_HEAD + 4 * ns
    ob = og + int(c[L.C_N_GRID])
    return og, ob, ob + int(c[L.C_N_BREAKS])


@njit(nogil=True, cache=True)
def exp_capacity(c, x, d):
    """Experiment-capacity CES from its two asymptotes and the compute anchor."""
    a, b = x[L.INF_LABOR_ASYMPTOTE], x[L.INF_COMPUTE_ASYMPTOTE]
    rho = rho_from_asymptotes(a, b)
    k = (b / a) ** rho
    m_anchor = 1.0 / x[L.INV_COMPUTE_ANCHOR_EXP_CAP]
    zeta = math.log((1.0 + k) * m_anchor**rho - k) / (rho * math.log(L.REFERENCE_COMPUTE_CHANGE))
    h, _ci, e = series(c, L.REFERENCE_YEAR)
    lab = h ** x[L.PARALLEL_PENALTY]
    d[L.D_RHO_X] = rho
    d[L.D_ZETA] = zeta
    d[L.D_ALPHA_X] = 1.0 / (1.0 + ((e**zeta / lab) * (b / a)) ** rho)


@njit(nogil=True, cache=True)
def initial_stock(effort0, effort1):
    """The original's RS(0) = RS'(0)^2 / RS''(0), by a forward difference of 1e-6 years."""
    d2 = (effort1 - effort0) / 1e-6
    if abs(d2) < 1e-6:
        return max(1e-6, effort0)
    rs = effort0 * effort0 / d2
    if not (math.isfinite(rs) and rs > 0.0):
        return max(1e-6, effort0)
    return max(1e-6, rs)


@njit(nogil=True, cache=True)
def _grid_interp(gt, og, n, vals, t):
    k, f = knot(t, gt[og], gt[og + 1] - gt[og], n)
    return vals[k] + f * (vals[k + 1] - vals[k])


@njit(nogil=True, cache=True)
def human_only(c, x, d, q_grid, g_grid, gg_grid):
    """Integrate the human-only world; fill the scaling and present-day quantities of d."""
    og, ob, of = grid_offsets(c)
    n_grid, n_sub = int(c[L.C_N_GRID]), L.HUMAN_SUBSTEPS
    t = c[L.C_T0]
    e0 = human_effort(c, x, d, t)
    rs = initial_stock(e0, human_effort(c, x, d, t + 1e-6))
    q = 0.0  # integral of RE/RS/ln10: progress per unit of r_software
    gsum = 0.0  # integral of training-compute growth
    q_grid[0], g_grid[0], gg_grid[0] = 0.0, 0.0, e0 / rs / LN10
    gi = 1
    e_a, g_a = e0, growth(c, x, t)  # each step starts where the last one ended
    # Only the grid cells around the software reference year and present_day are read:
    # integrate up to the later one's upper grid point, not to the horizon.
    t_need = max(x[L.PRESENT_DAY], L.SOFTWARE_REFERENCE_YEAR)
    last = knot(t_need, c[og], c[og + 1] - c[og], n_grid)[0] + 1
    for b in range(int(c[L.C_N_BREAKS]) - 1):
        if gi > last:
            break
        t0, t1 = c[ob + b], c[ob + b + 1]
        hstep = (t1 - t0) / n_sub
        for s in range(n_sub):
            ta = t0 + s * hstep
            tm, tb = ta + 0.5 * hstep, ta + hstep
            e_m, e_b = human_effort(c, x, d, tm), human_effort(c, x, d, tb)
            g_m, g_b = growth(c, x, tm), growth(c, x, tb)
            # RK4 on (RS, Q): RS' = RE(t) does not depend on the state.
            q1 = e_a / rs
            q2 = e_m / (rs + 0.5 * hstep * e_a)
            q3 = e_m / (rs + 0.5 * hstep * e_m)
            q4 = e_b / (rs + hstep * e_m)
            q += hstep / 6.0 * (q1 + 2 * q2 + 2 * q3 + q4) / LN10
            gsum += hstep / 6.0 * (g_a + 4 * g_m + g_b)
            rs += hstep / 6.0 * (e_a + 4 * e_m + e_b)
            e_a, g_a = e_b, g_b
        if c[of + b + 1] >= 0.0:
            q_grid[gi], g_grid[gi] = q, gsum
            gg_grid[gi] = e_a / rs / LN10
            gi += 1
    ref = _grid_interp(c, og, n_grid, gg_grid, L.SOFTWARE_REFERENCE_YEAR)
    r = x[L.SOFTWARE_RATE_AT_REFERENCE_YEAR] / ref
    d[L.D_R_SOFTWARE] = r
    pd = x[L.PRESENT_DAY]
    k, f = knot(pd, c[og], c[og + 1] - c[og], n_grid)
    p0, p1 = r * q_grid[k] + g_grid[k], r * q_grid[k + 1] + g_grid[k + 1]
    d[L.D_P_PD] = p0 + f * (p1 - p0)
    r0 = r * gg_grid[k] + growth(c, x, c[og + k])
    r1 = r * gg_grid[k + 1] + growth(c, x, c[og + k + 1])
    d[L.D_RATE_PD] = r0 + f * (r1 - r0)
    h, ci, _e = series(c, pd)
    d[L.D_H_PD], d[L.D_C_PD] = h, ci


@njit(nogil=True, cache=True)
def automation_line(p1, a1, p2, a2):
    """Progress at which task index 0 and task index 1 are automated, from two anchors."""
    if p2 < p1:
        p1, a1, p2, a2 = p2, a2, p1, a1
    slope = (a2 - a1) / (p2 - p1)
    if abs(slope) < 1e-12:
        return p1, p2
    inv = 1.0 / slope
    return p1 - inv * a1, p2 + inv * (1.0 - a2)


@njit(nogil=True, cache=True)
def _swe_gap(c, x, d, a_lower):
    lo, hi = L.AUT_CLIP, 1.0 - L.AUT_CLIP
    a = min(max(a_lower, lo), hi)
    a_aa = min(max(x[L.AUTOMATION_FRACTION_AT_AA], lo), hi)
    pz, po = automation_line(d[L.D_P_PD], a, d[L.D_P_AA], a_aa)
    h = d[L.D_H_PD]
    lab = coding_labour(
        h,
        d[L.D_C_PD],
        LN10 * d[L.D_P_PD],
        int(c[L.C_OPT_M]),
        pz,
        po,
        x[L.RHO_CODING_LABOR],
        d[L.D_THETA],
        x[L.OPTIMAL_CES_ETA_INIT],
        np.empty(NO_TABLE_SHAPE),  # no table: the anchors change on every call
    )
    pp = x[L.PARALLEL_PENALTY]
    if not math.isfinite(lab):
        # As the original: the plain CES at this automated fraction when there is no frontier.
        ratio = simple_coding_labour(a, d[L.D_C_PD], h, x[L.RHO_CODING_LABOR], pp) / h**pp
        return ratio - x[L.SWE_MULTIPLIER_AT_PRESENT_DAY] ** pp
    ratio = lab**pp / h**pp
    if not (math.isfinite(ratio) and ratio > 0.0):
        ratio = 0.0
    return ratio - x[L.SWE_MULTIPLIER_AT_PRESENT_DAY] ** pp


@njit(nogil=True, cache=True)
def solve_lower_anchor(c, x, d):
    """Today's automated fraction that gives today's SWE multiplier.

    The gap is not monotone over the whole bracket: at a fraction of exactly 1 the
    two anchors coincide and the multiplier drops back to 1. The original then
    minimises |gap|, which lands on the interior root; here a scan finds the first
    sign change and bisection the root in it.
    """
    lo, hi = L.AUT_CLIP, 1.0 - L.AUT_CLIP
    flo, fhi = _swe_gap(c, x, d, lo), _swe_gap(c, x, d, hi)
    f_near = _swe_gap(c, x, d, 0.999)
    if flo * fhi > 0.0 and flo * f_near <= 0.0:
        hi, fhi = 0.999, f_near  # the usual case: the root is below 0.999
    if flo * fhi > 0.0:
        n_scan = 256
        best, best_f = lo, abs(flo)
        found = False
        prev_a, prev_f = lo, flo
        for k in range(1, n_scan):
            a = lo + (hi - lo) * k / n_scan
            fa = _swe_gap(c, x, d, a)
            if abs(fa) < best_f:
                best, best_f = a, abs(fa)
            if fa * prev_f <= 0.0:
                lo, flo, hi, fhi = prev_a, prev_f, a, fa
                found = True
                break
            prev_a, prev_f = a, fa
        if not found:
            return best if best_f <= abs(fhi) else hi
    for _ in range(100):
        mid = 0.5 * (lo + hi)
        fm = _swe_gap(c, x, d, mid)
        if (fm > 0.0) == (fhi > 0.0):
            hi, fhi = mid, fm
        else:
            lo, flo = mid, fm
        if hi - lo < 1e-11:
            break
    return 0.5 * (lo + hi)


@njit(nogil=True, cache=True)
def progress_at_aa(x, d):
    """Progress at which the time horizon reaches the coder requirement (plus the gap)."""
    rate = d[L.D_RATE_PD]
    gap = x[L.INCLUDE_GAP] >= 0.5
    target = x[L.PRE_GAP_AA_TIME_HORIZON] if gap else x[L.AA_TIME_HORIZON_MINUTES]
    t0 = x[L.PRESENT_DOUBLING_TIME] * rate  # progress units per doubling, today
    a0 = 1.0 - x[L.DOUBLING_DIFFICULTY_GROWTH_FACTOR]
    doublings = math.log2(target / x[L.PRESENT_HORIZON])
    if a0 == 0.0:
        span = t0 * doublings
    else:
        span = t0 * (1.0 - math.exp(doublings * math.log(1.0 - a0))) / a0
    if gap:
        span += rate * x[L.GAP_YEARS]
    return d[L.D_P_PD] + span


@njit(nogil=True, cache=True)
def calibrate(c, x, d, q_grid, g_grid, gg_grid):
    """All per-sample quantities the integration needs (steps 1 to 5 of the module doc)."""
    exp_capacity(c, x, d)
    human_only(c, x, d, q_grid, g_grid, gg_grid)
    rate = d[L.D_RATE_PD]
    d[L.D_P_AA] = progress_at_aa(x, d)
    d[L.D_THETA] = x[L.CODING_AUTOMATION_EFFICIENCY_SLOPE] / rate
    d[L.D_TASTE_SLOPE] = x[L.TASTE_SLOPE] / rate
    d[L.D_SIGMA] = math.log(x[L.MEDIAN_TO_TOP_TASTE_MULTIPLIER]) / ndtri(x[L.TOP_PERCENTILE])
    a_lower = solve_lower_anchor(c, x, d)
    d[L.D_A_LOWER] = a_lower
    pz, po = automation_line(d[L.D_P_PD], a_lower, d[L.D_P_AA], x[L.AUTOMATION_FRACTION_AT_AA])
    d[L.D_PZ], d[L.D_PO] = pz, po
    pp = x[L.PARALLEL_PENALTY]
    d[L.D_SC_TARGET] = (L.SC_SERIAL_EXTRA * 30.0) ** (1.0 / pp) * 30.0 if pp > 0.0 else math.inf
    # Initial research stock: the original uses the plain CES here, at progress 0.
    t = c[L.C_T0]
    slope = (x[L.AUTOMATION_FRACTION_AT_AA] - a_lower) / (d[L.D_P_AA] - d[L.D_P_PD])
    a0 = min(max(a_lower - slope * d[L.D_P_PD], 0.0), 1.0)
    taste0 = aggregate_taste(
        ai_taste(0.0, d[L.D_P_AA], x[L.TASTE_AT_AA_SD], d[L.D_TASTE_SLOPE], d[L.D_SIGMA]), d[L.D_SIGMA]
    )
    eff = np.empty(2)
    for k in range(2):
        h, ci, e = series(c, t + 1e-6 * k)
        lab = simple_coding_labour(a0, ci, h, x[L.RHO_CODING_LABOR], pp)
        eff[k] = research_effort(e, lab, d[L.D_ALPHA_X], d[L.D_RHO_X], d[L.D_ZETA], taste0)
    d[L.D_RS0] = initial_stock(eff[0], eff[1])
