"""Which map a scenario was made with: its recorded overlay, found and checked.

A scenario may record ``[graph] overlay = { path, sha256 }`` (see
``core.model.scenario.OverlayRef``): the overlay file relative to the scenario
file, and the SHA-256 of its bytes when the scenario was saved. Opening such a
scenario gives an :class:`OverlayStatus`: ``ok`` (found, unchanged), ``missing``
(not at the recorded path: the GUI offers "Locate it…", the CLI errors) or
``changed`` (found, different content: the GUI says so, the CLI warns and uses it).

GUI use: ``overlay_status(scenario, scenario_path)``; ``record_overlay(scenario,
scenario_path, overlay_path)`` before saving a scenario made on an overlay.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph.overlay import overlay_hash
from debate_explorer.core.model.scenario import OverlayRef, Scenario


@dataclass(frozen=True)
class OverlayStatus:
    state: Literal["none", "ok", "missing", "changed"]
    path: Path | None = None  # where the overlay was looked for
    message: str = ""


def overlay_status(scenario: Scenario, scenario_path: str | Path | None) -> OverlayStatus:
    """Whether the overlay the scenario records is where it says and unchanged."""
    ref = scenario.graph.overlay
    if ref is None:
        return OverlayStatus("none")
    base = Path(scenario_path).parent if scenario_path else Path.cwd()
    path = base / ref.path
    if not path.is_file():
        return OverlayStatus("missing", path, f"the scenario was made with the map overlay {path}, which is not there")
    if overlay_hash(path) != ref.sha256:
        return OverlayStatus("changed", path, f"the map overlay {path} has changed since the scenario was saved")
    return OverlayStatus("ok", path)


def record_overlay(scenario: Scenario, scenario_path: str | Path, overlay_path: str | Path | None) -> Scenario:
    """The scenario recording ``overlay_path`` (relative to where the scenario is saved), or none."""
    if overlay_path is None:
        return scenario.replace(graph=scenario.graph.model_copy(update={"overlay": None}))
    rel = os.path.relpath(Path(overlay_path).resolve(), Path(scenario_path).resolve().parent)
    ref = OverlayRef(path=Path(rel).as_posix(), sha256=overlay_hash(overlay_path))
    return scenario.replace(graph=scenario.graph.model_copy(update={"overlay": ref}))


def scenario_graph_path(scenario: Scenario, scenario_path: str | Path, given: Path | None) -> tuple[Path | None, str]:
    """For the CLI: the graph to use (``--graph`` wins) and a warning ('' if none); a missing overlay is an error."""
    if given is not None:
        return given, ""
    status = overlay_status(scenario, scenario_path)
    if status.state == "missing":
        raise InputError(
            f"{status.message}; pass --graph FILE to say where it is", file=scenario_path, field="graph.overlay"
        )
    return status.path, status.message
