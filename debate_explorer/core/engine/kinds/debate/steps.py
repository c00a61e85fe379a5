"""Step arithmetic of the ``debate`` kernel: the distance map z(k) of a stage with
difficulty d, its inverse, the longest step the tolerance allows, and where inside a
Simpson step an event falls. Pure functions of floats, inlined into ``kernel``.
"""

from __future__ import annotations

import math

from debate_explorer.core.engine.jit import njit
from debate_explorer.core.engine.kinds.debate.layout import LN_D_EPS


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
def full_step(slope, ld, log_tol):
    """(span, dk, k_mid) of the longest step the tolerance allows.

    dk ≤ log_tol / slope so ln L moves by at most log_tol, and dk ≤ log_tol / |ln d| so
    dz/dk = d^k changes by at most a factor e^log_tol. From z, with w = dz/dk = 1 + z·ln d,
    that step is w·span in z, and since 1 + (z + w·s)·ln d = w·(1 + s·ln d) it moves k by
    dk and its middle, z + w·span/2, lies k_mid beyond k: the same wherever the step
    starts. No such step when v does not depend on k (slope 0): one step covers the
    stage and Simpson's rule is exact (span ∞, dk = k_mid = 0).
    """
    if slope <= 0.0:
        return math.inf, 0.0, 0.0
    dk = log_tol / slope
    if abs(ld) >= LN_D_EPS:
        dk = min(dk, log_tol / abs(ld))
    span = z_of_k(dk, ld)
    return span, dk, k_of_z(0.5 * span, ld)


@njit(nogil=True, cache=True, inline="always")
def partial_step(h, q0, qm, qe, tau):
    """Distance s in [0, h] after which ∫ q reaches ``tau``, q quadratic through
    (0, q0), (h/2, qm), (h, qe): a few Newton steps on the cubic ∫ q."""
    b = (4.0 * qm - 3.0 * q0 - qe) / h
    cc = 2.0 * (q0 + qe - 2.0 * qm) / (h * h)
    q_floor = 0.5 * min(q0, qm, qe)
    total = h * (q0 + 4.0 * qm + qe) / 6.0
    s = h * tau / total
    for _ in range(3):
        integral = s * (q0 + s * (0.5 * b + s * cc / 3.0))
        s -= (integral - tau) / max(q0 + s * (b + s * cc), q_floor)
        s = min(max(s, 0.0), h)
    return s
