"""A small graph and scenario whose cruxes are known in advance (see data/crux_graph.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from debate_explorer.core.graph import load_graph
from debate_explorer.core.model.scenario import scenario_from_dict

DATA = Path(__file__).parent / "data"
CRUX_GRAPH = DATA / "crux_graph.toml"

# Every assumption fixed except sc_requirement (informed by "key") and
# hive_mind_boost (informed by "growth_view"); no disruptions, so the pause
# assumptions are unused.
FIXED = {
    "g_compute": 0.6,
    "compute_wall_year": 2030.0,
    "late_compute_factor": 0.5,
    "g_software": 0.45,
    "research_share": 0.8,
    "compute_cap": 20.0,
    "p_now": 0.1,
    "gain_to_sc": 5.0,
    "gain_to_agi": 4.0,
    "difficulty": 1.0,
    "agi_gap": 2.0,
    "asi_gap": 3.0,
    "substitution": 1.0,
    "disruption_hazard": 0.0,
    "pause_years": 2.0,
    "pause_factor": 0.2,
    "share_at_agi": 0.3,
    "diffusion_rate": 0.2,
    "base_growth": 0.02,
}


def crux_scenario_dict(**run) -> dict:
    return {
        "format_version": 2,
        "title": "Crux test",
        "run": {"samples": 4000, "seed": 7, **run},
        "assumptions": dict(FIXED),
    }


@pytest.fixture(scope="session")
def crux_data():
    """A function returning the crux scenario as plain data (to build variants from)."""
    return crux_scenario_dict


@pytest.fixture(scope="session")
def crux_graph():
    return load_graph(CRUX_GRAPH)


@pytest.fixture(scope="session")
def crux_scenario():
    return scenario_from_dict(crux_scenario_dict())
