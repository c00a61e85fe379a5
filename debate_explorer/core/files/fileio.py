"""Reading and writing the project's text files safely.

Reads turn every way a file can be broken (missing, a directory, binary junk,
not UTF-8, truncated TOML/JSON, a pipe or device, too big, too deep) into an
InputError naming the file. Writes are atomic and follow links (``core.atomic``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from debate_explorer.core.errors import InputError

# The writers live beside the readers for callers: re-exported explicitly (``x as x``).
from debate_explorer.core.files.atomic import ReadOnlyError as ReadOnlyError
from debate_explorer.core.files.atomic import atomic_write_bytes as atomic_write_bytes
from debate_explorer.core.files.atomic import atomic_write_text as atomic_write_text
from debate_explorer.core.files.atomic import atomic_writer as atomic_writer
from debate_explorer.core.files.structured import FieldNamer, parse_text

# Nothing this project reads is anywhere near this (the bundled graph is 135 kB);
# a bigger file is a mistake, and parsing it would cost memory in proportion.
MAX_FILE_BYTES = 8 * 1024 * 1024


def read_bytes(path: str | Path) -> bytes:
    """The content of a regular file of at most MAX_FILE_BYTES, or an InputError saying why not.

    The file is opened without blocking and checked before reading: a FIFO would
    otherwise wait forever for a writer, and a device such as ``/dev/zero`` never
    ends. Reading stops one byte past the cap, so a file that grows meanwhile
    cannot exhaust memory either.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError("file not found", file=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", file=path) from None
    except PermissionError:
        raise InputError("cannot read the file: permission denied", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", file=path) from None
    info = os.fstat(fd)
    problem = None
    if stat.S_ISDIR(info.st_mode):
        problem = "is a folder, not a file"
    elif not stat.S_ISREG(info.st_mode):
        problem = "is not a regular file (a pipe, device or socket); only files are read"
    elif info.st_size > MAX_FILE_BYTES:
        problem = _too_big(info.st_size)
    if problem:
        os.close(fd)
        raise InputError(problem, file=path)
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror or exc}", file=path) from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(_too_big(len(data)), file=path)
    return data


def check_regular_file(path: str | Path) -> None:
    """For files another library will read (pandas, pyarrow): exists, is a regular file, not a pipe or device."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError("file not found", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", file=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder, not a file", file=path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file (a pipe, device or socket); only files are read", file=path)


def _too_big(size: int) -> str:
    return f"file is {size / 2**20:.1f} MB; at most {MAX_FILE_BYTES // 2**20} MB is read"


def read_text(path: str | Path) -> str:
    """The file's text, or an InputError saying why it is not readable text."""
    path = Path(path)
    data = read_bytes(path)
    if b"\x00" in data:
        raise InputError("looks like a binary file, not text", file=path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            raise InputError("ends in the middle of a character; the file looks truncated", file=path) from None
        raise InputError(
            f"is not UTF-8 text (invalid byte at offset {exc.start}); save it as UTF-8", file=path
        ) from None
    if not text.strip():
        raise InputError("the file is empty", file=path)
    return text


def read_structured(path: str | Path, *, name_field: FieldNamer | None = None) -> dict[str, Any]:
    """Parse a TOML or JSON file (by extension; TOML otherwise) into a dict.

    Every way the file can be unusable is an InputError naming the file (and the
    field where there is one): see ``read_bytes``, ``read_text`` and
    ``structured.parse_text`` for the limits on size, nesting and numbers.
    """
    path = Path(path)
    return parse_text(read_text(path), json_format=path.suffix.lower() == ".json", file=path, name_field=name_field)
