"""Unsaved work survives a crash: each running app mirrors its open scenario to its own slot.

Every instance of the app writes (atomically) to a slot of its own under the
user's data dir, ``autosave/slot-<id>/``: ``scenario.toml``, ``meta.json``
(the file the work belongs to, when it was saved) and ``lock``. The lock file
holds the owner's process id and, while the owner lives, an exclusive OS lock
(``flock``), which the system drops when the process ends however it ends. So
another instance can tell a live slot (leave it alone) from an orphan (the
owner crashed: offer its work back), and pid reuse cannot fool it. The lock is
taken before the slot's name appears, so no instance ever sees a new slot
unlocked. A clean exit, a save or a discard removes the instance's own slot
and nobody else's.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from debate_explorer.core.errors import InputError
from debate_explorer.core.files.fileio import atomic_write_text, read_text
from debate_explorer.core.model.scenario import Scenario, load_scenario, scenario_to_toml

if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt
else:
    import fcntl

SLOT_PREFIX = "slot-"
LEGACY_FILES = ("autosave.toml", "autosave.json")  # the single shared slot of earlier versions


def default_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("debate-explorer")) / "autosave"


@dataclass
class Recovered:
    """Work an instance that is no longer running left unsaved; held (locked) until decided."""

    scenario: Scenario
    original_path: Path | None
    saved_at: str
    slot: Path | None = None
    _lock_fd: int | None = field(default=None, repr=False)


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock without waiting; False if another process holds it."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class Autosaver:
    """This instance's autosave slot, and the orphaned slots of instances that died."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory) if directory else default_dir()
        self.slot = self.directory / f"{SLOT_PREFIX}{uuid.uuid4().hex[:12]}"
        self._lock_fd: int | None = None
        self._claims: list[Recovered] = []

    @property
    def scenario_file(self) -> Path:
        return self.slot / "scenario.toml"

    @property
    def meta_file(self) -> Path:
        return self.slot / "meta.json"

    # -- this instance's slot --------------------------------------------------------
    def save(self, scenario: Scenario, original_path: Path | None) -> None:
        """Mirror the open scenario; an InputError (disk full, no permission) says why it could not."""
        self._own_slot()
        atomic_write_text(self.scenario_file, scenario_to_toml(scenario))
        meta = {
            "original_path": str(original_path) if original_path else None,
            "pid": os.getpid(),
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        atomic_write_text(self.meta_file, json.dumps(meta))

    def clear(self) -> None:
        """Remove this instance's slot (after a save, a discard or a clean exit); others are untouched."""
        shutil.rmtree(self.slot, ignore_errors=True)
        self._unlock()

    def detach(self) -> None:
        """Stop owning the slot but keep its content, as a crash would (its work becomes recoverable)."""
        self._unlock()

    def _own_slot(self) -> None:
        if self._lock_fd is not None and self.slot.is_dir():
            return
        self._unlock()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            staging = self.directory / f".{self.slot.name}.lock"
            fd = os.open(staging, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        except OSError as exc:
            raise InputError(f"cannot create the autosave folder: {exc.strerror or exc}", file=self.directory) from None
        try:
            if not _try_lock(fd):
                raise InputError("the autosave slot is locked by another process", file=self.slot)
            os.write(fd, f"{os.getpid()}\n".encode())
            self.slot.mkdir(exist_ok=True)
            os.replace(staging, self.slot / "lock")  # appears already locked
        except OSError as exc:
            os.close(fd)
            raise InputError(f"cannot create the autosave slot: {exc.strerror or exc}", file=self.slot) from None
        except InputError:
            os.close(fd)
            raise
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing drops the lock
            self._lock_fd = None

    # -- other instances' orphans --------------------------------------------------------
    def pending(self) -> list[Recovered]:
        """Work left by instances that are no longer running, newest first.

        Each returned slot stays locked by this instance until :meth:`discard`,
        :meth:`adopt` or :meth:`release_claims`, so two instances starting at once
        never offer the same work. Damaged slots are removed.
        """
        found = [r for r in (self._claim(slot) for slot in self._other_slots()) if r is not None]
        legacy = self._legacy()
        if legacy is not None:
            found.append(legacy)
        found.sort(key=lambda r: r.saved_at, reverse=True)
        self._claims.extend(found)
        return found

    def discard(self, found: Recovered) -> None:
        """Delete recovered work the user did not want back."""
        if found.slot is not None:
            shutil.rmtree(found.slot, ignore_errors=True)
        else:
            for name in LEGACY_FILES:
                (self.directory / name).unlink(missing_ok=True)
        self._release(found)

    def adopt(self, found: Recovered) -> None:
        """The work was restored into this instance, whose own slot now protects it."""
        self.discard(found)

    def release_claims(self) -> None:
        """Let go of orphans not decided on; they are offered again next time."""
        for found in list(self._claims):
            self._release(found)

    def _release(self, found: Recovered) -> None:
        if found._lock_fd is not None:
            os.close(found._lock_fd)
            found._lock_fd = None
        if found in self._claims:
            self._claims.remove(found)

    def _other_slots(self) -> list[Path]:
        try:
            return [p for p in self.directory.glob(f"{SLOT_PREFIX}*") if p.is_dir() and p != self.slot]
        except OSError:
            return []

    def _claim(self, slot: Path) -> Recovered | None:
        try:
            fd = os.open(slot / "lock", os.O_RDWR)
        except OSError:
            return None  # being created, or not a slot of ours: leave it alone
        if not _try_lock(fd):
            os.close(fd)
            return None  # its owner is running
        try:
            scenario = load_scenario(slot / "scenario.toml")
            meta = json.loads(read_text(slot / "meta.json")) if (slot / "meta.json").exists() else {}
        except (InputError, ValueError):
            shutil.rmtree(slot, ignore_errors=True)  # damaged, or cleared half-way: nothing to offer
            os.close(fd)
            return None
        path = meta.get("original_path")
        return Recovered(scenario, Path(path) if path else None, str(meta.get("saved_at", "")), slot, fd)

    def _legacy(self) -> Recovered | None:
        scenario_file, meta_file = (self.directory / name for name in LEGACY_FILES)
        if not scenario_file.exists():
            return None
        try:
            scenario = load_scenario(scenario_file)
            meta = json.loads(read_text(meta_file)) if meta_file.exists() else {}
        except (InputError, ValueError):
            for name in LEGACY_FILES:
                (self.directory / name).unlink(missing_ok=True)
            return None
        path = meta.get("original_path")
        return Recovered(scenario, Path(path) if path else None, str(meta.get("saved_at", "")))
