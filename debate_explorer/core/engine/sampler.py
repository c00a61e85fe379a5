"""Numba sampling of one Monte Carlo sample's assumptions from a compiled Program.

The semantics are those of ``program.sample_numpy`` (the reference); this is the
per-sample loop the kernels call, so no large matrix of uniforms is ever
materialised (writing one costs more memory bandwidth than drawing it).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from debate_explorer.core.engine.program import DISCRETE, LOGNORMAL, LOGUNIFORM, POINT
from debate_explorer.core.engine.special import ndtr, ndtri


@njit(nogil=True, cache=True)
def draw_uniforms(rng, u):
    """Fill ``u`` with uniforms in row order (the order numpy's ``random((n, k))`` uses)."""
    for k in range(u.shape[0]):
        u[k] = rng.random()


@njit(nogil=True, cache=True, inline="always")
def _aux_index(aux_u, off, ln, u):
    """First index in aux_u[off:off+ln] whose value exceeds u (clamped to the last)."""
    lo, hi = 0, ln - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if aux_u[off + mid] > u:
            hi = mid
        else:
            lo = mid + 1
    return lo


@njit(nogil=True, cache=True)
def sample_assumptions(prog, u, x, z):
    """Assumption values ``x`` from this sample's uniforms ``u``.

    ``z`` is scratch of length 2·len(prog.cop_idx) for the copula: the normal
    scores, then their correlated versions. A correlated normal or lognormal
    without truncation uses its correlated score directly (no round trip
    through the uniform). Written as one loop on purpose: passing the Program
    (eleven arrays) to a helper per assumption cost more than the sampling.
    """
    n_a = prog.a_start.shape[0]
    k = prog.cop_idx.shape[0]
    for i in range(k):
        z[i] = ndtri(u[2 * prog.cop_idx[i]])
    for i in range(k):
        acc = 0.0
        for m in range(k):
            acc += prog.cop_chol[i, m] * z[m]
        z[k + i] = acc
    c_cumw, c_code, c_par = prog.c_cumw, prog.c_code, prog.c_par
    for j in range(n_a):
        # The mixture component that the second uniform selects.
        uc = u[2 * j + 1]
        leaf = prog.a_start[j]
        last = leaf + prog.a_count[j] - 1
        while leaf < last and c_cumw[leaf] <= uc:
            leaf += 1
        code = c_code[leaf]
        p0 = c_par[leaf, 0]
        p1 = c_par[leaf, 1]
        if code == POINT:
            x[j] = p0
            continue
        ci = prog.a_cop[j]
        lo = c_par[leaf, 2]
        hi = c_par[leaf, 3]
        if code <= LOGNORMAL and ci >= 0 and lo == 0.0 and hi == 1.0:
            v = p0 + p1 * z[k + ci]
            x[j] = math.exp(v) if code == LOGNORMAL else v
            continue
        q = u[2 * j] if ci < 0 else ndtr(z[k + ci])
        # The quantile within the leaf's truncation window.
        uu = lo + q * (hi - lo)
        if code <= LOGNORMAL:
            v = p0 + p1 * ndtri(uu)
            x[j] = math.exp(v) if code == LOGNORMAL else v
        elif code <= LOGUNIFORM:
            v = p0 + (p1 - p0) * uu
            x[j] = math.exp(v) if code == LOGUNIFORM else v
        else:
            x[j] = _aux_ppf(prog.aux_u, prog.aux_x, prog.c_off[leaf], prog.c_len[leaf], uu, code == DISCRETE)


@njit(nogil=True, cache=True)
def copula_scratch(prog):
    """The scratch array :func:`sample_assumptions` needs for this program."""
    return np.empty(2 * prog.cop_idx.shape[0])


@njit(nogil=True, cache=True)
def _aux_ppf(aux_u, aux_x, off, ln, uu, discrete):
    """Discrete values (step) or a tabulated quantile function (linear)."""
    k = _aux_index(aux_u, off, ln, uu)
    if discrete or k == 0:
        return aux_x[off + k]
    u0 = aux_u[off + k - 1]
    u1 = aux_u[off + k]
    if u1 <= u0:
        return aux_x[off + k]
    return aux_x[off + k - 1] + (aux_x[off + k] - aux_x[off + k - 1]) * (uu - u0) / (u1 - u0)
