"""The ``ai2027-horizon`` model in plain numpy: the reference the numba kernel is checked against.

Same draws, same formulas and the same piecewise-exact solution as
``ai2027_kernel`` (see its docstring for the mathematics), vectorised over the
samples of a chunk: at most three pieces (before, between and after the two
slowdown dates), each solved for every sample still running.
"""

from __future__ import annotations

import numpy as np

from debate_explorer.core.engine.kinds.ai2027 import layout as K
from debate_explorer.core.engine.program import Program, sample_numpy


def base_months_numpy(x: np.ndarray, log2_h0: float) -> np.ndarray:
    n = np.log2(x[:, K.H_SC]) - log2_h0
    t1, r = x[:, K.DOUBLING], x[:, K.RATIO]
    exp_case = r == 1.0
    safe_r = np.where(exp_case, 2.0, r)
    with np.errstate(over="ignore", invalid="ignore"):
        curved = t1 * np.expm1(n * np.log(safe_r)) / (safe_r - 1.0)
        b = np.where(exp_case, n * t1, curved) + x[:, K.COST_SPEED]
    return np.where(b == np.inf, np.inf, np.where(b > 0.0, b, 0.0))


def _months_plain(a_now, k, delta, c):
    flat = k == 0.0
    ks = np.where(flat, 1.0, k)
    with np.errstate(divide="ignore", invalid="ignore"):
        curved = -2.0 / (c * ks) * np.log1p(np.expm1(-ks * delta) / (1.0 + a_now / c))
    out = np.where(flat, 2.0 * delta / (a_now + c), curved)
    return np.where(delta <= 0.0, 0.0, out)


def _advance_plain(a_now, k, span, c):
    flat = k == 0.0
    ks = np.where(flat, 1.0, k)
    arg = (1.0 + a_now / c) * np.expm1(-0.5 * c * ks * span)
    with np.errstate(divide="ignore", invalid="ignore"):
        curved = np.where(arg <= -1.0, np.inf, -np.log1p(np.maximum(arg, -1.0)) / ks)
    return np.where(flat, 0.5 * (a_now + c) * span, curved)


def _rate_labour(v, c, h):
    return 0.5 * (np.sqrt(h * v * (v - (1.0 - h))) + c)


def _months_labour(a_now, k, delta, c, h):
    n = len(a_now)
    kd = k * np.maximum(delta, 0.0)
    lo, hi = np.minimum(0.0, kd), np.maximum(0.0, kd)
    with np.errstate(divide="ignore"):
        branch = np.log(1.0 - h) - np.log(a_now) if h < 1.0 else np.full(n, -np.inf)
    total = np.zeros(n)
    s = lo.copy()
    live = np.flatnonzero((delta > 0.0) & (k != 0.0))
    for j in range(K.MAX_PANELS):
        if not len(live):
            break
        sl, hl = s[live], hi[live]
        end = sl + np.minimum(1.0, sl - branch[live])
        end = np.where((end >= hl) | (j == K.MAX_PANELS - 1), hl, end)
        half = 0.5 * (end - sl)
        mid = sl + half
        part = np.zeros(len(live))
        for q in range(len(K.GL_X)):
            part += K.GL_W[q] / _rate_labour(a_now[live] * np.exp(mid + half * K.GL_X[q]), c[live], h)
        total[live] += half * part
        s[live] = end
        live = live[end < hl]
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(k == 0.0, delta / _rate_labour(a_now, c, h), total / np.abs(k))
    return np.where(delta <= 0.0, 0.0, out)


def _advance_labour(a_now, k, span, c, h, need):
    lo, hi = np.zeros(len(a_now)), need.copy()
    d = np.minimum(np.maximum(span * _rate_labour(a_now, c, h), 0.0), need)
    out = d.copy()
    live = np.arange(len(a_now))
    for _ in range(K.NEWTON_ITERS):
        if not len(live):
            break
        dl = d[live]
        f = _months_labour(a_now[live], k[live], dl, c[live], h) - span[live]
        hi[live] = np.where(f > 0.0, dl, hi[live])
        lo[live] = np.where(f > 0.0, lo[live], dl)
        nxt = dl - f * _rate_labour(a_now[live] * np.exp(k[live] * dl), c[live], h)
        inside = (lo[live] < nxt) & (nxt < hi[live])
        nxt = np.where(inside, nxt, 0.5 * (lo[live] + hi[live]))
        done = np.abs(nxt - dl) <= 1e-13 * np.maximum(1.0, dl)
        d[live] = nxt
        out[live[done]] = nxt[done]
        live = live[~done]
    out[live] = d[live]
    return out


def sc_years_numpy(x: np.ndarray, c: np.ndarray, base: np.ndarray) -> np.ndarray:
    """(n,) internal SC dates, as ``ai2027_kernel.sc_year`` for each row of ``x``."""
    horizon = c[K.C_HORIZON]
    y_compute, y_labour, h = c[K.C_COMPUTE_YEAR], c[K.C_LABOUR_YEAR], c[K.C_LABOUR_AFTER]
    t = c[K.C_START] - x[:, K.DELAY] / 12.0
    out = np.full(len(x), np.inf)
    instant = (base == 0.0) & (t < horizon)
    out[instant] = t[instant]
    a0 = 1.0 + x[:, K.P_NOW]
    with np.errstate(divide="ignore", invalid="ignore"):
        k = np.log((1.0 + x[:, K.P_SC]) / a0) / base
    p = np.zeros(len(x))
    idx = np.flatnonzero((base > 0.0) & (base < np.inf) & (t < horizon))
    while len(idx):
        ti, ki, pi = t[idx], k[idx], p[idx]
        compute_on, labour_on = ti >= y_compute, ti >= y_labour
        t_end = np.full(len(idx), horizon)
        t_end = np.where(~compute_on & (y_compute < t_end), y_compute, t_end)
        t_end = np.where(~labour_on & (y_labour < t_end), y_labour, t_end)
        rate_c = np.where(compute_on, c[K.C_COMPUTE_AFTER], 1.0)
        a_now = np.where(pi > 0.0, a0[idx] * np.exp(ki * pi), a0[idx])
        need = base[idx] - pi
        months = np.empty(len(idx))
        lab, plain = labour_on, ~labour_on
        months[lab] = _months_labour(a_now[lab], ki[lab], need[lab], rate_c[lab], h)
        months[plain] = _months_plain(a_now[plain], ki[plain], need[plain], rate_c[plain])
        arrive = ti + months / 12.0
        last = t_end >= horizon
        hit = np.where(last, arrive < horizon, arrive <= t_end)
        out[idx[hit]] = arrive[hit]
        move = ~hit & ~last
        span = (t_end - ti) * 12.0
        step = np.zeros(len(idx))
        m_lab, m_plain = move & lab, move & plain
        step[m_lab] = _advance_labour(a_now[m_lab], ki[m_lab], span[m_lab], rate_c[m_lab], h, need[m_lab])
        step[m_plain] = _advance_plain(a_now[m_plain], ki[m_plain], span[m_plain], rate_c[m_plain])
        p[idx[move]] += step[move]
        t[idx[move]] = t_end[move]
        idx = idx[move]
    return out


def ai2027_chunk_numpy(rng: np.random.Generator, prog: Program, c: np.ndarray, ms_out, extras, inputs) -> None:
    """The numpy counterpart of ``ai2027_kernel.ai2027_chunk`` (same draws, same outputs)."""
    n = ms_out.shape[0]
    u = rng.random((n, 2 * len(prog.a_start)))
    x = sample_numpy(prog, u)
    if inputs.shape[0]:
        inputs[:] = x
    base = base_months_numpy(x, c[K.C_LOG2_H0])
    extras[:, 0] = base
    ms_out[:, 0] = sc_years_numpy(x, c, base)
