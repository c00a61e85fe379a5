"""Argdown in: an Argdown file becomes a map overlay (``import-argdown``, File ▸ Import Argdown…).

How elements map (the syntax read is in :mod:`.argdown_read`):

- a statement or argument is a node; its id is the ``id`` metadata, else its title
  (so ``[hive_mind]`` is the bundled node ``hive_mind``: it is referred to, not
  added; metadata on it such as ``{summary: …}`` becomes a ``node_edits`` record;
  its text is ignored, since a reference restates, it does not edit);
- a new node takes its fields from metadata (``kind``, ``theme``, ``title_en``,
  ``title_zh``, ``summary``, ``speaker``, ``source``, ``quote``, ``quote_en``,
  ``claim_type``, ``provenance``, ``date``, ``informs``); ``kind`` may also be a tag
  (``#(claim)``), ``theme`` the heading above it (a heading starting with a theme's
  English title), ``summary`` and ``title_en`` default to the text, ``title_zh``
  to ``title_en``, ``quote_en`` to ``quote``; an argument defaults to a claim;
- support is ``supports``, attack and undercut are ``attacks``; metadata
  ``type: answers`` on a relation makes it an answers edge; ``reason``, ``scheme``,
  ``weight`` come from the relation's metadata, else from its source element's;
  a new edge without a reason or scheme is an error;
- ``source`` names a seed file (bundled) or a file in the sources folder
  (``--sources DIR``, default the Argdown file's folder); such a file becomes an
  overlay source (titled by ``source_title`` metadata, else its first line), and
  every quote is checked verbatim against it here, with the Argdown line in the error.

GUI use: ``import_argdown(path, sources_dir=None) -> Overlay``, then
``overlay.save_overlay(ov, out)``; ``argdown_to_overlay(doc, sources_dir)`` when
the text is already in memory (``argdown_read.parse_argdown``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from debate_explorer.core.engine.kinds import DEFAULT_KIND
from debate_explorer.core.errors import InputError
from debate_explorer.core.files.fileio import read_text
from debate_explorer.core.graph.argdown_read import ArgdownDoc, Element, Relation, parse_argdown
from debate_explorer.core.graph.model import ArgumentGraph
from debate_explorer.core.graph.overlay import Overlay, bundled_base, empty_overlay
from debate_explorer.core.graph.overlay_edit import add_source, rebuild
from debate_explorer.core.graph.quotes import is_verbatim, nearest_passage
from debate_explorer.core.graph.schema import NODE_KINDS
from debate_explorer.core.graph.sources_store import bundled_sources, new_source, read_source_file

NODE_FIELDS = (
    "kind",
    "theme",
    "title_en",
    "title_zh",
    "summary",
    "speaker",
    "source",
    "quote",
    "quote_en",
    "claim_type",
    "provenance",
    "date",
)
_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_TYPES = {"support": "supports", "attack": "attacks", "undercut": "attacks"}


def import_argdown(path: str | Path, sources_dir: str | Path | None = None) -> Overlay:
    """The overlay an Argdown file describes, against the bundled map; InputError naming file, line, element."""
    path = Path(path)
    doc = parse_argdown(read_text(path), file=str(path))
    return argdown_to_overlay(doc, Path(sources_dir) if sources_dir else path.parent)


class _Import:
    def __init__(self, doc: ArgdownDoc, sources_dir: Path) -> None:
        self.doc, self.sources_dir = doc, sources_dir
        _, self.base = bundled_base()
        self.ids: dict[str, str] = {}  # relation label -> node id
        self.texts: dict[str, str] = {}  # user source id -> text
        self.sources: list[Any] = []

    def fail(self, reason: str, el: Element) -> InputError:
        return self.doc.fail(reason, el.line, f"<{el.title}>" if el.argument else f"[{el.title}]")

    def node_id(self, el: Element) -> str:
        nid = str(el.meta.get("id", el.title))
        if not _ID.match(nid):
            raise self.fail(f"{nid!r} is not a node id (lower-case letters, digits, '_'); give {{id: …}}", el)
        return nid

    def theme(self, el: Element) -> Any:
        if "theme" in el.meta:
            return el.meta["theme"]
        for t in self.base.themes:
            if el.heading.casefold().startswith(t.title_en.casefold()) or el.heading == t.id:
                return t.id
        raise self.fail("no theme: give {theme: …} or put it under a heading naming a theme", el)

    def new_node(self, el: Element, nid: str) -> dict[str, Any]:
        meta = el.meta
        kind = meta.get("kind") or next((t for t in el.tags if t in NODE_KINDS), "claim")
        text = _untagged(el.text)
        node = {"id": nid, "kind": kind, "theme": self.theme(el)}
        node["title_en"] = meta.get("title_en") or meta.get("title") or text or el.title
        node["title_zh"] = meta.get("title_zh") or node["title_en"]
        node["summary"] = meta.get("summary") or text or node["title_en"]
        for key in NODE_FIELDS[5:]:
            if meta.get(key) is not None:
                node[key] = meta[key]
        if node.get("quote") and not node.get("quote_en"):
            node["quote_en"] = node["quote"]
        if node.get("source"):
            node["source"] = self.source(el, str(node["source"]), node.get("speaker"))
        if node.get("quote") and node.get("source"):
            self.check_quote(el, node["source"], str(node["quote"]))
        return node

    def source(self, el: Element, name: str, speaker: Any) -> str:
        if name in bundled_sources():
            return name
        sid = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(name).name)
        if sid not in self.texts:
            path = self.sources_dir / name
            try:
                text = read_source_file(path)
            except InputError as exc:
                raise self.fail(f"source file {path}: {exc.reason}", el) from None
            self.texts[sid] = text
            title = str(el.meta.get("source_title") or _first_line(text) or Path(name).stem)
            self.sources.append(new_source(sid, title=title, text=text, file=f"sources/{sid}"))
        if speaker:
            self.sources = [
                s if s.id != sid or speaker in s.speakers else _with_speaker(s, str(speaker)) for s in self.sources
            ]
        return sid

    def check_quote(self, el: Element, source: str, quote: str) -> None:
        text = self.texts.get(source)
        if text is None:
            text = bundled_sources()[source].text
        if text is None:
            return  # a seed not on this machine: the overlay's own check reports it as skipped
        if not is_verbatim(quote, text):
            where = self.sources_dir / source if source in self.texts else source
            near = nearest_passage(quote, text)[:120]
            raise self.fail(f"the quote is not verbatim in source file {where} (nearest passage: {near!r})", el)


def _with_speaker(src: Any, speaker: str) -> Any:
    from dataclasses import replace

    return replace(src, speakers=(*src.speakers, speaker))


def _first_line(text: str) -> str:
    """A source's title when none is given: its first non-empty line, shortened."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= 120 else line[:119] + "…"


def _untagged(text: str) -> str:
    return " ".join(re.sub(r"#\([^)]*\)|#\S+", " ", text).split())


def argdown_to_overlay(doc: ArgdownDoc, sources_dir: Path) -> Overlay:
    """The overlay the parsed Argdown describes (see the module's docstring for the mapping)."""
    imp = _Import(doc, sources_dir)
    base = imp.base
    nodes, edits, links, link_edits = [], [], [], []
    for el in doc.ordered():
        nid = imp.node_id(el)
        imp.ids[f"<{el.title}>" if el.argument else f"[{el.title}]"] = nid
        if nid in base:
            changes = _node_changes(base, nid, el.meta)
            if changes:
                edits.append({"id": nid, **changes})
        else:
            nodes.append(imp.new_node(el, nid))
        for link in el.meta.get("informs") or []:
            row = _link_row(imp, el, nid, link)
            existing = [
                i for i in base.informs if (i.node, i.assumption, i.model) == (nid, row["assumption"], row["model"])
            ]
            if not existing:
                links.append(row)
            elif _link_differs(existing[0], row):
                link_edits.append(row)
    edges, edge_edits = _edges(imp, doc, base)
    ov = empty_overlay()
    for src in imp.sources:
        ov = add_source(ov, src)
    return rebuild(
        ov, nodes=nodes, node_edits=edits, edges=edges, edge_edits=edge_edits, informs=links, informs_edits=link_edits
    )


def _node_changes(base: ArgumentGraph, nid: str, meta: dict[str, Any]) -> dict[str, Any]:
    node = base.node(nid)
    return {k: meta[k] for k in NODE_FIELDS if k in meta and meta[k] != getattr(node, k)}


def _link_row(imp: _Import, el: Element, nid: str, link: Any) -> dict[str, Any]:
    if not isinstance(link, dict) or "assumption" not in link:
        raise imp.fail("each informs entry is a table with assumption, dist, basis, rationale", el)
    return {"node": nid, "model": link.get("model", DEFAULT_KIND), **{k: v for k, v in link.items() if k != "model"}}


def _link_differs(existing: Any, row: dict[str, Any]) -> bool:
    from debate_explorer.core.graph.model import _raw

    return (_raw(existing.dist), existing.basis, existing.rationale) != (
        row.get("dist"),
        row.get("basis"),
        row.get("rationale"),
    )


def _edges(imp: _Import, doc: ArgdownDoc, base: ArgumentGraph) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    by_pair = {(e.source, e.target): e for e in base.edges}
    added, edits = [], []
    for rel in doc.relations:
        row = _edge_row(imp, doc, rel)
        a, b, kind = row["from"], row["to"], row["type"]
        old = by_pair.get((a, b))
        if old is None:
            for key in ("reason", "scheme"):
                if not row.get(key):
                    raise doc.fail(
                        f"the relation from {rel.source} to {rel.target} needs a {key} ({{{key}: …}})", rel.line
                    )
            added.append(row)
            continue
        changes: dict[str, Any] = {
            k: row[k] for k in ("reason", "scheme", "weight") if k in row and row[k] != getattr(old, k)
        }
        if kind != old.type or changes:
            edit: dict[str, Any] = {"from": a, "to": b, "type": old.type, **changes}
            if kind != old.type:
                edit["new_type"] = kind
            edits.append(edit)
    return added, edits


def _edge_row(imp: _Import, doc: ArgdownDoc, rel: Relation) -> dict[str, Any]:
    """The edge a relation makes: type, weight, reason, scheme from its metadata, else its source element's."""
    source = _element(doc, rel.source).meta
    meta: dict[str, Any] = {k: source[k] for k in ("reason", "scheme") if k in source}
    meta |= dict(rel.meta)
    row: dict[str, Any] = {"from": imp.ids[rel.source], "to": imp.ids[rel.target]}
    row["type"] = str(meta.get("type", _TYPES[rel.type]))
    return row | {k: meta[k] for k in ("reason", "scheme", "weight") if k in meta}


def _element(doc: ArgdownDoc, label: str) -> Element:
    return doc.elements[(label.startswith("<"), label[1:-1])]


def argdown_to_graph_data(doc: ArgdownDoc, sources_dir: Path) -> dict[str, Any]:
    """The Argdown read as a whole graph file's tables (every element a node, bundled ids too).

    This is the lossless reading: an export of any map read back this way builds
    the same graph (nodes, edges, reasons, schemes, links), which the round-trip test checks.
    """
    imp = _Import(doc, sources_dir)
    nodes, links = [], []
    for el in doc.ordered():
        nid = imp.node_id(el)
        imp.ids[f"<{el.title}>" if el.argument else f"[{el.title}]"] = nid
        nodes.append(imp.new_node(el, nid))
        links += [_link_row(imp, el, nid, link) for link in el.meta.get("informs") or []]
    edges = []
    for rel in doc.relations:
        edges.append(_edge_row(imp, doc, rel))
    used = {n["theme"] for n in nodes}
    themes = [{"id": t.id, "title_en": t.title_en, "title_zh": t.title_zh} for t in imp.base.themes if t.id in used]
    return {
        "format_version": 1,
        "title": imp.base.title,
        "themes": themes,
        "nodes": nodes,
        "edges": edges,
        "informs": links,
    }
