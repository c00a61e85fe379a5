"""The ``debate`` model in plain numpy: the reference the numba kernel is checked against.

Same equations as ``kernel`` (see its docstring), vectorised over the samples
still running, integrated the other way round on purpose: the kernel steps in
distance and integrates time by Simpson's rule; this steps in time with the
midpoint rule (RK2), no step longer than the scenario's ``step`` (quarterly by
default) nor moving ln L by more than ``LOG_TOL / REFINE``, cut at every event,
with a milestone located within its step. Agreement of the two backends
therefore checks the kernel's stepping as well as its arithmetic (an ODE solver
checks both against the equations in the tests). Clear rather than fast.
"""

from __future__ import annotations

import numpy as np

from debate_explorer.core.engine.kinds.debate import layout as K
from debate_explorer.core.engine.program import Program, sample_numpy

# How much finer than the kernel's the reference's steps are in ln L.
REFINE = 20


def _z_of_k(k: np.ndarray, ld: np.ndarray) -> np.ndarray:
    lin = np.abs(ld) < K.LN_D_EPS
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(lin, k, np.expm1(k * ld) / np.where(lin, 1.0, ld))


def _k_of_z(z: np.ndarray, ld: np.ndarray) -> np.ndarray:
    lin = np.abs(ld) < K.LN_D_EPS
    arg = z * ld
    with np.errstate(divide="ignore", invalid="ignore"):
        curved = np.where(arg <= -1.0, np.inf, np.log1p(np.maximum(arg, -1.0)) / np.where(lin, 1.0, ld))
    return np.where(lin, z, curved)


def research_speed_numpy(log_l: np.ndarray, c: np.ndarray, share: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """R, the research speed, with the CES as written (the kernel splits it: ``rates.amdahl_denominator``)."""
    alpha = cap**K.RHO
    s = (alpha * c**K.RHO + (1.0 - alpha) * np.exp(K.RHO * log_l)) ** (1.0 / K.RHO)  # the CES as written
    return 1.0 / ((1.0 - share) + share / s)


def _stage_tables(x: np.ndarray) -> tuple[np.ndarray, ...]:
    """(n, 3) tables of each stage's requirement, ln L at its start, d ln L / dk and ln d,
    as ``kernel.stage_params``."""
    l0 = np.log1p(x[:, K.P_NOW])
    g_sc, g_agi = np.log(x[:, K.GAIN_SC]), np.log(x[:, K.GAIN_AGI])
    req = x[:, [K.SC_REQ, K.AGI_GAP, K.ASI_GAP]]
    base = np.column_stack([l0, l0 + g_sc, l0 + g_sc + g_agi])
    gain = np.column_stack([g_sc, g_agi, np.zeros(len(x))])
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        slope = np.where(req > K.REQ_EPS, gain / np.where(req > K.REQ_EPS, req, 1.0), 0.0)
    ld = np.zeros_like(req)
    ld[:, 0] = np.log(x[:, K.DIFFICULTY])
    return req, base, slope, ld


class _Pauses:
    """Disruption windows per sample, from the same SplitMix64 streams as the kernel."""

    def __init__(self, x: np.ndarray, seed_u: np.ndarray, start: float, max_pauses: int) -> None:
        hazard = x[:, K.HAZARD]
        with np.errstate(divide="ignore"):
            self.lam = np.where(hazard > K.HAZARD_EPS, -np.log1p(-hazard), 0.0)
        from debate_explorer.core.engine.splitmix import units_numpy  # the kernel's streams (numba module)

        self.units = units_numpy(seed_u, max_pauses)
        self.used = np.zeros(len(x), np.int64)
        self.on = np.zeros(len(x), bool)
        self.at = np.full(len(x), np.inf)
        first = self.lam > 0
        self.at[first] = start - np.log(self.units[first, 0]) / self.lam[first]
        self.used[first] = 1
        self.max = max_pauses

    def advance(self, idx: np.ndarray, t: np.ndarray, pause_years: np.ndarray) -> None:
        """Toggle the disruptions of samples ``idx`` whose boundary is at or before ``t``."""
        hit = idx[t[idx] >= self.at[idx]]
        ending = hit[self.on[hit]]
        starting = hit[~self.on[hit]]
        self.on[ending] = False
        self.at[ending] = np.inf
        more = ending[self.used[ending] < self.max]
        self.at[more] = t[more] - np.log(self.units[more, self.used[more]]) / self.lam[more]
        self.used[more] += 1
        self.on[starting] = True
        self.at[starting] = t[starting] + pause_years[starting]


def _rate(x: np.ndarray, a: np.ndarray, log_l: np.ndarray, after_wall: np.ndarray, pause_on: np.ndarray) -> np.ndarray:
    """dz/dt for samples ``a`` at ln L = ``log_l``: the model's bracket times the disruption factor."""
    late = x[a, K.LATE_FACTOR]
    gc = x[a, K.G_COMPUTE] * np.where(after_wall, late, 1.0)
    c = np.where(after_wall, np.maximum(late, K.C_FLOOR), 1.0)
    r = research_speed_numpy(log_l, c, x[a, K.RESEARCH_SHARE], x[a, K.COMPUTE_CAP])
    rate: np.ndarray = np.where(pause_on, x[a, K.PAUSE_FACTOR], 1.0) * (gc + x[a, K.G_SOFTWARE] * r)
    return rate


def simulate_numpy(x: np.ndarray, seed_u: np.ndarray, c: np.ndarray) -> np.ndarray:
    """(n, 3) milestone years, inf where not reached by the horizon."""
    n = len(x)
    start, horizon = c[K.C_START], c[K.C_HORIZON]
    h = c[K.C_STEP]
    log_tol = c[K.C_LOG_TOL] / REFINE
    ms = np.full((n, 3), np.inf)
    pauses = _Pauses(x, seed_u, start, int(c[K.C_MAX_PAUSES]))
    reqs, bases, slopes, lds = _stage_tables(x)
    t = np.full(n, start)
    k = np.zeros(n)
    z = np.zeros(n)
    stage = np.zeros(n, np.int64)
    active = np.arange(n)
    while len(active):
        a = active
        st = stage[a]
        req, base, slope, ld = reqs[a, st], bases[a, st], slopes[a, st], lds[a, st]
        done = k[a] >= req  # milestones reached (several at once for zero distances)
        if done.any():
            d = a[done]
            ms[d, stage[d]] = t[d]
            stage[d] += 1
            k[d] = 0.0
            z[d] = 0.0
            active = a[(stage[a] < 3)]
            continue
        wall = x[a, K.WALL_YEAR]
        after_wall = t[a] >= wall
        t_event = np.minimum(horizon, pauses.at[a])
        t_event = np.where(after_wall, t_event, np.minimum(t_event, wall))
        dt = np.minimum(h, t_event - t[a])
        on = pauses.on[a]
        v0 = _rate(x, a, base + slope * k[a], after_wall, on)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            w = np.where(np.abs(ld) < K.LN_D_EPS, 1.0, 1.0 + z[a] * ld)
            bound = w * _z_of_k(log_tol / slope, ld) / v0
        dt = np.where((v0 > 0) & (slope > 0), np.minimum(dt, np.maximum(bound, 1e-7)), dt)
        k_mid = np.minimum(_k_of_z(z[a] + 0.5 * v0 * dt, ld), req)
        v = _rate(x, a, base + slope * k_mid, after_wall, on)
        z_target = _z_of_k(req, ld)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            cross = (v > 0) & (z[a] + v * dt >= z_target)
            dt = np.where(cross, (z_target - z[a]) / np.where(v > 0, v, 1.0), dt)
        t[a] += dt
        z[a] = np.where(cross, z_target, z[a] + v * dt)
        k[a] = np.where(cross, req, np.minimum(_k_of_z(z[a], ld), req))
        pauses.advance(a, t, x[:, K.PAUSE_YEARS])
        active = a[t[a] < horizon]
    return ms


def automation_numpy(years: np.ndarray, x: np.ndarray, ms: np.ndarray, horizon: float) -> np.ndarray:
    """(n, n_years) automated share, as ``kernel.economy`` computes it."""
    y = years[None, :]
    t_sc, t_agi = ms[:, :1], ms[:, 1:2]
    share = x[:, K.SHARE_AGI][:, None]
    with np.errstate(invalid="ignore", over="ignore"):
        ramp = share * np.minimum(1.0, (y - t_sc) / np.maximum(np.minimum(t_agi, horizon) - t_sc, 1e-9))
        after = 1.0 - (1.0 - share) * np.exp(-x[:, K.DIFFUSION][:, None] * (y - t_agi))
    return np.where(y < t_sc, 0.0, np.where(y < t_agi, ramp, after))


def _histogram(values: np.ndarray, lo: float, hi: float, bins: int) -> np.ndarray:
    """(n_years, bins + 2) counts with under/overflow, binned as ``kernel.bin_index``."""
    idx = np.where(
        values < lo, 0, np.where(values >= hi, bins + 1, 1 + ((values - lo) * (bins / (hi - lo))).astype(np.int64))
    )
    out = np.zeros((values.shape[1], bins + 2), np.int64)
    for y in range(values.shape[1]):
        out[y] = np.bincount(idx[:, y], minlength=bins + 2)
    return out


def debate_chunk_numpy(rng: np.random.Generator, prog: Program, c: np.ndarray, ms_out, extras, hist, inputs):
    """The numpy counterpart of ``kernel.debate_chunk`` (same draws, same outputs)."""
    n = ms_out.shape[0]
    n_a = len(prog.a_start)
    u = rng.random((n, 2 * n_a + 1))
    x = sample_numpy(prog, u)
    if inputs.shape[0]:
        inputs[:] = x
    ms = simulate_numpy(x, u[:, 2 * n_a], c)
    ms_out[:] = ms
    years = c[K.C_YEAR0] + np.arange(int(c[K.C_NYEARS]))
    auto = automation_numpy(years, x, ms, c[K.C_HORIZON])
    growth = x[:, K.BASE_GROWTH][:, None] + (x[:, K.BOOST] * x[:, K.SUBSTITUTION])[:, None] * auto
    g_bins, a_bins = int(c[K.C_G_BINS]), int(c[K.C_A_BINS])
    hist[0, :, : g_bins + 2] += _histogram(growth, c[K.C_G_LO], c[K.C_G_HI], g_bins)
    hist[1, :, : a_bins + 2] += _histogram(auto, c[K.C_A_LO], c[K.C_A_HI], a_bins)
    regime = np.flatnonzero(years == c[K.C_REGIME_YEAR])
    extras[:, 0] = growth[:, regime[0]] if len(regime) else np.nan
