"""Units in words: the abbreviations the model's assumptions use, spelled out for readers.

A kind declares short units ("OOM/yr", "multiplier − 1"); a journalist should
not have to guess them. Unknown units are shown as they are.
"""

from __future__ import annotations

WORDS = {
    "OOM": "orders of magnitude of effective compute (1 OOM = ×10)",
    "OOM/yr": "orders of magnitude of effective compute gained per year (1 OOM = ×10)",
    "multiplier − 1": "speed-up minus one (0.5 = research 50% faster than without AI)",
    "fraction": "a share between 0 and 1",
    "factor": "a multiplying factor (1 = no change)",
    "per year": "a rate per year (0.03 = 3% a year)",
    "year": "a calendar year",
    "years": "a number of years",
    "months": "a number of months",
    "work months": "months of work by a human professional",
    "ratio": "a ratio (1 = equal)",
}

GLOSSARY = "OOM = orders of magnitude of effective compute (1 OOM = ×10)"


def spell_unit(unit: str) -> str:
    """'OOM/yr' → 'OOM/yr: orders of magnitude of effective compute gained per year (…)'."""
    words = WORDS.get(unit)
    return f"{unit}: {words}" if words else unit
