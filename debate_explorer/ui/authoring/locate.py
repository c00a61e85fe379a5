"""Which map overlay a scenario about to open should bring: the one it records, or,
when that file is missing, one the user locates (at start-up and on File ▸ Open alike).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph.scenario_overlay import overlay_status
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.ui.authoring.editing import OVERLAY_FILTER


def overlay_to_open(parent: QWidget | None, scenario_path: Path) -> tuple[bool, Path | None]:
    """(go on, the overlay to open) for the scenario at ``scenario_path``.

    ``(True, None)``: it records none (or cannot be read: opening it reports that).
    A missing overlay is offered to be located; cancelling gives ``(False, None)``.
    A changed one is said to have changed and opens as it is now.
    """
    try:
        scenario = load_scenario(scenario_path)
    except InputError:
        return True, None
    status = overlay_status(scenario, scenario_path)
    if status.state == "none":
        return True, None
    if status.state == "missing":
        answer = QMessageBox.question(
            parent, "Map overlay not found", f"{status.message}.\n\nLocate it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return False, None
        chosen, _ = QFileDialog.getOpenFileName(parent, "Locate map overlay", str(scenario_path.parent), OVERLAY_FILTER)
        return (True, Path(chosen)) if chosen else (False, None)
    if status.state == "changed":
        QMessageBox.warning(parent, "Map overlay changed", f"{status.message}; it opens as it is now.")
    return True, status.path
