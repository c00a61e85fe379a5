"""Edits of an overlay, for the GUI: pure functions, each taking an Overlay and returning a new one.

Nothing here touches a file; :func:`overlay.save_overlay` writes. Each function
validates its record with the overlay's pydantic models (an InputError names the
field) and refuses ids that collide. What the merged map would reject (a node
that does not exist, a support cycle, a quote not in its source) is checked by
:func:`checked`, which the undo commands call after every edit so a bad edit is
refused before it enters the history.

An edit of a *bundled* record becomes a ``node_edits``/``edge_edits``/
``informs_edits``/``removals`` record; an edit of a record the overlay itself
added changes that record in place (so the overlay stays minimal).

Functions (all keyword arguments after the overlay):

- ``add_source(ov, source)`` — a :class:`sources_store.Source` made by ``new_source``
- ``add_claim_from_quote(ov, node_id=, source_id=, quote=, speaker=, title_en=, ...)``
- ``add_node(ov, fields)`` / ``edit_node(ov, node_id, changes, graph)`` / ``remove_node(ov, node_id, graph)``
- ``add_edge(ov, source=, target=, type=, reason=, scheme=, weight=)``
- ``edit_edge(ov, key, graph, new_type=, weight=, reason=, scheme=)`` / ``remove_edge(ov, key, graph)``
- ``set_link(ov, node=, assumption=, dist=, basis=, rationale=, model=, graph=)`` / ``remove_link(ov, key, graph)``
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from debate_explorer.core.engine.kinds import DEFAULT_KIND
from debate_explorer.core.errors import InputError
from debate_explorer.core.graph import errors_text
from debate_explorer.core.graph.model import ArgumentGraph
from debate_explorer.core.graph.overlay import MergedMap, Overlay, bundled_base, merge_overlay
from debate_explorer.core.graph.overlay_schema import ALLOWED_KEYS, OverlayFile
from debate_explorer.core.graph.quotes import is_verbatim
from debate_explorer.core.graph.sources_store import Source, bundled_sources

EdgeKeyT = tuple[str, str, str]  # (from, to, type)
LinkKeyT = tuple[str, str, str]  # (node, assumption, model)


def rebuild(ov: Overlay, texts: dict[str, str] | None = None, **lists: list[dict[str, Any]]) -> Overlay:
    """``ov`` with some record lists replaced (plain dicts, as in the file) and source texts added; validated."""
    data = {**ov.spec.model_dump(by_alias=True), **lists}
    try:
        spec = OverlayFile.model_validate(data)
    except ValidationError as exc:
        raise errors_text.from_validation_error(exc, data, "<edit>", ALLOWED_KEYS) from None
    return Overlay(spec, {**ov.texts, **(texts or {})})


def _rows(ov: Overlay, section: str) -> list[dict[str, Any]]:
    return [r.model_dump(by_alias=True, exclude_none=True) for r in getattr(ov.spec, section)]


def _added_ids(ov: Overlay) -> set[str]:
    return {n.id for n in ov.spec.nodes}


def checked(ov: Overlay) -> MergedMap:
    """The overlay merged and fully checked; raises InputError if the edit broke anything."""
    return merge_overlay(ov, file="<edit>")


# -- sources and claims ----------------------------------------------------------------


def add_source(ov: Overlay, source: Source) -> Overlay:
    if source.id in {s.id for s in ov.spec.sources} or source.id in bundled_sources():
        raise InputError(f"there is already a source {source.id!r}", field="id")
    row: dict[str, Any] = {"id": source.id, "title": source.title, "file": source.file, "sha256": source.sha256}
    row |= {"speakers": list(source.speakers)}
    row |= {k: v for k, v in (("date", source.date), ("url", source.url)) if v}
    return rebuild(ov, {source.id: source.text or ""}, sources=[*_rows(ov, "sources"), row])


def source_text(ov: Overlay, source_id: str) -> str | None:
    if source_id in ov.texts:
        return ov.texts[source_id]
    seed = bundled_sources().get(source_id)
    return seed.text if seed else None


def add_claim_from_quote(
    ov: Overlay,
    *,
    node_id: str,
    source_id: str,
    quote: str,
    speaker: str,
    title_en: str,
    summary: str,
    theme: str,
    title_zh: str | None = None,
    quote_en: str | None = None,
    kind: str = "claim",
    **extra: Any,
) -> Overlay:
    """A claim quoting ``quote`` from ``source_id`` (which must hold it verbatim); title_zh defaults to title_en."""
    text = source_text(ov, source_id)
    if text is None:
        raise InputError(f"no text for source {source_id!r}", field="source")
    if not is_verbatim(quote, text):
        raise InputError(f"the quote is not verbatim in source {source_id!r}", field="quote")
    fields = {
        "id": node_id,
        "kind": kind,
        "theme": theme,
        "title_en": title_en,
        "title_zh": title_zh or title_en,
        "summary": summary,
        "speaker": speaker,
        "source": source_id,
        "quote": quote,
        "quote_en": quote_en or quote,
        **extra,
    }
    return add_node(ov, fields)


def add_node(ov: Overlay, fields: dict[str, Any]) -> Overlay:
    base, _ = bundled_base()
    if fields.get("id") in {n["id"] for n in base["nodes"]} | _added_ids(ov):
        raise InputError(f"there is already a node {fields.get('id')!r}", field="id")
    return rebuild(ov, nodes=[*_rows(ov, "nodes"), fields])


def edit_node(ov: Overlay, node_id: str, changes: dict[str, Any]) -> Overlay:
    if node_id in _added_ids(ov):
        rows = [{**r, **changes} if r["id"] == node_id else r for r in _rows(ov, "nodes")]
        return rebuild(ov, nodes=rows)
    rows = _rows(ov, "node_edits")
    for r in rows:
        if r["id"] == node_id:
            r.update(changes)
            return rebuild(ov, node_edits=rows)
    return rebuild(ov, node_edits=[*rows, {"id": node_id, **changes}])


def remove_node(ov: Overlay, node_id: str) -> Overlay:
    if node_id in _added_ids(ov):

        def keep(e: dict[str, Any]) -> bool:
            return node_id not in (e["from"], e["to"])

        return rebuild(
            ov,
            nodes=[r for r in _rows(ov, "nodes") if r["id"] != node_id],
            edges=[e for e in _rows(ov, "edges") if keep(e)],
            informs=[i for i in _rows(ov, "informs") if i["node"] != node_id],
        )
    return rebuild(ov, removals=[*_rows(ov, "removals"), {"node": node_id}])


# -- edges -----------------------------------------------------------------------------


def _key(e: dict[str, Any]) -> EdgeKeyT:
    return (e["from"], e["to"], e["type"])


def add_edge(
    ov: Overlay, *, source: str, target: str, type: str, reason: str, scheme: str, weight: float = 1.0
) -> Overlay:
    row = {"from": source, "to": target, "type": type, "weight": weight, "reason": reason, "scheme": scheme}
    return rebuild(ov, edges=[*_rows(ov, "edges"), row])


def edit_edge(ov: Overlay, key: EdgeKeyT, *, new_type: str | None = None, **changes: Any) -> Overlay:
    """Retype (``new_type``), reweight (``weight``) or re-reason (``reason``, ``scheme``) an edge."""
    changes = {k: v for k, v in changes.items() if v is not None}
    added = _rows(ov, "edges")
    if any(_key(e) == key for e in added):
        rows = [{**e, **changes, "type": new_type or e["type"]} if _key(e) == key else e for e in added]
        return rebuild(ov, edges=rows)
    rows = [e for e in _rows(ov, "edge_edits") if _key(e) != key]
    row = {"from": key[0], "to": key[1], "type": key[2], **changes}
    if new_type:
        row["new_type"] = new_type
    return rebuild(ov, edge_edits=[*rows, row])


def remove_edge(ov: Overlay, key: EdgeKeyT) -> Overlay:
    added = _rows(ov, "edges")
    if any(_key(e) == key for e in added):
        return rebuild(ov, edges=[e for e in added if _key(e) != key])
    edge = {"from": key[0], "to": key[1], "type": key[2]}
    return rebuild(ov, removals=[*_rows(ov, "removals"), {"edge": edge}])


# -- links to model assumptions ----------------------------------------------------------


def _link_key(i: dict[str, Any]) -> LinkKeyT:
    return (i["node"], i["assumption"], i.get("model", DEFAULT_KIND))


def set_link(
    ov: Overlay,
    graph: ArgumentGraph,
    *,
    node: str,
    assumption: str,
    dist: Any,
    basis: str,
    rationale: str,
    model: str = DEFAULT_KIND,
) -> Overlay:
    """Add the link, or change it if ``graph`` (the merged map) already has it."""
    key = (node, assumption, model)
    row = {"node": node, "assumption": assumption, "model": model, "dist": dist, "basis": basis, "rationale": rationale}
    added = _rows(ov, "informs")
    if any(_link_key(i) == key for i in added):
        return rebuild(ov, informs=[row if _link_key(i) == key else i for i in added])
    if any((i.node, i.assumption, i.model) == key for i in graph.informs):
        edits = [i for i in _rows(ov, "informs_edits") if _link_key(i) != key]
        return rebuild(ov, informs_edits=[*edits, row])
    return rebuild(ov, informs=[*added, row])


def remove_link(ov: Overlay, key: LinkKeyT) -> Overlay:
    added = _rows(ov, "informs")
    if any(_link_key(i) == key for i in added):
        return rebuild(ov, informs=[i for i in added if _link_key(i) != key])
    link = {"node": key[0], "assumption": key[1], "model": key[2]}
    return rebuild(ov, removals=[*_rows(ov, "removals"), {"informs": link}])
