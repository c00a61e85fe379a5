"""One limit on a distribution's spread, however it is written."""

from __future__ import annotations

import math

import pytest

from debate_explorer.core.errors import InputError
from debate_explorer.core.model.distributions import MAX_SD, MAX_SIGMA_LOG, parse_dist
from debate_explorer.core.model.scenario import scenario_from_dict


@pytest.mark.parametrize(
    "raw",
    [
        "1 to 14400 @0.0000001%",  # the interval of the issue
        {"type": "lognormal", "median": 1.0, "sigma": 25},  # the same limit written directly
        {"type": "lognormal", "ci": [1, 14400], "level": 1e-9},
        {"type": "normal", "ci": [0, 1], "level": 1e-300},  # z = 0: an infinite spread
        {"type": "normal", "mean": 0, "sd": 2e12},
        "-1 to 1 @0.00000000001%",
    ],
)
def test_too_wide_is_refused_at_its_field(raw):
    with pytest.raises(InputError) as info:
        parse_dist(raw, "priors.g_compute")
    assert info.value.field == "priors.g_compute"
    assert "at most" in info.value.reason


@pytest.mark.parametrize(
    "raw",
    [
        "1 to 14400 @80%",
        {"type": "lognormal", "median": 1.0, "sigma": MAX_SIGMA_LOG},
        {"type": "normal", "mean": 0, "sd": MAX_SD},
    ],
)
def test_the_limit_itself_is_accepted(raw):
    dist = parse_dist(raw)
    assert math.isfinite(dist.sigma)


def test_a_level_too_close_to_one_is_a_clear_error():
    with pytest.raises(InputError):
        parse_dist({"type": "normal", "ci": [0, 1], "level": 1 - 1e-17})


def test_the_limit_holds_in_scenarios_and_inside_mixtures():
    mixture = {
        "type": "mixture",
        "components": [{"weight": 1, "dist": 0.5}, {"weight": 1, "dist": "0.1 to 1 @0.000001%"}],
    }
    with pytest.raises(InputError) as info:
        scenario_from_dict({"format_version": 1, "priors": {"g_compute": mixture}}, file="s.toml")
    assert info.value.file == "s.toml" and info.value.field.startswith("priors.g_compute")
