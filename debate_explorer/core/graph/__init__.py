"""The argument graph: loading, queries, claim strength, layout and exports.

Pure Python and networkx; never imports Qt.
"""

from debate_explorer.core.graph.export import export_graph
from debate_explorer.core.graph.load import default_graph_path, load_graph
from debate_explorer.core.graph.model import ArgumentGraph, Edge, InformsLink, Node, Theme
from debate_explorer.core.graph.semantics import StrengthResult, strengths

__all__ = [
    "ArgumentGraph",
    "Edge",
    "InformsLink",
    "Node",
    "StrengthResult",
    "Theme",
    "default_graph_path",
    "export_graph",
    "load_graph",
    "strengths",
]
