"""Writing one plot to PNG or SVG with pyqtgraph's exporters.

pyqtgraph 0.14's SVG exporter fails on every plot under Qt >= 6.10: Qt's SVG
generator now ends closed paths (the view box background, bars, fills) with a
bare 'Z', and the exporter's coordinate rewrite expects 'x,y' pairs only
(pyqtgraph issue #3495; fix proposed in PR #3458, not released). While an SVG
is written, each 'Z' is replaced by an explicit line back to its subpath's
start, which draws the same shape and parses.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyqtgraph as pg

SUFFIXES = (".png", ".svg")


def explicit_close(d: str) -> str:
    """Rewrite 'M a,b L c,d Z' as 'M a,b L c,d La,b' (same geometry, no bare 'Z')."""
    out: list[str] = []
    start = ""
    for token in d.split():
        if token[0] in "Mm":
            start = token[1:]
        if token in ("Z", "z"):
            if start:
                out.append("L" + start)
            continue
        out.append(token)
    return " ".join(out)


@contextmanager
def _closed_paths_as_lines() -> Iterator[None]:
    module = sys.modules.get("pyqtgraph.exporters.SVGExporter")
    original = getattr(module, "correctCoordinates", None)
    if original is None:  # a pyqtgraph without this step: nothing to work around
        yield
        return

    def correct(node, defs, item, options):
        for path in node.getElementsByTagName("path"):
            d = path.getAttribute("d")
            if "Z" in d or "z" in d:
                path.setAttribute("d", explicit_close(d))
        return original(node, defs, item, options)

    module.correctCoordinates = correct
    try:
        yield
    finally:
        module.correctCoordinates = original


def export_plot_item(item: pg.PlotItem, path: Path, width: int) -> Path:
    """Write ``item`` to ``path``; the suffix picks the format."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"cannot export a plot as '{path.suffix or path.name}': use .png or .svg")
    # Loaded at the first export, not at launch (~40 ms, most of it xml.dom.minidom).
    from pyqtgraph.exporters import ImageExporter, SVGExporter

    if suffix == ".png":
        exporter = ImageExporter(item)
        exporter.parameters()["width"] = int(width)
        exporter.export(str(path))
    else:
        with _closed_paths_as_lines():
            SVGExporter(item).export(str(path))
    return path
