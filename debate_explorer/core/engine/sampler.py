"""Numba sampling of one Monte Carlo sample's assumptions from a compiled Program.

The semantics are those of ``program.sample_numpy`` (the reference); this is the
per-sample loop the kernels call, so no large matrix of uniforms is ever
materialised (writing one costs more memory bandwidth than drawing it).
"""

from __future__ import annotations

import math

import numpy as np

from debate_explorer.core.engine.jit import njit
from debate_explorer.core.engine.program import DISCRETE, LOGNORMAL, LOGUNIFORM, POINT
from debate_explorer.core.engine.special import ndtr, ndtri, ndtri_central, ndtri_is_central


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


@njit(nogil=True, cache=True, inline="always")
def _table_index(aux_u, off, ln, u):
    """``_aux_index`` on a quantile table's cosine-spaced grid (``program._TABLE_U``):
    started where that grid's formula puts u and walked to the exact index, so it agrees
    with the search on any sorted grid. A binary search over 2,049 points waits on about
    eleven dependent loads (or as many branches taken at random); this needs an acos
    and one or two neighbours.
    """
    g = (ln - 1) / math.pi * math.acos(min(max(1.0 - 2.0 * u, -1.0), 1.0))
    j = min(max(int(g), 0), ln - 1)
    while j > 0 and not aux_u[off + j - 1] <= u:
        j -= 1
    while j < ln - 1 and aux_u[off + j] <= u:
        j += 1
    return j


@njit(nogil=True, cache=True)
def draw_block(rng, u, m):
    """Fill the first ``m`` rows of ``u`` with uniforms in row order (as ``draw_uniforms`` row by row)."""
    for i in range(m):
        for k in range(u.shape[1]):
            u[i, k] = rng.random()


@njit(nogil=True, cache=True)
def sample_assumptions(prog, u, x, z):
    """Assumption values ``x`` from one sample's uniforms ``u`` (see :func:`sample_block`)."""
    sample_block(prog, u.reshape((1, u.shape[0])), x.reshape((1, x.shape[0])), z, 1)


@njit(nogil=True, cache=True, error_model="numpy")
def sample_block(prog, u, x, z, m):
    """Assumption values ``x[i]`` from the uniforms ``u[i]`` of the first ``m`` rows.

    ``z`` is scratch from :func:`sampling_scratch` for at least ``m`` rows: for the
    copula, the normal scores, then their correlated versions; then the normal
    quantiles the block defers (below). A correlated normal or lognormal
    without truncation uses its correlated score directly (no round trip
    through the uniform). A block of rows per call, with the Program's arrays
    bound once: numba counts references to arrays passed into a function, and
    an atomic count per array and sample cost more than the sampling itself.

    The normal quantiles of (log)normal leaves are deferred to the end of the block
    and found in one loop of ``ndtri_central`` that vectorises; the few in the tails
    are then found one by one. The values are ndtri's, bit for bit.
    """
    a_start, a_count, a_cop = prog.a_start, prog.a_count, prog.a_cop
    c_cumw, c_code, c_par, c_off, c_len = prog.c_cumw, prog.c_code, prog.c_par, prog.c_off, prog.c_len
    aux_u, aux_x, cop_idx, cop_chol = prog.aux_u, prog.aux_x, prog.cop_idx, prog.cop_chol
    n_a = a_start.shape[0]
    k = cop_idx.shape[0]
    cap = m * n_a
    if z.shape[0] < 2 * k + 4 * cap:
        raise ValueError("sampling scratch too small for the block")
    d_u, d_z = z[2 * k : 2 * k + cap], z[2 * k + cap : 2 * k + 2 * cap]
    d_at, d_leaf = z[2 * k + 2 * cap : 2 * k + 3 * cap], z[2 * k + 3 * cap : 2 * k + 4 * cap]
    nd = 0
    for r in range(m):
        for i in range(k):
            z[i] = ndtri(u[r, 2 * cop_idx[i]])
        for i in range(k):
            acc = 0.0
            for mm in range(k):
                acc += cop_chol[i, mm] * z[mm]
            z[k + i] = acc
        for j in range(n_a):
            # The mixture component that the second uniform selects: the first whose
            # cumulative weight exceeds uc, counted without a branch per leaf (the
            # weights are sorted, so the count of those at or below uc is its offset).
            uc = u[r, 2 * j + 1]
            first = a_start[j]
            leaf = first
            for w in range(first, first + a_count[j] - 1):
                leaf += c_cumw[w] <= uc
            code = c_code[leaf]
            p0 = c_par[leaf, 0]
            p1 = c_par[leaf, 1]
            if code == POINT:
                x[r, j] = p0
                continue
            ci = a_cop[j]
            lo = c_par[leaf, 2]
            hi = c_par[leaf, 3]
            if code <= LOGNORMAL and ci >= 0 and lo == 0.0 and hi == 1.0:
                v = p0 + p1 * z[k + ci]
                x[r, j] = math.exp(v) if code == LOGNORMAL else v
                continue
            q = u[r, 2 * j] if ci < 0 else ndtr(z[k + ci])
            # The quantile within the leaf's truncation window.
            uu = lo + q * (hi - lo)
            if code <= LOGNORMAL:  # deferred: (where, leaf, uniform)
                d_u[nd], d_at[nd], d_leaf[nd] = uu, r * n_a + j, leaf
                nd += 1
            elif code <= LOGUNIFORM:
                v = p0 + (p1 - p0) * uu
                x[r, j] = math.exp(v) if code == LOGUNIFORM else v
            else:
                # Discrete values (a step) or a tabulated quantile function (linear).
                off = c_off[leaf]
                kk = off + (
                    _aux_index(aux_u, off, c_len[leaf], uu)
                    if code == DISCRETE
                    else _table_index(aux_u, off, c_len[leaf], uu)
                )
                if code == DISCRETE or kk == off or aux_u[kk] <= aux_u[kk - 1]:
                    x[r, j] = aux_x[kk]
                else:
                    u0, u1 = aux_u[kk - 1], aux_u[kk]
                    x[r, j] = aux_x[kk - 1] + (aux_x[kk] - aux_x[kk - 1]) * (uu - u0) / (u1 - u0)

    _finish_normals(c_code, c_par, x, n_a, d_u, d_z, d_at, d_leaf, nd)


@njit(nogil=True, cache=True, inline="always")
def _finish_normals(c_code, c_par, x, n_a, d_u, d_z, d_at, d_leaf, nd):
    """The deferred (log)normal values of a block: central quantiles in one vectorised
    loop, then each value from its leaf (the tails through ``ndtri``)."""
    for e in range(nd):
        d_z[e] = ndtri_central(d_u[e])
    for e in range(nd):
        at, leaf, p = int(d_at[e]), int(d_leaf[e]), d_u[e]
        v = c_par[leaf, 0] + c_par[leaf, 1] * (d_z[e] if ndtri_is_central(p) else ndtri(p))
        x[at // n_a, at % n_a] = math.exp(v) if c_code[leaf] == LOGNORMAL else v


@njit(nogil=True, cache=True)
def sampling_scratch(prog, rows):
    """The scratch array :func:`sample_block` needs for blocks of up to ``rows`` rows."""
    return np.empty(2 * prog.cop_idx.shape[0] + 4 * rows * prog.a_start.shape[0])
