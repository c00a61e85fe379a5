"""What a model kind declares about each of its inputs."""

from __future__ import annotations

from dataclasses import dataclass

from debate_explorer.core.model.distributions import AnyDist, parse_dist


@dataclass(frozen=True)
class Assumption:
    """One sampled input of a model kind.

    ``lower``/``upper`` are the physically meaningful range: every distribution
    for this assumption (prior, linked node, override) is sampled conditioned on
    that range, so a wide lognormal can never produce a negative growth rate.
    """

    name: str
    label: str
    unit: str
    meaning: str
    prior: AnyDist
    source: str
    lower: float = float("-inf")
    upper: float = float("inf")


def assumption(
    name: str,
    label: str,
    unit: str,
    meaning: str,
    prior: object,
    source: str,
    lower: float = float("-inf"),
    upper: float = float("inf"),
) -> Assumption:
    """Declare an assumption with its prior written in the file syntax."""
    return Assumption(name, label, unit, meaning, parse_dist(prior, name), source, lower, upper)
