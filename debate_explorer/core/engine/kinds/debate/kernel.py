"""The ``debate`` model's numba kernel (version 2): one trajectory per Monte Carlo sample.

Effective compute ``E`` (OOM above 2025) grows through three stages — to the
superhuman coder (SC), on to AGI, on to ASI — each with its own requirement in
OOM and its own AI labour feedback (``docs/MODEL.md`` has the equations):

    dE/dt = pause · [ g_c(t) + g_software · R(L(E), c(t)) ] / d^E_stage

* ``g_c`` is compute growth, cut by ``late_compute_factor`` after the wall.
* ``R = 1 / ((1 − f) + f / S)`` is Amdahl's law over the share ``f`` of research
  AI labour can do; ``S`` is a CES of AI labour ``L`` and experiment compute
  ``c`` (compute growth relative to before the wall) with substitution below
  zero, normalised so that S = 1 today and S → ``compute_cap`` as L → ∞.
* ``L`` grows log-linearly in E within each stage: ×gain_to_sc by SC,
  ×gain_to_agi more by AGI, flat after.
* The difficulty factor ``d`` acts within the SC stage only. Below 1 it makes
  that stage superexponential, but the stage ends at a finite requirement and
  the next stage starts afresh, so SC, AGI and ASI can never coincide.

Integration: the SC stage is integrated in ``z = (d^k − 1)/ln d`` (``dz/dt`` is
the bracket above), later stages in ``k`` itself. Steps end at events (the
compute wall, disruption starts and ends, the horizon) and are otherwise sized
so that ln L moves by at most ``LOG_TOL``; each step holds the rate at its
predicted midpoint (RK2). Between events the rate depends on ``k`` alone, so
the number of steps is bounded by the stage's total log-gain over ``LOG_TOL``
whatever the difficulty. A milestone is crossed exactly within its step.

The economy needs only the milestone years (``economy``). Semantics are shared
with ``reference`` (numpy, fixed fine steps), which is the check on this kernel.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from debate_explorer.core.engine.sampler import copula_scratch, draw_uniforms, sample_assumptions
from debate_explorer.core.engine.splitmix import next_state, seed_from_uniform, unit_from_state

# Assumption order (checked against DEBATE_ASSUMPTIONS by a test).
(G_COMPUTE, WALL_YEAR, LATE_FACTOR, G_SOFTWARE, RESEARCH_SHARE, COMPUTE_CAP, P_NOW, GAIN_SC,
 GAIN_AGI, DIFFICULTY, SC_REQ, AGI_GAP, ASI_GAP, HAZARD, PAUSE_YEARS, PAUSE_FACTOR, SHARE_AGI,
 DIFFUSION, SUBSTITUTION, BASE_GROWTH, BOOST) = range(21)
N_ASSUMPTIONS = 21

# Layout of the constants vector.
(C_START, C_HORIZON, C_STEP, C_YEAR0, C_NYEARS, C_REGIME_YEAR,
 C_G_LO, C_G_HI, C_G_BINS, C_A_LO, C_A_HI, C_A_BINS, C_MAX_PAUSES, C_LOG_TOL) = range(14)
N_CONSTS = 14

# CES exponent of research input: rho < 0 makes labour and experiment compute
# complements (rho = -0.5: elasticity of substitution 1/(1 - rho) = 2/3).
RHO = -0.5
# Below this |ln d| the difficulty is treated as exactly 1 (exponential).
LN_D_EPS = 1e-9
# Largest change of ln L (and so of ln R) within one step; the midpoint rule's
# relative error per step is of order LOG_TOL^2 / 24.
LOG_TOL = 0.2
# Stage requirements below this (OOM) carry no feedback gradient (the stage is over at once).
REQ_EPS = 1e-9
# Shortest step in years (see simulate_one).
MIN_STEP = 1e-7
# Disruption hazards below this per year are treated as none (their first waiting time overflows).
HAZARD_EPS = 1e-12
# Experiment-compute ratio floor (a wall with zero growth still leaves today's compute).
C_FLOOR = 1e-3


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
def research_speed(log_l, c, share, alpha):
    """R: Amdahl's law over the AI share ``share`` of a CES(labour, compute) speed ``S``.

    S = [alpha·c^rho + (1 − alpha)·L^rho]^(1/rho), with alpha = cap^rho so that
    S(1, 1) = 1 and S(∞, 1) = cap. Written with L^rho = exp(rho·ln L), which
    underflows harmlessly to 0 for huge L.
    """
    inner = alpha * c ** RHO + (1.0 - alpha) * math.exp(RHO * log_l)
    s = inner ** (1.0 / RHO)
    return 1.0 / ((1.0 - share) + share / s)


@njit(nogil=True, cache=True, inline="always")
def next_pause(state, t, lam, pauses_left):
    """(stream state, start of the next disruption after t, disruptions left)."""
    if lam <= 0.0 or pauses_left <= 0:
        return state, math.inf, pauses_left
    state = next_state(state)
    return state, t - math.log(unit_from_state(state)) / lam, pauses_left - 1


@njit(nogil=True, cache=True, inline="always")
def stage_params(x, stage):
    """(requirement in OOM, ln L at the stage's start, d ln L / dk, ln d) of a stage."""
    l0 = math.log1p(x[P_NOW])
    g_sc, g_agi = math.log(x[GAIN_SC]), math.log(x[GAIN_AGI])
    if stage == 0:
        req = x[SC_REQ]
        return req, l0, g_sc / req if req > REQ_EPS else 0.0, math.log(x[DIFFICULTY])
    if stage == 1:
        req = x[AGI_GAP]
        return req, l0 + g_sc, g_agi / req if req > REQ_EPS else 0.0, 0.0
    return x[ASI_GAP], l0 + g_sc + g_agi, 0.0, 0.0


@njit(nogil=True, cache=True)
def simulate_one(x, seed_u, c, ms, extras, hist):
    """One trajectory: milestone years into ``ms``; the economy into ``extras`` and ``hist``."""
    start, horizon, log_tol = c[C_START], c[C_HORIZON], c[C_LOG_TOL]
    for m in range(3):
        ms[m] = math.inf
    hazard = x[HAZARD]
    lam = -math.log1p(-hazard) if hazard > HAZARD_EPS else 0.0  # rarer than once in 10^12 years: none
    in_pause = False
    state, pause_at, pauses_left = next_pause(seed_from_uniform(seed_u), start, lam, int(c[C_MAX_PAUSES]))
    alpha = x[COMPUTE_CAP] ** RHO
    share, wall = x[RESEARCH_SHARE], x[WALL_YEAR]
    late_c = max(x[LATE_FACTOR], C_FLOOR)

    t = start
    stage = 0
    req, l_base, slope, ld = stage_params(x, 0)
    k = 0.0
    z = 0.0
    z_target = z_of_k(req, ld)
    while t < horizon:
        if k >= req:  # a stage with no remaining distance ends now
            ms[stage] = t
            stage += 1
            if stage == 3:
                break
            req, l_base, slope, ld = stage_params(x, stage)
            k, z = 0.0, 0.0
            z_target = z_of_k(req, ld)
            continue
        after_wall = t >= wall
        cf = late_c if after_wall else 1.0
        pf = x[PAUSE_FACTOR] if in_pause else 1.0
        gc = x[G_COMPUTE] * (x[LATE_FACTOR] if after_wall else 1.0)
        t_event = min(horizon, pause_at)
        if not after_wall:
            t_event = min(t_event, wall)
        v0 = pf * (gc + x[G_SOFTWARE] * research_speed(l_base + slope * k, cf, share, alpha))
        dt = t_event - t
        if v0 > 0.0 and slope > 0.0:
            # Keep ln L's change within log_tol, i.e. dk <= log_tol / slope; in z that is
            # dz <= d^k · z(log_tol / slope). (The floor only matters where d^k has lost all
            # precision, at the very end of a strongly superexponential stage.)
            w = 1.0 + z * ld if abs(ld) >= LN_D_EPS else 1.0
            dt = min(dt, max(w * z_of_k(log_tol / slope, ld) / v0, MIN_STEP))
        v = v0
        if v0 > 0.0 and slope > 0.0:
            k_mid = min(k_of_z(z + 0.5 * v0 * dt, ld), req)
            v = pf * (gc + x[G_SOFTWARE] * research_speed(l_base + slope * k_mid, cf, share, alpha))
        if v > 0.0 and z + v * dt >= z_target:  # the stage's milestone within this step
            dt = (z_target - z) / v
            if slope > 0.0:  # re-take the midpoint over the shortened step (second order)
                k_mid = min(k_of_z(z + 0.5 * v0 * dt, ld), req)
                v = pf * (gc + x[G_SOFTWARE] * research_speed(l_base + slope * k_mid, cf, share, alpha))
                dt = (z_target - z) / v
            t += dt
            k = req
            z = z_target
            continue  # recorded at the top of the loop
        t += dt
        z += v * dt
        k = min(k_of_z(z, ld), req)
        if t >= pause_at:
            if in_pause:
                in_pause = False
                state, pause_at, pauses_left = next_pause(state, t, lam, pauses_left)
            else:
                in_pause = True
                pause_at = t + x[PAUSE_YEARS]
    economy(x, c, ms, extras, hist)


@njit(nogil=True, cache=True, inline="always")
def bin_index(v, lo, hi, bins):
    """Histogram bin with under/overflow: 0 below lo, bins+1 at or above hi."""
    if v < lo:
        return 0
    if v >= hi:
        return int(bins) + 1
    return 1 + int((v - lo) * (bins / (hi - lo)))


@njit(nogil=True, cache=True, inline="always")
def automated_share(year, x, t_sc, t_agi, horizon):
    """Share of tasks automated on 1 January of ``year``.

    0 before SC; rising linearly in time to share_at_agi at AGI (or at the horizon); after AGI the rest
    diffuses at diffusion_rate: a = 1 − (1 − share_at_agi)·exp(−rate·(t − t_AGI)).
    """
    if year < t_sc:
        return 0.0
    share = x[SHARE_AGI]
    if year < t_agi:  # t_agi > year >= t_sc; an AGI beyond the horizon ramps to the horizon
        return share * min(1.0, (year - t_sc) / max(min(t_agi, horizon) - t_sc, 1e-9))
    return 1.0 - (1.0 - share) * math.exp(-x[DIFFUSION] * (year - t_agi))


@njit(nogil=True, cache=True)
def economy(x, c, ms, extras, hist):
    """Automated share and GDP growth on each 1 January, into the yearly histograms.

    Growth = base_growth + hive_mind_boost · substitution · automated share: only
    AI that substitutes for workers adds growth beyond trend (amplification, a
    tool raising human output, keeps growth on trend). ``extras[0]`` is the growth
    in the regime year, kept per sample so regimes are exact, never binned.
    """
    year0 = c[C_YEAR0]
    extras[0] = math.nan
    lift = x[BOOST] * x[SUBSTITUTION]
    for y in range(int(c[C_NYEARS])):
        year = year0 + y
        a = automated_share(year, x, ms[0], ms[1], c[C_HORIZON])
        g = x[BASE_GROWTH] + lift * a
        hist[0, y, bin_index(g, c[C_G_LO], c[C_G_HI], c[C_G_BINS])] += 1
        hist[1, y, bin_index(a, c[C_A_LO], c[C_A_HI], c[C_A_BINS])] += 1
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
    keep = inputs.shape[0] > 0
    for i in range(n):
        draw_uniforms(rng, u)
        sample_assumptions(prog, u, x, zc)
        if keep:
            inputs[i, :] = x
        simulate_one(x, u[2 * n_a], c, ms[i], extras[i], hist)


@njit(nogil=True, cache=True)
def debate_rows(prog, c, u, rows, ms, extras, hist):
    """The per-sample work of ``debate_chunk`` for given rows of stored uniforms (replay)."""
    n_a = prog.a_start.shape[0]
    x = np.empty(n_a)
    zc = copula_scratch(prog)
    for r in rows:
        sample_assumptions(prog, u[r], x, zc)
        simulate_one(x, u[r, 2 * n_a], c, ms[r], extras[r], hist)
