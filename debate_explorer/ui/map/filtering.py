"""What the map shows: the user's search text and theme / speaker filters.

This is view state, not model logic: it decides only which nodes are drawn,
dimmed or listed. Filters hide what they exclude; the search text dims what
does not match (the surrounding map stays as context) and feeds the results list.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from debate_explorer.core.graph.model import ArgumentGraph


@dataclass(frozen=True)
class MapFilter:
    text: str = ""
    themes: frozenset[str] | None = None  # None: every theme
    speaker: str | None = None  # None: every speaker

    @property
    def is_filtering(self) -> bool:
        return self.themes is not None or self.speaker is not None

    def with_(self, **changes) -> MapFilter:
        return replace(self, **changes)

    def visible(self, graph: ArgumentGraph) -> frozenset[str] | None:
        """Ids the theme and speaker filters let through, or None when nothing is filtered."""
        if not self.is_filtering:
            return None
        ids = set(graph.nodes)
        if self.themes is not None:
            ids = {i for i in ids if graph.node(i).theme in self.themes}
        if self.speaker is not None:
            ids &= set(graph.by_speaker(self.speaker))
        return frozenset(ids)

    def matches(self, graph: ArgumentGraph) -> list[str] | None:
        """Search hits among the visible nodes, best first; None when there is no search text."""
        if not self.text.strip():
            return None
        visible = self.visible(graph)
        return [i for i in graph.search(self.text) if visible is None or i in visible]


@dataclass(frozen=True)
class Emphasis:
    """Everything that decides each item's visibility and opacity, computed by the view."""

    visible: frozenset[str] | None = None
    themes: frozenset[str] | None = None
    matches: frozenset[str] | None = None
    focus: str | None = None
    near: frozenset[str] = frozenset()
