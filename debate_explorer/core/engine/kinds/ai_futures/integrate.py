# mypy: disable-error-code="no-untyped-def,no-untyped-call,misc"
# (numba dispatches on runtime types: its kernels keep untyped signatures, as kernel.py does.)
"""The full AI Futures Model run of one sample and its four milestone dates.

Milestones, as the original detects them on its output grid:

- ``ac`` (ACD-AI): progress reaches the ACD level; linear in progress between
  grid points, as the original's ``np.interp`` of time against progress.
- ``sc`` (AI2027-SC): coding labour with today's human labour and compute, over
  today's human labour, reaches (10·30)^(1/parallel_penalty)·30 (counted as 1
  while AI adds no labour at the time's own resources); log-linear between points.
- ``sar`` / ``siar``: AI research taste reaches 3.25 / 3.25³ (the top-percentile
  human's taste and three such steps); log-linear between points.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from debate_explorer.core.engine.kinds.ai_futures import layout as L
from debate_explorer.core.engine.kinds.ai_futures.economy import ai_taste
from debate_explorer.core.engine.kinds.ai_futures.frontier import LN10, coding_labour, log_f_table
from debate_explorer.core.engine.kinds.ai_futures.model import calibrate, full_rates, grid_offsets, series

AC, SC, SAR, SIAR = range(4)
DP_MAX = 0.25  # progress units per RK4 step, at most (at the step's starting rate)
MAX_SPLIT = 512
P_BLOWUP = 1e4  # progress far beyond any milestone: the take-off has run away


@njit(nogil=True, cache=True)
def _log_cross(t0, t1, v0, v1, target):
    """The original's crossing time between two grid points, log-linear where it can."""
    if v0 > 0.0 and v1 > 0.0 and target > 0.0 and v1 != v0:
        f = (math.log(target) - math.log(v0)) / (math.log(v1) - math.log(v0))
    elif v1 != v0:
        f = (target - v0) / (v1 - v0)
    else:
        return t1
    return t0 + min(max(f, 0.0), 1.0) * (t1 - t0)


@njit(nogil=True, cache=True)
def _linear_cross(t0, t1, p0, p1, target):
    """ACD time between two grid points, with the original's check: progress read back
    at that time must reach the target (within 1e-4). When progress jumps by tens of
    orders of magnitude in one grid step the time rounds to the earlier grid point,
    the check fails and the original reports ACD as not reached; so does this."""
    t = t0 + (target - p0) / (p1 - p0) * (t1 - t0)
    back = p0 + (t - t0) / (t1 - t0) * (p1 - p0)
    return t if back >= target - 1e-4 else -math.inf


@njit(nogil=True, cache=True)
def _metrics(c, x, d, t, p, out, tab):
    """Taste and the AI2027-SC coding-labour multiplier at (t, p)."""
    m = int(c[L.C_OPT_M])
    rho, th, eta = x[L.RHO_CODING_LABOR], d[L.D_THETA], x[L.OPTIMAL_CES_ETA_INIT]
    out[0] = ai_taste(p, d[L.D_P_AA], x[L.TASTE_AT_AA_SD], d[L.D_TASTE_SLOPE], d[L.D_SIGMA])
    h, ci, _e = series(c, t)
    now = coding_labour(h, ci, LN10 * p, m, d[L.D_PZ], d[L.D_PO], rho, th, eta, tab)
    if now - h > 0.0:
        hp = d[L.D_H_PD]
        out[1] = coding_labour(hp, d[L.D_C_PD], LN10 * p, m, d[L.D_PZ], d[L.D_PO], rho, th, eta, tab) / hp
    else:
        out[1] = 1.0


@njit(nogil=True, cache=True)
def _cross(t0, t1, p0, p1, prev, cur, targets, ms):
    """Record the milestones first reached between two grid points; return how many are decided."""
    if ms[AC] == math.inf and p1 > targets[AC]:
        ms[AC] = _linear_cross(t0, t1, p0, p1, targets[AC])
    if ms[SC] == math.inf and cur[1] >= targets[SC]:
        ms[SC] = _log_cross(t0, t1, prev[1], cur[1], targets[SC])
    for k in range(2):
        if ms[SAR + k] == math.inf and cur[0] >= targets[SAR + k]:
            ms[SAR + k] = _log_cross(t0, t1, prev[0], cur[0], targets[SAR + k])
    n = 0
    for k in range(4):
        if ms[k] != math.inf:
            n += 1
    return n


@njit(nogil=True, cache=True)
def _substep(c, x, d, ta, hs, p, rs, tab):
    """One RK4 substep, split into up to MAX_SPLIT equal steps so that none advances
    progress by much more than DP_MAX at its starting rate (the take-off phase).
    Returns (p, rs, blew_up)."""
    a1, b1 = full_rates(c, x, d, ta, p, rs, tab)
    k = 1
    if a1 * hs > DP_MAX:
        k = min(int(a1 * hs / DP_MAX) + 1, MAX_SPLIT)
    h = hs / k
    for q in range(k):
        t = ta + q * h
        if q > 0:
            a1, b1 = full_rates(c, x, d, t, p, rs, tab)
        a2, b2 = full_rates(c, x, d, t + 0.5 * h, p + 0.5 * h * a1, rs + 0.5 * h * b1, tab)
        a3, b3 = full_rates(c, x, d, t + 0.5 * h, p + 0.5 * h * a2, rs + 0.5 * h * b2, tab)
        a4, b4 = full_rates(c, x, d, t + h, p + h * a3, rs + h * b3, tab)
        p += h / 6.0 * (a1 + 2.0 * a2 + 2.0 * a3 + a4)
        rs += h / 6.0 * (b1 + 2.0 * b2 + 2.0 * b3 + b4)
        if not (p < P_BLOWUP and math.isfinite(rs)):
            return p, rs, True
    return p, rs, False


@njit(nogil=True, cache=True)
def run_sample(c, x, d, ms, scratch):
    """Milestone years of one sample into ms[0:4] (inf where not reached by the end).

    ``scratch`` is (4, n_grid) work space; its last row receives progress on the
    output grid (NaN after the run stops, once every milestone is found).
    """
    calibrate(c, x, d, scratch[0], scratch[1], scratch[2])
    m = int(c[L.C_OPT_M])
    tab = np.empty(m)
    log_f_table(m, d[L.D_PZ], d[L.D_PO], x[L.RHO_CODING_LABOR], d[L.D_THETA], tab)
    og, ob, of = grid_offsets(c)
    n_sub = int(c[L.C_N_SUB])
    for k in range(4):
        ms[k] = math.inf
    targets = np.array([d[L.D_P_AA], d[L.D_SC_TARGET], L.SAR_TASTE, L.SIAR_TASTE])
    prev = np.empty(2)
    cur = np.empty(2)
    p, rs = 0.0, d[L.D_RS0]
    t_prev, p_prev = c[L.C_T0], 0.0
    track = scratch[3]
    track[:] = math.nan
    track[0] = 0.0
    gi = 1
    _metrics(c, x, d, t_prev, p, prev, tab)
    # Grid point 0: a metric already at its target counts at the first time.
    if p >= targets[AC]:
        ms[AC] = t_prev
    if prev[1] >= targets[SC]:
        ms[SC] = t_prev
    for k in range(2):
        if prev[0] >= targets[SAR + k]:
            ms[SAR + k] = t_prev
    found = 0
    for k in range(4):
        if ms[k] < math.inf:
            found += 1
    for b in range(int(c[L.C_N_BREAKS]) - 1):
        if found == 4:
            break
        t0, t1 = c[ob + b], c[ob + b + 1]
        hs = (t1 - t0) / n_sub
        blew = False
        for s in range(n_sub):
            p, rs, blew = _substep(c, x, d, t0 + s * hs, hs, p, rs, tab)
            if blew:
                break
        if blew:
            # Progress passed P_BLOWUP within this step: the solution runs off to infinity
            # here (a finite-time singularity of the take-off). The original's solver
            # returns astronomically large progress at the next grid point; so does this.
            p = 1e30
            bb = b + 1
            while c[of + bb] < 0.0:  # the next output grid time
                bb += 1
            t1 = c[ob + bb]
            _metrics(c, x, d, t1, p, cur, tab)
            _cross(t_prev, t1, p_prev, p, prev, cur, targets, ms)
            break
        if c[of + b + 1] < 0.0:
            continue
        if not (math.isfinite(p) and math.isfinite(rs)):
            # Progress blew up within this grid step: every target is passed in it.
            for k in range(4):
                if ms[k] == math.inf:
                    ms[k] = t1
            break
        _metrics(c, x, d, t1, p, cur, tab)
        track[gi] = p
        gi += 1
        found = _cross(t_prev, t1, p_prev, p, prev, cur, targets, ms)
        if found == 4:
            break
        t_prev, p_prev = t1, p
        prev[0], prev[1] = cur[0], cur[1]
    if ms[AC] == math.inf and found < 4 and p_prev >= targets[AC] - 1e-4 and t_prev >= c[L.C_T1]:
        ms[AC] = t_prev
    if ms[AC] == -math.inf:
        ms[AC] = math.inf
