# mypy: disable-error-code="no-untyped-def,no-untyped-call,misc"
# (numba dispatches on runtime types: its kernels keep untyped signatures, as kernel.py does.)
"""Adaptive Dormand–Prince 5(4) steps of the full model's two ODEs (progress P and
research stock RS), with the method's 4th-order dense output.

Why adaptive: most of a run is smooth (one step a year is enough) while the
take-off needs steps of hours; a fixed step pays the take-off's price everywhere.
The caller ends steps at the series knots (the inputs' slopes change there) and
reads the output grid from the dense output, so a smooth year costs a step or two
of 6 rate evaluations, where fixed RK4 (4 steps of 4 evaluations on each of the
year's ~7 grid intervals) cost about 110.

Tableau, error weights and the dense-output polynomials are the method's published
coefficients (Dormand and Prince 1980; Shampine 1986).
"""

from __future__ import annotations

import math

import numpy as np

from debate_explorer.core.engine.jit import njit
from debate_explorer.core.engine.kinds.ai_futures.model import full_rates

C = np.array([0.0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1.0, 1.0])
A = np.array(
    [
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        [1 / 5, 0.0, 0.0, 0.0, 0.0, 0.0],
        [3 / 40, 9 / 40, 0.0, 0.0, 0.0, 0.0],
        [44 / 45, -56 / 15, 32 / 9, 0.0, 0.0, 0.0],
        [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729, 0.0, 0.0],
        [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656, 0.0],
        [35 / 384, 0.0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
    ]
)
# 5th- minus embedded 4th-order weights (the last stage is the new point's rate).
E = np.array([71 / 57600, 0.0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40])
# Dense output: y(t + θh) = y + h Σ_i k_i Σ_j P[i, j] θ^(j+1).
P = np.array(
    [
        [1.0, -8048581381 / 2820520608, 8663915743 / 2820520608, -12715105075 / 11282082432],
        [0.0, 0.0, 0.0, 0.0],
        [0.0, 131558114200 / 32700410799, -68118460800 / 10900136933, 87487479700 / 32700410799],
        [0.0, -1754552775 / 470086768, 14199869525 / 1410260304, -10690763975 / 1880347072],
        [0.0, 127303824393 / 49829197408, -318862633887 / 49829197408, 701980252875 / 199316789632],
        [0.0, -282668133 / 205662961, 2019193451 / 616988883, -1453857185 / 822651844],
        [0.0, 40617522 / 29380423, -110615467 / 29380423, 69997945 / 29380423],
    ]
)
SAFETY, GROW_MAX, SHRINK_MIN = 0.9, 5.0, 0.2


@njit(nogil=True, cache=True)
def dp_step(c, x, d, t, h, p, rs, k, tab):
    """One trial step from (t, p, rs) with k[0] = rates there; fills k[1:7] and
    returns (p_new, rs_new, dp_err, drs_err), the errors unscaled."""
    for s in range(1, 7):
        yp, yr = p, rs
        for j in range(s):
            yp += h * A[s, j] * k[j, 0]
            yr += h * A[s, j] * k[j, 1]
        a, b = full_rates(c, x, d, t + C[s] * h, yp, yr, tab)
        k[s, 0], k[s, 1] = a, b
    ep, er = 0.0, 0.0
    for s in range(7):
        ep += E[s] * k[s, 0]
        er += E[s] * k[s, 1]
    return yp, yr, h * ep, h * er


@njit(nogil=True, cache=True)
def error_norm(p, pn, rs, rn, ep, er, tol):
    """RMS of the errors over tol·(1 + |P|) and tol·|RS| (progress is O(1–100),
    the research stock spans many orders of magnitude: relative there)."""
    sp = tol * (1.0 + max(abs(p), abs(pn)))
    sr = tol * max(abs(rs), abs(rn), 1e-300)
    return math.sqrt(0.5 * ((ep / sp) ** 2 + (er / sr) ** 2))


@njit(nogil=True, cache=True)
def step_factor(err):
    """Next step over this one, from the scaled error (5th-order controller)."""
    if err == 0.0:
        return GROW_MAX
    if not (err < 1e300):  # NaN or overflow in a trial: shrink hard
        return SHRINK_MIN
    return min(GROW_MAX, max(SHRINK_MIN, SAFETY * err**-0.2))


@njit(nogil=True, cache=True)
def dense_p(p, h, k, theta):
    """Progress at t + θh inside the last accepted step."""
    s = 0.0
    for i in range(7):
        q = 0.0
        pw = theta
        for j in range(4):
            q += P[i, j] * pw
            pw *= theta
        s += k[i, 0] * q
    return p + h * s
