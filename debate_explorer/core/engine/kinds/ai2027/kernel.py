"""The ``ai2027-horizon`` model's numba kernel: one superhuman-coder date per sample.

The published method (see ``ai2027.py``) steps each sample forward one day at a
time. Here each sample is solved exactly instead, piece by piece between the
calendar dates where the dynamics change (the compute slowdown and the
human-labour slowdown), so the cost per sample is a handful of ``exp``/``log``
calls rather than thousands of steps.

Progress ``P`` is measured in months of "base time" (time to SC at today's pace,
cost-and-speed adjustment included; ``B`` of them are needed). The AI R&D
multiplier is interpolated geometrically over the fraction ``P / B``:
``v(P) = (1 + p_now) · ((1 + p_sc) / (1 + p_now))^(P / B) = A · e^(k·P)``.
Progress runs at ``dP/dt = (V + c) / 2`` (``t`` in months), the mean of the
algorithmic rate ``V`` and the compute rate ``c``:

- before the labour slowdown ``V = v``. With ``y = e^(−k·P)`` the equation is
  linear, ``dy/dt = −(k/2)·(A + c·y)``, so both "when is ``B`` reached" and
  "where is ``P`` at the next date" have closed forms (written with
  ``expm1``/``log1p`` so that ``k → 0``, i.e. equal multipliers, stays exact);
- after it ``V = sqrt(h·v·(v − (1 − h)))`` (the geometric mean of a purely
  multiplicative and a purely additive loss of human labour, ``h`` = 0.5 in
  the original). The time to reach ``B`` is then ``∫ 2 / (V + c) dP``, done by
  8-node Gauss–Legendre quadrature in ``ln v`` on panels no wider than one
  e-fold and no wider than their distance to the integrand's nearest
  singularity (the branch point ``v = 1 − h``); against adaptive quadrature
  the relative error is below 1e-12, for any ``h``.
  Only when this phase ends before another date (labour slowdown set earlier
  than the compute slowdown) is the position at that date needed; a bracketed
  Newton iteration on the same quadrature finds it.

Semantics are shared with ``ai2027_reference`` (numpy), which follows the same
steps vectorised; a test checks both against a day-by-day emulation of the
original.
"""

from __future__ import annotations

import math

import numpy as np

from debate_explorer.core.engine.jit import njit
from debate_explorer.core.engine.kinds.ai2027.layout import (  # noqa: F401 - the kernel's module constants
    C_COMPUTE_AFTER,
    C_COMPUTE_YEAR,
    C_HORIZON,
    C_LABOUR_AFTER,
    C_LABOUR_YEAR,
    C_LOG2_H0,
    C_START,
    COST_SPEED,
    DELAY,
    DOUBLING,
    GL_W,
    GL_X,
    H_SC,
    MAX_PANELS,
    N_CONSTS,
    NEWTON_ITERS,
    P_NOW,
    P_SC,
    RATIO,
)
from debate_explorer.core.engine.sampler import draw_uniforms, sample_assumptions, sampling_scratch


@njit(nogil=True, cache=True)
def base_months(x, log2_h0):
    """Months of progress to SC at today's pace: horizon doublings plus cost-and-speed.

    Each doubling takes ``ratio`` times as long as the one before it, the first
    taking ``doubling_time``: a geometric sum (``n·T`` when the ratio is 1).
    As in the original a negative or undefined total becomes 0; an overflow to
    +inf (which takes hundreds of doublings) means SC is never reached.
    """
    n = math.log2(x[H_SC]) - log2_h0
    t1 = x[DOUBLING]
    r = x[RATIO]
    if r == 1.0:
        growth = n * t1
    else:
        growth = t1 * math.expm1(n * math.log(r)) / (r - 1.0)
    b = growth + x[COST_SPEED]
    if b == math.inf:
        return math.inf
    if not b > 0.0:  # negative, -inf or NaN
        return 0.0
    return b


@njit(nogil=True, cache=True, inline="always")
def _months_plain(a_now, k, delta, c):
    """Months for progress to grow by ``delta`` when V = v (closed form)."""
    if delta <= 0.0:
        return 0.0
    if k == 0.0:
        return 2.0 * delta / (a_now + c)
    return -2.0 / (c * k) * math.log1p(math.expm1(-k * delta) / (1.0 + a_now / c))


@njit(nogil=True, cache=True, inline="always")
def _advance_plain(a_now, k, span, c):
    """Progress made in ``span`` months when V = v (closed form)."""
    if k == 0.0:
        return 0.5 * (a_now + c) * span
    arg = (1.0 + a_now / c) * math.expm1(-0.5 * c * k * span)
    if arg <= -1.0:
        return math.inf
    return -math.log1p(arg) / k


@njit(nogil=True, cache=True, inline="always")
def _rate_labour(v, c, h):
    return 0.5 * (math.sqrt(h * v * (v - (1.0 - h))) + c)


@njit(nogil=True, cache=True)
def _months_labour(a_now, k, delta, c, h):
    """Months for progress to grow by ``delta`` after the labour slowdown (quadrature).

    Integrated over ``σ = ln(v / a_now)`` (``dP = dσ / k``) on panels no wider
    than one e-fold and no wider than their distance to the branch point
    ``v = 1 − h`` of the square root, so that small ``h`` stays accurate.
    """
    if delta <= 0.0:
        return 0.0
    if k == 0.0:
        return delta / _rate_labour(a_now, c, h)
    lo, hi = min(0.0, k * delta), max(0.0, k * delta)
    branch = math.log(1.0 - h) - math.log(a_now) if h < 1.0 else -math.inf
    total = 0.0
    s = lo
    for j in range(MAX_PANELS):
        end = s + min(1.0, s - branch)
        if end >= hi or j == MAX_PANELS - 1:
            end = hi
        half = 0.5 * (end - s)
        mid = s + half
        part = 0.0
        for q in range(GL_X.shape[0]):
            part += GL_W[q] / _rate_labour(a_now * math.exp(mid + half * GL_X[q]), c, h)
        total += half * part
        s = end
        if s >= hi:
            break
    return total / abs(k)


@njit(nogil=True, cache=True)
def _advance_labour(a_now, k, span, c, h, need):
    """Progress made in ``span`` months after the labour slowdown, knowing it is below ``need``."""
    lo, hi = 0.0, need
    d = min(max(span * _rate_labour(a_now, c, h), 0.0), need)
    for _ in range(NEWTON_ITERS):
        f = _months_labour(a_now, k, d, c, h) - span
        if f > 0.0:
            hi = d
        else:
            lo = d
        nxt = d - f * _rate_labour(a_now * math.exp(k * d), c, h)
        if not lo < nxt < hi:
            nxt = 0.5 * (lo + hi)
        if abs(nxt - d) <= 1e-13 * max(1.0, d):
            return nxt
        d = nxt
    return d


@njit(nogil=True, cache=True)
def sc_year(x, c, base):
    """Internal SC date (fractional year) of one sample; inf if not before the horizon."""
    horizon = c[C_HORIZON]
    t = c[C_START] - x[DELAY] / 12.0  # internal progress is ahead of what is public
    if base == math.inf or not t < horizon:
        return math.inf
    if base == 0.0:
        return t
    a0 = 1.0 + x[P_NOW]
    k = math.log((1.0 + x[P_SC]) / a0) / base
    y_compute, y_labour = c[C_COMPUTE_YEAR], c[C_LABOUR_YEAR]
    h = c[C_LABOUR_AFTER]
    p = 0.0
    while True:
        compute_on = t >= y_compute
        labour_on = t >= y_labour
        t_end = horizon
        if not compute_on and y_compute < t_end:
            t_end = y_compute
        if not labour_on and y_labour < t_end:
            t_end = y_labour
        rate_c = c[C_COMPUTE_AFTER] if compute_on else 1.0
        a_now = a0 * math.exp(k * p) if p > 0.0 else a0
        need = base - p
        if labour_on:
            months = _months_labour(a_now, k, need, rate_c, h)
        else:
            months = _months_plain(a_now, k, need, rate_c)
        arrive = t + months / 12.0
        if t_end >= horizon:
            return arrive if arrive < horizon else math.inf
        if arrive <= t_end:
            return arrive
        span = (t_end - t) * 12.0
        if labour_on:
            p += _advance_labour(a_now, k, span, rate_c, h, need)
        else:
            p += _advance_plain(a_now, k, span, rate_c)
        t = t_end


@njit(nogil=True, cache=True)
def ai2027_chunk(rng, prog, c, ms, extras, inputs):
    """Fill one chunk. ``inputs`` has 0 rows unless the run keeps sampled inputs."""
    n = ms.shape[0]
    n_a = prog.a_start.shape[0]
    u = np.empty(2 * n_a)
    x = np.empty(n_a)
    zc = sampling_scratch(prog, 1)
    keep = inputs.shape[0] > 0
    log2_h0 = c[C_LOG2_H0]
    for i in range(n):
        draw_uniforms(rng, u)
        sample_assumptions(prog, u, x, zc)
        if keep:
            inputs[i, :] = x
        base = base_months(x, log2_h0)
        extras[i, 0] = base
        ms[i, 0] = sc_year(x, c, base)
