"""No division by zero, overflow or NaN anywhere inside the accepted ranges, on both backends.

Hypothesis draws every assumption of the debate model from its whole accepted
range (boundaries included, log-spaced where the range spans decades) and runs a
few samples through the numba kernel and the numpy reference.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate_explorer.core.engine.compute import run_scenario
from debate_explorer.core.engine.kinds import get_kind
from debate_explorer.core.model.scenario import scenario_from_dict

KIND = get_kind("debate")
HORIZON = 2100.0


def _value(a) -> st.SearchStrategy[float]:
    lo, hi = a.lower, a.upper
    if lo > 0 and hi / lo > 100:  # spans decades: draw on a log scale so small values get tried
        return st.floats(math.log(lo), math.log(hi)).map(lambda v: min(max(math.exp(v), lo), hi))
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


POINTS = st.fixed_dictionaries({a.name: _value(a) for a in KIND.assumptions})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(POINTS)
def test_every_accepted_value_runs_cleanly_on_both_backends(values):
    sc = scenario_from_dict({"format_version": 2, "assumptions": values, "run": {"samples": 4, "seed": 1}})
    runs = [run_scenario(sc, backend=b) for b in ("numba", "numpy")]
    for r in runs:
        y = r.years
        assert not np.isnan(y).any()
        assert np.all((y >= 2025.0) & ((y <= HORIZON) | np.isinf(y)))
        assert np.all(y[:, 0] <= y[:, 1]) and np.all(y[:, 1] <= y[:, 2])
        assert np.isfinite(r.extras[:, 0]).all()
        assert r.band_counts.sum() > 0
    a, b = runs[0].years, runs[1].years
    finite = np.isfinite(a) & np.isfinite(b)
    assert np.all(np.abs(a[finite] - b[finite]) <= 0.1)
    # Where only one backend crossed, it crossed at the very end of the horizon.
    one = np.isfinite(a) != np.isfinite(b)
    assert np.all(np.where(np.isfinite(a), a, b)[one] >= HORIZON - 0.1)
