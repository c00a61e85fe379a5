# mypy: disable-error-code="no-untyped-def,no-untyped-call,misc"
# (numba dispatches on runtime types: its kernels keep untyped signatures, as kernel.py does.)
"""Coding labour on the "optimal CES" frontier of the AI Futures Model, as numba
scalar functions.

Tasks are indexed by i in [0, 1). Task i is automatable once progress passes a
level that rises linearly in i (through the two automation anchors); AI labour
on it grows tenfold per unit of progress beyond that level, with an efficiency
slope theta. The best split of inference compute over the automated tasks, CES
(rho < 0) with the human labour left on the others, gives the coding labour.

The original tabulates the frontier on M equally spaced task indices (M = 4096,
the last 1 - 1e-6), accumulates the integral by the trapezoid rule and
interpolates linearly between the grid points. Here every table entry is a
closed form (the trapezoid sum of an exponential on an even grid is a geometric
series), so entry j costs O(1) and is computed the first time a run reads it; the linear
interpolation between entries and the bisection on the monotone table are those
of the original, so the same grid gives the same numbers to rounding.
"""

from __future__ import annotations

import math

import numpy as np

from debate_explorer.core.engine.jit import njit

LN10 = math.log(10.0)
I_MAX = 1.0 - 1e-6


@njit(nogil=True, cache=True, inline="always")
def grid_i(j, m):
    return j * (I_MAX / (m - 1)) if j < m - 1 else I_MAX


@njit(nogil=True, cache=True, inline="always")
def log_e_aut(j, m, pz, po):
    """log effective compute at which grid task j becomes automated."""
    i = grid_i(j, m)
    return LN10 * (i * po + (1.0 - i) * pz)


@njit(nogil=True, cache=True)
def log_b(j, m, pz, po, rho, theta):
    """log of the trapezoid integral of exp(-beta·logE_aut) from task 0 to task j."""
    if j <= 0:
        return -math.inf
    beta = rho / (1.0 - rho) * theta
    di = I_MAX / (m - 1)
    # w_k = w0·r^k on the regular part of the grid.
    lw0 = -beta * LN10 * pz
    lr = -beta * LN10 * (po - pz) * di
    jj = min(j, m - 1)
    # sum_{k<jj} (w_k + w_{k+1})/2 · di = di/2 · w0 · (1 + r) · (r^jj − 1)/(r − 1)
    if lr == 0.0:
        s = math.log(di * jj) + lw0
    elif lr > 0.0:
        s = (
            lw0
            + math.log(0.5 * di)
            + math.log1p(math.exp(lr))
            + jj * lr
            + math.log(-math.expm1(-jj * lr))
            - math.log(math.expm1(lr))
        )
    else:
        s = (
            lw0
            + math.log(0.5 * di)
            + math.log1p(math.exp(lr))
            + math.log(-math.expm1(jj * lr))
            - math.log(-math.expm1(lr))
        )
    return s


@njit(nogil=True, cache=True, inline="always")
def log_q(j, m, rho):
    return (1.0 - rho) * math.log(1.0 - grid_i(j, m) + 1e-18)


@njit(nogil=True, cache=True, inline="always")
def log_f_of_b(lb, j, m, pz, po, rho, theta):
    """log_F at grid task j from its log_B ``lb``."""
    gamma = theta / (1.0 - rho)
    return lb + gamma * log_e_aut(j, m, pz, po) - math.log(1.0 - grid_i(j, m) + 1e-18)


@njit(nogil=True, cache=True, inline="always")
def log_f(j, m, pz, po, rho, theta):
    return log_f_of_b(log_b(j, m, pz, po, rho, theta), j, m, pz, po, rho, theta)


TF, TB, TQ = 0, 1, 2  # rows of a sample's table: log_F, log_B, log_Q per grid task
NO_TABLE_SHAPE = (0, 0)  # np.empty(NO_TABLE_SHAPE): no table, where the anchors change per call


@njit(nogil=True, cache=True, inline="always")
def _lb(j, m, pz, po, rho, theta, tab):
    """log_B at grid task j: from the sample's table (shape (3, m)) when one is given,
    filled lazily (an entry still NaN is computed on first use and kept: a run
    reads a few hundred of the m entries); else computed."""
    if tab.shape[1] != m:
        return log_b(j, m, pz, po, rho, theta)
    v = tab[TB, j]
    if v != v:
        v = log_b(j, m, pz, po, rho, theta)
        tab[TB, j] = v
    return v


@njit(nogil=True, cache=True, inline="always")
def _lq(j, m, rho, tab):
    """log_Q at grid task j, as ``_lb``."""
    if tab.shape[1] != m:
        return log_q(j, m, rho)
    v = tab[TQ, j]
    if v != v:
        v = log_q(j, m, rho)
        tab[TQ, j] = v
    return v


@njit(nogil=True, cache=True, inline="always")
def _lf(j, m, pz, po, rho, theta, tab):
    """log_F at grid task j, as ``_lb`` (and from the same log_B entry)."""
    if tab.shape[1] != m:
        return log_f(j, m, pz, po, rho, theta)
    v = tab[TF, j]
    if v != v:
        v = log_f_of_b(_lb(j, m, pz, po, rho, theta, tab), j, m, pz, po, rho, theta)
        tab[TF, j] = v
    return v


@njit(nogil=True, cache=True)
def new_table(m):
    """A sample's empty (all-NaN) table of log_F, log_B and log_Q."""
    return np.full((3, m), math.nan)


@njit(nogil=True, cache=True, inline="always")
def _lerp(a, b, t):
    return (1.0 - t) * a + t * b


@njit(nogil=True, cache=True)
def _cell(i, m):
    """Grid cell j (clipped to [0, m-2]) and position t in it, as the original's interp."""
    di = I_MAX / (m - 1)
    j = int(math.floor(i / di))
    if j > m - 2:
        j = m - 2
    if j < 0:
        j = 0
    i0, i1 = grid_i(j, m), grid_i(j + 1, m)
    return j, (i - i0) / (i1 - i0)


@njit(nogil=True, cache=True)
def _invert_log_f(y, m, pz, po, rho, theta, tab):
    """Task index where the (increasing) table log_F reaches y, as the original's inversion."""
    lo, hi = 0, m - 1
    if y >= _lf(hi, m, pz, po, rho, theta, tab):
        return I_MAX
    while hi - lo > 1:
        mid = (hi + lo) // 2
        if _lf(mid, m, pz, po, rho, theta, tab) < y:
            lo = mid
        else:
            hi = mid
    y0 = _lf(lo, m, pz, po, rho, theta, tab)
    y1 = _lf(hi, m, pz, po, rho, theta, tab)
    if not math.isfinite(y0):
        return grid_i(hi, m)
    t = (y - y0) / (y1 - y0) if y1 != y0 else 0.0
    t = min(max(t, 0.0), 1.0)
    return _lerp(grid_i(lo, m), grid_i(hi, m), t)


@njit(nogil=True, cache=True, inline="always")
def _logaddexp(a, b):
    if a == -math.inf:
        return b
    if b == -math.inf:
        return a
    hi = max(a, b)
    return hi + math.log1p(math.exp(-abs(a - b)))


@njit(nogil=True, cache=True)
def coding_labour(h, c, log_e, m, pz, po, rho, theta, eta, tab):
    """Coding labour (human-equivalents) with human labour h, inference compute c and
    log effective compute log_e, before the parallelisation penalty. ``tab`` is the
    sample's table (``new_table``), or an empty (0, 0) array to compute entries."""
    le0 = log_e_aut(0, m, pz, po)
    beta = rho / (1.0 - rho) * theta
    if max(-beta * le0, -beta * log_e_aut(m - 1, m, pz, po)) > 709.78:
        # The original's table of exp(-beta·logE) overflows here: no frontier.
        return math.nan
    if h <= 0.0:
        return 0.0
    log_s = math.log(max(c / max(h, 1e-18) * eta, 1e-300)) + theta * log_e
    if log_e < le0:
        # Below the first automatable task: the original uses task 0 (no compute share).
        return h * math.exp(_lq(0, m, rho, tab) / rho)
    le1 = log_e_aut(m - 1, m, pz, po)
    if log_e >= le1:
        i_e = I_MAX
    else:
        i_e = (log_e / LN10 - pz) / (po - pz)
        j, _t = _cell(i_e, m)
        # Use the original's construction: the cell in logE, then linear in it.
        a0, a1 = log_e_aut(j, m, pz, po), log_e_aut(j + 1, m, pz, po)
        te = (log_e - a0) / (a1 - a0) if a1 != a0 else 0.0
        te = min(max(te, 0.0), 1.0)
        i_e = _lerp(grid_i(j, m), grid_i(j + 1, m), te)
    j, t = _cell(i_e, m)
    lf_e = _lerp(_lf(j, m, pz, po, rho, theta, tab), _lf(j + 1, m, pz, po, rho, theta, tab), t)
    if log_s <= lf_e:
        i_c = _invert_log_f(log_s, m, pz, po, rho, theta, tab)
        j, t = _cell(i_c, m)
        q0, q1 = _lq(j, m, rho, tab), _lq(j + 1, m, rho, tab)
        lq = _lerp(q0, q1, t)
        lr0 = q0 - theta * log_e_aut(j, m, pz, po)
        lr1 = q1 - theta * log_e_aut(j + 1, m, pz, po)
        comp = log_s + _lerp(lr0, lr1, t)
    else:
        lq = _lerp(_lq(j, m, rho, tab), _lq(j + 1, m, rho, tab), t)
        lb0, lb1 = _lb(j, m, pz, po, rho, theta, tab), _lb(j + 1, m, pz, po, rho, theta, tab)
        lb = _lerp(lb0, lb1, t) if lb0 > -math.inf else (lb1 if t >= 1.0 else -math.inf)
        comp = rho * log_s + (1.0 - rho) * lb
    return h * math.exp(_logaddexp(lq, comp) / rho)
