"""Moving around the map from the keyboard: reading order for Tab, nearest neighbour for arrows.

The keys themselves are listed once, in :data:`MAP_KEYS` (the Help ▸ Keyboard dialog
reads it): Tab / Shift+Tab go through the visible nodes theme by theme, top to bottom,
left to right; an arrow goes to the nearest visible node in its direction; Enter opens
or folds the selected position's claims; Space puts the keyboard on the Inspector's
credence; Esc clears the selection (and, from the Inspector, returns to the map).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QPointF

MAP_KEYS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", "Next / previous node on the map, theme by theme in reading order"),
    ("← ↑ → ↓", "The nearest node in that direction"),
    ("Enter", "Open or fold the claims under the selected position"),
    ("Space", "Set the selected node's credence from the keyboard (arrows or a number; Esc returns)"),
    ("Esc", "Clear the selection; from the Inspector, back to the map"),
)
CANVAS_KEYS: tuple[tuple[str, str], ...] = (
    ("+ / − / mouse wheel, drag", "Zoom and pan the map (zooming in unfolds the claims)"),
    ("F", "Fit the map and fold the claims back"),
)
TOUR_KEYS: tuple[tuple[str, str], ...] = (
    ("→ / ←", "Next / previous stop of the tour"),
    ("Esc", "Close the tour"),
)
DIRECTIONS = {"left": (-1.0, 0.0), "right": (1.0, 0.0), "up": (0.0, -1.0), "down": (0.0, 1.0)}
CONE = math.radians(60)  # an arrow considers nodes within 60° of its direction


def reading_order(centres: Mapping[str, QPointF], theme_rank: Mapping[str, int]) -> list[str]:
    """Node ids by theme (the map's theme order), then row (top to bottom), then left to right."""

    def key(nid: str) -> tuple[int, float, float]:
        c = centres[nid]
        return theme_rank.get(nid, len(theme_rank)), round(c.y() / 20.0), c.x()

    return sorted(centres, key=key)


def step(order: Sequence[str], current: str | None, forward: bool) -> str | None:
    """The node after (or before) ``current`` in ``order``, wrapping round; the first without one."""
    if not order:
        return None
    if current not in order:
        return order[0] if forward else order[-1]
    i = order.index(current) + (1 if forward else -1)
    return order[i % len(order)]


def nearest(centres: Mapping[str, QPointF], current: str | None, direction: str) -> str | None:
    """The closest node whose centre lies within :data:`CONE` of ``direction`` from ``current``'s.

    Distance along the direction counts once, sideways distance twice, so a node straight
    ahead wins over a nearer one off to the side.
    """
    if current is None or current not in centres:
        return min(centres, key=lambda n: (centres[n].y(), centres[n].x()), default=None)
    dx, dy = DIRECTIONS[direction]
    here = centres[current]
    best, best_cost = None, math.inf
    for nid, c in centres.items():
        vx, vy = c.x() - here.x(), c.y() - here.y()
        along = vx * dx + vy * dy
        if nid == current or along <= 0:
            continue
        side = abs(vx * dy - vy * dx)
        if math.atan2(side, along) > CONE:
            continue
        cost = along + 2.0 * side
        if cost < best_cost:
            best, best_cost = nid, cost
    return best
