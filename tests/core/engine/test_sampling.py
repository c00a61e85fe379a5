"""Sampling every distribution family through the compiled program, in numba and numpy."""

from __future__ import annotations

import numpy as np
import pytest
from numba import njit
from scipy import stats

from debate_explorer.core.engine.program import compile_program, sample_numpy
from debate_explorer.core.engine.sampler import draw_uniforms, sample_assumptions, sampling_scratch
from debate_explorer.core.errors import InputError
from debate_explorer.core.model.distributions import parse_dist

N = 40000


@njit(cache=True)
def _sample_numba(rng, prog, n):
    n_a = prog.a_start.shape[0]
    u = np.empty(2 * n_a)
    z = sampling_scratch(prog, 1)
    out = np.empty((n, n_a))
    for i in range(n):
        draw_uniforms(rng, u)
        sample_assumptions(prog, u, out[i], z)
    return out


def sample(dists, bounds=None, corr=None, n=N, seed=0, backend="numba"):
    dists = [parse_dist(d) for d in dists]
    bounds = bounds or [(-np.inf, np.inf)] * len(dists)
    prog = compile_program(dists, bounds, [f"a{i}" for i in range(len(dists))], corr)
    if backend == "numba":
        return _sample_numba(np.random.default_rng(seed), prog, n)
    return sample_numpy(prog, np.random.default_rng(seed).random((n, 2 * len(dists))))


CASES = [
    ({"type": "normal", "mean": 1.0, "sd": 2.0}, stats.norm(1.0, 2.0)),
    ({"type": "normal", "ci": [-1.0, 3.0], "level": 0.8}, stats.norm(1.0, 2.0 / stats.norm.ppf(0.9))),
    ("2 to 8 @90%", stats.lognorm(s=np.log(4) / (2 * stats.norm.ppf(0.95)), scale=4.0)),
    ({"type": "lognormal", "median": 3.0, "sigma": 0.5}, stats.lognorm(s=0.5, scale=3.0)),
    ({"type": "uniform", "low": 2.0, "high": 5.0}, stats.uniform(2.0, 3.0)),
    ({"type": "loguniform", "low": 0.1, "high": 10.0}, stats.loguniform(0.1, 10.0)),
    ({"type": "beta", "alpha": 2.0, "beta": 5.0}, stats.beta(2.0, 5.0)),
    ({"type": "beta", "alpha": 0.5, "beta": 0.5}, stats.beta(0.5, 0.5)),
    ({"type": "normal", "mean": 0.0, "sd": 1.0, "lower": 0.5, "upper": 2.0}, stats.truncnorm(0.5, 2.0)),
]


@pytest.mark.parametrize(("raw", "reference"), CASES, ids=[str(c[0]) for c in CASES])
def test_each_family_matches_scipy(raw, reference):
    x = sample([raw])[:, 0]
    assert stats.kstest(x, reference.cdf).pvalue > 1e-4


@pytest.mark.parametrize(("raw", "reference"), CASES[:4], ids=[str(c[0]) for c in CASES[:4]])
def test_numba_and_numpy_draw_the_same_values(raw, reference):
    a = sample([raw], n=5000, backend="numba")
    b = sample([raw], n=5000, backend="numpy")
    assert np.allclose(a, b, rtol=1e-8, atol=1e-8)  # numba's ndtri is accurate to ~1e-9


def test_discrete_values_with_probabilities():
    x = sample([{"type": "discrete", "values": [0.9, 1.0, 1.1], "probs": [0.45, 0.45, 0.1]}])[:, 0]
    values, counts = np.unique(x, return_counts=True)
    assert list(values) == [0.9, 1.0, 1.1]
    assert counts / N == pytest.approx([0.45, 0.45, 0.1], abs=0.01)


def test_one_component_mixture_equals_its_component():
    comp = {"type": "lognormal", "median": 2.0, "sigma": 0.3}
    alone = sample([comp], n=3000)
    mixed = sample([{"type": "mixture", "components": [{"weight": 1.0, "dist": comp}]}], n=3000)
    assert np.array_equal(alone, mixed)


def test_mixture_weights_are_respected():
    x = sample(
        [
            {
                "type": "mixture",
                "components": [
                    {"weight": 3.0, "dist": {"type": "uniform", "low": 0.0, "high": 1.0}},
                    {"weight": 1.0, "dist": {"type": "uniform", "low": 10.0, "high": 11.0}},
                ],
            }
        ]
    )[:, 0]
    assert (x > 5).mean() == pytest.approx(0.25, abs=0.01)


def test_physical_bounds_condition_rather_than_clip():
    x = sample([{"type": "normal", "mean": 0.0, "sd": 1.0}], bounds=[(0.0, np.inf)])[:, 0]
    assert x.min() >= 0.0
    assert (x < 1e-3).mean() < 0.01  # no pile-up of mass at the bound
    assert stats.kstest(x, stats.halfnorm().cdf).pvalue > 1e-4


def test_no_mass_inside_the_bounds_is_an_error():
    with pytest.raises(InputError, match="no probability inside"):
        sample([{"type": "uniform", "low": -3.0, "high": -1.0}], bounds=[(0.0, 1.0)])


def test_point_outside_the_bounds_is_an_error():
    with pytest.raises(InputError, match="outside the valid range"):
        sample([5.0], bounds=[(0.0, 1.0)])


@pytest.mark.parametrize("rho", [-0.6, 0.3, 0.8])
def test_copula_recovers_the_rank_correlation(rho):
    r = 2 * np.sin(np.pi * rho / 6)
    corr = np.array([[1.0, r], [r, 1.0]])
    x = sample(["1 to 10 @80%", {"type": "uniform", "low": 0.0, "high": 1.0}], corr=corr)
    assert stats.spearmanr(x[:, 0], x[:, 1])[0] == pytest.approx(rho, abs=0.02)
    # Marginals are untouched by the copula.
    assert stats.kstest(x[:, 1], stats.uniform().cdf).pvalue > 1e-4


def test_copula_reaches_discrete_assumptions_through_their_quantile():
    r = 2 * np.sin(np.pi * 0.9 / 6)
    x = sample(
        [{"type": "normal", "mean": 0, "sd": 1}, {"type": "discrete", "values": [0.0, 1.0], "probs": [0.5, 0.5]}],
        corr=np.array([[1.0, r], [r, 1.0]]),
    )
    assert x[x[:, 1] == 1.0, 0].mean() > x[x[:, 1] == 0.0, 0].mean() + 1.0


def test_a_block_samples_as_its_rows_do_one_at_a_time():
    """The block defers its normal quantiles to one loop at the end; each row's values must
    be those of the same row sampled alone, bit for bit (tails included)."""
    from debate_explorer.core.engine.sampler import sample_block

    dists = [
        parse_dist(
            {
                "type": "mixture",
                "components": [
                    {"weight": 0.5, "dist": {"type": "lognormal", "median": 3.0, "sigma": 1.2}},
                    {"weight": 0.5, "dist": {"type": "normal", "mean": -1.0, "sd": 0.5}},
                ],
            }
        ),
        parse_dist({"type": "uniform", "low": 0.0, "high": 2.0}),
        parse_dist({"type": "normal", "mean": 0.0, "sd": 1.0}),
    ]
    prog = compile_program(dists, [(-np.inf, np.inf)] * 3, ["a", "b", "c"], None)
    u = np.random.default_rng(4).random((300, 6))
    u[:4, 0] = [1e-300, 0.01, 0.99, 1.0 - 1e-16]  # deep in both tails
    block = np.empty((300, 3))
    sample_block(prog, u, block, sampling_scratch(prog, 300), 300)
    alone = np.empty((300, 3))
    for r in range(300):
        sample_assumptions(prog, u[r].copy(), alone[r], sampling_scratch(prog, 1))
    assert np.array_equal(block, alone)


def test_a_block_larger_than_its_scratch_is_refused():
    from debate_explorer.core.engine.sampler import sample_block

    prog = compile_program([parse_dist({"type": "normal", "mean": 0.0, "sd": 1.0})], [(-np.inf, np.inf)], ["a"], None)
    with pytest.raises(ValueError, match="scratch too small"):
        sample_block(prog, np.full((8, 2), 0.5), np.empty((8, 1)), sampling_scratch(prog, 4), 8)


def test_the_central_normal_quantile_reflects_bit_for_bit():
    """ndtri takes its upper half from the same formula as the lower (``ndtri_central``),
    and ``sampler`` defers it to a vectorised loop: both rest on central(p) equalling the
    reflected lower half, −central(1 − p), exactly, for every p a draw can give."""
    from debate_explorer.core.engine.special import ndtri, ndtri_central, ndtri_is_central

    @njit
    def values(ps):
        out = np.empty((len(ps), 4))
        for i in range(len(ps)):
            p = ps[i]
            out[i] = ndtri(p), ndtri_central(p), -ndtri_central(1.0 - p), 1.0 if ndtri_is_central(p) else 0.0
        return out

    ps = np.concatenate([np.random.default_rng(1).random(200_000), np.linspace(0.0, 1.0, 20_001)])
    got = values(ps)
    central = got[:, 3] == 1.0
    assert 0.9 < central.mean() < 0.96  # the tails are P_LOW = 0.02425 wide on each side
    upper = central & (ps > 0.5)
    assert upper.sum() > 90_000
    assert np.array_equal(got[upper, 1], got[upper, 2])
    assert np.all(np.diff(got[np.argsort(ps), 0]) >= 0.0)  # the branches join without a step back
