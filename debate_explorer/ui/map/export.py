"""Writing the map to a file: PNG through QImage, SVG through QSvgGenerator.

What is exported is the scene's visible items (the map view hands over a scene
with every block open, and its filters, dimming and selection), cropped to
them, so a filtered view exports as a focused figure.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsScene

from debate_explorer.ui.map.palette import SCENE_BACKGROUND

MAX_PIXELS = 12000  # longest side of a PNG; larger maps are scaled down to fit
BORDER = 40.0


def visible_bounds(scene: QGraphicsScene) -> QRectF:
    rect = QRectF()
    for item in scene.items():
        if item.isVisible():
            rect = rect.united(item.sceneBoundingRect())
    return rect.adjusted(-BORDER, -BORDER, BORDER, BORDER) if rect.isValid() else scene.sceneRect()


def render_scene(scene: QGraphicsScene, path: str | Path, scale: float = 1.0) -> Path:
    """Write ``scene`` to ``path`` (SVG if it ends in .svg, else a raster format such as PNG)."""
    path = Path(path)
    source = visible_bounds(scene)
    if path.suffix.lower() == ".svg":
        _write_svg(scene, source, path)
    else:
        _write_raster(scene, source, path, scale)
    return path


def _write_svg(scene: QGraphicsScene, source: QRectF, path: Path) -> None:
    size = QSize(round(source.width()), round(source.height()))
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setResolution(96)  # so the width in mm equals the viewBox in CSS pixels
    generator.setViewBox(QRect(0, 0, size.width(), size.height()))
    generator.setTitle("Debate Explorer — argument map")
    painter = QPainter(generator)
    try:
        _paint(scene, painter, source, QRectF(0, 0, size.width(), size.height()))
    finally:
        painter.end()
    if not path.exists():
        raise OSError(f"could not write {path}")


def _write_raster(scene: QGraphicsScene, source: QRectF, path: Path, scale: float) -> None:
    scale = min(scale, MAX_PIXELS / max(source.width(), source.height(), 1.0))
    image = QImage(
        max(1, round(source.width() * scale)),
        max(1, round(source.height() * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(SCENE_BACKGROUND)
    painter = QPainter(image)
    try:
        _paint(scene, painter, source, QRectF(0, 0, image.width(), image.height()))
    finally:
        painter.end()
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")


def _paint(scene: QGraphicsScene, painter: QPainter, source: QRectF, target: QRectF) -> None:
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(target, SCENE_BACKGROUND)
    scene.render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
