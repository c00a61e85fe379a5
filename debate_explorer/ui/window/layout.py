"""How big the main window and its panels are: fit the screen, never squeeze a panel unreadable.

The first window fills a small screen (1366×768 laptops) and takes a comfortable
share of a large one. Docks have minimum sizes so that showing a wide panel
(Cruxes) cannot crush the Inspector; a layout that is squeezed anyway (a saved
state from an older version, or a window made very small) is neither saved nor
restored.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize

PREFERRED = QSize(1500, 950)  # on screens with room to spare
LARGE_SCREEN_SHARE = 0.8  # of a large screen's width and height
SIDE_DOCK_MIN_WIDTH = 320  # Inspector / Assumptions: a quote and a slider stay readable
SIDE_DOCK_WIDTH = 380
SIDE_DOCK_MAX_WIDTH = 560
BOTTOM_DOCK_MIN_HEIGHT = 180  # Outcomes / Cruxes: a plot with its axes
BOTTOM_DOCK_SHARE = 0.36
MAP_MIN = QSize(360, 160)


def initial_geometry(available: QRect) -> QRect:
    """The first window's frame on a screen whose free area (without task bars) is ``available``.

    Smaller than the preferred size: fill the free area. Larger: the preferred size
    or 80% of the screen, whichever is bigger, centred.
    """
    if available.width() <= PREFERRED.width() or available.height() <= PREFERRED.height():
        return QRect(available)
    size = QSize(
        max(PREFERRED.width(), int(available.width() * LARGE_SCREEN_SHARE)),
        max(PREFERRED.height(), int(available.height() * LARGE_SCREEN_SHARE)),
    )
    rect = QRect(available.topLeft(), size)
    rect.moveCenter(available.center())
    return rect


def side_dock_width(window_width: int) -> int:
    return max(SIDE_DOCK_WIDTH, min(SIDE_DOCK_MAX_WIDTH, window_width // 4))


def bottom_dock_height(window_height: int) -> int:
    return max(BOTTOM_DOCK_MIN_HEIGHT + 40, int(window_height * BOTTOM_DOCK_SHARE))


def squeezed_parts(side: list[QRect], bottom: list[QRect], central: QSize) -> list[str]:
    """What is too small to use: docked side panels, bottom panels or the map (empty when all is fine)."""
    problems = [f"side panel {r.width()} px wide" for r in side if r.width() < SIDE_DOCK_MIN_WIDTH]
    problems += [f"bottom panel {r.height()} px high" for r in bottom if r.height() < BOTTOM_DOCK_MIN_HEIGHT]
    if central.width() < MAP_MIN.width() or central.height() < MAP_MIN.height():
        problems.append(f"map {central.width()}×{central.height()} px")
    return problems
