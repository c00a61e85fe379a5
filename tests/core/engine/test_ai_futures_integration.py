"""The ``ai-futures`` integrator: the Dormand–Prince coefficients, its dense output,
and the milestone dates at the default tolerance against a much tighter one (the
same model, so what differs is the integration error alone)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from debate_explorer.core.engine.kinds.ai_futures import dopri
from debate_explorer.core.engine.kinds.ai_futures import layout as L
from debate_explorer.core.engine.kinds.ai_futures.importer import rollout_inputs
from debate_explorer.core.engine.kinds.ai_futures.integrate import new_scratch, run_sample
from debate_explorer.core.engine.kinds.ai_futures.kind import AifmSettings

DATA = Path(__file__).with_name("data") / "aifm_rollouts.jsonl"
N_RECORDS = 80
DAY = 1.0 / 365.25


def test_tableau_is_consistent():
    # Each stage's weights sum to its node; both solutions' weights sum to one.
    assert np.allclose(dopri.A.sum(axis=1), dopri.C, atol=1e-15)
    b5 = np.append(dopri.A[6], 0.0)
    assert math.isclose(b5.sum(), 1.0, abs_tol=1e-15)
    assert math.isclose((b5 - dopri.E).sum(), 1.0, abs_tol=1e-15)
    # The dense output at θ = 1 is the step's own 5th-order solution.
    assert np.allclose(dopri.P.sum(axis=1), b5, atol=1e-14)


def _dense_error(h: float) -> float:
    """Dense-output error at θ = 0.37 of one step on y' = cos(t)·y (exact: exp(sin t))."""
    t, y = 0.3, 1.0
    k = np.zeros(7)
    k[0] = math.cos(t) * y
    for s in range(1, 7):
        k[s] = math.cos(t + dopri.C[s] * h) * (y + h * dopri.A[s, :s] @ k[:s])
    th = 0.37
    q = dopri.P @ (th ** np.arange(1, 5))
    return abs(y + h * k @ q - math.exp(math.sin(t + th * h) - math.sin(t)))


def test_dense_output_is_fourth_order():
    # Local error O(h^5): halving the step divides it by about 32 (at least 16).
    e1, e2 = _dense_error(0.2), _dense_error(0.1)
    assert e1 / e2 > 16.0


def _inputs() -> tuple[list[np.ndarray], np.ndarray]:
    lines = DATA.read_text(encoding="utf-8").splitlines()[1:]
    recs = [json.loads(line) for line in lines if '"error"' not in line][:N_RECORDS]
    consts, xs = rollout_inputs(DATA, recs)
    return xs, consts


def _run(xs: list[np.ndarray], consts: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    c = consts.copy()
    c[L.C_TOL] = tol
    d, ms = np.empty(L.N_DERIVED), np.empty(4)
    scratch = new_scratch(c)
    years, steps = [], []
    for x in xs:
        run_sample(c, x, d, ms, scratch)
        years.append(ms.copy())
        steps.append(d[L.D_N_STEPS])
    return np.array(years), np.array(steps)


@pytest.fixture(scope="module")
def runs():
    xs, consts = _inputs()
    default = AifmSettings().tolerance
    return _run(xs, consts, default), _run(xs, consts, 1e-9)


def test_default_tolerance_is_within_hours_of_a_converged_solution(runs):
    (years, _), (fine, _) = runs
    both = np.isfinite(years) & np.isfinite(fine)
    assert both.sum() > 200
    diff = np.abs(years[both] - fine[both])
    assert np.quantile(diff, 0.99) < 0.25 * DAY
    assert diff.max() < 0.5 * DAY
    assert (np.isfinite(years) == np.isfinite(fine)).mean() > 0.99


def test_steps_adapt(runs):
    # A tighter tolerance takes more steps; the default stays far below the
    # ~1,150 fixed RK4 steps the integration once took.
    (_, steps), (_, fine_steps) = runs
    assert steps.mean() < 200
    assert fine_steps.mean() > 1.5 * steps.mean()
