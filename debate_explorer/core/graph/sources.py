"""Readable names for the seed documents the argument map cites.

Nodes cite a seed file by its hashed name (``003_9acecfd289868eca.txt``), which
tells a reader nothing. This module turns a node's source into "speaker, outlet,
date" for display. One seed file (003) concatenates eight articles, so the outlet
there depends on who speaks; the others hold one conversation or essay each.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SeedDocument:
    """What a seed file holds: its outlet, the date it reports, outlets per speaker if it is a compilation."""

    outlet: str
    date: str
    by_speaker: Mapping[str, str] = field(default_factory=dict)
    note: str = ""

    def outlet_for(self, speaker: str | None) -> str:
        return self.by_speaker.get(speaker or "", self.outlet)


_BUCHANAN = "critique of Buchanan's 'grand bargain' (Foreign Affairs), 心智觀察所"
_GENESIS = "report on the Genesis Mission order, P.T.G."

SEED_DOCUMENTS: Mapping[str, SeedDocument] = {
    "000_d64f166faee85432.txt": SeedDocument("Lex Fridman Podcast #490, write-up by AINEXT", "2026-02"),
    "001_bf732561413118de.txt": SeedDocument(
        "machine-written summary (Gemini 2.5 Flash) of Lex Fridman Podcast #490",
        "2026-02",
        note="The summary dates itself 2024-02-01; the conversation reviews 2025, so it is from 2026.",
    ),
    "002_a4b02a4ddda3132f.txt": SeedDocument(
        "'Thoughts on the eve of AGI' (X post), Chinese translation by AI深度研究员", "2024-12"
    ),
    "003_9acecfd289868eca.txt": SeedDocument(
        "compilation of eight articles on AI",
        "2025",
        by_speaker={
            "Ben Buchanan": _BUCHANAN,
            "心智觀察所 (critique of Buchanan)": _BUCHANAN,
            "Stimson Center": _BUCHANAN,
            "McKinsey Global Institute": "McKinsey Global Institute report, summarised by 稻香湖下午茶",
            "Donald Trump": _GENESIS,
            "Carl Coe (US Department of Energy)": _GENESIS,
            "Steve Scalise": _GENESIS,
            "Jensen Huang": "CNBC interview, summarised by 老張的求知思考世界",
            "Andrej Karpathy": "Dwarkesh Podcast, Chinese transcript by 數字開物",
            "Geoffrey Hinton": "recalled by Karpathy on the Dwarkesh Podcast, transcript by 數字開物",
            "Jack Clark": "essay 'Technological optimism and appropriate fear', via AI寒武紀",
            "Goldman Sachs": "Goldman Sachs research note, reported by invest wallstreet",
            "Wu Yongming": "Apsara Conference keynote, transcript by 鋅財經",
        },
    ),
    "004_63e39eedb4781341.txt": SeedDocument(
        "EconTalk (Russ Roberts with Dwarkesh Patel), Chinese transcript", "2025-04"
    ),
}


def source_label(node: Any) -> str:
    """ "Speaker, outlet, date" for a claim or evidence node; empty for a node without a source.

    ``node`` is anything with ``speaker``, ``source`` and ``date`` attributes (a graph Node).
    An unknown file keeps its own name, so a custom graph still shows something useful.
    """
    source = getattr(node, "source", None)
    if not source:
        return ""
    speaker = getattr(node, "speaker", None)
    doc = SEED_DOCUMENTS.get(source)
    outlet = doc.outlet_for(speaker) if doc else source
    date = getattr(node, "date", None) or (doc.date if doc else "")
    return ", ".join(part for part in (speaker, outlet, date) if part)


def source_note(source: str | None) -> str:
    """A caveat about the seed file itself (e.g. a wrong date in it), or ''."""
    doc = SEED_DOCUMENTS.get(source or "")
    return doc.note if doc else ""
