"""Reading and writing the project's text files safely.

Reads turn every way a file can be broken (missing, a directory, binary junk,
not UTF-8, truncated TOML/JSON) into an InputError naming the file. Writes are
atomic: the text goes to a temporary file in the same directory, is flushed to
disk, and then replaces the target in one step, so an interrupted save never
leaves a half-written file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from debate_explorer.core.errors import InputError

# Nothing this project reads is anywhere near this; a bigger file is a mistake.
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_text(path: str | Path) -> str:
    """The file's text, or an InputError saying why it is not readable text."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"file is {size / 1e6:.0f} MB; at most {MAX_FILE_BYTES // 10**6} MB is read", file=path)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", file=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", file=path) from None
    except PermissionError:
        raise InputError("cannot read the file: permission denied", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", file=path) from None
    if b"\x00" in data:
        raise InputError("looks like a binary file, not text", file=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            raise InputError("ends in the middle of a character; the file looks truncated", file=path) from None
        raise InputError(f"is not UTF-8 text (invalid byte at offset {exc.start}); save it as UTF-8",
                         file=path) from None
    if not text.strip():
        raise InputError("the file is empty", file=path)
    return text


def read_structured(path: str | Path) -> dict[str, Any]:
    """Parse a TOML or JSON file (by extension; TOML otherwise) into a dict."""
    path = Path(path)
    text = read_text(path)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            raise InputError(f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
                             file=path) from None
        except ValueError as exc:
            raise InputError(str(exc), file=path) from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"is not valid TOML: {exc}", file=path) from None
    if not isinstance(data, dict):
        raise InputError("must hold a table/object at the top level", file=path)
    return data


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number this file may contain")


@contextmanager
def atomic_writer(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """A file handle whose content replaces ``path`` only if the block completes.

    Problems with the file system (no such folder, no permission, disk full)
    become an InputError naming the file; the old file is left as it was.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", file=path) from None
    try:
        kwargs = {} if "b" in mode else {"encoding": "utf-8", "newline": "\n"}
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(f"cannot write the file: {exc.strerror or exc}", file=path) from None
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old or the new file, never a mix."""
    with atomic_writer(path) as handle:
        handle.write(text)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    with atomic_writer(path, "wb") as handle:
        handle.write(data)
