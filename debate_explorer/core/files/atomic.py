"""Saving files so that an interrupted or failed save never damages what was there.

The new content goes to a temporary file beside the target, is flushed to disk,
and then replaces the target in one step: readers see the old file or the new
one, never a mix, and a full disk fails before the old file is touched.

Links are honoured. A symbolic link is followed and the file it points to is
written (the link stays a link). A file with several hard links cannot be
replaced without cutting it off from its other names, so once the new content
is safely on disk it is copied into the file in place, after reserving the
space it needs (a full disk still fails before anything is overwritten); if
that copy fails half-way, the complete new content is kept in the temporary
file and the error says where. A read-only file is refused with
:class:`ReadOnlyError` unless the caller says to replace it (the app asks first).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from debate_explorer.core.errors import InputError

NEW_FILE_MODE = 0o644


class ReadOnlyError(InputError):
    """The file exists and is read-only; retry with ``replace_read_only=True`` to replace it anyway."""


def resolve_target(path: str | Path) -> Path:
    """The file a save to ``path`` writes: the end of any chain of symbolic links."""
    return Path(os.path.realpath(path))


def is_read_only(path: str | Path) -> bool:
    """True if the file a save would write exists and is marked read-only or is not writable by us.

    The permission bits count even for a user who could write anyway (root): a
    file someone marked read-only is one to ask about before replacing.
    """
    target = resolve_target(path)
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not mode & 0o222 or not os.access(target, os.W_OK)


@contextmanager
def atomic_writer(path: str | Path, mode: str = "w", *, replace_read_only: bool = False) -> Iterator[IO[Any]]:
    """A file handle whose content replaces ``path`` only if the block completes.

    Problems with the file system (no such folder, no permission, disk full)
    become an InputError naming the file; the old file is left as it was.
    """
    shown = Path(path)
    target = resolve_target(shown)
    existing = target.stat() if target.exists() else None
    writable = existing is not None and not is_read_only(target)
    if existing is not None and not writable and not replace_read_only:
        raise ReadOnlyError("the file is read-only; it was not replaced", file=shown)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", file=shown) from None
    try:
        text = "b" not in mode
        with os.fdopen(fd, mode, encoding="utf-8" if text else None, newline="\n" if text else None) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None and existing.st_nlink > 1 and writable:
            _copy_in_place(tmp, target, shown)
            os.unlink(tmp)
            return
        os.chmod(tmp, existing.st_mode & 0o7777 if existing is not None else NEW_FILE_MODE)
        os.replace(tmp, target)
        _sync_folder(target.parent)
    except BaseException as exc:
        if not isinstance(exc, _KeptTemporary):
            _remove(tmp)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write the file: {exc.strerror or exc}", file=shown) from None
        raise


class _KeptTemporary(InputError):
    """The in-place copy failed after it began: the temporary file holds the only complete copy."""


def _copy_in_place(tmp: str, target: Path, shown: Path) -> None:
    size = os.path.getsize(tmp)
    with open(target, "r+b") as out:
        _reserve(out.fileno(), size)  # a full disk fails here, with the old content intact
        try:
            with open(tmp, "rb") as src:
                shutil.copyfileobj(src, out)
            out.truncate()
            out.flush()
            os.fsync(out.fileno())
        except OSError as exc:
            raise _KeptTemporary(
                f"cannot finish writing the file ({exc.strerror or exc}); the complete new content is in {tmp}",
                file=shown,
            ) from None


def _reserve(fd: int, size: int) -> None:
    if not hasattr(os, "posix_fallocate") or size == 0:
        return
    try:
        os.posix_fallocate(fd, 0, size)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise
        # Not supported by this file system: the copy itself will report a full disk.


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def atomic_write_text(path: str | Path, text: str, *, replace_read_only: bool = False) -> None:
    """Write ``text`` to ``path`` so that readers see the old or the new file, never a mix."""
    with atomic_writer(path, replace_read_only=replace_read_only) as handle:
        handle.write(text)


def atomic_write_bytes(path: str | Path, data: bytes, *, replace_read_only: bool = False) -> None:
    with atomic_writer(path, "wb", replace_read_only=replace_read_only) as handle:
        handle.write(data)
