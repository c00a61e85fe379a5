"""Where "Save As" starts, and a title of its own for a scenario saved from a preset.

The shipped presets live in ``scenarios/`` inside the installation: saving there
silently would overwrite a preset for everyone (or fail on a read-only install).
So Save As starts in the user's documents folder (or where they last saved), Save
of a shipped file asks for a new name, and a scenario still carrying a preset's
title (or none) asks for its own title and notes before it is written, so that
the saved file does not claim to be the preset it started from.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QWidget

from debate_explorer.core.editing.document import ScenarioDocument
from debate_explorer.core.errors import InputError
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import preset_paths, scenarios_dir
from debate_explorer.ui.window.dialogs import ScenarioInfoDialog

UNTITLED = ("", "untitled")


def documents_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


def is_shipped(path: Path | str) -> bool:
    """True for the shipped ``scenarios/`` folder and anything inside it."""
    shipped = scenarios_dir().resolve()
    target = Path(path).resolve()
    return target == shipped or shipped in target.parents


def save_as_start(doc: ScenarioDocument, last_dir: str | Path | None) -> Path:
    """The file name the Save As dialog proposes: never inside the shipped presets."""
    if doc.path is not None and not is_shipped(doc.path):
        return doc.path
    folder = Path(last_dir) if last_dir else documents_dir()
    if is_shipped(folder) or not folder.is_dir():
        folder = documents_dir()
    return folder / f"{file_stem(doc.scenario.title)}.toml"


def file_stem(title: str) -> str:
    """'Hive mind (my version)' -> 'hive_mind_my_version'."""
    stem = re.sub(r"[^\w]+", "_", title.strip().lower()).strip("_")
    return stem[:60] or "my_scenario"


def preset_titles() -> set[str]:
    titles = set()
    for path in preset_paths():
        try:
            titles.add(load_scenario(path).title.strip())
        except InputError:
            continue
    return titles


def needs_own_title(title: str) -> bool:
    """The title is empty, 'Untitled', or a shipped preset's."""
    title = title.strip()
    return title.lower() in UNTITLED or title in preset_titles()


def ask_title_and_notes(parent: QWidget, title: str, notes: str) -> tuple[str, str] | None:
    """The title and notes the user gives (None if they cancel)."""
    dialog = ScenarioInfoDialog(title, notes, parent)
    dialog.setWindowTitle("Title and notes for the saved scenario")
    return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


def settle_title(parent: QWidget, doc: ScenarioDocument) -> bool:
    """Before saving: give a scenario still titled as a preset its own title and notes.

    Returns False when the user cancels (nothing is saved). The new title and
    notes are one undoable edit.
    """
    s = doc.scenario
    if not needs_own_title(s.title):
        return True
    based_on = s.title.strip()
    title = f"{based_on} (my version)" if based_on.lower() not in UNTITLED else ""
    notes = s.notes.strip()
    if based_on.lower() not in UNTITLED:
        notes = f"{notes}\n\nStarted from the preset “{based_on}”.".strip()
    answer = ask_title_and_notes(parent, title, notes)
    if answer is None:
        return False
    new_title, new_notes = answer
    if (new_title, new_notes) != (s.title, s.notes):
        doc.apply(s.model_copy(update={"title": new_title, "notes": new_notes}), "Edit title and notes")
    return True
