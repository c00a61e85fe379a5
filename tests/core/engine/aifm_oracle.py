"""A second, independent implementation of the ``ai-futures`` full run, for tests.

Given the per-sample calibration the kernel solves (``calibrate``: the derived
quantities d), this recomputes the milestone years with different means
throughout: the coding-labour frontier is a numpy table built by a cumulative
log-sum-exp trapezoid (the kernel uses a closed-form geometric series, lazily),
read with ``np.interp``; the input series are ``np.interp`` of their logs; the
ODEs are solved by scipy's DOP853 at rtol 1e-10 between series knots (the kernel
uses its own Dormand–Prince 5(4) at 1e-6 with dense output); milestones are
found by vectorised searches on the output grid. Slow (about 0.3 s a sample) and
plain, so that it is easy to check by reading.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.integrate import solve_ivp
from scipy.special import ndtr

from debate_explorer.core.engine.kinds.ai_futures import layout as L
from debate_explorer.core.engine.kinds.ai_futures.series import input_series

LN10 = math.log(10.0)
I_MAX = 1.0 - 1e-6
P_BLOWUP = 1e4


class Frontier:
    """The optimal-CES coding-labour frontier of one sample, tabulated on m tasks."""

    def __init__(self, m: int, pz: float, po: float, rho: float, theta: float, eta: float) -> None:
        self.rho, self.theta, self.eta = rho, theta, eta
        self.i = np.linspace(0.0, I_MAX, m)
        self.log_e_aut = LN10 * (self.i * po + (1.0 - self.i) * pz)
        beta = rho / (1.0 - rho) * theta
        lw = -beta * self.log_e_aut
        di = self.i[1] - self.i[0]
        pieces = np.logaddexp(lw[:-1], lw[1:]) + math.log(0.5 * di)
        self.log_b = np.concatenate([[-np.inf], np.logaddexp.accumulate(pieces)])
        one_minus = np.log(1.0 - self.i + 1e-18)
        self.log_f = self.log_b + theta / (1.0 - rho) * self.log_e_aut - one_minus
        self.log_q = (1.0 - rho) * one_minus

    def labour(self, h: float, c: float, log_e: float) -> float:
        rho, theta = self.rho, self.theta
        log_s = math.log(max(c / h * self.eta, 1e-300)) + theta * log_e
        if log_e < self.log_e_aut[0]:
            return h * math.exp(self.log_q[0] / rho)
        i_e = I_MAX if log_e >= self.log_e_aut[-1] else float(np.interp(log_e, self.log_e_aut, self.i))
        if log_s <= float(np.interp(i_e, self.i, self.log_f)):
            i_c = float(np.interp(log_s, self.log_f[1:], self.i[1:], left=self.i[1]))
            lq = float(np.interp(i_c, self.i, self.log_q))
            comp = log_s + float(np.interp(i_c, self.i, self.log_q - theta * self.log_e_aut))
        else:
            lq = float(np.interp(i_e, self.i, self.log_q))
            lb = float(np.interp(i_e, self.i[1:], self.log_b[1:])) if i_e >= self.i[1] else -math.inf
            comp = rho * log_s + (1.0 - rho) * lb
        return h * math.exp(np.logaddexp(lq, comp) / rho)


class Inputs:
    """The input series (log-linear between knots) and the training-compute growth."""

    def __init__(self, x: np.ndarray) -> None:
        s = input_series()
        self.t, self.logs = s[:, 0], np.log(s[:, 1:4])
        g = np.where(self.t < x[L.SLOWDOWN_YEAR], x[L.CONSTANT_TRAINING_GROWTH], x[L.POST_SLOWDOWN_TRAINING_GROWTH])
        self.g = g

    def at(self, t: float) -> tuple[float, float, float]:
        return tuple(math.exp(float(np.interp(t, self.t, self.logs[:, k]))) for k in range(3))  # type: ignore[return-value]

    def growth(self, t: float) -> float:
        return float(np.interp(t, self.t, self.g))


def ces(a: float, b: float, w: float, rho: float) -> float:
    """CES of a and b (weight w on a); Cobb–Douglas at rho = 0, Leontief below -50."""
    if abs(rho) < 1e-9:
        return a**w * b ** (1.0 - w)
    if rho < -50.0:
        return min(a, b)
    return (w * a**rho + (1.0 - w) * b**rho) ** (1.0 / rho)


def taste(x: np.ndarray, d: np.ndarray, p: float) -> float:
    """AI research taste at progress p."""
    sigma = d[L.D_SIGMA]
    sd = min(x[L.TASTE_AT_AA_SD] + d[L.D_TASTE_SLOPE] * (p - d[L.D_P_AA]), 100.0)
    return min(math.exp(-0.5 * sigma**2 + sd * sigma), 1e30)


def mean_taste(floor: float, sigma: float) -> float:
    a = (math.log(floor) + 0.5 * sigma**2) / sigma
    return float(ndtr(sigma - a) + floor * ndtr(a))


class Model:
    def __init__(self, c: np.ndarray, x: np.ndarray, d: np.ndarray) -> None:
        self.x, self.d = x, d
        m = int(c[L.C_OPT_M])
        self.fr = Frontier(m, d[L.D_PZ], d[L.D_PO], x[L.RHO_CODING_LABOR], d[L.D_THETA], x[L.OPTIMAL_CES_ETA_INIT])
        self.inp = Inputs(x)

    def rates(self, t: float, y: np.ndarray) -> list[float]:
        x, d = self.x, self.d
        p, rs = y
        h, ci, e = self.inp.at(t)
        lab = self.fr.labour(h, ci, LN10 * p)
        zeta = min(max(d[L.D_ZETA], 0.001), 10.0)
        effort = ces(e**zeta, lab ** x[L.PARALLEL_PENALTY], d[L.D_ALPHA_X], d[L.D_RHO_X])
        effort = min(effort, 1e30) * mean_taste(taste(x, d, p), d[L.D_SIGMA])
        if not (math.isfinite(effort) and effort >= 0.0):
            return [0.0, 0.0]
        return [d[L.D_R_SOFTWARE] * effort / max(rs, 1e-6) / LN10 + self.inp.growth(t), effort]

    def sc_metric(self, t: float, p: float) -> float:
        h, ci, _e = self.inp.at(t)
        if self.fr.labour(h, ci, LN10 * p) - h <= 0.0:
            return 1.0
        hp = self.d[L.D_H_PD]
        return self.fr.labour(hp, self.d[L.D_C_PD], LN10 * p) / hp


def progress_on_grid(model: Model, c: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Progress at the grid times, integrated knot to knot; 1e30 from the first grid
    time after progress passes P_BLOWUP."""
    knots = model.inp.t[(model.inp.t > grid[0]) & (model.inp.t < grid[-1])]
    edges = np.concatenate([[grid[0]], knots, [grid[-1]]])
    out = np.full(len(grid), np.nan)
    out[0] = 0.0
    y = np.array([0.0, model.d[L.D_RS0]])

    def blow(t: float, y: np.ndarray) -> float:
        return y[0] - P_BLOWUP

    blow.terminal = True  # type: ignore[attr-defined]
    for a, b in zip(edges[:-1], edges[1:], strict=True):
        sol = solve_ivp(model.rates, (a, b), y, method="DOP853", rtol=1e-10, atol=1e-12, dense_output=True, events=blow)
        inside = (grid > a) & (grid <= b)
        if sol.status != 0:  # ran away at sol.t[-1] (past P_BLOWUP, or the step shrank to nothing)
            t_b = sol.t[-1]
            before = inside & (grid < t_b)
            if before.any():
                out[before] = sol.sol(grid[before])[0]
            first_after = np.flatnonzero(grid >= t_b)[0]
            out[first_after] = 1e30
            return out
        out[inside] = sol.sol(grid[inside])[0]
        y = sol.y[:, -1]
    return out


def _cross_log(t: np.ndarray, v: np.ndarray, target: float) -> float:
    k = np.flatnonzero(v >= target)
    if len(k) == 0:
        return math.inf
    j = k[0]
    if j == 0:
        return float(t[0])
    v0, v1 = v[j - 1], v[j]
    f = (math.log(target) - math.log(v0)) / (math.log(v1) - math.log(v0)) if v0 > 0 and v1 != v0 else 1.0
    return float(t[j - 1] + min(max(f, 0.0), 1.0) * (t[j] - t[j - 1]))


def _cross_ac(t: np.ndarray, p: np.ndarray, target: float) -> float:
    k = np.flatnonzero(p > target)
    if len(k) == 0:
        return t[-1] if p[-1] >= target - 1e-4 else math.inf
    j = k[0]
    if j == 0:
        return float(t[0])
    when = t[j - 1] + (target - p[j - 1]) / (p[j] - p[j - 1]) * (t[j] - t[j - 1])
    back = p[j - 1] + (when - t[j - 1]) / (t[j] - t[j - 1]) * (p[j] - p[j - 1])
    return float(when) if back >= target - 1e-4 else math.inf


def milestones(c: np.ndarray, x: np.ndarray, d: np.ndarray) -> np.ndarray:
    """(ac, sc, sar, siar) years of one sample, inf where not reached by the horizon."""
    model = Model(c, x, d)
    grid = np.linspace(c[L.C_T0], c[L.C_T1], int(c[L.C_N_GRID]))
    p = progress_on_grid(model, c, grid)
    ok = ~np.isnan(p)
    t, p = grid[ok], p[ok]
    tastes = np.array([taste(x, d, v) for v in p])
    sc = np.array([model.sc_metric(a, v) for a, v in zip(t, p, strict=True)])
    return np.array(
        [
            _cross_ac(t, p, d[L.D_P_AA]),
            _cross_log(t, sc, d[L.D_SC_TARGET]),
            _cross_log(t, tastes, L.SAR_TASTE),
            _cross_log(t, tastes, L.SIAR_TASTE),
        ]
    )
