"""The ``debate`` model's numba kernel: one trajectory per Monte Carlo sample.

The capability state is integrated in the variable ``z = (d^K − 1) / ln d``
(``z = K`` when ``d = 1``). Because ``dK/dt = r·d^(−K)``, ``dz/dt = r``: within a
step of constant rate ``r`` the state moves linearly, so milestone crossings are
exact, and the finite-time blow-up of ``d < 1`` (``z → −1/ln d``, ``K → ∞``)
needs no special case.

Steps end at events: each grid step, each 1 January between SC and AGI
(automation needs ``K`` there), the compute wall, the start and end of each
pause, and each milestone. Before AGI the speed-up ``M(K)`` varies, and each
step holds the rate at its predicted midpoint (second order); grid steps are
merged where the rate drifts by less than ``RATE_TOLERANCE``. With ``d = 1`` the
equation between events, ``dK/dt = a + b·e^(s·ΔK)``, has a closed form
(:func:`exact_gain`), so those trajectories need no grid at all. After AGI the
speed-up is flat and the trajectory jumps from event to event.

Semantics are shared with ``debate_reference`` (numpy); see DESIGN.md, "The
scenario models", for the model itself.
"""
from __future__ import annotations

import math

import numpy as np
from numba import njit

from debate_explorer.core.engine.sampler import copula_scratch, draw_uniforms, sample_assumptions
from debate_explorer.core.engine.splitmix import next_state, seed_from_uniform, unit_from_state

# Assumption order (checked against DEBATE_ASSUMPTIONS by a test).
(G_COMPUTE, WALL_YEAR, LATE_FACTOR, G_SOFTWARE, P_NOW, P_SC, P_AGI, DIFFICULTY,
 SC_REQ, AGI_GAP, ASI_GAP, HAZARD, PAUSE_YEARS, PAUSE_FACTOR, SHARE_AGI,
 DIFFUSION, BASE_GROWTH, BOOST) = range(18)

# Layout of the constants vector.
(C_START, C_HORIZON, C_STEP, C_YEAR0, C_NYEARS, C_REGIME_YEAR,
 C_G_LO, C_G_HI, C_G_BINS, C_A_LO, C_A_HI, C_A_BINS, C_MAX_PAUSES) = range(13)
N_CONSTS = 13

# Below this |ln d| the difficulty is treated as exactly 1 (exponential).
LN_D_EPS = 1e-9
# Grid steps are merged while the rate drifts by less than this over the merged step
# (with the midpoint rule the error of a merged step is of order tolerance²/8).
RATE_TOLERANCE = 0.05
MAX_MERGE = 400


@njit(nogil=True, cache=True, inline="always")
def z_of_k(k, ld):
    if abs(ld) < LN_D_EPS:
        return k
    return math.expm1(k * ld) / ld


@njit(nogil=True, cache=True, inline="always")
def k_of_z(z, ld):
    if abs(ld) < LN_D_EPS:
        return z
    arg = z * ld
    if arg <= -1.0:
        return math.inf
    return math.log1p(arg) / ld


@njit(nogil=True, cache=True, inline="always")
def log_speedup(k, k_sc, k_agi, l_now, slope_sc, l_sc, slope_agi, l_agi):
    """log M(K): geometric from 1+p_now at K=0 to 1+p_sc at SC to 1+p_agi at AGI."""
    if k < k_sc:
        return l_now + slope_sc * k
    if k < k_agi:
        return l_sc + slope_agi * (k - k_sc)
    return l_agi


@njit(nogil=True, cache=True, inline="always")
def exact_gain(a, b, s, dt):
    """ΔK over dt for dK/dt = a + b·e^(s·ΔK) (d = 1, rates fixed between events).

    With y = e^(−s·ΔK): dy/dt = −s·(a·y + b), so y(dt) = e^(−x) − b·s·dt·(1 − e^(−x))/x with
    x = s·a·dt; written with expm1/log1p to stay exact for small s, a or dt. y ≤ 0 is the
    finite-time blow-up of a strongly self-accelerating loop: ΔK is infinite.
    """
    if abs(s) < 1e-12:
        return (a + b) * dt
    x = s * a * dt
    phi = 1.0 if x == 0.0 else -math.expm1(-x) / x
    delta = -math.expm1(-x) + b * s * dt * phi  # 1 − y
    if delta >= 1.0:
        return math.inf
    return -math.log1p(-delta) / s


@njit(nogil=True, cache=True, inline="always")
def exact_time(a, b, s, du):
    """Time for the ODE of :func:`exact_gain` to gain ``du`` (which it does within the step)."""
    if abs(s) < 1e-12:
        return du / (a + b)
    one_minus_y = -math.expm1(-s * du)
    if a == 0.0:
        return one_minus_y / (s * b)
    return math.log1p(a * one_minus_y / (a * (1.0 - one_minus_y) + b)) / (s * a)


@njit(nogil=True, cache=True, inline="always")
def next_pause(state, t, lam, pauses_left):
    """(stream state, start of the next pause after t, pauses left): exponential waiting time."""
    if lam <= 0.0 or pauses_left <= 0:
        return state, math.inf, pauses_left
    state = next_state(state)
    return state, t - math.log(unit_from_state(state)) / lam, pauses_left - 1


@njit(nogil=True, cache=True, inline="always")
def exp_near_zero(h):
    """exp(h), by its Taylor series where |h| is small (accurate to 1e-9 there)."""
    if abs(h) < 0.01:
        return 1.0 + h * (1.0 + h * (0.5 + h * (1.0 / 6.0 + h * (1.0 / 24.0))))
    return math.exp(h)


@njit(nogil=True, cache=True, inline="always")
def merged_steps(drift, step):
    """Grid steps beyond the next that can share one rate.

    The rate is held constant over a step; where the speed-up M drifts by less
    than RATE_TOLERANCE over several grid steps (slow stretches, long tails),
    they are taken as one. Where it drifts faster, every grid step is kept.
    """
    if drift * step >= RATE_TOLERANCE:
        return 0
    if drift <= 0.0:
        return MAX_MERGE
    many = RATE_TOLERANCE / (drift * step)  # compared as a float: int() of a huge value overflows
    if many >= MAX_MERGE + 1:
        return MAX_MERGE
    return int(many) - 1


@njit(nogil=True, cache=True, inline="always")
def bin_index(v, lo, hi, bins):
    """Histogram bin with under/overflow: 0 below lo, bins+1 at or above hi."""
    if v < lo:
        return 0
    if v >= hi:
        return int(bins) + 1
    return 1 + int((v - lo) * (bins / (hi - lo)))


@njit(nogil=True, cache=True)
def simulate_one(x, seed_u, c, ms, extras, hist, kyear):
    """One trajectory: milestone years into ``ms``, growth at the regime year into
    ``extras[0]``, and this sample's growth/automation into the yearly histograms."""
    start, horizon, step = c[C_START], c[C_HORIZON], c[C_STEP]
    year0 = c[C_YEAR0]
    n_years = int(c[C_NYEARS])
    ld = math.log(x[DIFFICULTY])
    k_targets = (x[SC_REQ], x[SC_REQ] + x[AGI_GAP], x[SC_REQ] + x[AGI_GAP] + x[ASI_GAP])
    for m in range(3):
        ms[m] = math.inf
    for y in range(n_years):
        kyear[y] = 0.0

    # Disruption pauses: a Poisson process of rate lam while no pause is on.
    hazard = x[HAZARD]
    lam = -math.log1p(-hazard) if hazard > 0.0 else 0.0
    in_pause = False
    state, pause_at, pauses_left = next_pause(seed_from_uniform(seed_u), start, lam, int(c[C_MAX_PAUSES]))

    t = start
    z = 0.0
    k = 0.0
    phase = 0  # index of the next milestone to reach
    z_target = z_of_k(k_targets[0], ld)
    i_grid = 1
    next_year = 0
    while next_year < n_years and year0 + next_year < t:
        next_year += 1
    if next_year < n_years and year0 + next_year == t:
        kyear[next_year] = 0.0
        next_year += 1
    wall = x[WALL_YEAR]
    k_sc, k_agi = k_targets[0], k_targets[1]
    l_now, l_sc, l_agi = math.log1p(x[P_NOW]), math.log1p(x[P_SC]), math.log1p(x[P_AGI])
    slope_sc = (l_sc - l_now) / k_sc
    slope_agi = (l_agi - l_sc) / x[AGI_GAP] if x[AGI_GAP] > 0.0 else 0.0

    exact = abs(ld) < LN_D_EPS  # difficulty 1: closed form between events, no grid needed
    t_cross = t
    while t < horizon and phase < 3:
        c_fac = 1.0 if t < wall else x[LATE_FACTOR]
        log_m = log_speedup(k, k_sc, k_agi, l_now, slope_sc, l_sc, slope_agi, l_agi)
        soft = math.exp(log_m) * x[G_SOFTWARE]
        pf = x[PAUSE_FACTOR] if in_pause else 1.0
        rate = (c_fac * x[G_COMPUTE] + soft) * pf
        t_next = min(horizon, pause_at)
        if t < wall:
            t_next = min(t_next, wall)
        w = 1.0 + z * ld  # d^K: dK/dt = rate / w
        slope = slope_sc if phase == 0 else slope_agi
        if phase < 2:  # before AGI the speed-up varies with K
            if not exact:  # keep to the grid, merging steps where the rate barely drifts
                # Relative drift of the rate: (soft/rate)·d(log M)/dt = soft·pf·slope / d^K.
                drift = soft * pf * abs(slope) / w
                t_next = min(t_next, start + (i_grid + merged_steps(drift, step)) * step)
            if phase == 1 and next_year < n_years:  # automation needs K on 1 January
                t_next = min(t_next, year0 + next_year)
        dt = t_next - t
        du = 0.0
        if phase < 2 and exact:
            # d = 1: dK/dt = a + b·e^(slope·(K − K0)) has a closed form between events.
            a = c_fac * x[G_COMPUTE] * pf
            du = exact_gain(a, soft * pf, slope, dt)
            crossing = du >= k_targets[phase] - k
            if crossing:
                t_cross = t + exact_time(a, soft * pf, slope, k_targets[phase] - k)
        else:
            if phase < 2 and rate > 0.0:
                # Midpoint rule (RK2): hold the rate the step has at its predicted middle,
                # K + ΔK with ΔK ≈ rate·(dt/2)/d^K (first order is enough for a second-order
                # step). The step ends at the next milestone, so the middle stays before it.
                k_mid = min(k + rate * dt * 0.5 / w, k_targets[phase])
                h = log_speedup(k_mid, k_sc, k_agi, l_now, slope_sc, l_sc, slope_agi, l_agi) - log_m
                rate = (c_fac * x[G_COMPUTE] + soft * exp_near_zero(h)) * pf
            crossing = rate > 0.0 and z + rate * dt >= z_target
            if crossing:
                t_cross = t + (z_target - z) / rate
        if crossing:  # a milestone within this step
            t = t_cross
            z = z_target
            k = k_targets[phase]
            ms[phase] = t
            phase += 1
            while phase < 3 and k_targets[phase] <= k:  # a zero gap: same moment
                ms[phase] = t
                phase += 1
            if phase < 3:
                z_target = z_of_k(k_targets[phase], ld)
        else:
            t = t_next
            if phase < 2 and exact:
                k += du
                z = k
            else:
                z += rate * dt
                k = k_of_z(z, ld)
        # Catch the grid and the calendar up with t (a merged step may pass many of both).
        while start + i_grid * step <= t:
            i_grid += 1
        while next_year < n_years and year0 + next_year <= t:
            kyear[next_year] = k  # exact in SC→AGI, where 1 January is an event
            next_year += 1
        if t >= pause_at:
            if in_pause:
                in_pause = False
                state, pause_at, pauses_left = next_pause(state, t, lam, pauses_left)
            else:
                in_pause = True
                pause_at = t + x[PAUSE_YEARS]

    _economy(x, c, ms, extras, hist, kyear)


@njit(nogil=True, cache=True)
def _economy(x, c, ms, extras, hist, kyear):
    """Automated share a(t) and growth on each 1 January, into the yearly histograms.

    a = 0 before SC; linear in K from SC to share_at_agi at AGI; after AGI
    a = 1 − (1 − share_at_agi)·exp(−diffusion·(t − t_AGI)), updated by one
    multiplication a year instead of an exp.
    """
    year0 = c[C_YEAR0]
    n_years = int(c[C_NYEARS])
    g_lo, g_hi, g_bins = c[C_G_LO], c[C_G_HI], c[C_G_BINS]
    a_lo, a_hi, a_bins = c[C_A_LO], c[C_A_HI], c[C_A_BINS]
    share, base, boost = x[SHARE_AGI], x[BASE_GROWTH], x[BOOST]
    t_sc, t_agi = ms[0], ms[1]
    extras[0] = math.nan
    decay = 0.0
    step_decay = math.exp(-x[DIFFUSION])
    for y in range(n_years):
        year = year0 + y
        if year < t_sc:
            a = 0.0
        elif year < t_agi:
            frac = (kyear[y] - x[SC_REQ]) / x[AGI_GAP]
            a = share * min(max(frac, 0.0), 1.0)
        else:
            if decay == 0.0:
                decay = math.exp(-x[DIFFUSION] * (year - t_agi))
            else:
                decay *= step_decay
            a = 1.0 - (1.0 - share) * decay
        g = base + boost * a
        hist[0, y, bin_index(g, g_lo, g_hi, g_bins)] += 1
        hist[1, y, bin_index(a, a_lo, a_hi, a_bins)] += 1
        if year == c[C_REGIME_YEAR]:
            extras[0] = g


@njit(nogil=True, cache=True)
def debate_chunk(rng, prog, c, ms, extras, hist, inputs):
    """Fill one chunk. ``inputs`` has 0 rows unless the run keeps sampled inputs."""
    n = ms.shape[0]
    n_a = prog.a_start.shape[0]
    u = np.empty(2 * n_a + 1)
    x = np.empty(n_a)
    zc = copula_scratch(prog)
    kyear = np.empty(int(c[C_NYEARS]))
    keep = inputs.shape[0] > 0
    for i in range(n):
        draw_uniforms(rng, u)
        sample_assumptions(prog, u, x, zc)
        if keep:
            inputs[i, :] = x
        simulate_one(x, u[2 * n_a], c, ms[i], extras[i], hist, kyear)
