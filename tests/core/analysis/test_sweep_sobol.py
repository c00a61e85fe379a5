"""Sobol' indices through SALib: the Ishigami function's known values, and refusals."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
from SALib.test_functions import Ishigami

from debate_explorer.core.analysis.sweep.sobol import format_sobol_table, sobol_indices, sobol_sample

PARAMS = [SimpleNamespace(name=f"x{i + 1}", low=-math.pi, high=math.pi) for i in range(3)]


def _analytic(a: float = 7.0, b: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Ishigami's indices in closed form (Sobol' & Levitan 1999)."""
    v1 = 0.5 * (1 + b * math.pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * math.pi**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def test_ishigami_indices_match_the_analytic_values():
    s1_true, st_true = _analytic()
    assert s1_true == pytest.approx([0.314, 0.442, 0.0], abs=1e-3)
    assert st_true == pytest.approx([0.558, 0.442, 0.244], abs=1e-3)
    x = sobol_sample(PARAMS, 2048, seed=5)
    res = sobol_indices(PARAMS, Ishigami.evaluate(x), seed=5)
    # 2048·5 evaluations: the estimators' error is a few hundredths.
    assert res["S1"] == pytest.approx(s1_true, abs=0.04)
    assert res["ST"] == pytest.approx(st_true, abs=0.04)
    assert all(0 < c < 0.1 for c in res["S1_conf"] + res["ST_conf"])


def test_sample_is_seeded():
    assert np.array_equal(sobol_sample(PARAMS, 16, seed=1), sobol_sample(PARAMS, 16, seed=1))
    assert not np.array_equal(sobol_sample(PARAMS, 16, seed=1), sobol_sample(PARAMS, 16, seed=2))
    assert sobol_sample(PARAMS, 16, second_order=True, seed=1).shape == (16 * 8, 3)


def test_intervals_are_reproducible():
    x = sobol_sample(PARAMS, 64, seed=0)
    y = Ishigami.evaluate(x)
    assert sobol_indices(PARAMS, y, seed=0) == sobol_indices(PARAMS, y, seed=0)


def test_non_finite_or_constant_outputs_are_skipped_with_a_reason():
    x = sobol_sample(PARAMS, 16, seed=0)
    y = Ishigami.evaluate(x)
    y[3] = np.inf
    assert "not reached by the horizon" in sobol_indices(PARAMS, y)["skipped"]
    y[3] = np.nan
    assert "1 of 80 points" in sobol_indices(PARAMS, y)["skipped"]
    assert "same value" in sobol_indices(PARAMS, np.ones(80))["skipped"]


def test_table_lists_every_parameter():
    x = sobol_sample(PARAMS, 64, seed=0)
    text = format_sobol_table(
        ["x1", "x2", "x3"], {"y": sobol_indices(PARAMS, Ishigami.evaluate(x)), "z": {"skipped": "because"}}
    )
    assert "Sobol' indices for y" in text and "x3" in text and "skipped: because" in text
