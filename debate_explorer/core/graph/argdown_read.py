"""Reading Argdown text into statements, arguments and relations, with a lark grammar (``argdown.lark``).

What is read (the part of argdown.org's syntax an argument map needs):

- statements ``[title]: text`` and references ``[title]``; arguments ``<title>: text``;
  a title defined twice is one element (Argdown's equivalence class), texts and
  metadata merged, the first text kept;
- relations on indented lines below an element: ``+``/``<+`` (the item supports the
  element above), ``-``/``<-`` and ``_``/``<_`` (attacks / undercuts it), ``+>``,
  ``->``, ``_>`` (the element above supports / attacks / undercuts the item);
  nesting by indentation, as in Argdown;
- headings ``# …``, ``#tags`` and ``#(tags with spaces)``, backslash escapes,
  ``//`` and ``/* */`` comments, a ``===`` front matter (skipped);
- inline metadata ``{key: value, …}`` in YAML flow style: plain, single- or
  double-quoted scalars, nested ``{}`` and ``[]``. Metadata after a relation's
  item belongs to the relation (``reason``, ``scheme``, ``weight``, ``type``).

Multi-line statement texts and premise–conclusion structures are not read: a
line the grammar does not know is an error naming the file, line and column.
The result is compared with the reference parser ``@argdown/cli`` in the tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lark import Lark, Token, Transformer, Tree, UnexpectedInput

from debate_explorer.core.errors import InputError

# Relation operators: (argdown relation type, does the item argue about the element above?)
_OPS = {
    "+": ("support", True),
    "<+": ("support", True),
    "-": ("attack", True),
    "<-": ("attack", True),
    "_": ("undercut", True),
    "<_": ("undercut", True),
    "+>": ("support", False),
    "->": ("attack", False),
    "_>": ("undercut", False),
}


@dataclass
class Element:
    """A statement (``[title]``) or an argument (``<title>``), all its definitions merged."""

    title: str
    argument: bool
    line: int
    text: str = ""
    tags: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    heading: str = ""  # the heading above its first definition
    defined: int | None = None  # rank of its first definition (``[t]: text``), None if only referred to


@dataclass(frozen=True)
class Relation:
    source: str  # element titles
    target: str
    type: str  # support | attack | undercut (Argdown's words)
    line: int
    meta: tuple[tuple[str, Any], ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.type)


@dataclass
class ArgdownDoc:
    file: str
    elements: dict[tuple[bool, str], Element] = field(default_factory=dict)  # (is argument, title)
    relations: list[Relation] = field(default_factory=list)

    def ordered(self) -> list[Element]:
        """Elements in the order of their first definition; those only referred to last."""
        return sorted(self.elements.values(), key=lambda e: (e.defined is None, e.defined or 0, e.line))

    def fail(self, reason: str, line: int, element: str | None = None) -> InputError:
        where = f"line {line}" + (f", {element}" if element else "")
        return InputError(reason, file=self.file, field=where)


@lru_cache(maxsize=1)
def _parser() -> Lark:
    grammar = (Path(__file__).with_name("argdown.lark")).read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="contextual", propagate_positions=True, maybe_placeholders=False)


class _Meta(Transformer[Token, Any]):
    def pair(self, items: list[Any]) -> tuple[str, Any]:
        key = items[0]
        return (str(json.loads(key)) if key.type == "ESCAPED_STRING" else str(key), items[1])

    def metadata(self, items: list[Any]) -> dict[str, Any]:
        return dict(items)

    mapping = metadata

    def seq(self, items: list[Any]) -> list[Any]:
        return items

    def dq_string(self, items: list[Token]) -> str:
        return str(json.loads(items[0]))

    def sq_string(self, items: list[Token]) -> str:
        return str(items[0])[1:-1].replace("''", "'")

    def plain(self, items: list[Token]) -> Any:
        text = str(items[0]).strip()
        low = text.lower()
        if low in ("true", "false"):
            return low == "true"
        if low in ("null", "~"):
            return None
        for kind in (int, float):
            try:
                return kind(text)
            except ValueError:
                pass
        return text


def _title(tok: Token) -> tuple[bool, str]:
    raw = str(tok)[1:-1]
    title = "".join(raw[i + 1] if raw[i] == "\\" and i + 1 < len(raw) else raw[i] for i in range(len(raw)))
    return (tok.type == "ARGUMENT_REF", " ".join(title.split()))


def _text(tree: Tree[Any] | None) -> tuple[str, list[str]]:
    if tree is None:
        return "", []
    parts: list[str] = []
    tags: list[str] = []
    for tok in tree.children:
        assert isinstance(tok, Token)  # the text rule holds tokens only
        if tok.type == "ESCAPE":
            parts.append(tok[1])
        else:
            parts.append(str(tok))
            if tok.type == "TAG":
                tags.append(str(tok)[2:-1] if tok.startswith("#(") else str(tok)[1:])
    return " ".join("".join(parts).split()), tags


def parse_argdown(text: str, *, file: str = "<argdown>") -> ArgdownDoc:
    """The statements, arguments and relations of an Argdown text; InputError naming file, line, column."""
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as exc:
        snippet = exc.get_context(text, span=30).splitlines()[0].strip() if text else ""
        raise InputError(
            f"not Argdown this importer reads near {snippet!r}",
            file=file,
            field=f"line {exc.line}, column {exc.column}",
        ) from None
    doc = ArgdownDoc(file)
    _Walker(doc).walk(tree)
    return doc


class _Walker:
    def __init__(self, doc: ArgdownDoc) -> None:
        self.doc = doc
        self.indent = 0
        self.fresh_line = True
        self.heading = ""
        self.stack: list[tuple[int, tuple[bool, str]]] = []
        self.rank = 0

    def walk(self, tree: Tree[Any]) -> None:
        for child in tree.children:
            if isinstance(child, Token):
                if child.type == "NL":
                    self.indent = len(child.split("\n")[-1].expandtabs(4))
                    self.fresh_line = True
                continue
            line = child.meta.line
            if not self.fresh_line:
                raise self.doc.fail("one element per line: put the next element on a line of its own", line)
            self.fresh_line = False
            self.element(child.children[0], line)

    def element(self, node: Tree[Any], line: int) -> None:
        kind = node.data
        if kind == "heading":
            self.heading = str(node.children[0]).lstrip("#").strip()
            self.stack.clear()
            return
        if kind == "relation":
            self.relation(node, line)
            return
        key = self.define(node, line)
        self.stack = [(self.indent, key)]

    def define(self, node: Tree[Any], line: int, item: bool = False) -> tuple[bool, str]:
        """Record a definition or reference; its metadata is the element's unless it is a relation's item reference."""
        ref = node.children[0].children[0]
        assert isinstance(ref, Token)  # the ref rule holds one token
        key = _title(ref)
        text_tree = next((c for c in node.children[1:] if isinstance(c, Tree) and c.data == "text"), None)
        meta_tree = next((c for c in node.children[1:] if isinstance(c, Tree) and c.data == "metadata"), None)
        el = self.doc.elements.get(key)
        if el is None:
            el = self.doc.elements[key] = Element(key[1], key[0], line, heading=self.heading)
        if node.data == "definition" and el.defined is None:
            el.defined, el.line, el.heading = self.rank, line, self.heading
            self.rank += 1
        text, tags = _text(text_tree)
        if text and not el.text:
            el.text = text
        el.tags += [t for t in tags if t not in el.tags]
        if meta_tree is not None and not (item and node.data == "reference"):
            el.meta.update(_Meta().transform(meta_tree))
        return key

    def relation(self, node: Tree[Any], line: int) -> None:
        op, item = str(node.children[0]), node.children[1]
        while self.stack and self.stack[-1][0] >= self.indent:
            self.stack.pop()
        if not self.stack:
            raise self.doc.fail(f"relation {op!r} has no statement or argument above it", line)
        parent = self.stack[-1][1]
        key = self.define(item, line, item=True)
        meta_tree = next((c for c in item.children[1:] if isinstance(c, Tree) and c.data == "metadata"), None)
        meta = _Meta().transform(meta_tree) if meta_tree is not None and item.data == "reference" else {}
        kind, incoming = _OPS[op]
        source, target = (key, parent) if incoming else (parent, key)
        rel = Relation(_label(source), _label(target), kind, line, tuple(meta.items()))
        same = [i for i, r in enumerate(self.doc.relations) if r.key == rel.key]
        if same:  # written from both ends: one relation, as in Argdown; metadata merged
            old = self.doc.relations[same[0]]
            self.doc.relations[same[0]] = Relation(*rel.key, old.line, tuple({**dict(old.meta), **meta}.items()))
        else:
            self.doc.relations.append(rel)
        self.stack.append((self.indent, key))


def _label(key: tuple[bool, str]) -> str:
    """How a relation names its end: ``[title]`` or ``<title>``."""
    return f"<{key[1]}>" if key[0] else f"[{key[1]}]"
