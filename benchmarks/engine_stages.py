"""Where a `debate` run spends its time: CPU per sample of each stage, on one thread.

Each stage runs the engine's own block functions over the same blocks the
chunk kernel uses, and a stage's cost is the difference to the stage before:
draws alone, then sampling with the priors only (inverse CDFs), then with the
graph's mixtures (the linking mixtures' cost), then the trajectories and the
economy on stored inputs. The copula is timed on ai2027_eli.toml (the baseline
has none) as its program with and without its correlations. Summaries
(quantiles, band percentiles, regimes) are timed in Python on a 10^6 result.
"""

from __future__ import annotations

import time

import numpy as np
from numba import njit

from debate_explorer.core.engine.compute import compile_scenario
from debate_explorer.core.engine.kinds.debate.kernel import BLOCK, economy_block, simulate_block
from debate_explorer.core.engine.program import Program
from debate_explorer.core.engine.sampler import draw_block, sample_block, sampling_scratch
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import scenarios_dir

STAGE_SAMPLES = 65_536


@njit(nogil=True, cache=True)
def _draw(rng, u, n):
    for lo in range(0, n, u.shape[0]):
        draw_block(rng, u, min(u.shape[0], n - lo))


@njit(nogil=True, cache=True)
def _draw_sample(rng, prog, u, x, n):
    z = sampling_scratch(prog, u.shape[0])
    for lo in range(0, n, u.shape[0]):
        m = min(u.shape[0], n - lo)
        draw_block(rng, u, m)
        sample_block(prog, u, x[lo : lo + m], z, m)


@njit(nogil=True, cache=True)
def _trajectories(x, u, c, ms, extras, hist, n):
    for lo in range(0, n, BLOCK):
        m = min(BLOCK, n - lo)
        simulate_block(x[lo : lo + m], u, c, ms, extras, hist, hist, lo, m)


@njit(nogil=True, cache=True)
def _economy(x, c, ms, extras, hist, n):
    for lo in range(0, n, BLOCK):
        m = min(BLOCK, n - lo)
        economy_block(x[lo : lo + m], c, ms, extras, hist, hist, lo, m)


def _us(fn, n: int, repeat: int) -> float:
    """Best CPU µs per sample over ``repeat`` calls (after one warm-up call)."""
    fn()
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best / n * 1e6


def _no_copula(prog: Program) -> Program:
    return prog._replace(
        cop_idx=np.zeros(0, np.int64), a_cop=np.full(len(prog.a_start), -1, np.int64), cop_chol=np.zeros((0, 0))
    )


def stage_profile(graph_compiled, prior_compiled, repeat: int = 3) -> dict[str, float]:
    """CPU µs per sample of each stage of the baseline's chunk kernel (one thread)."""
    n = STAGE_SAMPLES
    prog, c = graph_compiled.program, graph_compiled.consts
    n_u = graph_compiled.kind.n_draws
    u = np.empty((BLOCK, n_u))
    x = np.empty((n, len(prog.a_start)))
    ms, extras = np.empty((n, 3)), np.empty((n, 1))
    hist = np.zeros(
        (2, len(graph_compiled.kind.band_years(graph_compiled.start, graph_compiled.horizon)), 577), np.int32
    )

    def rng():
        return np.random.Generator(np.random.PCG64(7))

    draws = _us(lambda: _draw(rng(), u, n), n, repeat)
    priors = _us(lambda: _draw_sample(rng(), prior_compiled.program, u, x, n), n, repeat)
    linked = _us(lambda: _draw_sample(rng(), prog, u, x, n), n, repeat)
    # Stored seeds for the pause streams: the trajectories read them from u's last column.
    u[:, -1] = np.random.default_rng(3).random(BLOCK)
    trajectories = _us(lambda: _trajectories(x, u, c, ms, extras, hist, n), n, repeat)
    economy = _us(lambda: _economy(x, c, ms, extras, hist, n), n, repeat)
    eli = compile_scenario(load_scenario(scenarios_dir() / "ai2027_eli.toml"))
    e_prog = eli.program
    e_u, e_x = np.empty((BLOCK, eli.kind.n_draws)), np.empty((n, len(e_prog.a_start)))
    with_cop = _us(lambda: _draw_sample(rng(), e_prog, e_u, e_x, n), n, repeat)
    without = _us(lambda: _draw_sample(rng(), _no_copula(e_prog), e_u, e_x, n), n, repeat)
    return {
        "rng draws": draws,
        "sampling: inverse CDFs (priors only)": priors - draws,
        "sampling: linking mixtures (graph - priors)": linked - priors,
        "trajectories (milestones)": trajectories - economy,
        "economy (bands histograms)": economy,
        "copula (ai2027_eli, with - without)": with_cop - without,
    }


def summary_seconds(result, repeat: int = 3) -> float:
    """Seconds to summarise a result from scratch: milestone quantiles, band percentiles, regimes."""
    best = float("inf")
    for _ in range(repeat):
        result._cache.clear()
        t0 = time.perf_counter()
        for m in result.milestones:
            result.milestone(m.key)
        result.summary()
        best = min(best, time.perf_counter() - t0)
    return best
