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

from debate_explorer.core.engine.jit import njit
from debate_explorer.core.engine.kinds.ai_futures import layout as L
from debate_explorer.core.engine.kinds.ai_futures.dopri import dense_p, dp_step, error_norm, step_factor
from debate_explorer.core.engine.kinds.ai_futures.economy import ai_taste
from debate_explorer.core.engine.kinds.ai_futures.frontier import LN10, coding_labour, new_table
from debate_explorer.core.engine.kinds.ai_futures.model import calibrate, full_rates, grid_offsets, series

AC, SC, SAR, SIAR = range(4)
P_BLOWUP = 1e4  # progress far beyond any milestone: the take-off has run away
H_FIRST = 0.05  # years: the first trial step
H_MIN = 1e-9  # years: a step rejected below this is the take-off's singularity
MAX_STEPS = 100_000


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
def _metrics(c, x, d, t, p, out, tab, ms):
    """Taste and the AI2027-SC coding-labour multiplier at (t, p); each only while a
    milestone that reads it is still undecided (``ms`` inf there)."""
    if ms[SAR] == math.inf or ms[SIAR] == math.inf:
        out[0] = ai_taste(p, d[L.D_P_AA], x[L.TASTE_AT_AA_SD], d[L.D_TASTE_SLOPE], d[L.D_SIGMA])
    if ms[SC] != math.inf:
        return
    m = int(c[L.C_OPT_M])
    rho, th, eta = x[L.RHO_CODING_LABOR], d[L.D_THETA], x[L.OPTIMAL_CES_ETA_INIT]
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
def _blow_up(c, x, d, gi, t_prev, p_prev, prev, cur, targets, ms, tab):
    """Progress ran away before grid point gi (the take-off's finite-time singularity):
    the original's solver returns astronomically large progress there; so does this."""
    og = grid_offsets(c)[0]
    t1 = c[og + min(gi, int(c[L.C_N_GRID]) - 1)]
    _metrics(c, x, d, t1, 1e30, cur, tab, ms)
    _cross(t_prev, t1, p_prev, 1e30, prev, cur, targets, ms)


@njit(nogil=True, cache=True)
def _start(c, x, d, p, prev, targets, ms, tab):
    """Grid point 0: a metric already at its target counts at the first time."""
    t = c[L.C_T0]
    for k in range(4):
        ms[k] = math.inf
    _metrics(c, x, d, t, p, prev, tab, ms)
    if p >= targets[AC]:
        ms[AC] = t
    if prev[1] >= targets[SC]:
        ms[SC] = t
    for k in range(2):
        if prev[0] >= targets[SAR + k]:
            ms[SAR + k] = t
    found = 0
    for k in range(4):
        if ms[k] < math.inf:
            found += 1
    return found


@njit(nogil=True, cache=True)
def _grid_points(c, x, d, t, hs, p, k, t_new, pn, gi, found, t_prev, p_prev, prev, cur, targets, ms, tab):
    """The output-grid points in (t, t_new] of an accepted step (from its dense output):
    their metrics and milestone crossings. Returns (next grid index, milestones
    decided, last grid time and progress, whether progress ran away before one)."""
    og, n_grid = grid_offsets(c)[0], int(c[L.C_N_GRID])
    while gi < n_grid and c[og + gi] <= t_new:
        tg = c[og + gi]
        pg = pn if tg == t_new else dense_p(p, hs, k, (tg - t) / hs)
        if not pg < P_BLOWUP:
            return gi, found, t_prev, p_prev, True
        _metrics(c, x, d, tg, pg, cur, tab, ms)
        gi += 1
        found = _cross(t_prev, tg, p_prev, pg, prev, cur, targets, ms)
        if found == 4:
            break
        t_prev, p_prev = tg, pg
        prev[0], prev[1] = cur[0], cur[1]
    return gi, found, t_prev, p_prev, False


@njit(nogil=True, cache=True)
def new_scratch(c):
    """Work space for ``run_sample``: the human-only run's three series on the output grid."""
    return np.empty((3, int(c[L.C_N_GRID])))


@njit(nogil=True, cache=True)
def run_sample(c, x, d, ms, scratch):
    """Milestone years of one sample into ms[0:4] (inf where not reached by the end);
    ``scratch`` is the calibration's work space (``new_scratch``)."""
    calibrate(c, x, d, scratch[0], scratch[1], scratch[2])
    tab = new_table(int(c[L.C_OPT_M]))
    n_grid, ns, tol = int(c[L.C_N_GRID]), int(c[L.C_N_SERIES]), c[L.C_TOL]
    targets = np.array([d[L.D_P_AA], d[L.D_SC_TARGET], L.SAR_TASTE, L.SIAR_TASTE])
    prev, cur = np.empty(2), np.empty(2)
    p, rs = 0.0, d[L.D_RS0]
    t, t_end = c[L.C_T0], c[L.C_T1]
    t_prev, p_prev = t, 0.0
    found = _start(c, x, d, p, prev, targets, ms, tab)
    k = np.empty((7, 2))
    k[0, 0], k[0, 1] = full_rates(c, x, d, t, p, rs, tab)
    kn = 0  # the next series knot: steps end on every one
    while kn < ns and c[L.C_HEAD + kn] <= t:
        kn += 1
    gi, h, n_steps = 1, H_FIRST, 0
    rejected = False  # the last trial was rejected: do not grow the step right after
    d[L.D_N_REJECTED] = 0.0
    while found < 4 and gi < n_grid:
        t_stop = min(c[L.C_HEAD + kn], t_end) if kn < ns else t_end
        hs = min(h, t_stop - t)
        at_stop = hs >= t_stop - t
        pn, rn, ep, er = dp_step(c, x, d, t, hs, p, rs, k, tab)
        err = error_norm(p, pn, rs, rn, ep, er, tol)
        n_steps += 1
        if not (err <= 1.0):
            d[L.D_N_REJECTED] += 1.0
            h = hs * step_factor(err)
            rejected = True
            if h < H_MIN or n_steps > MAX_STEPS:
                _blow_up(c, x, d, gi, t_prev, p_prev, prev, cur, targets, ms, tab)
                break
            continue
        t_new = t_stop if at_stop else t + hs
        gi, found, t_prev, p_prev, blew = _grid_points(
            c, x, d, t, hs, p, k, t_new, pn, gi, found, t_prev, p_prev, prev, cur, targets, ms, tab
        )
        if blew or not (pn < P_BLOWUP and math.isfinite(rn)):
            if found < 4:
                _blow_up(c, x, d, gi, t_prev, p_prev, prev, cur, targets, ms, tab)
            break
        grown = hs * min(step_factor(err), 1.0) if rejected else hs * step_factor(err)
        rejected = False
        h = max(grown, h) if at_stop else grown  # a step cut at a knot says little about the next
        t, p, rs = t_new, pn, rn
        k[0, 0], k[0, 1] = k[6, 0], k[6, 1]  # the new point's rates (first same as last)
        if at_stop:
            kn += 1
    d[L.D_N_STEPS] = n_steps
    if ms[AC] == math.inf and found < 4 and p_prev >= targets[AC] - 1e-4 and t_prev >= t_end:
        ms[AC] = t_prev
    if ms[AC] == -math.inf:
        ms[AC] = math.inf
