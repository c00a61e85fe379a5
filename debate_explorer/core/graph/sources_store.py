"""Source documents with their full text: the bundled seeds and the user's own.

A :class:`Source` is what a claim cites: an id (the value of a node's ``source``
field), a title, speakers, a date, an optional URL, the file name and the full
text. Two kinds exist:

- **bundled**: the seed documents in ``../shared/seeds/`` (or the folder named by
  ``DEBATE_EXPLORER_SEEDS``), id = file name, title from the seeds' README.md map.
  They are not shipped inside the package; when the folder is absent the
  bundled sources have no text and quote checks on them are reported as skipped.
- **user**: text files stored in the overlay's folder, beside the overlay file,
  under ``sources/``. The overlay records each by relative path and SHA-256 of
  its bytes (not embedded: a transcript stays a readable, diffable text file, and
  the overlay stays small). A changed or missing file is an error on load.

:func:`read_source_file` is the one gate for a user's text: UTF-8 only (anything
else is an error naming the file), at most :data:`MAX_SOURCE_BYTES` (reading
stops one byte past the cap; a 50 MB file is refused without being read), any
language. :func:`search` finds a phrase in a source for the viewer and returns
match offsets.

GUI use: ``bundled_sources()`` for the seeds, ``Overlay.sources`` (see
``overlay_edit``) for the user's, ``new_source(...)`` to make one from a file or
pasted text, ``search(source.text, query)`` for the viewer's find bar.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from debate_explorer.core.errors import InputError
from debate_explorer.core.files.fileio import MAX_FILE_BYTES, read_text
from debate_explorer.core.graph.sources import SEED_DOCUMENTS
from debate_explorer.core.paths import CHECKOUT_ROOT

# The fileio cap (8 MB) is ~60 times the largest seed and more than a long book in UTF-8.
MAX_SOURCE_BYTES = MAX_FILE_BYTES
SOURCE_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$"
_SOURCE_ID = re.compile(SOURCE_ID)


@dataclass(frozen=True)
class Source:
    """A document claims cite. ``text`` is None for a bundled seed whose folder is absent."""

    id: str
    title: str
    file: str  # the file name (bundled) or the path relative to the overlay's folder (user)
    text: str | None
    speakers: tuple[str, ...] = ()
    date: str | None = None
    url: str | None = None
    bundled: bool = False

    @property
    def sha256(self) -> str:
        return text_hash(self.text or "")


def text_hash(text: str) -> str:
    """SHA-256 of the UTF-8 bytes of ``text``: what an overlay records for a source file."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seeds_dir() -> Path:
    """Where the bundled seed documents are looked for (they may be absent, e.g. in CI without ``../shared``)."""
    env = os.environ.get("DEBATE_EXPLORER_SEEDS")
    return Path(env) if env else CHECKOUT_ROOT.parent / "shared" / "seeds"


def seeds_missing_reason(folder: Path | None = None) -> str:
    folder = folder or seeds_dir()
    return (
        f"the bundled source documents are not in {folder} (set DEBATE_EXPLORER_SEEDS to their folder "
        "to check the bundled quotes)"
    )


_HEADING = re.compile(r"^## (\S+\.txt)\s+[—-]+\s+(.+)$", re.MULTILINE)


def _readme_titles(folder: Path) -> dict[str, str]:
    try:
        readme = read_text(folder / "README.md")
    except InputError:
        return {}
    return {m.group(1): m.group(2).strip().strip('"“”') for m in _HEADING.finditer(readme)}


@lru_cache(maxsize=4)
def _bundled(folder: Path) -> tuple[Source, ...]:
    titles = _readme_titles(folder)
    out = []
    for name, doc in SEED_DOCUMENTS.items():
        path = folder / name
        text = read_text(path) if path.is_file() else None
        speakers = tuple(s for s in doc.by_speaker if s)
        out.append(Source(name, titles.get(name, doc.outlet), name, text, speakers, doc.date, None, True))
    return tuple(out)


def bundled_sources(folder: Path | None = None) -> dict[str, Source]:
    """The seed documents by id (file name), with text when their folder is present."""
    return {s.id: s for s in _bundled(folder or seeds_dir())}


def check_source_id(source_id: str) -> None:
    if not isinstance(source_id, str) or not _SOURCE_ID.match(source_id):
        raise InputError(f"a source id is letters, digits, '_', '.', '-' (at most 200), got {source_id!r}", field="id")


def read_source_file(path: str | Path) -> str:
    """A user's source text: UTF-8 (BOM allowed), at most MAX_SOURCE_BYTES, any language; else InputError."""
    return read_text(path)  # the project's reader: size cap before reading, UTF-8 check, names the file


def new_source(
    source_id: str,
    *,
    title: str,
    text: str,
    speakers: tuple[str, ...] = (),
    date: str | None = None,
    url: str | None = None,
    file: str | None = None,
) -> Source:
    """A user source from pasted text or a read file; stored as ``sources/<id>`` (``.txt`` added) when saved."""
    check_source_id(source_id)
    if not title.strip():
        raise InputError("a source needs a title", field="title")
    if not text.strip():
        raise InputError("the source text is empty", field="text")
    if len(text.encode("utf-8")) > MAX_SOURCE_BYTES:
        raise InputError(f"the source text is over {MAX_SOURCE_BYTES // 2**20} MB", field="text")
    name = file or f"sources/{source_id if source_id.endswith('.txt') else source_id + '.txt'}"
    return Source(source_id, title.strip(), name, text, tuple(speakers), date, url or None, False)


def search(text: str, query: str, *, limit: int = 1000) -> list[tuple[int, int]]:
    """(start, end) offsets of ``query`` in ``text``: case-insensitive, any whitespace run matches a space.

    Offsets are into ``text`` as given (NFC-normalised first when it is not already),
    so a viewer can select them directly. At most ``limit`` matches.
    """
    words = unicodedata.normalize("NFC", query).split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    hay = text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    out = []
    for match in pattern.finditer(hay):
        out.append((match.start(), match.end()))
        if len(out) >= limit:
            break
    return out


def all_sources(user: Mapping[str, Source], folder: Path | None = None) -> dict[str, Source]:
    """Bundled seeds and the user's sources in one mapping (a user id may not shadow a seed)."""
    return {**bundled_sources(folder), **user}
