"""Verbatim quotes: a claim's ``quote`` must occur, word for word, in its source's text.

The one normalisation (applied to both quote and source before comparing) is
Unicode NFC, then every run of whitespace (spaces, tabs, line breaks, the
ideographic space) collapsed to one space, then the ends stripped. Nothing looser:
no case folding, no punctuation or width folding, no traditional/simplified
mapping. So a quote that differs from its source only by a line break (the
transcript wraps lines) passes; one with a changed character, a dropped word or
a translation fails.

:func:`check_quotes` runs over a whole graph and returns a :class:`QuoteCheck`
saying which sources could not be checked (the bundled seeds are not on this
machine) and why; a mismatch raises :class:`InputError` naming the node and the
source. :func:`locate` gives the character span of a quote in the source's own
text, for highlighting in a viewer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from debate_explorer.core.errors import InputError

_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, ends stripped: the only liberty a quote may take."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def is_verbatim(quote: str, text: str) -> bool:
    """Whether ``quote`` occurs in ``text`` after :func:`normalise` of both."""
    q = normalise(quote)
    return bool(q) and q in normalise(text)


def quote_pattern(quote: str) -> re.Pattern[str]:
    """A pattern matching ``quote`` in NFC text with any whitespace run where the quote has one."""
    words = normalise(quote).split(" ")
    return re.compile(r"\s+".join(re.escape(w) for w in words))


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Start and end offsets of ``quote`` in ``text`` (offsets into NFC ``text``; seeds are NFC), or None."""
    match = quote_pattern(quote).search(unicodedata.normalize("NFC", text))
    return (match.start(), match.end()) if match else None


def nearest_passage(quote: str, text: str, margin: int = 20) -> str:
    """The passage of ``text`` sharing the longest run with ``quote``, widened to the quote's length (for reports)."""
    q, t = normalise(quote), normalise(text)
    if not q or not t:
        return ""
    match = SequenceMatcher(None, t, q, autojunk=False).find_longest_match(0, len(t), 0, len(q))
    start = max(0, match.a - match.b - margin)
    return t[start : start + len(q) + 2 * margin]


@dataclass(frozen=True)
class QuoteCheck:
    """What a quote check did: how many quotes it confirmed, and the sources it could not read, with why."""

    checked: int = 0
    skipped: dict[str, str] = field(default_factory=dict)  # source id -> reason it was not checked

    @property
    def complete(self) -> bool:
        return not self.skipped

    def summary(self) -> str:
        text = f"{self.checked} quote{'s' if self.checked != 1 else ''} verbatim in their sources"
        if self.skipped:
            reasons = sorted(set(self.skipped.values()))
            text += f"; not checked for {len(self.skipped)} source(s): {'; '.join(reasons)}"
        return text


@dataclass(frozen=True)
class Quoted:
    """One quote to check: the node that makes it, the source it cites, the words."""

    node: str
    source: str
    quote: str


def check_quotes(
    quotes: Iterable[Quoted],
    text_of: Callable[[str], str | None],
    *,
    file: str | None,
    missing: Callable[[str], str],
    field_of: Callable[[Quoted], str] | None = None,
    label_of: Callable[[str], str] = repr,
) -> QuoteCheck:
    """Check every quote against ``text_of(source)``; raise InputError on the first that is not verbatim.

    ``text_of`` returns None for a source whose text is not available; then
    ``missing(source)`` says why, and the source is reported as skipped — never
    silently passed.
    """
    normalised: dict[str, str | None] = {}
    checked, skipped = 0, {}
    for q in quotes:
        if q.source not in normalised:
            raw = text_of(q.source)
            normalised[q.source] = None if raw is None else normalise(raw)
        text = normalised[q.source]
        if text is None:
            skipped[q.source] = missing(q.source)
            continue
        if not normalise(q.quote) or normalise(q.quote) not in text:
            near = nearest_passage(q.quote, text)
            raise InputError(
                f"node {q.node!r}: the quote is not verbatim in source {label_of(q.source)} "
                f"(nearest passage: {near[:120]!r})",
                file=file,
                field=field_of(q) if field_of else None,
            )
        checked += 1
    return QuoteCheck(checked, skipped)
