"""A scenario's report: one self-contained HTML file a colleague opens in any browser.

``build_report`` gathers every figure through the analyses the CLI and the app
use (so the report's numbers equal ``run --json`` for the same seed and samples)
and renders one page with inline SVG charts, their tables, the claims behind the
scenario and the scenario file itself. ``write_report`` saves it atomically.
The CLI (``debate-explorer report``) and the app (File ▸ Export Report…) both call
these two functions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from debate_explorer.core.files.fileio import atomic_write_text
from debate_explorer.core.model.scenario import Scenario, scenario_to_toml
from debate_explorer.core.report.gather import Progress, ReportData, Side, gather
from debate_explorer.core.report.page import render

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph

__all__ = ["Progress", "ReportData", "Side", "build_report", "side", "write_report"]


def side(scenario: Scenario, path: str | Path | None = None, name: str | None = None) -> Side:
    """A scenario as the report shows it: its title, its file name and the text to embed.

    The file's own text is embedded when there is a file (comments and all), else
    the scenario as it would be saved.
    """
    text = None
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = None
    file_name = Path(path).name if path is not None else "scenario.toml"
    label = name or scenario.title or (Path(path).stem if path is not None else "Scenario")
    return Side(label, scenario, file_name, text if text is not None else scenario_to_toml(scenario))


def build_report(
    subject: Side,
    against: Side | None,
    graph: ArgumentGraph | None,
    *,
    samples: int | None = None,
    seed: int | None = None,
    metric: str | None = None,
    threads: int | None = None,
    cancel: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> str:
    """The report's HTML for ``subject`` compared with ``against`` (None: no comparison)."""
    data = gather(
        subject,
        against,
        graph,
        samples=samples,
        seed=seed,
        metric=metric,
        threads=threads,
        cancel=cancel,
        progress=progress,
    )
    return render(data)


def write_report(html: str, path: str | Path) -> None:
    """Save the report atomically (a failed write leaves any earlier report whole)."""
    atomic_write_text(path, html)
