"""The numpy-only normal quantile and incomplete beta (``core/engine/quantiles.py``) against scipy.

They replace ``scipy.special`` on the path to the app's first results, so they must agree
with it to within rounding: the beta tables they make feed the fixed-seed digests.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special

from debate_explorer.core.engine import quantiles
from debate_explorer.core.engine.program import _TABLE_U

SHAPES = [0.3, 0.5, 1.0, 1.5, 2.5, 6.0, 12.0, 60.0, 250.0]


def test_ndtri_matches_scipy_to_rounding():
    p = np.concatenate(
        [np.linspace(1e-9, 1 - 1e-9, 20_001), np.logspace(-300, -1, 400), 1 - np.logspace(-16, -1, 200), [0.5, 0.425]]
    )
    ref = special.ndtri(p)
    got = quantiles.ndtri(p)
    assert np.all(np.abs(got - ref) <= 2e-15 * np.abs(ref) + 1e-17)
    assert list(quantiles.ndtri(np.array([0.0, 1.0]))) == [-np.inf, np.inf]


@pytest.mark.parametrize("a", SHAPES)
@pytest.mark.parametrize("b", SHAPES)
def test_betainc_and_its_inverse_match_scipy(a, b):
    x = np.concatenate([np.linspace(0.0, 1.0, 401), np.logspace(-12, -1, 50), 1 - np.logspace(-12, -1, 50)])
    # scipy's own upper side near x = 1 is the less exact (I_x(a, b) = 1 − I_{1−x}(b, a) is not
    # kept there), so the reference takes each side where it is accurate.
    ref_cdf = np.where(x > 0.5, 1.0 - special.betainc(b, a, 1.0 - x), special.betainc(a, b, x))
    assert np.max(np.abs(quantiles.betainc(a, b, x) - ref_cdf)) < 5e-13
    got = quantiles.betaincinv(a, b, _TABLE_U)
    ref = special.betaincinv(a, b, _TABLE_U)
    assert np.max(np.abs(got - ref)) < 5e-14
    assert got[0] == 0.0 and got[-1] == 1.0
    assert np.all(np.diff(got) >= 0.0)


def test_the_beta_cdf_is_exact_at_its_ends_and_scalar_friendly():
    assert float(quantiles.betainc(2.0, 3.0, 0.0)) == 0.0
    assert float(quantiles.betainc(2.0, 3.0, 1.0)) == 1.0
    assert abs(float(quantiles.betainc(2.0, 3.0, 0.5)) - 0.6875) < 1e-15  # I_½(2, 3) = 11/16
