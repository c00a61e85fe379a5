"""The normal quantile and the incomplete beta function and its inverse, in numpy alone.

``scipy.special`` takes 0.1–0.2 s to import (its array-API layer), and it lay twice on
the path to the app's first results: the beta tables made when a scenario is compiled,
and the normal draws behind the Assumptions panel's sparklines. These are the functions
that path needs, to scipy's accuracy (``tests/core/engine/test_quantiles.py`` compares
them with scipy):

* :func:`ndtri` is Wichura's algorithm AS 241 (PPND16; Applied Statistics 37, 1988,
  477–484), the one Python's ``statistics.NormalDist.inv_cdf`` uses: relative error
  about 1e-16.
* :func:`betainc` evaluates the continued fraction of I_x(a, b) by the modified Lentz
  method, on the side of I_x(a, b) = 1 − I_{1−x}(b, a) where it converges fast.
* :func:`betaincinv` is Newton's method on it, kept inside a bisection bracket, from
  the tail expansions I_x ≈ x^a / (a·B(a, b)) and 1 − I_x ≈ (1 − x)^b / (b·B(a, b)).

The numba kernels have their own normal quantile (``special.py``); these serve numpy.
"""

from __future__ import annotations

import math

import numpy as np

# AS 241's rational approximations, highest power first (np.polyval's order).
_CENTRAL_NUM = (
    2509.0809287301226727,
    33430.575583588128105,
    67265.770927008700853,
    45921.953931549871457,
    13731.693765509461125,
    1971.5909503065514427,
    133.14166789178437745,
    3.387132872796366608,
)
_CENTRAL_DEN = (
    5226.495278852545561,
    28729.085735721942674,
    39307.89580009271061,
    21213.794301586595867,
    5394.1960214247511077,
    687.1870074920579083,
    42.313330701600911252,
    1.0,
)
_NEAR_NUM = (
    7.7454501427834140764e-4,
    0.0227238449892691845833,
    0.24178072517745061177,
    1.27045825245236838258,
    3.64784832476320460504,
    5.7694972214606914055,
    4.6303378461565452959,
    1.42343711074968357734,
)
_NEAR_DEN = (
    1.05075007164441684324e-9,
    5.475938084995344946e-4,
    0.0151986665636164571966,
    0.14810397642748007459,
    0.68976733498510000455,
    1.6763848301838038494,
    2.05319162663775882187,
    1.0,
)
_FAR_NUM = (
    2.01033439929228813265e-7,
    2.71155556874348757815e-5,
    0.0012426609473880784386,
    0.026532189526576123093,
    0.29656057182850489123,
    1.7848265399172913358,
    5.4637849111641143699,
    6.6579046435011037772,
)
_FAR_DEN = (
    2.04426310338993978564e-15,
    1.4215117583164458887e-7,
    1.8463183175100546818e-5,
    7.868691311456132591e-4,
    0.0148753612908506148525,
    0.13692988092273580531,
    0.59983220655588793769,
    1.0,
)
_LENTZ_TINY = 1e-300
_LENTZ_TERMS = 400
_NEWTON_STEPS = 60


def ndtri(p: np.ndarray | float) -> np.ndarray:
    """Standard normal quantile at ``p`` in (0, 1) (−inf at 0, +inf at 1)."""
    p = np.asarray(p, dtype=np.float64)
    q = p - 0.5
    out = np.empty_like(p)
    central = np.abs(q) <= 0.425
    qc = q[central]
    r = 0.180625 - qc * qc
    out[central] = qc * np.polyval(_CENTRAL_NUM, r) / np.polyval(_CENTRAL_DEN, r)
    tail = ~central
    with np.errstate(divide="ignore"):
        r = np.sqrt(-np.log(np.where(q[tail] < 0.0, p[tail], 1.0 - p[tail])))
    x = np.full_like(r, np.inf)  # p = 0 or 1
    near = r <= 5.0
    x[near] = np.polyval(_NEAR_NUM, r[near] - 1.6) / np.polyval(_NEAR_DEN, r[near] - 1.6)
    far = (r > 5.0) & np.isfinite(r)
    x[far] = np.polyval(_FAR_NUM, r[far] - 5.0) / np.polyval(_FAR_DEN, r[far] - 5.0)
    out[tail] = np.where(q[tail] < 0.0, -x, x)
    return out


def log_beta(a: float, b: float) -> float:
    """ln B(a, b)."""
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def betainc(a: float, b: float, x: np.ndarray | float) -> np.ndarray:
    """The regularised incomplete beta function I_x(a, b) (0 at x ≤ 0, 1 at x ≥ 1)."""
    x = np.asarray(x, dtype=np.float64)
    out = np.where(x >= 1.0, 1.0, 0.0)
    inside = (x > 0.0) & (x < 1.0)
    flip = inside & (x > (a + 1.0) / (a + b + 2.0))
    direct = inside & ~flip
    out[direct] = _lentz(a, b, x[direct])
    out[flip] = 1.0 - _lentz(b, a, 1.0 - x[flip])
    return np.clip(out, 0.0, 1.0)


def _lentz(a: float, b: float, x: np.ndarray) -> np.ndarray:
    """I_x(a, b) by its continued fraction, for x below (a + 1) / (a + b + 2): each value
    leaves the iteration as soon as its fraction has converged."""
    if not x.size:
        return x.copy()
    c = np.ones_like(x)
    d = 1.0 / np.maximum(1.0 - (a + b) * x / (a + 1.0), _LENTZ_TINY)  # the first two terms
    f = d.copy()
    live = np.arange(x.size)
    xs = x
    for i in range(2, _LENTZ_TERMS):
        m = i // 2
        if i % 2 == 0:
            step = m * (b - m) * xs / ((a + 2 * m - 1) * (a + 2 * m))
        else:
            step = -(a + m) * (a + b + m) * xs / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1.0 + step * d
        d = 1.0 / np.where(np.abs(d) > _LENTZ_TINY, d, _LENTZ_TINY)
        c = 1.0 + step / c
        c = np.where(np.abs(c) > _LENTZ_TINY, c, _LENTZ_TINY)
        f[live] *= c * d
        if i % 2 == 1:
            going = np.abs(c * d - 1.0) >= 1e-15
            if not going.all():
                live, xs, c, d = live[going], xs[going], c[going], d[going]
                if not live.size:
                    break
    log_front = a * np.log(x) + b * np.log1p(-x) - math.log(a) - log_beta(a, b)
    value: np.ndarray = np.exp(log_front) * f
    return value


def betaincinv(a: float, b: float, u: np.ndarray | float) -> np.ndarray:
    """The x with I_x(a, b) = u, for u in [0, 1]. Above u = 1/2 it solves I_{1−x}(b, a) = 1 − u
    (exact there), so that each solve is on its lower side, where I is accurate relative to u."""
    u = np.asarray(u, dtype=np.float64)
    out = np.where(u >= 1.0, 1.0, 0.0)
    low = (u > 0.0) & (u <= 0.5)
    high = (u > 0.5) & (u < 1.0)
    out[low] = _newton(a, b, u[low])
    out[high] = 1.0 - _newton(b, a, 1.0 - u[high])
    return out


def _newton(a: float, b: float, u: np.ndarray) -> np.ndarray:
    """Newton's method on I_x(a, b) − u, each value until its step or its bracket is below
    1e-14 of x; a step leaving the bracket bisects it instead."""
    lb = log_beta(a, b)
    x = _start(a, b, u, lb)
    lo, hi = np.zeros_like(u), np.ones_like(u)
    live = np.arange(u.size)
    for _ in range(_NEWTON_STEPS):
        xl, ul = x[live], u[live]
        f = betainc(a, b, xl) - ul
        lo[live] = np.where(f <= 0.0, xl, lo[live])
        hi[live] = np.where(f >= 0.0, xl, hi[live])
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            density = np.exp((a - 1.0) * np.log(xl) + (b - 1.0) * np.log1p(-xl) - lb)
            step = f / density
        new = xl - step
        inside = (new >= lo[live]) & (new <= hi[live])  # False for NaN, too: bisect
        x[live] = np.where(inside, new, 0.5 * (lo[live] + hi[live]))
        tol = 1e-14 * np.maximum(xl, 1e-300)
        going = ~(np.abs(step) <= tol) & (hi[live] - lo[live] > tol)
        live = live[going]
        if not live.size:
            break
    return x


def _start(a: float, b: float, u: np.ndarray, lb: float) -> np.ndarray:
    """A first x: of the two tail expansions' inverses, the one whose I_x lands closer to u."""
    lower = np.exp((np.log(u) + math.log(a) + lb) / a)
    upper = -np.expm1((np.log1p(-u) + math.log(b) + lb) / b)
    lower = np.clip(lower, 1e-300, 1.0 - 2.0**-53)
    upper = np.clip(upper, 1e-300, 1.0 - 2.0**-53)
    take_lower = np.abs(betainc(a, b, lower) - u) <= np.abs(betainc(a, b, upper) - u)
    start: np.ndarray = np.where(take_lower, lower, upper)
    return start
