"""From a sweep spec to its numbered design points and their seeds.

Point ``i`` is the same point, with the same seed, however the sweep is run —
serially, on one worker or on fifty — which is what makes a resumed or
distributed sweep reproduce a serial one bit for bit.

Seeds: with ``seeding = "per_point"`` (the default) point ``i`` runs with the
first 64-bit word of ``SeedSequence(sweep_seed, spawn_key=(i,))`` — the same
stream as ``SeedSequence(sweep_seed).spawn(n)[i]`` — shifted to 63 bits (the
range scenario seeds take). Independent streams per point keep Monte Carlo
noise uncorrelated across the design. ``seeding = "common"`` gives every point
the sweep seed itself (common random numbers): differences between points are
then due to the parameters alone, which suits sensitivity analysis of a noisy
metric.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from debate_explorer.core.analysis.sweep.sobol import sobol_sample
from debate_explorer.core.analysis.sweep.spec import GridDesign, ScenariosDesign, SobolDesign, SweepSpec

ParamValue = float | str


@dataclass(frozen=True)
class DesignPoint:
    index: int
    params: dict[str, ParamValue]


def point_seed(seed: int, index: int, seeding: str = "per_point") -> int:
    """The engine seed of design point ``index`` (see the module docstring)."""
    if seeding == "common":
        return seed
    word = np.random.SeedSequence(seed, spawn_key=(index,)).generate_state(1, np.uint64)[0]
    return int(word >> np.uint64(1))


def design_points(spec: SweepSpec) -> list[DesignPoint]:
    """Every point of the design, numbered from 0 in a fixed order."""
    design = spec.design
    if isinstance(design, ScenariosDesign):
        return [DesignPoint(i, {"scenario": label}) for i, (label, _) in enumerate(spec.scenarios)]
    names = spec.parameter_names
    if isinstance(design, GridDesign):
        rows = itertools.product(*(p.grid_values() for p in design.parameters))
    else:
        rows = sobol_design_matrix(spec).tolist()
    return [DesignPoint(i, dict(zip(names, map(float, row)))) for i, row in enumerate(rows)]


def sobol_design_matrix(spec: SweepSpec) -> np.ndarray:
    """Saltelli's sample for a Sobol' design, seeded by the sweep seed (so it is reproducible)."""
    design = spec.design
    assert isinstance(design, SobolDesign)
    return sobol_sample(design.parameters, design.n, second_order=design.second_order, seed=spec.seed)
