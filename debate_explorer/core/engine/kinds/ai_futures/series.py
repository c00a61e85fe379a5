"""The input series and the run-constants vector of the ``ai-futures`` kernels."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from debate_explorer.core.engine.kinds.ai_futures import layout as L
from debate_explorer.core.errors import InputError

DATA_FILE = Path(__file__).with_name("input_data.csv")


@cache
def input_series() -> np.ndarray:
    """Columns time, L_HUMAN, inference_compute, experiment_compute of the shipped data."""
    rows = np.loadtxt(DATA_FILE, delimiter=",", comments="#", skiprows=5)
    if not np.all(np.diff(rows[:, 0]) > 0):
        raise InputError("the input series' times must increase", file=str(DATA_FILE), field="time")
    return rows[:, :4]


def build_constants(
    t0: float, t1: float, n_grid: int, tol: float, frontier_grid: int, adjust: np.ndarray | None = None
) -> np.ndarray:
    """Scalars, series knots and logs, the output grid, and the integration breakpoints
    (the output grid and every knot of the series, each flagged if it is on the
    output grid), then ``adjust``: per-input shifts, lower and upper clip bounds."""
    s = input_series()
    grid = np.linspace(t0, t1, n_grid)
    knots = s[:, 0][(s[:, 0] > t0) & (s[:, 0] < t1)]
    breaks = np.union1d(grid, knots)
    flag = np.where(np.isin(breaks, grid), 1.0, -1.0)
    head = np.zeros(L.C_HEAD)
    head[L.C_T0], head[L.C_T1], head[L.C_N_GRID], head[L.C_TOL] = t0, t1, n_grid, tol
    head[L.C_N_SERIES], head[L.C_N_BREAKS], head[L.C_OPT_M] = len(s), len(breaks), frontier_grid
    logs = np.log(s[:, 1:4]).T.ravel()
    if adjust is None:  # no shifts, no clipping
        n = L.N_INPUTS
        adjust = np.concatenate([np.zeros(n), np.full(n, -np.inf), np.full(n, np.inf)])
    body = np.concatenate([s[:, 0], logs, grid, breaks, flag])
    head[L.C_ADJUST] = L.C_HEAD + len(body)
    return np.concatenate([head, body, adjust])
