"""Which blocks of the map are open: the view state behind semantic zoom.

Claims and evidence fold under their position (see
:mod:`debate_explorer.core.graph.folding`). A block opens when the user clicks
its position, when a node inside it is selected or must be shown by a filter, and
all blocks open while the user has zoomed in past ``UNFOLD_ZOOM`` (closing again
below ``FOLD_ZOOM``: the gap keeps a zoom near the threshold from flickering).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

UNFOLD_ZOOM = 0.62  # zooming in past this opens every block: claims are legible from here
FOLD_ZOOM = 0.5  # zooming back out below this closes the blocks the zoom opened


@dataclass(frozen=True)
class FoldState:
    """Open blocks by reason; ``unfolded`` is their union."""

    clicked: frozenset[str] = frozenset()
    required: frozenset[str] = frozenset()  # to show the selection or a filter's nodes
    by_zoom: bool = False
    anchors: frozenset[str] = field(default=frozenset(), compare=False)

    def unfolded(self) -> frozenset[str]:
        return self.anchors if self.by_zoom else self.clicked | self.required

    def toggled(self, anchor: str) -> FoldState:
        """Open ``anchor``'s block if closed, close it if open (the zoom then no longer decides)."""
        if anchor in self.unfolded():
            base = self.anchors if self.by_zoom else self.clicked
            return replace(self, clicked=base - {anchor}, required=self.required - {anchor}, by_zoom=False)
        return replace(self, clicked=self.clicked | {anchor})

    def opened(self, anchor: str) -> FoldState:
        return self if anchor in self.clicked else replace(self, clicked=self.clicked | {anchor})

    def after_zoom(self, zoom: float) -> FoldState:
        if not self.by_zoom and zoom >= UNFOLD_ZOOM:
            return replace(self, by_zoom=True)
        if self.by_zoom and zoom < FOLD_ZOOM:
            return replace(self, by_zoom=False)
        return self

    def overview(self) -> FoldState:
        """Everything folded except what a filter or the selection needs."""
        return replace(self, clicked=frozenset(), by_zoom=False)
