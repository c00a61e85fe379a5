"""The tour's data: every stop's ids exist in the shipped graph; bad files fail clearly; gone ids are skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from debate_explorer.core.errors import InputError
from debate_explorer.core.model.tour import TourStop, fill_titles, load_tour, tour_for_graph


def test_every_tour_node_exists_in_the_shipped_graph(shipped_graph) -> None:
    stops = load_tour()
    assert 8 <= len(stops) <= 12
    missing = [(s.title, nid) for s in stops for nid in s.node_ids if nid not in shipped_graph]
    assert not missing
    assert tour_for_graph(stops, shipped_graph) == stops  # nothing dropped


def test_each_stop_quotes_a_sourced_node(shipped_graph) -> None:
    for stop in load_tour():
        node = shipped_graph.node(stop.quote)
        assert node.quote and node.speaker, stop.title


def test_missing_ids_are_skipped_not_fatal(shipped_graph) -> None:
    real = next(iter(shipped_graph.nodes))
    stops = (
        TourStop("gone", ("no_such_node",), "t", "x"),
        TourStop("partly", ("no_such_node", real), "t", "try {no_such_node}", quote="also_gone"),
    )
    kept = tour_for_graph(stops, shipped_graph)
    assert [s.title for s in kept] == ["partly"]
    assert kept[0].nodes == (real,)
    assert kept[0].quote is None or shipped_graph.node(kept[0].quote).quote
    assert fill_titles(kept[0].try_, shipped_graph) == "try this position"


def test_titles_fill_placeholders(shipped_graph) -> None:
    node = next(n for n in shipped_graph.nodes.values() if n.title_zh)
    assert fill_titles(f"set {{{node.id}}}", shipped_graph) == f"set “{node.title_en}”"
    assert fill_titles(f"set {{{node.id}}}", shipped_graph, "zh") == f"set “{node.title_zh}”"


@pytest.mark.parametrize(
    "text, field",
    [
        ("format_version = 2\n", "format_version"),
        ("format_version = 1\n", "stops"),
        ('format_version = 1\n[[stops]]\ntitle = "a"\nnodes = []\ntext = "t"\ntry = "x"\n', "stops[0].nodes"),
        ('format_version = 1\n[[stops]]\ntitle = "a"\nnodes = ["n"]\ntext = "t"\n', "stops[0].try"),
        ('format_version = 1\n[[stops]]\ntitle = 3\nnodes = ["n"]\ntext = "t"\ntry = "x"\n', "stops[0].title"),
        ('format_version = 1\n[[stops]]\ntitel = "a"\nnodes = ["n"]\ntext = "t"\ntry = "x"\n', "stops[0].titel"),
    ],
)
def test_bad_tour_files_name_the_field(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "tour.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_tour(path)
    assert info.value.field == field and info.value.file == str(path)


def test_junk_tour_file(tmp_path: Path) -> None:
    path = tmp_path / "tour.toml"
    path.write_bytes(b"\x00\xff not toml")
    with pytest.raises(InputError, match="tour.toml"):
        load_tour(path)
