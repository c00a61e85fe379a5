"""The ``ai-futures`` kernel's full run against a second implementation written
differently (``aifm_oracle``: numpy frontier tables, ``np.interp``, scipy's DOP853
at rtol 1e-10) from the same calibration, on stored records spread over the file:
the same "not reached" verdicts, and every milestone within a day."""

from __future__ import annotations

import numpy as np
import pytest

from debate_explorer.core.engine.kinds.ai_futures import layout as L
from debate_explorer.core.engine.kinds.ai_futures.integrate import new_scratch, run_sample

from .aifm_oracle import milestones
from .test_ai_futures_integration import _inputs

DAY = 1.0 / 365.25
EVERY = 5  # 16 of the 80 records (about 0.6 s each in the oracle)


@pytest.fixture(scope="module")
def pairs() -> tuple[np.ndarray, np.ndarray]:
    xs, c = _inputs()
    d, ms = np.empty(L.N_DERIVED), np.empty(4)
    scratch = new_scratch(c)
    kernel, oracle = [], []
    for x in xs[::EVERY]:
        run_sample(c, x, d, ms, scratch)
        kernel.append(ms.copy())
        oracle.append(milestones(c, x, d.copy()))
    return np.array(kernel), np.array(oracle)


def test_same_verdicts(pairs):
    kernel, oracle = pairs
    assert np.array_equal(np.isfinite(kernel), np.isfinite(oracle))
    assert np.isfinite(kernel).sum() >= 30  # most milestones are reached: the check has teeth


def test_within_a_day(pairs):
    kernel, oracle = pairs
    both = np.isfinite(kernel)
    diff = np.abs(kernel[both] - oracle[both])
    assert diff.max() < DAY, f"largest difference {diff.max() * 365.25:.2f} days"
