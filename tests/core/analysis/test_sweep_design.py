"""Design points and seeds: fixed by the spec alone, whoever runs them."""

from __future__ import annotations

import numpy as np
import pytest

from debate_explorer.core.analysis.sweep import sweep_spec_from_dict
from debate_explorer.core.analysis.sweep.design import design_points, point_seed
from debate_explorer.core.analysis.sweep.execute import make_jobs
from debate_explorer.core.analysis.sweep.point import apply_params

SOBOL = {
    "format_version": 1,
    "samples": 50,
    "seed": 11,
    "metrics": ["agi_median"],
    "design": {
        "type": "sobol",
        "n": 8,
        "parameters": [
            {"assumption": "g_compute", "low": 0.3, "high": 0.9},
            {"credence": "hive_mind", "low": 0.0, "high": 1.0},
        ],
    },
}


def test_point_seed_is_the_spawned_child_stream():
    children = np.random.SeedSequence(42).spawn(5)
    for i, child in enumerate(children):
        expected = int(child.generate_state(1, np.uint64)[0] >> np.uint64(1))
        assert point_seed(42, i) == expected
    assert len({point_seed(42, i) for i in range(1000)}) == 1000
    assert all(0 <= point_seed(2**63 - 1, i) < 2**63 for i in range(10))


def test_common_seeding_gives_every_point_the_sweep_seed():
    assert {point_seed(7, i, "common") for i in range(10)} == {7}


def test_grid_order_last_parameter_fastest():
    spec = sweep_spec_from_dict(
        {
            **SOBOL,
            "design": {
                "type": "grid",
                "parameters": [
                    {"assumption": "g_compute", "values": [0.4, 0.8]},
                    {"credence": "hive_mind", "values": [0.1, 0.5, 0.9]},
                ],
            },
        }
    )
    points = design_points(spec)
    assert [p.index for p in points] == list(range(6))
    assert [tuple(p.params.values()) for p in points[:4]] == [(0.4, 0.1), (0.4, 0.5), (0.4, 0.9), (0.8, 0.1)]


def test_sobol_design_is_reproducible_and_within_bounds():
    a = design_points(sweep_spec_from_dict(SOBOL))
    b = design_points(sweep_spec_from_dict(SOBOL))
    assert a == b and len(a) == 8 * 4
    g = np.array([p.params["g_compute"] for p in a])
    assert g.min() >= 0.3 and g.max() <= 0.9
    other = design_points(sweep_spec_from_dict({**SOBOL, "seed": 12}))
    assert [p.params for p in other] != [p.params for p in a]


def test_jobs_pin_assumptions_and_set_credences():
    spec = sweep_spec_from_dict(SOBOL)
    job = make_jobs(spec)[3]
    data = apply_params(job.scenario, job.params)
    assert data["assumptions"]["g_compute"] == job.params["g_compute"]
    assert data["graph"]["credences"]["hive_mind"] == job.params["credence:hive_mind"]
    assert "assumptions" not in job.scenario or "g_compute" not in job.scenario["assumptions"]
    assert job.seed == point_seed(11, 3) and job.samples == 50


@pytest.mark.parametrize("seeding", ["per_point", "common"])
def test_seeds_follow_the_seeding_rule(seeding):
    spec = sweep_spec_from_dict({**SOBOL, "seeding": seeding})
    seeds = [job.seed for job in make_jobs(spec)]
    assert seeds == [point_seed(11, i, seeding) for i in range(len(seeds))]
