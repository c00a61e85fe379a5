"""The guided tour: stops that follow the model, kept as data in ``resources/tour/tour.toml``.

A stop names graph nodes, not screen positions, so the same tour drives the app
(select and mark the nodes, show the quote) and can be checked without a display.
The shipped graph is edited over time, so :func:`tour_for_graph` drops ids the
graph no longer has (and stops left with no node) instead of failing; a test
keeps the shipped tour and graph in step.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph.model import ArgumentGraph
from debate_explorer.core.paths import resources_dir

FORMAT_VERSION = 1
_FIELDS = {"title": str, "nodes": list, "quote": str, "text": str, "try": str}
_REQUIRED = ("title", "nodes", "text", "try")
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


@dataclass(frozen=True)
class TourStop:
    title: str
    nodes: tuple[str, ...]  # the first is selected, the rest are marked on the map
    text: str
    try_: str  # one thing to try at this stop
    quote: str | None = None  # the node whose quote is shown

    @property
    def node_ids(self) -> tuple[str, ...]:
        """Every node id the stop refers to (for checks against a graph)."""
        named = [*self.nodes, *([self.quote] if self.quote else [])]
        named += _PLACEHOLDER.findall(self.text) + _PLACEHOLDER.findall(self.try_)
        return tuple(dict.fromkeys(named))


def default_tour_path() -> Path:
    return resources_dir() / "tour" / "tour.toml"


def load_tour(path: str | Path | None = None) -> tuple[TourStop, ...]:
    """Read and check a tour file; errors name the file and the field."""
    path = Path(path) if path is not None else default_tour_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the tour: {exc}", file=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", file=path) from None
    if data.get("format_version") != FORMAT_VERSION:
        raise InputError(f"expected format_version = {FORMAT_VERSION}", file=path, field="format_version")
    stops = data.get("stops")
    if not isinstance(stops, list) or not stops:
        raise InputError("expected a list of [[stops]]", file=path, field="stops")
    return tuple(_stop(raw, path, i) for i, raw in enumerate(stops))


def _stop(raw: object, path: Path, i: int) -> TourStop:
    if not isinstance(raw, dict):
        raise InputError("expected a table", file=path, field=["stops", i])
    for key, value in raw.items():
        if key not in _FIELDS:
            raise InputError(f"unknown key (known: {', '.join(_FIELDS)})", file=path, field=["stops", i, key])
        if not isinstance(value, _FIELDS[key]):
            raise InputError(f"expected a {_FIELDS[key].__name__}", file=path, field=["stops", i, key])
    for key in _REQUIRED:
        if key not in raw:
            raise InputError("required", file=path, field=["stops", i, key])
    nodes = raw["nodes"]
    if not nodes or not all(isinstance(n, str) and n for n in nodes):
        raise InputError("expected a non-empty list of node ids", file=path, field=["stops", i, "nodes"])
    return TourStop(raw["title"], tuple(nodes), raw["text"], raw["try"], raw.get("quote"))


def tour_for_graph(stops: tuple[TourStop, ...], graph: ArgumentGraph) -> tuple[TourStop, ...]:
    """The stops as they apply to ``graph``: unknown node ids dropped, empty stops skipped."""
    out = []
    for stop in stops:
        nodes = tuple(n for n in stop.nodes if n in graph)
        if not nodes:
            continue
        quote = stop.quote if stop.quote in graph else _first_quoted(graph, nodes)
        out.append(TourStop(stop.title, nodes, stop.text, stop.try_, quote))
    return tuple(out)


def _first_quoted(graph: ArgumentGraph, nodes: tuple[str, ...]) -> str | None:
    return next((n for n in nodes if graph.node(n).quote), None)


def fill_titles(text: str, graph: ArgumentGraph, language: str = "en") -> str:
    """Replace ``{node_id}`` with the node's title in quotes (or "this position" if it is gone)."""

    def title(match: re.Match[str]) -> str:
        nid = match.group(1)
        if nid not in graph:
            return "this position"
        node = graph.node(nid)
        return f"“{node.title_zh if language == 'zh' and node.title_zh else node.title_en}”"

    return _PLACEHOLDER.sub(title, text)
