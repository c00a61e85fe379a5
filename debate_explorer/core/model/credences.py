"""The one check that a scenario's credences name nodes of the graph it runs against.

A scenario file and a graph file are written separately, so a credence can name
a node the graph does not have (a typo, or a graph edited since). Every entry
point — opening a file in the app, the document, the CLI, comparisons, sweeps —
asks here, so the message is the same wherever the mismatch is found.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from debate_explorer.core.errors import InputError

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph
    from debate_explorer.core.model.scenario import Scenario


def require_node(
    graph: ArgumentGraph,
    node: str,
    *,
    file: str | Path | None = None,
    field: str | None = None,
    where: str | None = None,
) -> None:
    """An InputError naming ``file`` and ``field`` unless ``node`` is a node of ``graph``."""
    if node not in graph.nodes:
        context = f" (in {where})" if where else ""
        raise InputError(f"no node '{node}' in the argument graph{context}", file=file, field=field)


def check_credences(
    scenario: Scenario, graph: ArgumentGraph, *, file: str | Path | None = None, where: str | None = None
) -> None:
    """Every credence of ``scenario`` names a node of ``graph``."""
    for node in scenario.graph.credences:
        require_node(graph, node, file=file, field=f"graph.credences.{node}", where=where)
