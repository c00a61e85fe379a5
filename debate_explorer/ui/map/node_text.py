"""What a node box says at a given zoom: font sizes and the lines of text.

Anchors (positions, questions) keep their title about ``READ_PX`` tall on screen
while the map is zoomed out, growing their font in scene units up to what the
box holds, so the overview stays readable; claims and evidence switch between a
detailed three-line title and a larger two-line headline, and show no text
when even that would be too small to read. A selected or hovered node shows its
whole title (see :class:`~debate_explorer.ui.map.node_item.NodeItem`).
"""

from __future__ import annotations

from PySide6.QtGui import QFont

from debate_explorer.ui.map.text import scene_font, wrap_lines

READ_PX = 11.5  # screen pixels an anchor's title keeps at the overview
ANCHOR_MIN_PX, ANCHOR_MAX_PX = 22, 28  # scene pixels; the box holds three lines and a speaker line at the max
SPEAKER_RATIO = 0.8  # the speakers line, relative to the title
LEAF_DETAIL_PX, LEAF_HEADLINE_PX = 14, 20
DETAIL_FROM_PX = 12.0  # claims switch to the smaller, detailed font once it is this big on screen
MIN_SCREEN_PX = 6.0  # below this on screen, text is not drawn at all
TITLE_LINES = {"position": 3, "question": 4, "claim": 3, "evidence": 3}
HEADLINE_LINES = 3


def is_anchor(kind: str) -> bool:
    return kind in ("position", "question")


def title_px(kind: str, lod: float) -> int | None:
    """The title's font size in scene pixels at zoom ``lod``; None when text is not drawn."""
    lod = max(lod, 1e-6)
    if is_anchor(kind):
        return int(min(max(ANCHOR_MIN_PX, -(-READ_PX // lod)), ANCHOR_MAX_PX))
    if LEAF_DETAIL_PX * lod >= DETAIL_FROM_PX:
        return LEAF_DETAIL_PX
    if LEAF_HEADLINE_PX * lod >= MIN_SCREEN_PX:
        return LEAF_HEADLINE_PX
    return None


def max_lines(kind: str, px: int) -> int:
    if not is_anchor(kind) and px == LEAF_HEADLINE_PX:
        return HEADLINE_LINES
    return TITLE_LINES.get(kind, 3)


def speaker_font(px: int) -> QFont:
    font = QFont(scene_font(max(1, round(px * SPEAKER_RATIO))))
    font.setItalic(True)
    return font


class LineCache:
    """Wrapped lines per (text, font size, line limit): wrapping is slow, painting is frequent."""

    def __init__(self) -> None:
        self._lines: dict[tuple[str, int, int, float], list[str]] = {}

    def lines(self, text: str, px: int, width: float, limit: int) -> list[str]:
        key = (text, px, limit, width)
        if key not in self._lines:
            self._lines[key] = wrap_lines(text, scene_font(px), width, limit)
        return self._lines[key]

    def is_cut(self, text: str, px: int, width: float, limit: int) -> bool:
        """True if ``text`` needs more than ``limit`` lines (so the last shown line is elided)."""
        return len(self.lines(text, px, width, 99)) > limit
