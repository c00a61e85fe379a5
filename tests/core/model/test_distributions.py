"""Reading distributions as people write them, and the errors when they are wrong."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from debate_explorer.core.errors import InputError
from debate_explorer.core.model.distributions import Lognormal, Normal, Point, parse_dist

GOOD = [
    0.6,
    "0.4 to 0.8 @80%",
    "-1 to 1 @90%",
    {"type": "normal", "mean": 1.0, "sd": 0.5, "lower": 0.0},
    {"type": "lognormal", "ci": [1.0, 4.0], "level": 0.9},
    {"type": "lognormal", "median": 2.0, "sigma": 0.5},
    {"type": "uniform", "low": 0.0, "high": 1.0},
    {"type": "loguniform", "low": 0.1, "high": 10.0},
    {"type": "beta", "alpha": 2.0, "beta": 3.0},
    {"type": "discrete", "values": [0.9, 1.0], "probs": [0.5, 0.5]},
    {
        "type": "mixture",
        "components": [
            {"weight": 1.0, "dist": "1 to 2 @80%"},
            {"weight": 2.0, "dist": {"type": "point", "value": 3.0}},
        ],
    },
]


@pytest.mark.parametrize("raw", GOOD, ids=str)
def test_round_trips_to_what_was_written(raw):
    assert parse_dist(raw).to_raw() == raw
    assert parse_dist(parse_dist(raw).to_raw()) == parse_dist(raw)


def test_shorthand_is_lognormal_when_positive_normal_otherwise():
    assert isinstance(parse_dist("1 to 9 @80%"), Lognormal)
    assert isinstance(parse_dist("-1 to 9 @80%"), Normal)
    assert isinstance(parse_dist(3), Point)


def test_interval_levels_convert_to_parameters():
    d = parse_dist({"type": "lognormal", "ci": [1.0, 100.0], "level": 0.8})
    assert math.exp(d.mu) == pytest.approx(10.0)
    assert d.sigma == pytest.approx(math.log(10.0) / 1.2815515655446004)


BAD = [
    ("1 to 2", "needs its interval level"),
    ({"type": "normal", "mean": 1.0, "sd": -1.0}, "sd must be positive"),
    ({"type": "normal", "mean": float("nan"), "sd": 1.0}, "finite"),
    ({"type": "normal", "ci": [1.0, 2.0]}, "needs its 'level'"),
    ({"type": "normal", "ci": [2.0, 1.0], "level": 0.8}, "low < high"),
    ({"type": "lognormal", "ci": [-1.0, 2.0], "level": 0.8}, "must be positive"),
    ({"type": "uniform", "low": 1.0, "high": 0.0}, "must be below"),
    ({"type": "discrete", "values": [1.0, 2.0], "probs": [0.5, 0.6]}, "sum to 1"),
    ({"type": "discrete", "values": [1.0], "probs": [0.5, 0.5]}, "1 values but 2 probs"),
    ({"type": "normal", "mean": 0.0, "sd": 1.0, "lower": 2.0, "upper": 1.0}, "must be below upper"),
    ({"type": "gamma", "k": 1}, "does not match any of the expected tags"),
    ({"type": "normal", "mean": 0.0, "sd": 1.0, "sdd": 2.0}, "unknown key"),
    ({"type": "mixture", "components": []}, "at least one component"),
    ({"type": "point", "value": 1e300}, "beyond"),
    (True, "true/false"),
    (None, "valid dictionary"),
]


@pytest.mark.parametrize(("raw", "message"), BAD, ids=str)
def test_bad_distributions_say_where_and_why(raw, message):
    with pytest.raises(InputError, match=message) as info:
        parse_dist(raw, ("assumptions", "g_compute"))
    assert info.value.field.startswith("assumptions.g_compute")


junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "type",
                    "mean",
                    "sd",
                    "ci",
                    "level",
                    "values",
                    "probs",
                    "components",
                    "weight",
                    "dist",
                    "low",
                    "high",
                    "median",
                    "sigma",
                    "alpha",
                    "beta",
                    "lower",
                    "upper",
                    "x",
                ]
            ),
            inner | st.sampled_from(["normal", "lognormal", "mixture", "discrete", "uniform", "beta"]),
            max_size=5,
        )
    ),
    max_leaves=12,
)


@given(junk)
def test_junk_gives_an_input_error_or_a_valid_distribution(raw):
    try:
        d = parse_dist(raw, "x")
    except InputError as exc:
        assert exc.field and exc.field.startswith("x")
    else:
        d.describe()


@pytest.mark.parametrize(("level", "text"), [(0.7994548640911159, "80% CI"), (0.9, "90% CI"), (0.975, "97.5% CI")])
def test_interval_levels_are_described_as_people_write_them(level, text):
    d = parse_dist({"type": "lognormal", "ci": [1.0, 10.0], "level": level})
    assert text in d.describe()
