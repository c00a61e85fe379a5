# mypy: disable-error-code="no-untyped-def,no-untyped-call,misc"
# (numba dispatches on runtime types: its kernels keep untyped signatures, as kernel.py does.)
"""The AI Futures Model's static relations, as numba scalar functions: input series,
the CES aggregates, research taste and the experiment-capacity calibration.

Units: time in decimal years; progress in OOMs of effective compute (the original's
"progress", whose software part is log10 of software efficiency); human labour,
inference and experiment compute in the original's normalised units of
``input_data.csv``; the training-compute growth rate in OOMs per year.
"""

from __future__ import annotations

import math

from debate_explorer.core.engine.jit import njit
from debate_explorer.core.engine.kinds.ai_futures.layout import AUT_CLIP

Z_TOP = 3.090232306167813  # the standard normal quantile of 0.999 (the original's top percentile)


@njit(nogil=True, cache=True, inline="always")
def ncdf(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


@njit(nogil=True, cache=True)
def knot(t, t0, dt, n):
    """Cell index and position of t on an even grid of n knots (clamped like numpy's interp)."""
    s = (t - t0) / dt
    if s <= 0.0:
        return 0, 0.0
    if s >= n - 1:
        return n - 2, 1.0
    k = int(s)
    if k > n - 2:
        k = n - 2
    return k, s - k


@njit(nogil=True, cache=True)
def knot_at(c, off, n, t):
    """Cell index and position of t among the n sorted knots c[off:off+n] (clamped like numpy's interp)."""
    if t <= c[off]:
        return 0, 0.0
    if t >= c[off + n - 1]:
        return n - 2, 1.0
    # Evenly spaced knots (the shipped yearly series): the cell is found directly.
    g = int((t - c[off]) / (c[off + 1] - c[off]))
    if g < n - 1 and c[off + g] <= t < c[off + g + 1]:
        return g, (t - c[off + g]) / (c[off + g + 1] - c[off + g])
    lo, hi = 0, n - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if c[off + mid] <= t:
            lo = mid
        else:
            hi = mid
    return lo, (t - c[off + lo]) / (c[off + lo + 1] - c[off + lo])


@njit(nogil=True, cache=True, inline="always")
def lerp_at(arr, off, k, f):
    return arr[off + k] + f * (arr[off + k + 1] - arr[off + k])


@njit(nogil=True, cache=True)
def training_growth(c, off, n, t, g_before, slowdown, g_after):
    """Training-compute growth (OOM/year): the series is g_before at the knots before
    the slowdown year and g_after from it, interpolated linearly between knots."""
    k, f = knot_at(c, off, n, t)
    ga = g_before if c[off + k] < slowdown else g_after
    gb = g_before if c[off + k + 1] < slowdown else g_after
    return ga + f * (gb - ga)


@njit(nogil=True, cache=True)
def ces(x1, x2, w1, rho):
    """CES of two inputs with weight w1 on the first and substitution parameter rho."""
    w1 = min(max(w1, 0.0), 1.0)
    w2 = 1.0 - w1
    if abs(rho) < 1e-9:
        if x1 > 0.0 and x2 > 0.0:
            return math.exp(w1 * math.log(x1) + w2 * math.log(x2))
        return 0.0
    if rho == 1.0:
        return w1 * x1 + w2 * x2
    if rho < -50.0:
        return min(x1, x2)
    if w1 == 0.0:
        return x2
    if w2 == 0.0:
        return x1
    if x1 == 0.0 and x2 == 0.0:
        return 0.0
    if x1 == 0.0:
        return w2 ** (1.0 / rho) * x2
    if x2 == 0.0:
        return w1 ** (1.0 / rho) * x1
    total = w1 * x1**rho + w2 * x2**rho
    if total <= 0.0:
        return min(x1, x2)
    out = total ** (1.0 / rho)
    return out if math.isfinite(out) else w1 * x1 + w2 * x2


@njit(nogil=True, cache=True)
def simple_coding_labour(a, c, h, rho, pp):
    """Coding labour of the plain CES (used by the original only for the initial stock)."""
    a = min(max(a, AUT_CLIP), 1.0 - AUT_CLIP)
    if abs(rho) < 1e-9:
        r = math.exp(a * (math.log(c) - math.log(a)) + (1 - a) * (math.log(h) - math.log(1 - a)))
    elif rho < -50.0:
        r = min(c / a, h / (1 - a))
    else:
        t1 = a ** (1 - rho) * c**rho if c > 0 else 0.0
        t2 = (1 - a) ** (1 - rho) * h**rho if h > 0 else 0.0
        r = (t1 + t2) ** (1.0 / rho) if t1 + t2 > 0 else min(c / a, h / (1 - a))
    return r**pp


@njit(nogil=True, cache=True)
def research_effort(e, serial_labour, alpha, rho, zeta, taste):
    """Growth of the research stock: CES of discounted experiment compute and serial
    coding labour, times the aggregate research taste."""
    zeta = min(max(zeta, 0.001), 10.0)
    rate = ces(e**zeta, serial_labour, alpha, rho)
    return min(rate, 1e30) * taste


@njit(nogil=True, cache=True)
def aggregate_taste(floor, sigma):
    """Mean of a lognormal taste distribution (mean 1, log-sd sigma) with every draw
    below ``floor`` lifted to it: the researchers an AI of taste ``floor`` replaces."""
    if not math.isfinite(floor):
        return 1.0
    if floor <= 0.0:
        return 1.0
    mu = -0.5 * sigma * sigma
    a = (math.log(floor) - mu) / sigma
    return ncdf(sigma - a) + floor * ncdf(a)


@njit(nogil=True, cache=True)
def ai_taste(p, p_aa, sd_aa, slope, sigma):
    """AI research taste at progress p: a fixed number of human SDs per progress unit."""
    sd = min(sd_aa + slope * (p - p_aa), 100.0)
    return min(math.exp(-0.5 * sigma * sigma + sd * sigma), 1e30)


@njit(nogil=True, cache=True)
def rho_from_asymptotes(a, b):
    """rho with a^rho + b^rho = 1 (the original's bracket [-50, 1]; 0 if none)."""
    a, b = max(a, 1e-10), max(b, 1e-10)
    lo, hi = -50.0, 1.0
    flo = a**lo + b**lo - 1.0
    fhi = a**hi + b**hi - 1.0
    if abs(flo) < 1e-12:
        return lo
    if abs(fhi) < 1e-12:
        return hi
    if flo * fhi > 0.0:
        return 0.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        fm = a**mid + b**mid - 1.0
        if (fm > 0.0) == (fhi > 0.0):
            hi, fhi = mid, fm
        else:
            lo, flo = mid, fm
        if hi - lo < 1e-14:
            break
    return 0.5 * (lo + hi)
