"""Charts of a report as inline SVG, drawn here so the report needs no plotting library.

Every chart is a plain ``<svg>`` with a ``viewBox`` (it scales to the page and to
print), text in the page's own font, and a ``<title>`` on each line, band and bar:
browsers show those as tooltips with JavaScript off. Every piece of text that
reaches the markup goes through :func:`esc`, because titles and labels come from
user-written files. Colours are CSS classes (``s0``…``s5``), so the print and
dark-on-light styles live in one stylesheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import numpy as np

WIDTH, HEIGHT = 640.0, 300.0
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 48.0, 16.0, 14.0, 40.0


def esc(text: object) -> str:
    """Text for markup and attribute values: every ``<``, ``&`` and quote escaped."""
    return escape(str(text), quote=True)


@dataclass(frozen=True)
class Series:
    """One line of a chart: x and y values, a name and its style."""

    name: str
    x: np.ndarray
    y: np.ndarray
    colour: int  # index of the CSS colour class
    dashed: bool = False


@dataclass(frozen=True)
class Band:
    """A shaded range between two curves (a fan's 10–90% band) with its median line."""

    name: str
    x: np.ndarray
    low: np.ndarray
    mid: np.ndarray
    high: np.ndarray
    colour: int
    dashed: bool = False


class _Axes:
    """Maps data to the plot area and writes the frame, ticks and labels."""

    def __init__(self, x0: float, x1: float, y0: float, y1: float) -> None:
        self.x0, self.x1 = x0, x1 if x1 > x0 else x0 + 1.0
        self.y0, self.y1 = y0, y1 if y1 > y0 else y0 + 1.0

    def px(self, x: np.ndarray | float) -> np.ndarray:
        span = WIDTH - MARGIN_L - MARGIN_R
        return MARGIN_L + (np.asarray(x, dtype=float) - self.x0) / (self.x1 - self.x0) * span

    def py(self, y: np.ndarray | float) -> np.ndarray:
        span = HEIGHT - MARGIN_T - MARGIN_B
        return HEIGHT - MARGIN_B - (np.asarray(y, dtype=float) - self.y0) / (self.y1 - self.y0) * span

    def frame(self, x_ticks: Sequence[float], y_ticks: Sequence[float], y_format: str, x_label: str) -> list[str]:
        out = [
            f'<rect class="plot" x="{MARGIN_L}" y="{MARGIN_T}" width="{WIDTH - MARGIN_L - MARGIN_R}" '
            f'height="{HEIGHT - MARGIN_T - MARGIN_B}"/>'
        ]
        for t in y_ticks:
            y = float(self.py(t))
            out.append(f'<line class="grid" x1="{MARGIN_L}" x2="{WIDTH - MARGIN_R}" y1="{y:.1f}" y2="{y:.1f}"/>')
            out.append(
                f'<text class="tick" x="{MARGIN_L - 6}" y="{y + 4:.1f}" text-anchor="end">'
                f"{esc(format(t, y_format))}</text>"
            )
        for t in x_ticks:
            x = float(self.px(t))
            out.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{MARGIN_T}" y2="{HEIGHT - MARGIN_B}"/>')
            out.append(f'<text class="tick" x="{x:.1f}" y="{HEIGHT - MARGIN_B + 16}" text-anchor="middle">{t:g}</text>')
        out.append(
            f'<text class="axis" x="{(MARGIN_L + WIDTH - MARGIN_R) / 2}" y="{HEIGHT - 6}" '
            f'text-anchor="middle">{esc(x_label)}</text>'
        )
        return out

    def path(self, x: np.ndarray, y: np.ndarray) -> str:
        keep = np.isfinite(x) & np.isfinite(y)
        pts = [f"{a:.1f},{b:.1f}" for a, b in zip(self.px(x[keep]), self.py(y[keep]))]
        return "M" + " L".join(pts) if pts else ""


def _svg(body: list[str], label: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" role="img" aria-label="{esc(label)}" '
        f'xmlns="http://www.w3.org/2000/svg">' + "".join(body) + "</svg>"
    )


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering [lo, hi]."""
    span = hi - lo if hi > lo else 1.0
    raw = span / max(count - 1, 1)
    power = 10.0 ** np.floor(np.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw)
    first = np.ceil(lo / step - 1e-9) * step
    return [float(t) + 0.0 if abs(t) > step * 1e-9 else 0.0 for t in np.arange(first, hi + step * 1e-6, step)]


def year_ticks(x0: float, x1: float) -> list[float]:
    step = 5.0 if x1 - x0 <= 40 else 10.0
    first = np.ceil(x0 / step) * step
    return [float(t) for t in np.arange(first, x1 + 1e-9, step)]


def legend(entries: Sequence[tuple[str, int, bool]]) -> list[str]:
    """A key in the plot's top-left corner: a short line in each entry's colour and style, then its name."""
    out = []
    for i, (name, colour, dashed) in enumerate(entries):
        y = MARGIN_T + 14 + i * 16
        dash = " dashed" if dashed else ""
        x = MARGIN_L + 10
        out.append(f'<line class="line s{colour}{dash}" x1="{x}" x2="{x + 22}" y1="{y - 4}" y2="{y - 4}"/>')
        out.append(f'<text class="key" x="{x + 28}" y="{y}">{esc(name)}</text>')
    return out


def line_chart(
    series: Sequence[Series],
    *,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    y_format: str,
    x_label: str,
    label: str,
    key: Sequence[tuple[str, int, bool]] = (),
) -> str:
    """Lines over years (milestone CDFs): one ``<path>`` per series, each with its name as a tooltip."""
    ax = _Axes(x_range[0], x_range[1], y_range[0], y_range[1])
    body = ax.frame(year_ticks(*x_range), nice_ticks(*y_range), y_format, x_label)
    for s in series:
        dash = " dashed" if s.dashed else ""
        body.append(f'<path class="line s{s.colour}{dash}" d="{ax.path(s.x, s.y)}"><title>{esc(s.name)}</title></path>')
    return _svg(body + legend(key), label)


def fan_chart(
    bands: Sequence[Band],
    *,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    y_format: str,
    x_label: str,
    label: str,
    key: Sequence[tuple[str, int, bool]] = (),
) -> str:
    """Shaded 10–90% bands with median lines (yearly percentiles of a band quantity)."""
    ax = _Axes(x_range[0], x_range[1], y_range[0], y_range[1])
    body = ax.frame(year_ticks(*x_range), nice_ticks(*y_range), y_format, x_label)
    for b in bands:
        upper = ax.path(b.x, b.high)
        lower = ax.path(b.x[::-1], b.low[::-1]).replace("M", "L", 1)
        dash = " dashed" if b.dashed else ""
        body.append(
            f'<path class="band s{b.colour}{dash}" d="{upper} {lower} Z"><title>{esc(b.name)}: 10–90%</title></path>'
        )
        body.append(
            f'<path class="line s{b.colour}{dash}" d="{ax.path(b.x, b.mid)}">'
            f"<title>{esc(b.name)}: median</title></path>"
        )
    return _svg(body + legend(key), label)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as the reader reads it (with its unit)


def bar_chart(bars: Sequence[Bar], *, label: str) -> str:
    """Horizontal signed bars from a zero line (the waterfall of a change), labelled in words."""
    row, top = 26.0, 8.0
    height = top * 2 + row * max(len(bars), 1)
    name_w, width = 250.0, WIDTH
    span = max((abs(b.value) for b in bars), default=1.0) or 1.0
    half = (width - name_w - 70.0) / 2
    zero = name_w + 35.0 + half
    body = [f'<line class="zero" x1="{zero}" x2="{zero}" y1="{top}" y2="{height - top}"/>']
    for i, b in enumerate(bars):
        y = top + i * row
        w = abs(b.value) / span * half
        x = zero if b.value >= 0 else zero - w
        sign = "up" if b.value >= 0 else "down"
        body.append(
            f'<text class="barname" x="{name_w - 4}" y="{y + 17}" text-anchor="end">{esc(_clip(b.label))}</text>'
        )
        body.append(
            f'<rect class="bar {sign}" x="{x:.1f}" y="{y + 5}" width="{max(w, 0.5):.1f}" height="{row - 10}">'
            f"<title>{esc(b.label)}: {esc(b.text)}</title></rect>"
        )
        tx, anchor = (x + w + 4, "start") if b.value >= 0 else (x - 4, "end")
        body.append(f'<text class="tick" x="{tx:.1f}" y="{y + 17}" text-anchor="{anchor}">{esc(b.text)}</text>')
    return (
        f'<svg class="chart bars" viewBox="0 0 {width:g} {height:g}" role="img" aria-label="{esc(label)}" '
        f'xmlns="http://www.w3.org/2000/svg">' + "".join(body) + "</svg>"
    )


def _clip(text: str, width: int = 38) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
