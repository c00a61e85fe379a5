"""Colours and sizes of the map, in one place so every item agrees.

Theme colours come from Paul Tol's "muted" qualitative scheme (designed to stay
distinct under the common colour-vision deficiencies) plus one blue-grey, so ten
themes get ten colours a reader can tell apart. Edge colours are chosen apart from
the theme hues and every edge type also differs in dash pattern and arrow head, so
colour is never the only cue.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

THEME_COLOURS: tuple[str, ...] = (
    "#332288",  # indigo
    "#88CCEE",  # cyan
    "#44AA99",  # teal
    "#117733",  # green
    "#999933",  # olive
    "#DDCC77",  # sand
    "#CC6677",  # rose
    "#882255",  # wine
    "#AA4499",  # purple
    "#6699CC",  # blue-grey
)

SUPPORT_COLOUR = QColor("#1B7837")
ATTACK_COLOUR = QColor("#C62828")
ANSWER_COLOUR = QColor("#7A7A7A")

SELECTION_COLOUR = QColor("#111111")
HIGHLIGHT_COLOUR = QColor("#FFA000")  # crux tint: amber, unlike any theme colour
TEXT_COLOUR = QColor("#1E1E1E")
NODE_BACKGROUND = QColor("#FFFFFF")
SCENE_BACKGROUND = QColor("#F7F7F5")

# Opacities: how far dimming goes for each reason.
DIM_UNRELATED = 0.22  # not the selection nor a neighbour of it
DIM_NO_MATCH = 0.12  # does not match the search text
MATCH_BESIDE_SELECTION = 0.6  # a search hit that is not next to the selection
EDGE_OPACITY = 0.6  # edges at rest: visible but behind the nodes
EDGE_DIMMED = 0.07


def theme_colour(index: int) -> QColor:
    """The colour of the ``index``-th theme in file order (cycling past ten)."""
    return QColor(THEME_COLOURS[index % len(THEME_COLOURS)])


def border_colour(colour: QColor) -> QColor:
    """A darker shade for outlines and labels: pale hues (sand, cyan) vanish on white otherwise."""
    lightness = colour.lightnessF()
    return colour.darker(100 + int(max(0.0, lightness - 0.35) * 160))


def with_alpha(colour: QColor, alpha: float) -> QColor:
    out = QColor(colour)
    out.setAlphaF(max(0.0, min(1.0, alpha)))
    return out
