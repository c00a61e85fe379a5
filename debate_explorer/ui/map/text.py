"""Wrapping a title into a few lines that fit a node box, eliding what does not fit.

Qt's ``drawText`` can wrap or elide but not both, and titles run to a hundred
characters in boxes that hold about thirty a line, so we lay the text out once
with :class:`QTextLayout` (which also breaks Chinese between characters) and
keep the lines; painting then only draws strings.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout


@lru_cache(maxsize=32)
def scene_font(pixel_size: float, bold: bool = False) -> QFont:
    """The application font at a size in scene units (no family named: Qt picks CJK fallbacks).

    Cached: painting asks for the same few fonts for every node on every frame.
    Callers must not modify the returned font.
    """
    font = QFont()
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    return font


@lru_cache(maxsize=32)
def line_spacing(font: QFont) -> float:
    """Line height of ``font`` (cached: asked for on every paint of every node)."""
    return QFontMetricsF(font).lineSpacing()


def wrap_lines(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """``text`` broken into at most ``max_lines`` lines of ``width``; the last one elided if needed."""
    text = " ".join(text.split())
    if not text or max_lines < 1:
        return []
    layout = QTextLayout(text, font)
    layout.beginLayout()
    starts: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines = [text[s : s + n].strip() for s, n in starts[:max_lines]]
    if len(starts) > max_lines:
        rest = text[starts[max_lines - 1][0] :].strip()
        metrics = QFontMetricsF(font)
        lines[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return lines
