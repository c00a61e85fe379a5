"""Loading graph files: the valid fixture, and every kind of broken file.

Each broken file must give one InputError naming the file, the field path (with
the record's id when it has one) and the reason — never a pydantic dump.
"""

from __future__ import annotations

import copy
import json
import math
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph import ArgumentGraph, default_graph_path, load_graph
from debate_explorer.core.graph.load import build_graph

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny_graph.toml"
BASE: dict[str, Any] = tomllib.loads(TINY.read_text(encoding="utf-8"))
NOISE = ("pydantic", "validation error", "Traceback", "For further information", "errors.pydantic.dev")


def _mutated(mutate: Callable[[dict], Any] | None) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    if mutate is not None:
        mutate(data)
    return data


def _write_json(tmp_path: Path, data: Any, name: str = "graph.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _error(path: Path, **kwargs: Any) -> InputError:
    with pytest.raises(InputError) as info:
        load_graph(path, **kwargs)
    err = info.value
    assert err.file == str(path)
    assert str(path) in str(err)
    assert not any(n in str(err) for n in NOISE), str(err)
    assert "\n" not in str(err)
    return err


# -- valid files -----------------------------------------------------------------


def test_fixture_loads() -> None:
    g = load_graph(TINY)
    assert isinstance(g, ArgumentGraph)
    assert len(g) == 9 and len(g.edges) == 9 and len(g.informs) == 3
    assert [t.id for t in g.themes] == ["timelines", "takeoff", "economy"]
    node = g.node("decade_of_agents")
    assert node.kind == "claim" and node.speaker == "Andrej Karpathy"
    assert (node.claim_type, node.provenance, node.date) == ("forecast", "direct", "2025-10")
    assert g.links_for_node("decade_of_agents")[0].basis == "judgement"
    assert g.node("ai2027_sc").provenance is None  # optional: older files load without it
    assert node.quote_en.startswith("It will take")
    assert g.path == str(TINY)


def test_informs_links_are_parsed() -> None:
    g = load_graph(TINY)
    link = g.links_for_node("decade_of_agents")[0]
    assert (link.assumption, link.model) == ("agi_gap", "debate")
    assert "lognormal" in link.dist.describe()
    assert g.links_for_node("compute_4x")[0].model == "debate"  # the default model


def test_edge_weight_defaults_to_one() -> None:
    g = load_graph(TINY)
    assert g.nx.edges["feedback_loop", "short_timelines"]["weight"] == 1.0


def test_json_with_same_structure_loads_the_same(tmp_path: Path) -> None:
    g = load_graph(_write_json(tmp_path, BASE))
    assert g.content_hash == load_graph(TINY).content_hash


def test_strings_are_stripped_and_a_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + TINY.read_bytes())
    assert len(load_graph(path)) == 9


def test_default_path_points_at_the_shipped_file() -> None:
    path = default_graph_path()
    assert path.name == "agi_debate.toml"
    assert path.parent == Path(__file__).resolve().parents[3] / "resources" / "debate"


def test_known_assumptions_can_be_given(tmp_path: Path) -> None:
    known = {"debate": ["agi_gap", "g_compute", "hive_mind_boost"]}
    assert len(load_graph(TINY, known_assumptions=known).informs) == 3
    err = _error(TINY, known_assumptions={"debate": ["agi_gap"]})
    assert err.field == "informs[1] (node 'compute_4x').assumption"
    assert "no assumption 'g_compute'" in err.reason
    err = _error(TINY, known_assumptions={"other": ["agi_gap"]})
    assert err.field == "informs[0] (node 'decade_of_agents').model"
    assert "unknown model 'debate'" in err.reason


# -- broken structure: (mutation, expected field path, words in the reason) -------------


def _set(section: str, index: int, key: str, value: Any) -> Callable[[dict], None]:
    return lambda d: d[section][index].__setitem__(key, value)


def _drop(section: str, index: int, key: str) -> Callable[[dict], None]:
    return lambda d: d[section][index].pop(key)


def _append(section: str, record: dict) -> Callable[[dict], None]:
    return lambda d: d[section].append(record)


N0 = "nodes[0] (id 'when_agi')"
N3 = "nodes[3] (id 'decade_of_agents')"
E2 = "edges[2] (from 'decade_of_agents' to 'long_timelines')"
I0 = "informs[0] (node 'decade_of_agents')"
NEW_NODE = {"id": "extra", "kind": "position", "theme": "timelines", "title_en": "x", "title_zh": "x", "summary": "s"}

BROKEN = {
    "version_newer": (lambda d: d.update(format_version=2), "format_version", "found format_version 2"),
    "version_text": (lambda d: d.update(format_version="1"), "format_version", "reads format_version = 1"),
    "version_missing": (lambda d: d.pop("format_version"), "format_version", "missing"),
    "unknown_top_key": (lambda d: d.update(colour="red"), "colour", "unknown key 'colour'"),
    "nodes_not_list": (lambda d: d.update(nodes={"a": 1}), "nodes", "expected an array"),
    "themes_missing": (lambda d: d.pop("themes"), "themes", "required"),
    "wrong_type": (_set("nodes", 0, "title_en", 5), f"{N0}.title_en", "expected text, got 5"),
    "empty_text": (_set("nodes", 0, "summary", "  "), f"{N0}.summary", "must not be empty"),
    "unknown_node_key": (_set("nodes", 0, "colour", "red"), f"{N0}.colour", "unknown key 'colour' (allowed keys: id"),
    "missing_summary": (_drop("nodes", 3, "summary"), f"{N3}.summary", "required"),
    "claim_without_speaker": (_drop("nodes", 3, "speaker"), f"{N3}.speaker", "required for a claim"),
    "evidence_without_quote_en": (
        _drop("nodes", 5, "quote_en"),
        "nodes[5] (id 'compute_4x').quote_en",
        "required for a evidence",
    ),
    "unknown_kind": (_set("nodes", 0, "kind", "rumour"), f"{N0}.kind", "got 'rumour'; expected one of"),
    "unknown_theme": (_set("nodes", 0, "theme", "vibes"), f"{N0}.theme", "expected one of 'definitions'"),
    "bad_id": (_set("nodes", 0, "id", "When AGI"), "nodes[0] (id 'When AGI').id", "snake_case"),
    "duplicate_id": (
        _set("nodes", 1, "id", "when_agi"),
        "nodes[1] (id 'when_agi').id",
        "duplicate node id 'when_agi' (first defined at nodes[0])",
    ),
    "theme_not_defined": (
        lambda d: d["themes"].pop(2),
        "nodes[8] (id 'steady_growth').theme",
        "theme 'economy' is not defined",
    ),
    "theme_unused": (
        _append("themes", {"id": "energy", "title_en": "Energy", "title_zh": "能源"}),
        "themes[3] (id 'energy').id",
        "has no nodes",
    ),
    "theme_duplicate": (
        _append("themes", {"id": "timelines", "title_en": "T", "title_zh": "T"}),
        "themes[3] (id 'timelines').id",
        "duplicate theme id",
    ),
    "dangling_from": (
        _set("edges", 2, "from", "ghost"),
        "edges[2] (from 'ghost' to 'long_timelines').from",
        "no node with id 'ghost'",
    ),
    "dangling_to": (
        _set("edges", 2, "to", "ghost"),
        "edges[2] (from 'decade_of_agents' to 'ghost').to",
        "no node with id 'ghost'",
    ),
    "edge_unknown_type": (_set("edges", 2, "type", "refutes"), f"{E2}.type", "got 'refutes'"),
    "edge_missing_to": (_drop("edges", 2, "to"), "edges[2].to", "required"),
    "self_loop": (
        _set("edges", 2, "to", "decade_of_agents"),
        "edges[2] (from 'decade_of_agents' to 'decade_of_agents')",
        "cannot support itself",
    ),
    "answers_from_claim": (
        _set("edges", 0, "from", "decade_of_agents"),
        "edges[0] (from 'decade_of_agents' to 'when_agi').from",
        "from a position to a question",
    ),
    "answers_to_position": (
        _set("edges", 0, "to", "long_timelines"),
        "edges[0] (from 'short_timelines' to 'long_timelines').to",
        "'long_timelines' is a position",
    ),
    "weight_above_one": (_set("edges", 2, "weight", 1.5), f"{E2}.weight", "between 0 and 1, got 1.5"),
    "weight_negative": (_set("edges", 2, "weight", -0.1), f"{E2}.weight", "between 0 and 1"),
    "weight_nan": (_set("edges", 2, "weight", math.nan), f"{E2}.weight", "finite number"),
    "weight_inf": (_set("edges", 2, "weight", math.inf), f"{E2}.weight", "finite number"),
    "weight_text": (_set("edges", 2, "weight", "0.8"), f"{E2}.weight", "expected a number, got '0.8'"),
    "weight_bool": (_set("edges", 2, "weight", True), f"{E2}.weight", "expected a number"),
    "weight_enormous": (_set("edges", 2, "weight", 10**400), f"{E2}.weight", "too large"),
    "duplicate_edge": (
        _append(
            "edges",
            {
                "from": "decade_of_agents",
                "to": "long_timelines",
                "type": "attacks",
                "reason": "Dup.",
                "scheme": "other",
            },
        ),
        "edges[9] (from 'decade_of_agents' to 'long_timelines')",
        "duplicate edge: edges[2]",
    ),
    "edge_without_reason": (
        _drop("edges", 2, "reason"),
        f"{E2}.reason",
        "the edge 'decade_of_agents' → 'long_timelines' has no reason",
    ),
    "edge_with_blank_reason": (_set("edges", 2, "reason", "   "), f"{E2}.reason", "has no reason"),
    "edge_without_scheme": (
        _drop("edges", 2, "scheme"),
        f"{E2}.scheme",
        "the edge 'decade_of_agents' → 'long_timelines' has no scheme",
    ),
    "edge_unknown_scheme": (_set("edges", 2, "scheme", "appeal_to_pity"), f"{E2}.scheme", "appeal_to_pity"),
    "informs_unknown_node": (
        _set("informs", 0, "node", "ghost"),
        "informs[0] (node 'ghost').node",
        "no node with id 'ghost'",
    ),
    "informs_unknown_model": (_set("informs", 0, "model", "astrology"), f"{I0}.model", "'astrology'"),
    "informs_unknown_assumption": (
        _set("informs", 0, "assumption", "vibes"),
        f"{I0}.assumption",
        "model 'debate' has no assumption 'vibes'",
    ),
    "informs_bad_dist": (
        _set("informs", 0, "dist", {"type": "lognormal", "ci": [-1.0, 3.0], "level": 0.8}),
        f"{I0}.dist",
        "positive",
    ),
    "informs_dist_unknown_type": (_set("informs", 0, "dist", {"type": "cauchy"}), f"{I0}.dist", ""),
    "informs_dist_no_level": (_set("informs", 0, "dist", "1 to 3"), f"{I0}.dist", "needs its interval level"),
    "informs_dist_nan": (_set("informs", 0, "dist", {"type": "point", "value": math.nan}), f"{I0}.dist", ""),
    "informs_missing_dist": (_drop("informs", 0, "dist"), f"{I0}.dist", "required"),
    "informs_duplicate": (
        lambda d: d["informs"].append(copy.deepcopy(d["informs"][0])),
        "informs[3] (node 'decade_of_agents')",
        "duplicate link: informs[0]",
    ),
    "bad_date": (_set("nodes", 3, "date", "Oct 2025"), f"{N3}.date", "YYYY or YYYY-MM, got 'Oct 2025'"),
    "bad_month": (_set("nodes", 3, "date", "2025-13"), f"{N3}.date", "YYYY or YYYY-MM"),
    "unknown_provenance": (
        _set("nodes", 3, "provenance", "hearsay"),
        f"{N3}.provenance",
        "got 'hearsay'; expected one of 'direct'",
    ),
    "unknown_claim_type": (_set("nodes", 3, "claim_type", "vibe"), f"{N3}.claim_type", "got 'vibe'"),
    "unknown_basis": (_set("informs", 0, "basis", "hunch"), f"{I0}.basis", "got 'hunch'; expected one of 'quoted'"),
    "node_not_table": (lambda d: d["nodes"].append("oops"), "nodes[9]", "expected a table, got 'oops'"),
    "huge_text": (_set("nodes", 0, "summary", "x" * 30_000), f"{N0}.summary", "too long"),
    "extra_node_ok_but_theme_bad": (
        _append("nodes", {**NEW_NODE, "theme": "energy"}),
        "nodes[9] (id 'extra').theme",
        "not defined",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_broken_file_names_file_field_and_reason(tmp_path: Path, case: str) -> None:
    mutate, field, words = BROKEN[case]
    err = _error(_write_json(tmp_path, _mutated(mutate)))
    assert err.field is not None and err.field.startswith(field), (err.field, field)
    assert words in err.reason, err.reason
    assert f"field '{err.field}'" in str(err)


def test_only_the_first_problem_is_spelled_out(tmp_path: Path) -> None:
    def two_problems(d: dict) -> None:
        d["nodes"][0]["title_en"] = 5
        d["nodes"][1]["kind"] = "rumour"

    err = _error(_write_json(tmp_path, _mutated(two_problems)))
    assert "(and 1 more problem)" in err.reason


# -- broken bytes and syntax -------------------------------------------------------------


def _write_bytes(tmp_path: Path, data: bytes, name: str = "graph.toml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_truncated_toml(tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8")
    cut = text.index('to = "long_timelines"') + 10  # inside a string
    err = _error(_write_bytes(tmp_path, text[:cut].encode()))
    assert "is not valid TOML: Unterminated string (at end of document)" == err.reason


def test_truncated_toml_at_a_table_boundary(tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8")
    cut = text.index("[[edges]]")
    err = _error(_write_bytes(tmp_path, text[:cut].encode() + b"[[edges]]\nfrom = "))
    assert "not valid TOML" in err.reason


def test_truncated_in_the_middle_of_a_character(tmp_path: Path) -> None:
    data = TINY.read_bytes()
    cut = data.index("時間線".encode()) + 1
    err = _error(_write_bytes(tmp_path, data[:cut]))
    assert "truncated" in err.reason


def test_truncated_json(tmp_path: Path) -> None:
    text = json.dumps(BASE).encode()
    err = _error(_write_bytes(tmp_path, text[:-40], "graph.json"))
    assert "not valid JSON" in err.reason and "line 1" in err.reason


def test_binary_junk(tmp_path: Path) -> None:
    err = _error(_write_bytes(tmp_path, bytes(range(256)) * 4))
    assert "binary" in err.reason


def test_not_utf8(tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace("Timelines", "Tímelines")
    err = _error(_write_bytes(tmp_path, text.encode("latin-1", errors="replace")))
    assert "not UTF-8" in err.reason and "offset" in err.reason


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in _error(_write_bytes(tmp_path, b"  \n")).reason


def test_nan_in_toml(tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace("weight = 0.8\n", "weight = nan\n", 1)
    err = _error(_write_bytes(tmp_path, text.encode()))
    assert err.field == f"{E2}.weight" and "finite" in err.reason


def test_duplicate_toml_table_key(tmp_path: Path) -> None:
    text = TINY.read_text(encoding="utf-8").replace('title = "A tiny AGI debate"', 'title = "a"\ntitle = "b"')
    assert "not valid TOML" in _error(_write_bytes(tmp_path, text.encode())).reason


def test_duplicate_json_key(tmp_path: Path) -> None:
    text = json.dumps(BASE)[:-1] + ', "title": "again"}'
    err = _error(_write_bytes(tmp_path, text.encode(), "graph.json"))
    assert "'title' appears twice" in err.reason


def test_json_top_level_must_be_an_object(tmp_path: Path) -> None:
    err = _error(_write_json(tmp_path, [1, 2, 3]))
    assert "top level must be a table" in err.reason


def test_deeply_nested_json(tmp_path: Path) -> None:
    err = _error(_write_bytes(tmp_path, b"[" * 200_000, "graph.json"))
    assert "nested too deeply" in err.reason or "not valid JSON" in err.reason


def test_unknown_extension(tmp_path: Path) -> None:
    err = _error(_write_bytes(tmp_path, TINY.read_bytes(), "graph.yaml"))
    assert ".toml or .json" in err.reason


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "not found" in _error(tmp_path / "nope.toml").reason
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    assert "folder" in _error(folder).reason


def test_build_graph_from_a_dict_names_the_given_file() -> None:
    with pytest.raises(InputError, match="memory: field 'format_version'"):
        build_graph({"format_version": 3}, file="memory")


# -- junk from hypothesis: only InputError, never anything else ---------------------------

JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".toml", ".json"]))
def test_random_bytes_give_input_errors(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(data)
    with pytest.raises(InputError):
        load_graph(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), suffix=st.sampled_from([".toml", ".json"]))
def test_random_text_gives_input_errors(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"junk{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with pytest.raises(InputError):
        load_graph(path)


def _leaf_paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaf_paths(v, prefix + (k,))] + [prefix]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaf_paths(v, prefix + (i,))] + [prefix]
    return [prefix]


PATHS = [p for p in _leaf_paths(BASE) if p]


@settings(max_examples=300, deadline=None)
@given(where=st.sampled_from(PATHS), junk=JSON_VALUES)
def test_junk_anywhere_in_a_valid_file_loads_or_is_an_input_error(where: tuple, junk: Any) -> None:
    data = copy.deepcopy(BASE)
    target = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = junk
    try:
        build_graph(data, file="junk.json")
    except InputError as err:
        assert err.file == "junk.json"
        assert not any(n in str(err) for n in NOISE), str(err)


# -- where assumption names come from -------------------------------------------------


def test_a_model_whose_kind_cannot_be_imported_is_named(monkeypatch) -> None:
    from debate_explorer.core.engine import kinds

    def missing(name: str):
        raise ImportError(f"no module for {name}")

    monkeypatch.setattr(kinds, "get_kind", missing)
    with pytest.raises(InputError, match="'debate' is not available"):
        load_graph(TINY)


def test_assumptions_come_from_the_registered_kind(monkeypatch) -> None:
    from debate_explorer.core.engine import kinds

    class FakeKind:
        assumption_names = ("agi_gap", "g_compute", "hive_mind_boost", "only_here")

    monkeypatch.setattr(kinds, "get_kind", lambda name: FakeKind())
    assert len(load_graph(TINY).informs) == 3
    data = _mutated(_set("informs", 0, "assumption", "difficulty"))
    with pytest.raises(InputError, match="has no assumption 'difficulty'"):
        build_graph(data, file="g.json")
