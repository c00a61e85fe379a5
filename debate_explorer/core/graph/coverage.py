"""Whether the argument graph drives a model kind at all.

Only kinds that the graph's ``informs`` links name turn credences into outcomes;
for any other kind (the faithful AI 2027 port, say) moving a credence changes
nothing, and the app should say so rather than offer sliders that do nothing.
"""

from __future__ import annotations

from debate_explorer.core.graph.model import ArgumentGraph


def graph_drives(graph: ArgumentGraph, model: str) -> bool:
    """True if some node of ``graph`` informs an assumption of model kind ``model``."""
    return any(link.model == model for link in graph.informs)
