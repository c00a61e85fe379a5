"""Distributions compiled into flat arrays the kernels can sample from.

Every assumption becomes a list of weighted *leaves* (single-family
distributions), each sampled by its inverse CDF. Per sample and assumption the
kernels read two uniforms:

- ``uq`` — the quantile. Truncation (the user's bounds intersected with the
  assumption's physical range) maps it into ``[F(lower), F(upper)]`` so the draw
  is conditioned on the range, never clipped onto its ends.
- ``uc`` — which leaf of a mixture to use (by cumulative weight).

How the copula composes with mixtures: the Gaussian copula correlates the
``uq`` of the assumptions it names; ``uc`` stays independent. For a
single-family assumption the requested rank correlation is therefore exact; for
a mixture it holds within each component, and the choice of component is
independent — the correlation of the pooled values is weaker when components
are far apart. Keeping ``uc`` separate means that changing mixture weights only
moves the samples whose ``uc`` crosses a boundary, which keeps common-random-
number comparisons (cruxes) low-noise.

Leaf codes and their parameters ``par = (p0, p1, u_lo, u_hi)``:

====  ==========  =================================================
code  family      p0, p1
====  ==========  =================================================
0     point       value, -
1     normal      mean, sd
2     lognormal   mean of log, sd of log
3     uniform     low, high
4     loguniform  log low, log high
5     table       (inverse CDF tabulated in aux, e.g. beta)
6     discrete    (cumulative probabilities and values in aux)
====  ==========  =================================================
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple, cast

import numpy as np

from debate_explorer.core.engine.quantiles import betainc, betaincinv, ndtri
from debate_explorer.core.errors import InputError
from debate_explorer.core.model.distributions import (
    AnyDist,
    Beta,
    Discrete,
    Lognormal,
    LogUniform,
    Normal,
    Point,
    Uniform,
)

POINT, NORMAL, LOGNORMAL, UNIFORM, LOGUNIFORM, TABLE, DISCRETE = range(7)

# Tabulated inverse CDFs use a cosine-spaced grid: dense near 0 and 1 where
# quantile functions are steep.
_TABLE_U = 0.5 * (1.0 - np.cos(np.linspace(0.0, np.pi, 2049)))


class Program(NamedTuple):
    """Flat arrays describing how to sample every assumption of a model kind."""

    a_start: np.ndarray  # (n_assumptions,) int64 index of the first leaf
    a_count: np.ndarray  # (n_assumptions,) int64 number of leaves
    c_cumw: np.ndarray  # (n_leaves,) float64 cumulative weight within the assumption
    c_code: np.ndarray  # (n_leaves,) int64 leaf code
    c_par: np.ndarray  # (n_leaves, 4) float64 p0, p1, u_lo, u_hi
    c_off: np.ndarray  # (n_leaves,) int64 offset into aux
    c_len: np.ndarray  # (n_leaves,) int64 length in aux
    aux_u: np.ndarray  # float64 cumulative probabilities / table grid
    aux_x: np.ndarray  # float64 values / table quantiles
    cop_idx: np.ndarray  # (k,) int64 assumptions in the copula
    a_cop: np.ndarray  # (n_assumptions,) int64 position in cop_idx, or -1
    cop_chol: np.ndarray  # (k, k) float64 Cholesky factor of their normal correlation


class _Builder:
    def __init__(self) -> None:
        self.cumw: list[float] = []
        self.code: list[int] = []
        self.par: list[tuple[float, float, float, float]] = []
        self.off: list[int] = []
        self.len: list[int] = []
        self.aux_u: list[np.ndarray] = []
        self.aux_x: list[np.ndarray] = []
        self.aux_len = 0

    def add_aux(self, u: Sequence[float] | np.ndarray, x: Sequence[float] | np.ndarray) -> tuple[int, int]:
        off = self.aux_len
        self.aux_u.append(np.asarray(u, np.float64))
        self.aux_x.append(np.asarray(x, np.float64))
        self.aux_len += len(u)
        return off, len(u)


def _phi(x: float) -> float:
    """Standard normal CDF (scipy is imported only where it is needed: it is slow to load)."""
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def _leaf_cdf(dist: AnyDist, v: float) -> float:
    """The CDF of a continuous leaf at ``v`` (ignoring its truncation bounds)."""
    if isinstance(dist, Normal):
        return _phi((v - dist.mu) / dist.sigma)
    if isinstance(dist, Lognormal):
        return 0.0 if v <= 0 else _phi((math.log(v) - dist.mu) / dist.sigma)
    if isinstance(dist, LogUniform):
        a, b = math.log(dist.low), math.log(dist.high)
        return 0.0 if v <= 0 else min(max((math.log(v) - a) / (b - a), 0.0), 1.0)
    if isinstance(dist, Uniform):
        return min(max((v - dist.low) / (dist.high - dist.low), 0.0), 1.0)
    if isinstance(dist, Beta):
        return float(betainc(dist.alpha, dist.beta, min(max(v, 0.0), 1.0)))
    raise TypeError(dist)  # pragma: no cover - callers only pass the families above


def _cdf_window(dist: AnyDist, lo: float, hi: float) -> tuple[float, float]:
    """(F(lo), F(hi)) for the leaf's own CDF, after intersecting with its bounds."""
    lower = getattr(dist, "lower", None)
    upper = getattr(dist, "upper", None)
    lo = lo if lower is None else max(lo, lower)
    hi = hi if upper is None else min(hi, upper)
    return (0.0 if lo == -math.inf else _leaf_cdf(dist, lo)), (1.0 if hi == math.inf else _leaf_cdf(dist, hi))


@lru_cache(maxsize=256)
def _beta_table(alpha: float, beta: float) -> np.ndarray:
    """The beta quantile function on the table grid (the same few betas recur in every compile)."""
    xs = betaincinv(alpha, beta, _TABLE_U)
    xs.setflags(write=False)
    return xs


def _add_leaf(b: _Builder, dist: AnyDist, lo: float, hi: float, where: str, tables: bool = True) -> None:
    off, length = 0, 0
    if isinstance(dist, Point):
        if not lo <= dist.value <= hi:
            raise InputError(f"value {dist.value:g} is outside the valid range [{lo:g}, {hi:g}]", field=where)
        b.code.append(POINT)
        b.par.append((dist.value, 0.0, 0.0, 1.0))
    elif isinstance(dist, Discrete):
        outside = [v for v in dist.values if not lo <= v <= hi]
        if outside:
            raise InputError(f"value {outside[0]:g} is outside the valid range [{lo:g}, {hi:g}]", field=where)
        cum = np.cumsum(dist.probs) / sum(dist.probs)
        off, length = b.add_aux(cum, dist.values)
        b.code.append(DISCRETE)
        b.par.append((0.0, 0.0, 0.0, 1.0))
    else:
        u_lo, u_hi = _cdf_window(dist, lo, hi)
        if not u_hi - u_lo > 1e-12:
            raise InputError(
                f"{dist.describe()} has no probability inside the valid range [{lo:g}, {hi:g}]", field=where
            )
        if isinstance(dist, Beta):
            # Without tables (a check only: nothing will be sampled) the quantile table is a stand-in.
            xs = _beta_table(dist.alpha, dist.beta) if tables else np.zeros_like(_TABLE_U)
            off, length = b.add_aux(_TABLE_U, xs)
            b.code.append(TABLE)
            b.par.append((0.0, 0.0, u_lo, u_hi))
        elif isinstance(dist, (Normal, Lognormal)):
            b.code.append(NORMAL if isinstance(dist, Normal) else LOGNORMAL)
            b.par.append((dist.mu, dist.sigma, u_lo, u_hi))
        elif isinstance(dist, LogUniform):
            b.code.append(LOGUNIFORM)
            b.par.append((math.log(dist.low), math.log(dist.high), u_lo, u_hi))
        elif isinstance(dist, Uniform):
            b.code.append(UNIFORM)
            b.par.append((dist.low, dist.high, u_lo, u_hi))
        else:  # a mixture is split into its leaves before it gets here
            raise TypeError(f"not a leaf distribution: {dist.describe()}")
    b.off.append(off)
    b.len.append(length)


def compile_program(
    dists: Sequence[AnyDist],
    bounds: Sequence[tuple[float, float]],
    names: Sequence[str],
    correlation: np.ndarray | None = None,
    *,
    tables: bool = True,
) -> Program:
    """Compile one distribution per assumption (and an optional normal-scale
    correlation matrix over all assumptions) into a :class:`Program`.

    ``tables=False`` checks everything but leaves the beta quantile tables empty: for
    ``validate``, which samples nothing and should not wait for scipy to load."""
    b = _Builder()
    starts, counts = [], []
    for dist, (lo, hi), name in zip(dists, bounds, names):
        leaves = dist.leaves()
        starts.append(len(b.code))
        counts.append(len(leaves))
        total = 0.0
        for weight, leaf in leaves:
            total += weight
            b.cumw.append(total)
            _add_leaf(b, cast(AnyDist, leaf), lo, hi, name, tables)
        b.cumw[-1] = 1.0  # guard against rounding: the last leaf always catches uc
    cop_idx, chol = _copula(correlation, len(dists))
    a_cop = np.full(len(dists), -1, np.int64)
    a_cop[cop_idx] = np.arange(len(cop_idx))
    return Program(
        a_start=np.asarray(starts, np.int64),
        a_count=np.asarray(counts, np.int64),
        c_cumw=np.asarray(b.cumw, np.float64),
        c_code=np.asarray(b.code, np.int64),
        c_par=np.asarray(b.par, np.float64).reshape(-1, 4),
        c_off=np.asarray(b.off, np.int64),
        c_len=np.asarray(b.len, np.int64),
        aux_u=np.concatenate([*b.aux_u, [0.0]]),
        aux_x=np.concatenate([*b.aux_x, [0.0]]),
        cop_idx=cop_idx,
        a_cop=a_cop,
        cop_chol=chol,
    )


def _copula(correlation: np.ndarray | None, n: int) -> tuple[np.ndarray, np.ndarray]:
    if correlation is None:
        return np.zeros(0, np.int64), np.zeros((0, 0), np.float64)
    involved = [i for i in range(n) if np.any(correlation[i, np.arange(n) != i] != 0)]
    idx = np.asarray(involved, np.int64)
    sub = correlation[np.ix_(idx, idx)]
    return idx, cholesky_psd(sub)


def cholesky_psd(matrix: np.ndarray) -> np.ndarray:
    """Cholesky factor of a correlation matrix that may be only semi-definite."""
    if matrix.size == 0:
        return np.zeros((0, 0))
    try:
        return np.linalg.cholesky(matrix)
    except np.linalg.LinAlgError:
        # Semi-definite (e.g. a correlation of exactly 1): factor via eigenvalues.
        w, v = np.linalg.eigh(matrix)
        w = np.clip(w, 0.0, None)
        factor = v * np.sqrt(w)
        # A lower-triangular factor is not needed: any L with L Lᵀ = R works.
        return np.ascontiguousarray(factor)


def leaf_ppf_numpy(prog: Program, leaf: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Inverse CDF of the given leaves at quantiles ``u`` (the numpy reference)."""
    code = prog.c_code[leaf]
    p0, p1, u_lo, u_hi = (prog.c_par[leaf, k] for k in range(4))
    uu = np.clip(u_lo + u * (u_hi - u_lo), 2.0**-60, 1.0 - 2.0**-53)
    out = np.empty_like(u)
    for c in np.unique(code):
        m = code == c
        if c == POINT:
            out[m] = p0[m]
        elif c in (NORMAL, LOGNORMAL):
            z = p0[m] + p1[m] * ndtri(uu[m])
            out[m] = np.exp(z) if c == LOGNORMAL else z
        elif c in (UNIFORM, LOGUNIFORM):
            z = p0[m] + (p1[m] - p0[m]) * uu[m]
            out[m] = np.exp(z) if c == LOGUNIFORM else z
        else:
            out[m] = _aux_lookup(prog, leaf[m], uu[m] if c == TABLE else u[m], interpolate=c == TABLE)
    return out


def _aux_lookup(prog: Program, leaf: np.ndarray, u: np.ndarray, interpolate: bool) -> np.ndarray:
    out = np.empty_like(u)
    for lf in np.unique(leaf):
        m = leaf == lf
        off, ln = prog.c_off[lf], prog.c_len[lf]
        grid, xs = prog.aux_u[off : off + ln], prog.aux_x[off : off + ln]
        if interpolate:
            out[m] = np.interp(u[m], grid, xs)
        else:
            k = np.minimum(np.searchsorted(grid, u[m], side="right"), ln - 1)
            out[m] = xs[k]
    return out


def sample_numpy(prog: Program, uniforms: np.ndarray) -> np.ndarray:
    """Assumption values for each row of ``uniforms`` (n, >= 2·n_assumptions)."""
    n_a = len(prog.a_start)
    uq = uniforms[:, 0 : 2 * n_a : 2].copy()
    uc = uniforms[:, 1 : 2 * n_a : 2]
    scores = np.zeros((len(uniforms), 0))
    if len(prog.cop_idx):
        from scipy import special  # only for correlated assumptions: scipy is slow to import

        z = ndtri(np.clip(uq[:, prog.cop_idx], 2.0**-60, 1.0 - 2.0**-53))
        scores = z @ prog.cop_chol.T
        uq[:, prog.cop_idx] = special.ndtr(scores)
    out = np.empty(uq.shape)
    for j in range(n_a):
        s, c = prog.a_start[j], prog.a_count[j]
        leaf = s + np.minimum(np.searchsorted(prog.c_cumw[s : s + c], uc[:, j], side="right"), c - 1)
        out[:, j] = leaf_ppf_numpy(prog, leaf, uq[:, j])
        if prog.a_cop[j] >= 0:  # as the kernel: correlated untruncated normals use the score itself
            direct = (
                (prog.c_code[leaf] <= LOGNORMAL)
                & (prog.c_code[leaf] >= NORMAL)
                & (prog.c_par[leaf, 2] == 0.0)
                & (prog.c_par[leaf, 3] == 1.0)
            )
            v = prog.c_par[leaf, 0] + prog.c_par[leaf, 1] * scores[:, prog.a_cop[j]]
            v = np.where(prog.c_code[leaf] == LOGNORMAL, np.exp(np.minimum(v, 700.0)), v)
            out[:, j] = np.where(direct, v, out[:, j])
    return out


def sample_distribution(
    dist: AnyDist, bounds: tuple[float, float] = (-math.inf, math.inf), n: int = 4096
) -> np.ndarray:
    """``n`` stratified draws from one distribution (sorted), for pictures and quantiles.

    The quantile uniforms are evenly spaced and the mixture choices a fixed
    permutation of evenly spaced values, so the result is smooth and the same on
    every call — right for a sparkline or a 10th/90th percentile, not for Monte
    Carlo estimates of anything else.
    """
    prog = compile_program([dist], [bounds], ["distribution"])
    grid = (np.arange(n) + 0.5) / n
    u = np.column_stack([grid, np.random.default_rng(0).permutation(grid)])
    return np.sort(sample_numpy(prog, u)[:, 0])
