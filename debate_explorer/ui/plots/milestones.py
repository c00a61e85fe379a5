"""Per-milestone plot items shared by the arrival and density views.

Items are created the first time a milestone key is seen and then reused for
every later result, so streaming never adds or removes graphics items. Keys a
result lacks (a kind with a single milestone has only ``sc``) are hidden, not deleted.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg

from debate_explorer.core.engine.results import RunResult
from debate_explorer.ui.plots.style import MILESTONE_COLOURS, colour_for


def short_name(key: str, label: str) -> str:
    """'SC', 'AGI', 'ASI' for table headings; long labels stay in the legend."""
    return key.upper() if len(key) <= 4 else label


class MilestoneItems:
    """Current and pinned items per milestone key, made by the view's factories."""

    def __init__(
        self,
        plot: pg.PlotWidget,
        make_current: Callable[[str], pg.PlotDataItem],
        make_pinned: Callable[[str], pg.PlotDataItem],
    ) -> None:
        self._plot = plot
        self._make_current = make_current
        self._make_pinned = make_pinned
        self.current: dict[str, pg.PlotDataItem] = {}
        self.pinned: dict[str, pg.PlotDataItem] = {}
        self.colours: dict[str, str] = {}
        self._shown: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def colour(self, key: str) -> str:
        if key not in self.colours:
            self.colours[key] = colour_for(key, len(self.colours), MILESTONE_COLOURS)
        return self.colours[key]

    def ensure(self, key: str) -> None:
        if key in self.current:
            return
        colour = self.colour(key)
        cur, pin = self._make_current(colour), self._make_pinned(colour)
        # Pinned below current: the comparison must never hide what is being edited.
        pin.setZValue(5)
        cur.setZValue(10)
        self._plot.addItem(cur)
        self._plot.addItem(pin)
        pin.hide()
        self.current[key], self.pinned[key] = cur, pin

    def show_keys(self, current: RunResult | None, pinned: RunResult | None) -> None:
        """Show exactly the milestones each result has; touch visibility only on change,
        so a curve the user hid by clicking its legend entry stays hidden."""
        cur_keys = tuple(m.key for m in current.milestones) if current is not None else ()
        pin_keys = tuple(m.key for m in pinned.milestones) if pinned is not None else ()
        for key in cur_keys + pin_keys:
            self.ensure(key)
        if (cur_keys, pin_keys) == self._shown:
            return
        self._shown = (cur_keys, pin_keys)
        for key, item in self.current.items():
            item.setVisible(key in cur_keys)
        for key, item in self.pinned.items():
            item.setVisible(key in pin_keys)


def milestone_keys(result: RunResult | None) -> tuple[str, ...]:
    return tuple(m.key for m in result.milestones) if result is not None else ()
