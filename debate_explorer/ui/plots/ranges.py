"""Fixed axis ranges that change rarely, so streamed results never make plots jump.

Auto-range is off while results stream in. A y-axis whose data has no natural
ceiling (growth, densities) snaps to a 'nice' ceiling and only moves when the
data leave it by a clear margin: a slider drag does not make the axis flicker.
"""

from __future__ import annotations

import math

_MANTISSAS = (1.0, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0)
HEADROOM = 1.08  # leave room above the highest point for the line width and labels


def nice_ceiling(peak: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 5, 7.5 x 10^k that is at least ``peak`` (plus headroom)."""
    target = max(peak, 1e-6) * HEADROOM
    exp = math.floor(math.log10(target))
    for m in _MANTISSAS:
        value = m * 10.0**exp
        if value >= target - 1e-12:
            return value
    return 10.0 ** (exp + 1)


def sticky_ceiling(peak: float, current: float | None) -> float:
    """Keep ``current`` unless the data overflow it or shrink to under 40% of it."""
    if current is not None and peak * HEADROOM <= current and peak >= 0.4 * current:
        return current
    return nice_ceiling(peak)


def x_window(start: float, horizon: float, span: float | None) -> tuple[float, float]:
    """The years shown: ``span`` years from the start, or the whole run when None."""
    if span is None:
        return start, horizon
    return start, min(horizon, start + span)
