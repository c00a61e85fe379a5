"""The shape of a map overlay file (``format_version = 1``), as strict pydantic models.

An overlay holds what a user adds to, changes in and removes from the bundled
map, by stable id, plus the user's sources; the bundled map is never written.
Records reuse the graph file's models (:mod:`.schema`) where they mean the same,
so a node added by an overlay is checked exactly as a bundled node is. Strict
mode: ``weight = "0.8"`` is an error, not a coercion. Whole-file checks (ids,
references, quotes, cycles) are in :mod:`.overlay_merge`. The format is
documented in ``resources/debate/FORMAT.md`` (section "Map overlays").
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator

from debate_explorer.core.engine.kinds import DEFAULT_KIND
from debate_explorer.core.graph.schema import (
    _CONFIG,
    Basis,
    ClaimType,
    Date,
    NodeId,
    NodeSpec,
    OptionalText,
    Provenance,
    Scheme,
    Text,
    ThemeId,
    Unit,
)
from debate_explorer.core.graph.sources_store import SOURCE_ID

OVERLAY_FORMAT_VERSION = 1

EdgeType = Literal["supports", "attacks", "answers"]
SourceId = Annotated[str, StringConstraints(pattern=SOURCE_ID)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
# A relative path inside the overlay's folder: segments of letters, digits, '_', '-' and inner dots
# (so no '..', no absolute path, no drive letter).
_SEGMENT = r"[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*"
RelPath = Annotated[str, StringConstraints(pattern=rf"^{_SEGMENT}(/{_SEGMENT})*$", max_length=300)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class BaseRef(BaseModel):
    """The bundled map the overlay was written against: its id and content hash."""

    model_config = _CONFIG
    id: Name
    content_hash: Sha256


class SourceSpec(BaseModel):
    """A user source: a UTF-8 text file at ``file`` (relative to the overlay's folder) with this SHA-256."""

    model_config = _CONFIG
    id: SourceId
    title: Text
    file: RelPath
    sha256: Sha256
    speakers: list[Text] = []
    date: Date | None = None
    url: OptionalText | None = None


class NodeEdit(BaseModel):
    """Changed fields of an existing node; a field left out keeps its value."""

    model_config = _CONFIG
    id: NodeId
    kind: Literal["position", "claim", "evidence", "question"] | None = None
    theme: ThemeId | None = None
    title_en: Text | None = None
    title_zh: Text | None = None
    summary: Text | None = None
    speaker: Text | None = None
    source: Text | None = None
    quote: Text | None = None
    quote_en: Text | None = None
    claim_type: ClaimType | None = None
    provenance: Provenance | None = None
    date: Date | None = None

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.model_dump(exclude_none=True).items() if k != "id"}


class EdgeKey(BaseModel):
    """An edge by its stable key: from, to and type."""

    model_config = _CONFIG
    source: NodeId = Field(alias="from")
    target: NodeId = Field(alias="to")
    type: EdgeType

    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.type)


class OverlayEdge(EdgeKey):
    """An added edge: reason and scheme are required (an edge says why it holds and how it argues)."""

    weight: Unit = 1.0
    reason: Text
    scheme: Scheme


class EdgeEdit(EdgeKey):
    """Retype, reweight or re-reason the edge (from, to, type); a field left out keeps its value."""

    new_type: EdgeType | None = None
    weight: Unit | None = None
    reason: Text | None = None
    scheme: Scheme | None = None


class InformsKey(BaseModel):
    model_config = _CONFIG
    node: NodeId
    assumption: Name
    model: Name = DEFAULT_KIND

    def key(self) -> tuple[str, str, str]:
        return (self.node, self.assumption, self.model)


class OverlayInforms(InformsKey):
    """An added link from a node to a model assumption, with where its number comes from."""

    dist: Any  # parsed by core.model.distributions.parse_dist when the map is built
    basis: Basis
    rationale: Text


class InformsEdit(InformsKey):
    dist: Any = None
    basis: Basis | None = None
    rationale: Text | None = None


class Removal(BaseModel):
    """Exactly one of: a node (with every edge and link touching it), an edge, an informs link."""

    model_config = _CONFIG
    node: NodeId | None = None
    edge: EdgeKey | None = None
    informs: InformsKey | None = None

    @model_validator(mode="after")
    def _one(self) -> Removal:
        if sum(x is not None for x in (self.node, self.edge, self.informs)) != 1:
            raise ValueError("a removal names exactly one of node, edge or informs")
        return self


class OverlayFile(BaseModel):
    model_config = _CONFIG

    format_version: int
    title: OptionalText = ""
    base: BaseRef
    sources: list[SourceSpec] = []
    nodes: list[NodeSpec] = []
    node_edits: list[NodeEdit] = []
    removals: list[Removal] = []
    edges: list[OverlayEdge] = []
    edge_edits: list[EdgeEdit] = []
    informs: list[OverlayInforms] = []
    informs_edits: list[InformsEdit] = []


def _keys(model: type[BaseModel]) -> tuple[str, ...]:
    return tuple(f.alias or name for name, f in model.model_fields.items())


# Allowed keys per record shape, for "unknown key" messages.
ALLOWED_KEYS = {
    (): _keys(OverlayFile),
    ("base",): _keys(BaseRef),
    ("sources", 0): _keys(SourceSpec),
    ("nodes", 0): _keys(NodeSpec),
    ("node_edits", 0): _keys(NodeEdit),
    ("removals", 0): _keys(Removal),
    ("removals", 0, "edge"): _keys(EdgeKey),
    ("removals", 0, "informs"): _keys(InformsKey),
    ("edges", 0): _keys(OverlayEdge),
    ("edge_edits", 0): _keys(EdgeEdit),
    ("informs", 0): _keys(OverlayInforms),
    ("informs_edits", 0): _keys(InformsEdit),
}
