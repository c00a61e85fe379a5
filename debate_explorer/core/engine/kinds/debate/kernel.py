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
the bracket above), later stages in ``k`` itself. Between events (the compute
wall, disruption starts and ends, the horizon) the rate depends on ``k`` alone,
so the kernel steps in distance and integrates time, dt = dz / v, by Simpson's
rule; steps are sized so that neither ln L nor ln(dz/dk) = k·ln d moves by more
than ``LOG_TOL`` (the second keeps the map from z back to k, and so 1/v as a
function of z, close to a quadratic within a step), so their number is bounded by
(the stage's log-gain + |ln d|·requirement) / ``LOG_TOL``, and a step ends
exactly on a stage's requirement.

The economy needs only the milestone years (``economy``). Semantics are shared
with ``reference`` (numpy, fixed fine steps), which is the check on this kernel.
"""

from __future__ import annotations

import math

import numpy as np

from debate_explorer.core.engine.jit import njit
from debate_explorer.core.engine.kinds.debate.layout import (  # noqa: F401 - the kernel's module constants
    AGI_GAP,
    ASI_GAP,
    BASE_GROWTH,
    BOOST,
    C_A_BINS,
    C_A_HI,
    C_A_LO,
    C_FLOOR,
    C_G_BINS,
    C_G_HI,
    C_G_LO,
    C_HORIZON,
    C_LOG_TOL,
    C_MAX_PAUSES,
    C_NYEARS,
    C_REGIME_YEAR,
    C_START,
    C_STEP,
    C_YEAR0,
    COMPUTE_CAP,
    DIFFICULTY,
    DIFFUSION,
    G_COMPUTE,
    G_SOFTWARE,
    GAIN_AGI,
    GAIN_SC,
    HAZARD,
    HAZARD_EPS,
    LATE_FACTOR,
    LN_D_EPS,
    LOG_TOL,
    N_ASSUMPTIONS,
    N_CONSTS,
    P_NOW,
    PAUSE_FACTOR,
    PAUSE_YEARS,
    REQ_EPS,
    RESEARCH_SHARE,
    RHO,
    SC_REQ,
    SHARE_AGI,
    SUBSTITUTION,
    V_EPS,
    WALL_YEAR,
)
from debate_explorer.core.engine.kinds.debate.rates import (
    compute_term,
    full_factor,
    inverse_rate,
    labour_term,
)
from debate_explorer.core.engine.kinds.debate.steps import full_step, k_of_z, partial_step, z_of_k
from debate_explorer.core.engine.sampler import draw_block, sample_block, sampling_scratch
from debate_explorer.core.engine.splitmix import next_state, seed_from_uniform, unit_from_state


@njit(nogil=True, cache=True, inline="always")
def next_pause(state, t, lam, pauses_left):
    """(stream state, start of the next disruption after t, disruptions left)."""
    if lam <= 0.0 or pauses_left <= 0:
        return state, math.inf, pauses_left
    state = next_state(state)
    return state, t - math.log(unit_from_state(state)) / lam, pauses_left - 1


@njit(nogil=True, cache=True, inline="always")
def stage_params(x, r, stage):
    """(requirement in OOM, ln L at the stage's start, d ln L / dk, ln d) of a stage of sample ``x[r]``."""
    l0 = math.log1p(x[r, P_NOW])
    g_sc, g_agi = math.log(x[r, GAIN_SC]), math.log(x[r, GAIN_AGI])
    if stage == 0:
        req = x[r, SC_REQ]
        return req, l0, g_sc / req if req > REQ_EPS else 0.0, math.log(x[r, DIFFICULTY])
    if stage == 1:
        req = x[r, AGI_GAP]
        return req, l0 + g_sc, g_agi / req if req > REQ_EPS else 0.0, 0.0
    return x[r, ASI_GAP], l0 + g_sc + g_agi, 0.0, 0.0


# Simpson's weights over six; 1/v beyond this is no progress (v at or below V_EPS).
SIXTH = 1.0 / 6.0
Q_MAX = 1.0 / V_EPS


@njit(nogil=True, cache=True, inline="always")
def simpson_points(z, dz, z_target, req, ld, slope, l_base, pf, gc, g_soft, ac, share, alpha, q0):
    """(L^rho at the step's end, 1/v at its middle and end) for a step of dz from z, found
    from k(z); 1/v is q0 throughout when v does not depend on k (slope 0)."""
    z_end = z + dz
    k_end = min(k_of_z(z_end, ld), req) if z_end < z_target else req
    if slope <= 0.0:
        return labour_term(l_base, slope, k_end), q0, q0
    e_end = labour_term(l_base, slope, k_end)
    qm = inverse_rate(labour_term(l_base, slope, min(k_of_z(z + 0.5 * dz, ld), req)), pf, gc, g_soft, ac, share, alpha)
    qe = inverse_rate(e_end, pf, gc, g_soft, ac, share, alpha)
    return e_end, qm, qe


@njit(nogil=True, cache=True, inline="always")
def simulate_one(x, r, seed_u, c, ms, i):
    """The trajectory of sample ``x[r]``: milestone years into ``ms[i]`` (``economy_block``
    follows them). Rows, not row views: a view per sample costs an atomic reference
    count (see ``sampler.sample_block``).

    Steps are taken in z (distance), not time: between events the rate v depends on
    k alone, so the time to cover dz is ∫ dz / v, here by Simpson's rule (fourth
    order) on 1/v at the step's start, middle and end. A step ends exactly at the
    stage's requirement, so milestones need no interpolation; a step that would pass
    an event (compute wall, disruption start or end, horizon) is cut where the
    quadratic through the three 1/v values says the event falls.

    A full step (the longest the tolerance allows) moves k by the same amount and its
    middle by the same offset wherever it starts (``full_step``), so L^rho at its middle
    and end is L^rho at its start times two factors fixed per stage: no exp or log per
    full step. Only a stage's last step and a step cut at an event find k from z.
    """
    start, horizon, log_tol = c[C_START], c[C_HORIZON], c[C_LOG_TOL]
    for m in range(3):
        ms[i, m] = math.inf
    hazard = x[r, HAZARD]
    lam = -math.log1p(-hazard) if hazard > HAZARD_EPS else 0.0  # rarer than once in 10^12 years: none
    in_pause = False
    state, pause_at, pauses_left = next_pause(seed_from_uniform(seed_u), start, lam, int(c[C_MAX_PAUSES]))
    alpha = 1.0 / math.sqrt(x[r, COMPUTE_CAP])  # cap^rho
    share, wall, g_soft = x[r, RESEARCH_SHARE], x[r, WALL_YEAR], x[r, G_SOFTWARE]
    late, g_compute = x[r, LATE_FACTOR], x[r, G_COMPUTE]
    pause_factor, pause_years = x[r, PAUSE_FACTOR], x[r, PAUSE_YEARS]
    ac_before, ac_after = compute_term(alpha, 1.0), compute_term(alpha, max(late, C_FLOOR))

    t = start
    stage = 0
    req, l_base, slope, ld = stage_params(x, r, 0)
    z, z_target = 0.0, z_of_k(req, ld)
    span, dk, k_mid = full_step(slope, ld, log_tol)
    e_l, f_mid, f_end = labour_term(l_base, slope, 0.0), full_factor(slope, k_mid), full_factor(slope, dk)
    # 1/v at the end of the last full step, reused as the next step's q0 when nothing
    # between changes it (same stage, wall and disruption state).
    q_next, wall_next, pause_next = -1.0, False, False
    while t < horizon:
        if z >= z_target:  # the stage's requirement is met (at once for a zero distance)
            ms[i, stage] = t
            stage += 1
            if stage == 3:
                break
            req, l_base, slope, ld = stage_params(x, r, stage)
            z, z_target = 0.0, z_of_k(req, ld)
            span, dk, k_mid = full_step(slope, ld, log_tol)
            e_l, f_mid, f_end = labour_term(l_base, slope, 0.0), full_factor(slope, k_mid), full_factor(slope, dk)
            q_next = -1.0
            continue
        after_wall = t >= wall
        ac = ac_after if after_wall else ac_before
        pf = pause_factor if in_pause else 1.0
        gc = g_compute * (late if after_wall else 1.0)
        t_event = min(horizon, pause_at)
        if not after_wall:
            t_event = min(t_event, wall)
        if q_next >= 0.0 and wall_next == after_wall and pause_next == in_pause:
            q0 = q_next
        else:
            q0 = inverse_rate(e_l, pf, gc, g_soft, ac, share, alpha)
        q_next = -1.0
        if q0 <= 0.0 or q0 >= Q_MAX:  # no progress (v <= V_EPS, to any precision) until the next event
            t = t_event
        else:
            dz = z_target - z
            full = False
            if slope > 0.0:  # the span from k, where dz/dk = d^k = 1 + z ln d
                w = 1.0 + z * ld if abs(ld) >= LN_D_EPS else 1.0
                full = w * span < dz
                dz = min(dz, w * span)
            if full:
                e_end = e_l * f_end
                qm = inverse_rate(e_l * f_mid, pf, gc, g_soft, ac, share, alpha)
                qe = inverse_rate(e_end, pf, gc, g_soft, ac, share, alpha)
            else:
                e_end, qm, qe = simpson_points(
                    z, dz, z_target, req, ld, slope, l_base, pf, gc, g_soft, ac, share, alpha, q0
                )
            step_time = dz * (q0 + 4.0 * qm + qe) * SIXTH
            if t + step_time <= t_event:
                t += step_time
                z, e_l = z + dz, e_end
                if slope > 0.0:
                    q_next, wall_next, pause_next = qe, after_wall, in_pause
            else:
                # The step passes an event: the quadratic through q0, qm, qe says about where the
                # event falls; when q varies, Simpson's rule on that shorter step says it exactly.
                dz = partial_step(dz, q0, qm, qe, t_event - t)
                t_new = t_event
                if slope > 0.0:
                    e_end, qm, qe = simpson_points(
                        z, dz, z_target, req, ld, slope, l_base, pf, gc, g_soft, ac, share, alpha, q0
                    )
                    short = t_event - t - dz * (q0 + 4.0 * qm + qe) * SIXTH
                    if short < 0.0:
                        dz = partial_step(dz, q0, qm, qe, t_event - t)
                    elif short / qe < z_target - z - dz:  # fell short of the event: on at the end's speed
                        dz += short / qe
                    else:  # the requirement comes before the event after all
                        rest = z_target - z - dz
                        dz, t_new = dz + rest, t_event - short + rest * qe
                z = min(z + dz, z_target)
                e_l = labour_term(l_base, slope, min(k_of_z(z, ld), req))
                t = t_new
        if t >= pause_at:
            if in_pause:
                in_pause = False
                state, pause_at, pauses_left = next_pause(state, t, lam, pauses_left)
            else:
                in_pause = True
                pause_at = t + pause_years


@njit(nogil=True, cache=True, inline="always")
def bin_index(v, lo, hi, bins):
    """Histogram bin with under/overflow: 0 below lo, bins+1 at or above hi."""
    if v < lo:
        return 0
    if v >= hi:
        return int(bins) + 1
    return 1 + int((v - lo) * (bins / (hi - lo)))


@njit(nogil=True, cache=True, inline="always")
def ramp_share(year, share, t_sc, t_agi, horizon):
    """Share of tasks automated on 1 January of ``year``, for t_SC <= year < t_AGI:
    rising linearly in time from 0 at SC to share_at_agi (``share``) at AGI (or at the horizon)."""
    return share * min(1.0, (year - t_sc) / max(min(t_agi, horizon) - t_sc, 1e-9))


@njit(nogil=True, cache=True, inline="always")
def share_at(year, share, diffusion, t_sc, t_agi, horizon):
    """The automated share on 1 January of ``year`` (closed form; see ``economy``)."""
    if year < t_sc:
        return 0.0
    if year < t_agi:
        return ramp_share(year, share, t_sc, t_agi, horizon)
    return 1.0 - (1.0 - share) * math.exp(-diffusion * (year - t_agi))


@njit(nogil=True, cache=True, inline="always")
def _run(hist, band, y0, y1, b):
    """Count bin ``b`` for years y0..y1-1 as a difference along the year axis (see economy)."""
    hist[band, y0, b] += 1
    if y1 < hist.shape[1]:
        hist[band, y1, b] -= 1


# Relative error bound on the kernel's chain of yearly multiplications of 1 − a over a
# century (about 300 ulp ~ 1e-14), with a wide margin.
REST_MARGIN = 1e-9


@njit(nogil=True, cache=True, inline="always")
def _final_bins(base, lift, share, diffusion, t_agi, last_year, c):
    """(growth bin, automation bin) that no year after AGI can leave once it is in both.

    After AGI, 1 − a shrinks by the factor exp(−diffusion) a year, so a, growth and
    their bins move monotonically toward their values in the last year. A lower
    bound on 1 − a in the last year (the closed form less a margin for rounding)
    gives bins the last year's lie between; when a year's bins equal these, every
    later year's bins are the same, so the walk can stop there with identical
    counts. (The limit a = 1 serves when the bound does not apply.)
    """
    rest = 0.0
    if 0.0 <= share <= 1.0 and diffusion >= 0.0 and last_year >= t_agi:
        rest = (1.0 - share) * math.exp(-diffusion * (last_year - t_agi)) * (1.0 - REST_MARGIN)
    a = 1.0 - rest
    g_bin = bin_index(base + lift * a, c[C_G_LO], c[C_G_HI], c[C_G_BINS])
    return g_bin, bin_index(a, c[C_A_LO], c[C_A_HI], c[C_A_BINS])


@njit(nogil=True, cache=True, error_model="numpy")
def economy_block(x, c, ms, extras, hist, direct, lo, m):
    """Automated share and GDP growth on each 1 January of samples ``x[:m]`` (whose
    milestones are ``ms[lo:lo+m]``), into the yearly histograms.

    Automated share a: 0 before SC; ``ramp_share`` from SC to AGI; after AGI the
    rest diffuses, a = 1 − (1 − share_at_agi)·exp(−diffusion_rate·(t − t_AGI)),
    updated by one multiplication a year.
    Growth = base_growth + hive_mind_boost · substitution · a: only AI that
    substitutes for workers adds growth beyond trend (amplification, a tool
    raising human output, keeps growth on trend). ``extras[:, 0]`` is the growth in
    the regime year, kept per sample so regimes are exact, never binned.

    Two histograms, summed by ``finish_histograms``: ``hist`` receives *differences
    along the year axis* for the runs of years whose bins are known without
    walking them (all the years before SC, the tail after the last change: two
    writes a run), ``direct`` the counts of the years walked between (one write a
    year and band, with no branch on whether the bin changed: that branch was
    taken at random and cost more than the writes).
    """
    year0, horizon = c[C_YEAR0], c[C_HORIZON]
    g_lo, g_hi, g_bins = c[C_G_LO], c[C_G_HI], c[C_G_BINS]
    a_lo, a_hi, a_bins = c[C_A_LO], c[C_A_HI], c[C_A_BINS]
    n_years = int(c[C_NYEARS])
    regime_year = c[C_REGIME_YEAR]
    regime = regime_year - year0
    for r in range(m):
        i = lo + r
        t_sc, t_agi = ms[i, 0], ms[i, 1]
        base, lift = x[r, BASE_GROWTH], x[r, BOOST] * x[r, SUBSTITUTION]
        share, diffusion = x[r, SHARE_AGI], x[r, DIFFUSION]
        extras[i, 0] = math.nan
        if 0.0 <= regime < n_years:
            extras[i, 0] = base + lift * share_at(regime_year, share, diffusion, t_sc, t_agi, horizon)
        if n_years == 0:
            continue
        # Before SC nothing is automated: one run of years (found without walking them).
        first = n_years if t_sc >= year0 + n_years else max(0, min(n_years, int(math.ceil(t_sc - year0))))
        if first > 0:
            _run(hist, 0, 0, first, bin_index(base, g_lo, g_hi, g_bins))
            _run(hist, 1, 0, first, bin_index(0.0, a_lo, a_hi, a_bins))
        g_end, a_end = _final_bins(base, lift, share, diffusion, t_agi, year0 + n_years - 1, c)
        rest = 0.0  # 1 − a after AGI
        yearly = math.exp(-diffusion)
        y = first
        while y < n_years:
            year = year0 + y
            if year < t_agi:
                a = ramp_share(year, share, t_sc, t_agi, horizon)
            else:
                rest = (1.0 - share) * math.exp(-diffusion * (year - t_agi)) if rest == 0.0 else rest * yearly
                a = 1.0 - rest
            gb = bin_index(base + lift * a, g_lo, g_hi, g_bins)
            ab = bin_index(a, a_lo, a_hi, a_bins)
            if year >= t_agi and gb == g_end and ab == a_end:  # no later year changes bin (_final_bins)
                break
            direct[0, y, gb] += 1
            direct[1, y, ab] += 1
            y += 1
        if y < n_years:
            _run(hist, 0, y, n_years, g_end)
            _run(hist, 1, y, n_years, a_end)


def finish_histograms(hist: np.ndarray, direct: np.ndarray) -> None:
    """Turn the kernel's year-differences into counts and add the direct counts (in place
    in ``hist``), once per chunk."""
    np.cumsum(hist, axis=1, out=hist)
    hist += direct


# Samples per block: the block's uniforms and inputs stay in the core's L2 cache.
BLOCK = 256


@njit(nogil=True, cache=True, error_model="numpy")
def debate_chunk(rng, prog, c, ms, extras, hist, direct, inputs):
    """Fill one chunk. ``inputs`` has 0 rows unless the run keeps sampled inputs.

    Draws, sampling and trajectories go a block at a time, each stage one call
    per block: the same numbers in the same order as one sample at a time.
    """
    n = ms.shape[0]
    n_a = prog.a_start.shape[0]
    u = np.empty((BLOCK, 2 * n_a + 1))
    x = np.empty((BLOCK, n_a))
    zc = sampling_scratch(prog, BLOCK)
    keep = inputs.shape[0] > 0
    for lo in range(0, n, BLOCK):
        m = min(BLOCK, n - lo)
        draw_block(rng, u, m)
        sample_block(prog, u, x, zc, m)
        if keep:
            inputs[lo : lo + m, :] = x[:m]
        simulate_block(x, u, c, ms, extras, hist, direct, lo, m)


@njit(nogil=True, cache=True, error_model="numpy")
def simulate_block(x, u, c, ms, extras, hist, direct, lo, m):
    """Trajectories of the first ``m`` rows of ``x`` into rows ``lo``.. of the outputs."""
    seed_col = x.shape[1] * 2
    for r in range(m):
        simulate_one(x, r, u[r, seed_col], c, ms, lo + r)
    economy_block(x, c, ms, extras, hist, direct, lo, m)


@njit(nogil=True, cache=True, error_model="numpy")
def debate_rows(prog, c, u, rows, ms, extras, hist):
    """The per-sample work of ``debate_chunk`` for given rows of stored uniforms (replay:
    ``hist`` is scratch, its counts are not read, so it takes the direct counts too)."""
    n_a = prog.a_start.shape[0]
    x = np.empty((1, n_a))
    zc = sampling_scratch(prog, 1)
    for r in rows:
        sample_block(prog, u[r : r + 1], x, zc, 1)
        simulate_one(x, 0, u[r, 2 * n_a], c, ms, r)
        economy_block(x, c, ms, extras, hist, hist, r, 1)
