"""Full-text search over the nodes of an argument graph.

The map holds about a hundred nodes, so a linear scan over pre-normalised text is
instant and needs no tokeniser — which matters because Chinese has no spaces
between words: substring matching finds 「十年」 inside a longer title, where a
word index would not. Every word of the query must match somewhere (AND); nodes
are ranked by where the words matched, titles first.

Words in scripts that separate words with spaces must match at the start of a
word ("scal" finds "scaling", "era" does not find "accelerated"); words in
Chinese, Japanese or Korean script match anywhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

# How much a query word matching in each field is worth. A title hit outranks any
# number of hits elsewhere for the same word, so "title hits first" holds.
_TITLE, _SPEAKER, _ID, _BODY = 100, 10, 5, 1


class _Searchable(Protocol):
    """What the index reads of a node (read-only, as on the frozen Node)."""

    @property
    def id(self) -> str: ...
    @property
    def title_en(self) -> str: ...
    @property
    def title_zh(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def quote(self) -> str | None: ...
    @property
    def quote_en(self) -> str | None: ...


def normalise(text: str) -> str:
    """Fold case and Unicode width (NFKC) so 'ＡＧＩ', 'AGI' and 'agi' are the same."""
    return unicodedata.normalize("NFKC", text).casefold()


@dataclass(frozen=True)
class _Entry:
    id: str
    title: str
    speaker: str
    node_id: str
    body: str


class SearchIndex:
    """Normalised text per node, built once per graph."""

    def __init__(self, nodes: Iterable[_Searchable]) -> None:
        self._entries = [self._entry(n) for n in nodes]

    @staticmethod
    def _entry(n: _Searchable) -> _Entry:
        body = "\n".join(t for t in (n.summary, n.quote, n.quote_en) if t)
        return _Entry(
            id=n.id,
            title=normalise(f"{n.title_en}\n{n.title_zh}"),
            speaker=normalise(n.speaker or ""),
            node_id=n.id.casefold(),
            body=normalise(body),
        )

    def search(self, text: str) -> list[str]:
        """Ids of nodes matching every word of ``text``, best first, file order on ties."""
        words = normalise(text).split()
        if not words:
            return []
        matchers = [_matcher(w) for w in words]
        scored = []
        for order, entry in enumerate(self._entries):
            score = _score(entry, matchers)
            if score:
                scored.append((-score, order, entry.id))
        scored.sort()
        return [nid for _, _, nid in scored]


_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff]")


# A word starts where no letter or digit of a spaced script comes just before it;
# CJK characters, punctuation and '_' (as in ids) all count as a start.
_NOT_AFTER_LETTER = r"(?<![0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])"


def _matcher(word: str) -> Callable[[str], bool]:
    """A test for one query word: substring for CJK, word-prefix otherwise."""
    if _CJK.search(word):
        return lambda text: word in text
    pattern = re.compile(_NOT_AFTER_LETTER + re.escape(word))
    return lambda text: pattern.search(text) is not None


def _score(entry: _Entry, matchers: list[Callable[[str], bool]]) -> int:
    """Sum of the best field each word hits; 0 if any word hits nothing."""
    total = 0
    for hit in matchers:
        if hit(entry.title):
            total += _TITLE
        elif hit(entry.speaker):
            total += _SPEAKER
        elif hit(entry.node_id):
            total += _ID
        elif hit(entry.body):
            total += _BODY
        else:
            return 0
    return total
