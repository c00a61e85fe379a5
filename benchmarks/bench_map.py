"""The argument map's overview and repaint cost, offscreen, for the map panels of two window sizes.

For a map panel the size it has in a 1366x768 and a 1920x1080 window, prints the
fit zoom, the smallest on-screen title size of the positions and questions drawn
(target >= 11 px), whether the whole map is in view, how many nodes the overview
draws, then the time to repaint the whole panel after a credence change at the
overview and zoomed in with every block open, and the time to fold or unfold
the map (a relayout). Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_map.py
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QImage, QPainter  # noqa: E402

from debate_explorer.core.editing.document import ScenarioDocument  # noqa: E402
from debate_explorer.core.graph import load_graph  # noqa: E402
from debate_explorer.core.model.scenario import scenario_from_dict  # noqa: E402
from debate_explorer.ui.common.context import AppContext  # noqa: E402
from debate_explorer.ui.map.fold import UNFOLD_ZOOM  # noqa: E402
from debate_explorer.ui.map.view import MapView  # noqa: E402
from debate_explorer.ui.window.app import application  # noqa: E402

PANELS = {"1366x768 window": (980, 394), "1920x1080 window": (1434, 618)}  # map panel sizes, default docks
REPEATS = 30


def _paint_ms(view: MapView, ctx: AppContext, node: str) -> tuple[float, float]:
    image = QImage(view.view.viewport().size(), QImage.Format.Format_ARGB32)
    times = []
    for i in range(REPEATS):
        ctx.document.set_credence(node, 0.2 + 0.6 * i / REPEATS)
        start = time.perf_counter()
        painter = QPainter(image)
        view.view.render(painter)
        painter.end()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times), max(times)


def main() -> None:
    app = application()
    graph = load_graph()
    node = next(n for n in graph.nodes.values() if n.kind == "position").id
    print(f"load average {os.getloadavg()[0]:.1f} · graph: {len(graph)} nodes, {len(graph.edges)} edges")
    for label, (w, h) in PANELS.items():
        ctx = AppContext(ScenarioDocument(scenario_from_dict({"format_version": 1}), graph=graph))
        view = MapView(ctx)
        view.resize(w, h)
        view.show()
        app.processEvents()
        view.fit()
        zoom = view.view.zoom
        shown = view.shown_nodes()
        smallest = min(view.node_item(n).title_font_px(zoom) * zoom for n in shown)
        whole = view.view.mapToScene(view.view.viewport().rect()).boundingRect().contains(view.scene.map_rect)
        print(
            f"{label}: map panel {w}x{h} · fit zoom {zoom:.3f} · {len(shown)} nodes drawn · "
            f"smallest title {smallest:.1f} px on screen · whole map in view: {'yes' if whole else 'no'}"
        )
        med, worst = _paint_ms(view, ctx, node)
        print(f"  repaint after a credence change, overview: median {med:.1f} ms, max {worst:.1f} ms")
        start = time.perf_counter()
        view.view.zoom_by(UNFOLD_ZOOM / zoom * 1.01)  # past the threshold: every block opens
        unfold = (time.perf_counter() - start) * 1e3
        med, worst = _paint_ms(view, ctx, node)
        print(
            f"  unfold every block (relayout) {unfold:.1f} ms · repaint with {len(view.shown_nodes())} nodes: "
            f"median {med:.1f} ms, max {worst:.1f} ms"
        )
        view.close()


if __name__ == "__main__":
    main()
