"""A tiny per-sample random stream (SplitMix64) for events of variable count.

Disruption pauses need a varying number of random numbers per trajectory. Drawing
them from the chunk's generator would shift every later sample's draws whenever
one sample had one more pause — breaking common random numbers between scenario
variants. Instead each sample takes one uniform from the chunk generator as the
seed of its own SplitMix64 stream. The numba and numpy versions produce the same
numbers.
"""

from __future__ import annotations

import numpy as np

from debate_explorer.core.engine.jit import njit

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_TO_UNIT = 2.0**-53
SEED_SCALE = 2.0**53


@njit(nogil=True, cache=True, inline="always")
def seed_from_uniform(u: float) -> np.uint64:
    return np.uint64(u * SEED_SCALE)


@njit(nogil=True, cache=True, inline="always")
def next_state(state: np.uint64) -> np.uint64:
    return state + _GOLDEN


@njit(nogil=True, cache=True, inline="always")
def unit_from_state(state: np.uint64) -> float:
    """A uniform in (0, 1] from the state (never 0, so -log(u) is finite)."""
    z = state
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    z = z ^ (z >> _S31)
    return (float(z >> _S11) + 1.0) * _TO_UNIT


def units_numpy(seed_u: np.ndarray, count: int) -> np.ndarray:
    """(n, count) uniforms: row i is the stream seeded by ``seed_u[i]``."""
    state = (seed_u * SEED_SCALE).astype(np.uint64)
    out = np.empty((len(seed_u), count))
    with np.errstate(over="ignore"):
        for k in range(count):
            state = state + _GOLDEN
            z = state
            z = (z ^ (z >> _S30)) * _M1
            z = (z ^ (z >> _S27)) * _M2
            z = z ^ (z >> _S31)
            out[:, k] = ((z >> _S11).astype(np.float64) + 1.0) * _TO_UNIT
    return out
