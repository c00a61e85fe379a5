"""Run a scenario: link it to the graph, compile it, and hand it to the engine.

This is the one entry point the CLI, the app's runner and the analyses use, so
a scenario means the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from debate_explorer.core.engine.program import compile_program
from debate_explorer.core.engine.results import RunResult
from debate_explorer.core.engine.runner import Compiled, run_compiled
from debate_explorer.core.errors import InputError
from debate_explorer.core.model.credences import check_credences
from debate_explorer.core.model.linking import EffectiveAssumption, effective_assumptions
from debate_explorer.core.model.scenario import Scenario, correlation_matrix

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph


def compile_scenario(
    scenario: Scenario,
    graph: ArgumentGraph | None = None,
    *,
    strengths: Mapping[str, float] | None = None,
    effective: list[EffectiveAssumption] | None = None,
) -> Compiled:
    """Everything the engine needs for this scenario, independent of seed and sample count."""
    kind = scenario.kind
    if effective is None:
        effective = effective_assumptions(scenario, graph, strengths)
    try:
        program = compile_program(
            [e.dist for e in effective],
            [(e.assumption.lower, e.assumption.upper) for e in effective],
            [e.assumption.name for e in effective],
            correlation_matrix(scenario, kind),
        )
    except InputError as exc:
        # Name where the offending distribution came from.
        raise InputError(exc.reason, field=_origin(exc.field, effective)) from None
    settings = scenario.kind_settings
    consts = kind.constants(settings, scenario.start, scenario.horizon, scenario.run.step)
    return Compiled(kind, program, consts, settings, scenario.start, scenario.horizon)


def check_runnable(
    scenario: Scenario, graph: ArgumentGraph | None = None, *, file: str | Path | None = None
) -> Compiled:
    """Every check a run makes before it samples, with errors naming ``file``.

    Validation of the file alone cannot see everything a run needs: credences
    must name nodes of the graph, and the distribution the engine samples (the
    prior mixed with the graph's linked views, or an override) must fit each
    assumption's valid range with some probability inside it. ``validate``, the
    app's Open and every command that runs a scenario call this, so a file that
    passes one passes all.
    """
    try:
        if graph is not None:
            check_credences(scenario, graph)
        return compile_scenario(scenario, graph)
    except InputError as exc:
        raise (exc.with_file(file) if file is not None else exc) from None


def _origin(name: str | None, effective: list[EffectiveAssumption]) -> str | None:
    for e in effective:
        if e.assumption.name == name:
            if e.overridden:
                return f"assumptions.{name}"
            return f"priors.{name} (or a graph link to it)"
    return name


def run_scenario(
    scenario: Scenario,
    graph: ArgumentGraph | None = None,
    *,
    samples: int | None = None,
    seed: int | None = None,
    backend: str = "numba",
    threads: int | None = None,
    keep_inputs: bool = False,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    revision: int = 0,
    strengths: Mapping[str, float] | None = None,
) -> RunResult:
    """Run the scenario with its own sample count and seed unless told otherwise."""
    compiled = compile_scenario(scenario, graph, strengths=strengths)
    return run_compiled(
        compiled,
        samples=samples if samples is not None else scenario.run.samples,
        seed=seed if seed is not None else scenario.run.seed,
        backend=backend,
        threads=threads,
        keep_inputs=keep_inputs,
        cancel=cancel,
        progress=progress,
        revision=revision,
    )
