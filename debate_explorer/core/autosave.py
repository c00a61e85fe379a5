"""Unsaved work survives a crash: the open scenario is mirrored to the user's data dir.

While a document has unsaved changes the app writes it (atomically) to
``autosave.toml`` with a small ``autosave.json`` naming the file it belongs to.
A clean exit, a save or a discard removes both, so finding them at start-up
means the last session ended abruptly and its work can be offered back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from debate_explorer.core.errors import InputError
from debate_explorer.core.fileio import atomic_write_text, read_text
from debate_explorer.core.model.scenario import Scenario, load_scenario, scenario_to_toml


def default_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("debate-explorer")) / "autosave"


@dataclass(frozen=True)
class Recovered:
    scenario: Scenario
    original_path: Path | None
    saved_at: str


class Autosaver:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory) if directory else default_dir()
        self.scenario_file = self.directory / "autosave.toml"
        self.meta_file = self.directory / "autosave.json"

    def save(self, scenario: Scenario, original_path: Path | None) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.scenario_file, scenario_to_toml(scenario))
        meta = {"original_path": str(original_path) if original_path else None,
                "saved_at": datetime.now(UTC).isoformat(timespec="seconds")}
        atomic_write_text(self.meta_file, json.dumps(meta))

    def clear(self) -> None:
        for f in (self.scenario_file, self.meta_file):
            f.unlink(missing_ok=True)

    def pending(self) -> Recovered | None:
        """What the last session left unsaved, or None (a damaged autosave is discarded)."""
        if not self.scenario_file.exists():
            return None
        try:
            scenario = load_scenario(self.scenario_file)
            meta = json.loads(read_text(self.meta_file)) if self.meta_file.exists() else {}
        except (InputError, ValueError):
            self.clear()
            return None
        path = meta.get("original_path")
        return Recovered(scenario, Path(path) if path else None, str(meta.get("saved_at", "")))
