"""Opening, saving and switching scenarios without ever losing work.

Every path that replaces the open scenario (New, Open, a preset, a recent file,
quitting) first asks about unsaved changes. A file that fails to load — or loads
but could not run (``compute.check_runnable``) — shows the loader's message (file,
field, reason) and leaves the current scenario and its results as they were.
Saving asks before replacing a read-only file. Autosave failures (a full disk)
are shown in the window, never swallowed: the user must not believe work is
protected when it is not.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from debate_explorer.core.errors import InputError
from debate_explorer.core.files.atomic import is_read_only
from debate_explorer.core.files.autosave import Autosaver
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import baseline_scenario_path, scenarios_dir
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.files import save_target
from debate_explorer.ui.status.autosave_status import AutosaveStatus

SCENARIO_FILTER = "Scenarios (*.toml);;All files (*)"
MAX_RECENT = 8


class FileActions:
    """The File menu's logic, bound to one window."""

    def __init__(self, window: QWidget, ctx: AppContext, autosaver: Autosaver, settings: QSettings) -> None:
        self.window = window
        self.ctx = ctx
        self.doc = ctx.document
        self.autosaver = autosaver
        self.settings = settings
        self.last_dir = str(settings.value("lastDir", str(scenarios_dir())))
        self.autosave_status = AutosaveStatus(window)
        # Set by the map editing (ui.authoring): open a scenario's recorded overlay first;
        # save the overlay and record it in the scenario before the scenario is written.
        self.before_open: Callable[[Path], bool] | None = None
        self.before_save: Callable[[Path], bool] | None = None
        self.before_restore: Callable[[Path | None], None] | None = None
        self.map_modified: Callable[[], bool] | None = None  # the map overlay has unsaved edits

    # -- guards ------------------------------------------------------------------
    def confirm_discard(self) -> bool:
        """True when it is fine to replace the open scenario (saved, discarded or unchanged)."""
        map_edits = self.map_modified is not None and self.map_modified()
        if not self.doc.is_modified and not map_edits:
            return True
        what = "unsaved changes to the scenario and the map" if map_edits else "unsaved changes"
        answer = QMessageBox.warning(
            self.window,
            "Unsaved changes",
            f"“{self.doc.display_name}” has {what}. Save them first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.autosaver.clear()  # discarded work must not come back after a later crash
            return True
        return False

    def show_error(self, title: str, exc: Exception) -> None:
        if isinstance(exc, InputError):
            text = exc.message
        else:  # a bug: still a dialog, never an exception out of the action
            text = f"unexpected error ({type(exc).__name__}): {exc}"
        QMessageBox.critical(self.window, title, f"{text}\n\nYour current scenario is unchanged.")

    # -- actions -------------------------------------------------------------------
    def new(self) -> None:
        """A fresh, untitled copy of the baseline."""
        if not self.confirm_discard():
            return
        try:
            scenario = load_scenario(baseline_scenario_path()).replace(title="Untitled")
        except InputError as exc:
            self.show_error("Cannot create a scenario", exc)
            return
        self.doc.replace_all(scenario, None)

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        path, _ = QFileDialog.getOpenFileName(self.window, "Open scenario", self.last_dir, SCENARIO_FILTER)
        if path:
            self.open_path(Path(path), confirmed=True)

    def open_path(self, path: Path, *, confirmed: bool = False, as_preset: bool = False) -> bool:
        if not confirmed and not self.confirm_discard():
            return False
        if self.before_open is not None and not as_preset and not self.before_open(Path(path)):
            return False  # the scenario's map overlay could not be found or opened
        try:
            if as_preset:
                scenario = load_scenario(path)
                self.doc.replace_all(scenario, None)
            else:
                self.doc.open(path)
        except Exception as exc:  # noqa: BLE001 - whatever the file does, the old scenario stays
            self.show_error("Cannot open scenario", exc)
            return False
        if not as_preset:
            self.remember(path)
        return True

    def open_preset(self, path: Path) -> None:
        """A preset opens as an untitled copy, so the shipped file is never overwritten."""
        self.open_path(path, as_preset=True)

    def save(self) -> bool:
        if self.doc.path is None or save_target.is_shipped(self.doc.path):  # never overwrite a preset silently
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        if not save_target.settle_title(self.window, self.doc):
            return False
        start = str(save_target.save_as_start(self.doc, self.last_dir))
        path, _ = QFileDialog.getSaveFileName(self.window, "Save scenario as", start, SCENARIO_FILTER)
        if not path:
            return False
        if not path.lower().endswith(".toml"):
            path += ".toml"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        replace = False
        if is_read_only(path):
            answer = QMessageBox.question(
                self.window,
                "Replace read-only file?",
                f"“{path.name}” is read-only.\n\nReplace it anyway (it stays read-only)?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            replace = True
        if self.before_save is not None and not self.before_save(path):
            return False  # the map overlay it needs was not saved
        try:
            self.doc.save(path, replace_read_only=replace)
        except InputError as exc:  # names the file itself
            QMessageBox.critical(self.window, "Cannot save", exc.message)
            return False
        except OSError as exc:
            QMessageBox.critical(self.window, "Cannot save", f"{path}: {exc.strerror or exc}")
            return False
        self.autosaver.clear()
        self.remember(path)
        return True

    # -- recent files --------------------------------------------------------------
    def recent(self) -> list[Path]:
        raw = self.settings.value("recentFiles", [])
        items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else []
        return [Path(p) for p in items if Path(p).exists()]

    def remember(self, path: Path) -> None:
        path = Path(path).resolve()
        items = [str(path)] + [str(p) for p in self.recent() if p.resolve() != path]
        self.settings.setValue("recentFiles", items[:MAX_RECENT])
        self.last_dir = str(path.parent)
        self.settings.setValue("lastDir", self.last_dir)

    # -- crash recovery ------------------------------------------------------------
    def autosave_now(self) -> None:
        if not self.doc.is_modified:
            return
        try:
            self.autosaver.save(self.doc.scenario, self.doc.path)
        except (OSError, InputError) as exc:
            self.autosave_status.failed(exc.message if isinstance(exc, InputError) else str(exc))
        else:
            self.autosave_status.succeeded()

    def offer_recovery(self) -> None:
        """Offer back work of instances that ended without saving (never a running one's)."""
        try:
            for found in self.autosaver.pending():
                if self._offer(found):
                    break
        finally:
            self.autosaver.release_claims()  # undecided ones are offered again next time

    def _offer(self, found) -> bool:
        where = f" for “{found.original_path.name}”" if found.original_path else ""
        answer = QMessageBox.question(
            self.window,
            "Recover unsaved work?",
            f"Debate Explorer did not close normally. Unsaved work{where} from {found.saved_at} was kept.\n\n"
            "Restore it? (No deletes it.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            self.autosaver.discard(found)
            return False
        try:
            if self.before_restore is not None:
                self.before_restore(found.slot)  # the map overlay autosaved beside it, if any
            self.doc.replace_all(found.scenario, found.original_path, modified=True)
        except InputError as exc:
            self.show_error("Cannot restore", exc)
            return False
        self.autosave_now()  # into this instance's own slot, before the old one goes
        self.autosaver.adopt(found)
        return True
