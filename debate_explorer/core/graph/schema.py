"""The shape of an argument-graph file (``format_version = 1``), as pydantic models.

These models check one record at a time: types, required fields, unknown keys,
allowed values, finite numbers in range. Checks that need the whole file (unique
ids, edges that point at real nodes, themes used vs defined, known assumptions)
live in :mod:`debate_explorer.core.graph.load`, which also turns pydantic's errors
into one readable line each. See ``resources/debate/FORMAT.md`` for the format.

Strict mode is on so that ``weight = "0.8"`` or ``format_version = "1"`` is an
error rather than silently coerced: a file is a format, and its types are part of it.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from debate_explorer.core.engine.kinds import DEFAULT_KIND

FORMAT_VERSION = 1

NODE_KINDS = ("position", "claim", "evidence", "question")
EDGE_TYPES = ("supports", "attacks", "answers")
# Kinds whose nodes report what someone said, so they must say who and where.
SOURCED_KINDS = ("claim", "evidence")
SOURCED_FIELDS = ("speaker", "source", "quote", "quote_en")

# What kind of statement a claim/evidence node is, and how the source gives it:
# ``direct`` the speaker's own words (a transcript or translation), ``reported`` a
# write-up reporting the speaker in the third person, ``summary`` a machine-written
# summary, ``critic`` a critic's paraphrase of an opponent's position.
ClaimType = Literal["trend", "forecast", "analogy", "testimony", "anecdote", "definition", "argument", "proposal"]
Provenance = Literal["direct", "reported", "summary", "critic"]
# Where the number an ``informs`` link feeds comes from: a figure quoted in the
# source, arithmetic on such a figure, or a named person's judgement.
Basis = Literal["quoted", "derived", "judgement"]
CLAIM_TYPES = get_args(ClaimType)
PROVENANCES = get_args(Provenance)
BASES = get_args(Basis)
# The argument scheme of a supports/attacks edge: the Walton schemes AIF records on
# its RA/CA nodes, cut to the few a reader of a debate tells apart.
Scheme = Literal[
    "expert_opinion", "cause_to_effect", "analogy", "example", "sign", "consequences", "definition", "other"
]
SCHEMES = get_args(Scheme)
# When the words were said or published: YYYY or YYYY-MM.
DATE_PATTERN = r"^[12][0-9]{3}(-(0[1-9]|1[0-2]))?$"

# Long enough for any quote; short enough that a junk file cannot make us hold
# megabytes in one label.
MAX_TEXT = 20_000

_CONFIG = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)]
NodeId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_]*$", max_length=200)]
ThemeId = Literal[
    "definitions",
    "timelines",
    "scaling",
    "post_training",
    "takeoff",
    "economy",
    "energy",
    "geopolitics",
    "safety",
    "agency",
]
THEME_IDS: tuple[str, ...] = get_args(ThemeId)
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
Date = Annotated[str, StringConstraints(pattern=DATE_PATTERN)]


class ThemeSpec(BaseModel):
    model_config = _CONFIG

    id: ThemeId
    title_en: Text
    title_zh: Text


class NodeSpec(BaseModel):
    model_config = _CONFIG

    id: NodeId
    kind: Literal["position", "claim", "evidence", "question"]
    theme: ThemeId
    title_en: Text
    title_zh: Text
    summary: Text
    speaker: Text | None = None
    source: Text | None = None
    quote: Text | None = None
    quote_en: Text | None = None
    claim_type: ClaimType | None = None
    provenance: Provenance | None = None
    date: Date | None = None

    # speaker/source/quote/quote_en are required for claims and evidence; that is
    # checked in validate.py so the error can name the missing field itself.
    # claim_type/provenance/date are optional in the format (older files load);
    # the shipped map gives them on every claim and evidence node (test_content.py).


class EdgeSpec(BaseModel):
    model_config = _CONFIG

    source: NodeId = Field(alias="from")
    target: NodeId = Field(alias="to")
    type: Literal["supports", "attacks", "answers"]
    # 1.0 when omitted: an unweighted edge counts fully, as in plain DF-QuAD.
    weight: Unit = 1.0
    # Why this edge holds, in one sentence written from the sources, and how it argues.
    reason: OptionalText = ""
    scheme: Scheme | None = None


class InformsSpec(BaseModel):
    model_config = _CONFIG

    node: NodeId
    assumption: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    model: Annotated[str, StringConstraints(min_length=1, max_length=200)] = DEFAULT_KIND
    dist: Any  # validated by core.model.distributions.parse_dist in the loader
    rationale: OptionalText = ""
    basis: Basis | None = None


class GraphFile(BaseModel):
    model_config = _CONFIG

    format_version: int
    title: OptionalText = "Argument graph"
    themes: list[ThemeSpec]
    nodes: list[NodeSpec]
    edges: list[EdgeSpec] = []
    informs: list[InformsSpec] = []
