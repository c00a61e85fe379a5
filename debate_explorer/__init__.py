"""Debate Explorer: the AGI debate as an argument map wired to a live Monte Carlo model."""

from debate_explorer import _interrupt  # noqa: F401 - first: a Ctrl-C while starting is one quiet line
from debate_explorer._numba_env import configure_numba_cache

configure_numba_cache()

__version__ = "0.1.0"
