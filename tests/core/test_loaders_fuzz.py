"""Both loaders (scenario files and graph files) fed nested, huge and adversarial TOML and JSON.

Whatever the input, a loader returns a value or raises one InputError whose
message is a single line naming the file — never another exception, never a hang.
"""

from __future__ import annotations

import json
import math
import tempfile
from pathlib import Path

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph import load_graph
from debate_explorer.core.model.scenario import load_scenario

TINY_GRAPH = Path(__file__).parent / "graph" / "data" / "tiny_graph.toml"

numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=-10, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 0.5, 1e308, -1e308, 5e-324, 2**63, 2**63 - 1, 1e12, 1e13]),
)
scalars = st.one_of(
    numbers,
    st.booleans(),
    st.text(max_size=30),
    st.sampled_from(["1 to 2 @80%", "0.1 to 100 @0.0000001%", "a to b", "nan"]),
)
keys = st.one_of(
    st.sampled_from(
        [
            "type",
            "value",
            "mean",
            "sd",
            "ci",
            "level",
            "components",
            "weight",
            "dist",
            "median",
            "sigma",
            "samples",
            "seed",
            "id",
            "nodes",
            "edges",
            "g_compute",
            "credences",
            "hive_mind",
            "lower",
            "upper",
            "values",
            "probs",
        ]
    ),
    st.text(min_size=1, max_size=8),
)
trees = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=30,
)

SCENARIO_SPOTS = [
    ("assumptions", "g_compute"),
    ("priors", "g_software"),
    ("run",),
    ("graph", "credences"),
    ("settings",),
    ("correlations",),
    (),
]
GRAPH_SPOTS = [("nodes",), ("edges",), ("informs",), ("themes",), ("title",), ()]


def _nest(value, depth: int, as_list: bool):
    for _ in range(depth):
        value = [value] if as_list else {"dist": value}
    return value


def _place(base: dict, spot: tuple, value) -> dict:
    if not spot:
        return {**base, **value} if isinstance(value, dict) else {**base, "extra": value}
    out = json.loads(json.dumps(base, allow_nan=True)) if base else {}
    cur = out
    for key in spot[:-1]:
        cur = cur.setdefault(key, {}) if isinstance(cur.get(key, {}), dict) else cur
    cur[spot[-1]] = value
    return out


def _write(data, text_suffix: str, raw: str | None, folder: Path) -> Path:
    path = folder / f"input{text_suffix}"
    if raw is not None:
        path.write_text(raw, encoding="utf-8")
    elif text_suffix == ".json":
        path.write_text(json.dumps(data, allow_nan=True), encoding="utf-8")
    else:
        try:
            path.write_text(tomli_w.dumps(data), encoding="utf-8")
        except (TypeError, ValueError):  # TOML cannot hold this shape: fall back to JSON text
            path = folder / "input.json"
            path.write_text(json.dumps(data, allow_nan=True), encoding="utf-8")
    return path


def _assert_clean(loader, path: Path) -> None:
    try:
        loader(path)
    except InputError as exc:
        message = exc.message
        assert str(path) in message, message
        assert "\n" not in message and "Traceback" not in message


raw_texts = st.one_of(
    st.integers(1, 20_000).map(lambda n: "x = " + "[" * n + "]" * n),
    st.integers(1, 20_000).map(lambda n: '{"a": ' + "[" * n + "]" * n + "}"),
    st.integers(1, 3_000).map(lambda n: "x = " + "{a = " * n + "1" + "}" * n),
    st.integers(4000, 9000).map(lambda n: "[run]\nseed = " + "9" * n),
    st.integers(4000, 9000).map(lambda n: '{"run": {"samples": -' + "9" * n + "}}"),
    st.integers(1, 5000).map(lambda n: "a." * n + "b = 1"),
    st.sampled_from(
        [
            '{"a": NaN}',
            '{"a": 1e99999}',
            "a = inf",
            "a = -nan",
            '{"a": 1, "a": 2}',
            "[1, 2]",
            "\x00\x01binary",
            "format_version = 99",
            "x = 0x" + "f" * 6000,
        ]
    ),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    value=trees,
    spot=st.sampled_from(SCENARIO_SPOTS),
    depth=st.integers(0, 120),
    as_list=st.booleans(),
    suffix=st.sampled_from([".toml", ".json"]),
)
def test_scenario_loader_survives_generated_data(value, spot, depth, as_list, suffix):
    data = _place({"format_version": 1, "model": "debate"}, spot, _nest(value, depth, as_list))
    with tempfile.TemporaryDirectory() as folder:
        _assert_clean(load_scenario, _write(data, suffix, None, Path(folder)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    value=trees,
    spot=st.sampled_from(GRAPH_SPOTS),
    depth=st.integers(0, 120),
    as_list=st.booleans(),
    suffix=st.sampled_from([".toml", ".json"]),
)
def test_graph_loader_survives_generated_data(value, spot, depth, as_list, suffix):
    import tomllib

    base = tomllib.loads(TINY_GRAPH.read_text(encoding="utf-8"))
    data = _place(base, spot, _nest(value, depth, as_list))
    with tempfile.TemporaryDirectory() as folder:
        _assert_clean(load_graph, _write(data, suffix, None, Path(folder)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_texts, suffix=st.sampled_from([".toml", ".json"]))
def test_both_loaders_survive_adversarial_text(raw, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = _write(None, suffix, raw, Path(folder))
        _assert_clean(load_scenario, path)
        _assert_clean(load_graph, path)


def test_the_generators_reach_the_limits():
    # Guard against a fuzz test that silently stopped producing hostile input.
    assert math.isinf(json.loads('{"a": 1e99999}')["a"])
    deep = _nest(1, 120, True)
    assert json.dumps(deep).count("[") == 120


OVERLAY_SPOTS = [
    ("base",),
    ("sources",),
    ("nodes",),
    ("node_edits",),
    ("removals",),
    ("edges",),
    ("edge_edits",),
    ("informs",),
    ("informs_edits",),
    (),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    value=trees,
    spot=st.sampled_from(OVERLAY_SPOTS),
    depth=st.integers(0, 120),
    as_list=st.booleans(),
    suffix=st.sampled_from([".toml", ".json"]),
)
def test_overlay_loader_survives_generated_data(value, spot, depth, as_list, suffix):
    from debate_explorer.core.graph.overlay import empty_overlay, load_overlay, overlay_to_dict

    base = overlay_to_dict(empty_overlay())
    data = _place(base, spot, _nest(value, depth, as_list))
    with tempfile.TemporaryDirectory() as folder:
        _assert_clean(load_overlay, _write(data, suffix, None, Path(folder)))
