"""The ``debate`` model in plain numpy: the reference the numba kernel is checked against.

It walks all samples of a chunk through the same events as ``debate_kernel``
(grid steps, 1 January, the compute wall, pauses, milestones), vectorised over
the samples still running. Clear rather than fast.
"""

from __future__ import annotations

import numpy as np

from debate_explorer.core.engine.kinds.debate import kernel as K
from debate_explorer.core.engine.program import Program, sample_numpy
from debate_explorer.core.engine.splitmix import units_numpy


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


def _log_speedup(k: np.ndarray, x: np.ndarray) -> np.ndarray:
    k_sc, gap = x[:, K.SC_REQ], x[:, K.AGI_GAP]
    l_now, l_sc, l_agi = np.log1p(x[:, K.P_NOW]), np.log1p(x[:, K.P_SC]), np.log1p(x[:, K.P_AGI])
    with np.errstate(divide="ignore", invalid="ignore"):
        before = l_now + (l_sc - l_now) * k / k_sc
        between = l_sc + (l_agi - l_sc) * (k - k_sc) / gap
    return np.where(k < k_sc, before, np.where(k < k_sc + gap, between, l_agi))


def _slopes(x: np.ndarray, k_targets: np.ndarray) -> np.ndarray:
    """(n, 2): d log M / dK before SC and between SC and AGI."""
    l_now, l_sc, l_agi = np.log1p(x[:, K.P_NOW]), np.log1p(x[:, K.P_SC]), np.log1p(x[:, K.P_AGI])
    gap = x[:, K.AGI_GAP]
    with np.errstate(divide="ignore", invalid="ignore"):
        after = np.where(gap > 0, (l_agi - l_sc) / np.where(gap > 0, gap, 1.0), 0.0)
    return np.column_stack([(l_sc - l_now) / k_targets[:, 0], after])


def _exact_gain(a: np.ndarray, b: np.ndarray, s: np.ndarray, dt: np.ndarray) -> np.ndarray:
    """As ``debate_kernel.exact_gain``, vectorised."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        x = s * a * dt
        phi = np.where(x == 0.0, 1.0, -np.expm1(-x) / np.where(x == 0.0, 1.0, x))
        delta = -np.expm1(-x) + b * s * dt * phi
        curved = np.where(delta >= 1.0, np.inf, -np.log1p(-np.minimum(delta, 1.0)) / np.where(s == 0, 1.0, s))
    return np.where(np.abs(s) < 1e-12, (a + b) * dt, curved)


def _exact_time(a: np.ndarray, b: np.ndarray, s: np.ndarray, du: np.ndarray) -> np.ndarray:
    """As ``debate_kernel.exact_time``, vectorised."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        one_minus_y = -np.expm1(-s * du)
        no_compute = one_minus_y / (s * b)
        general = np.log1p(a * one_minus_y / (a * (1.0 - one_minus_y) + b)) / (s * a)
        curved = np.where(a == 0.0, no_compute, general)
        return np.where(np.abs(s) < 1e-12, du / (a + b), curved)


def _merged_steps(drift: np.ndarray, step: float) -> np.ndarray:
    """As ``debate_kernel.merged_steps``, vectorised."""
    with np.errstate(divide="ignore", over="ignore"):
        many = np.floor(K.RATE_TOLERANCE / (drift * step)) - 1
    many = np.where(drift <= 0, K.MAX_MERGE, np.minimum(K.MAX_MERGE, many))
    return np.where(drift * step >= K.RATE_TOLERANCE, 0, many)


class _Pauses:
    """Pause schedule per sample, from the same SplitMix64 streams as the kernel."""

    def __init__(self, x: np.ndarray, seed_u: np.ndarray, start: float, max_pauses: int) -> None:
        hazard = x[:, K.HAZARD]
        with np.errstate(divide="ignore"):
            self.lam = np.where(hazard > 0, -np.log1p(-hazard), 0.0)
        self.units = units_numpy(seed_u, max_pauses)
        self.used = np.zeros(len(x), np.int64)
        self.in_pause = np.zeros(len(x), bool)
        self.at = np.full(len(x), np.inf)
        first = self.lam > 0
        self.at[first] = start - np.log(self.units[first, 0]) / self.lam[first]
        self.used[first] = 1
        self.max = max_pauses

    def advance(self, idx: np.ndarray, t: np.ndarray, pause_years: np.ndarray) -> None:
        """Toggle the pauses of samples ``idx`` whose boundary is at or before ``t``."""
        hit = idx[t[idx] >= self.at[idx]]
        ending = hit[self.in_pause[hit]]
        starting = hit[~self.in_pause[hit]]
        self.in_pause[ending] = False
        self.at[ending] = np.inf
        more = ending[self.used[ending] < self.max]
        self.at[more] = t[more] - np.log(self.units[more, self.used[more]]) / self.lam[more]
        self.used[more] += 1
        self.in_pause[starting] = True
        self.at[starting] = t[starting] + pause_years[starting]


def simulate_numpy(x: np.ndarray, seed_u: np.ndarray, c: np.ndarray):
    """Milestone years (n, 3), growth at the regime year (n,), and K at each 1 January."""
    n = len(x)
    start, horizon, step = c[K.C_START], c[K.C_HORIZON], c[K.C_STEP]
    year0, n_years = c[K.C_YEAR0], int(c[K.C_NYEARS])
    ld = np.log(x[:, K.DIFFICULTY])
    k_targets = np.cumsum(x[:, [K.SC_REQ, K.AGI_GAP, K.ASI_GAP]], axis=1)
    ms = np.full((n, 3), np.inf)
    kyear = np.zeros((n, n_years))
    pauses = _Pauses(x, seed_u, start, int(c[K.C_MAX_PAUSES]))
    t = np.full(n, start)
    z = np.zeros(n)
    k = np.zeros(n)
    phase = np.zeros(n, np.int64)
    i_grid = np.ones(n)
    years = year0 + np.arange(n_years)
    next_year = np.full(n, int(np.searchsorted(years, start, side="right")))
    rows = np.arange(n)
    slopes = _slopes(x, k_targets)

    active = rows[(t < horizon)]
    while len(active):
        a = active
        xa = x[a]
        c_fac = np.where(t[a] < xa[:, K.WALL_YEAR], 1.0, xa[:, K.LATE_FACTOR])
        soft = np.exp(_log_speedup(k[a], xa)) * xa[:, K.G_SOFTWARE]
        pf = np.where(pauses.in_pause[a], xa[:, K.PAUSE_FACTOR], 1.0)
        rate = (c_fac * xa[:, K.G_COMPUTE] + soft) * pf
        t_next = np.minimum(horizon, pauses.at[a])
        t_next = np.where(t[a] < xa[:, K.WALL_YEAR], np.minimum(t_next, xa[:, K.WALL_YEAR]), t_next)
        slope = np.where(phase[a] == 0, slopes[a, 0], slopes[a, 1])
        exact = (np.abs(ld[a]) < K.LN_D_EPS) & (phase[a] < 2)
        drift = soft * pf * np.abs(slope) / (1.0 + z[a] * ld[a])
        grid_next = np.where(exact, np.inf, start + (i_grid[a] + _merged_steps(drift, step)) * step)
        ny = next_year[a]
        year_next = np.where((phase[a] == 1) & (ny < n_years), year0 + ny, np.inf)
        t_next = np.where(phase[a] < 2, np.minimum(t_next, np.minimum(grid_next, year_next)), t_next)
        dt = t_next - t[a]
        before_agi = (phase[a] < 2) & (rate > 0) & ~exact
        k_mid = np.minimum(k[a] + rate * dt * 0.5 / (1.0 + z[a] * ld[a]), k_targets[a, np.minimum(phase[a], 2)])
        h = np.where(before_agi, _log_speedup(k_mid, xa) - _log_speedup(k[a], xa), 0.0)
        with np.errstate(over="ignore", invalid="ignore"):
            rate_mid = (c_fac * xa[:, K.G_COMPUTE] + soft * np.exp(h)) * pf
        rate = np.where(before_agi, rate_mid, rate)
        z_target = _z_of_k(k_targets[a, phase[a]], ld[a])
        # d = 1 before AGI: the closed form of debate_kernel.exact_gain / exact_time.
        a_exact = c_fac * xa[:, K.G_COMPUTE] * pf
        du = _exact_gain(a_exact, soft * pf, slope, dt)
        to_go = k_targets[a, np.minimum(phase[a], 2)] - k[a]
        cross = np.where(exact, du >= to_go, (rate > 0) & (z[a] + rate * dt >= z_target))
        with np.errstate(divide="ignore", invalid="ignore"):
            t_cross = t[a] + np.where(exact, _exact_time(a_exact, soft * pf, slope, to_go),
                                      (z_target - z[a]) / rate)

        c_idx = a[cross]
        if len(c_idx):
            tc = t_cross[cross]
            t[c_idx] = tc
            z[c_idx] = z_target[cross]
            k[c_idx] = k_targets[c_idx, phase[c_idx]]
            ms[c_idx, phase[c_idx]] = tc
            phase[c_idx] += 1
            for _ in range(2):  # zero gaps: later milestones at the same moment
                same = c_idx[(phase[c_idx] < 3)]
                same = same[k_targets[same, phase[same]] <= k[same]]
                ms[same, phase[same]] = t[same]
                phase[same] += 1

        m_idx = a[~cross]
        if len(m_idx):
            stepped = ~cross
            z[m_idx] = np.where(exact[stepped], k[m_idx] + du[stepped], z[m_idx] + rate[stepped] * dt[stepped])
            t[m_idx] = t_next[stepped]
            k[m_idx] = _k_of_z(z[m_idx], ld[m_idx])
        _catch_up(a, t, k, i_grid, next_year, kyear, start, step, year0, n_years)
        pauses.advance(a, t, x[:, K.PAUSE_YEARS])

        active = rows[(t < horizon) & (phase < 3)]
    return ms, kyear


def _catch_up(a, t, k, i_grid, next_year, kyear, start, step, year0, n_years) -> None:
    """Advance the grid index and the calendar past t, as the kernel does after every step."""
    while True:
        behind = a[start + i_grid[a] * step <= t[a]]
        if not len(behind):
            break
        i_grid[behind] += 1
    while True:
        due = a[next_year[a] < n_years]
        due = due[year0 + next_year[due] <= t[due]]
        if not len(due):
            break
        kyear[due, next_year[due]] = k[due]
        next_year[due] += 1


def automation_numpy(years: np.ndarray, x: np.ndarray, ms: np.ndarray, kyear: np.ndarray) -> np.ndarray:
    """(n, n_years) automated share, as ``debate_kernel.automation_share``."""
    y = years[None, :]
    t_sc, t_agi = ms[:, :1], ms[:, 1:2]
    share = x[:, K.SHARE_AGI][:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.clip((kyear - x[:, K.SC_REQ][:, None]) / x[:, K.AGI_GAP][:, None], 0.0, 1.0)
        after = 1.0 - (1.0 - share) * np.exp(-x[:, K.DIFFUSION][:, None] * (y - t_agi))
    return np.where(y < t_sc, 0.0, np.where(y < t_agi, share * np.nan_to_num(frac), after))


def _histogram(values: np.ndarray, lo: float, hi: float, bins: int) -> np.ndarray:
    """(n_years, bins + 2) counts with under/overflow, binned as ``bin_index``."""
    idx = np.where(values < lo, 0, np.where(values >= hi, bins + 1,
                                            1 + ((values - lo) / (hi - lo) * bins).astype(np.int64)))
    out = np.zeros((values.shape[1], bins + 2), np.int64)
    for y in range(values.shape[1]):
        out[y] = np.bincount(idx[:, y], minlength=bins + 2)
    return out


def debate_chunk_numpy(rng: np.random.Generator, prog: Program, c: np.ndarray, ms_out, extras, hist, inputs):
    """The numpy counterpart of ``debate_kernel.debate_chunk`` (same draws, same outputs)."""
    n = ms_out.shape[0]
    n_a = len(prog.a_start)
    u = rng.random((n, 2 * n_a + 1))
    x = sample_numpy(prog, u)
    if inputs.shape[0]:
        inputs[:] = x
    ms, kyear = simulate_numpy(x, u[:, 2 * n_a], c)
    ms_out[:] = ms
    years = c[K.C_YEAR0] + np.arange(int(c[K.C_NYEARS]))
    auto = automation_numpy(years, x, ms, kyear)
    growth = x[:, K.BASE_GROWTH][:, None] + x[:, K.BOOST][:, None] * auto
    g_bins, a_bins = int(c[K.C_G_BINS]), int(c[K.C_A_BINS])
    hist[0, :, :g_bins + 2] += _histogram(growth, c[K.C_G_LO], c[K.C_G_HI], g_bins)
    hist[1, :, :a_bins + 2] += _histogram(auto, c[K.C_A_LO], c[K.C_A_HI], a_bins)
    regime = np.flatnonzero(years == c[K.C_REGIME_YEAR])
    extras[:, 0] = growth[:, regime[0]] if len(regime) else np.nan
