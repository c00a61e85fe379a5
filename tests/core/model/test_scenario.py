"""Scenario files: round trips, versions, atomic saves and clear errors for bad input."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate_explorer.core.errors import InputError
from debate_explorer.core.model.scenario import (
    load_scenario,
    save_scenario,
    scenario_from_dict,
    scenario_to_toml,
)

DATA = Path(__file__).parent / "data"
SCENARIOS = sorted((Path(__file__).resolve().parents[3] / "scenarios").glob("*.toml"))


def test_every_past_format_version_still_loads():
    s = load_scenario(DATA / "scenario_v1.toml")
    assert s.run.samples == 2000
    assert s.kind_settings.regime_year == 2045
    assert s.correlations[0].between == ("g_compute", "g_software")


@pytest.mark.parametrize("path", [DATA / "scenario_v1.toml", *SCENARIOS], ids=lambda p: p.name)
def test_load_save_load_round_trips_exactly(path, tmp_path):
    first = load_scenario(path)
    out = tmp_path / "again.toml"
    save_scenario(first, out)
    second = load_scenario(out)
    assert second == first
    assert scenario_to_toml(second) == scenario_to_toml(first)


def test_shipped_scenarios_exist():
    names = {p.stem for p in SCENARIOS}
    assert {"baseline", "ai2027_eli", "ai2027_nikola"} <= names
    assert len(names) >= 8  # baseline, two AI 2027 presets, five worldviews


def test_replace_validates_like_a_file():
    s = scenario_from_dict({"format_version": 1})
    assert s.replace(title="New").title == "New"
    with pytest.raises(InputError, match="run.samples"):
        s.replace(run={"samples": -5})


def test_save_is_atomic_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "s.toml"
    original = scenario_from_dict({"format_version": 1, "title": "kept"})
    save_scenario(original, target)
    before = target.read_text()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(InputError, match="disk full"):
        save_scenario(original.replace(title="lost"), target)
    assert target.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.toml"]  # no temporary file left


BAD = [
    ("format_version = 3\n", "format_version", "newer Debate Explorer"),
    ("model = 'debate'\n", "format_version", "missing"),
    ("format_version = 1\nmodel = 'foo'\n", "model", "unknown model kind"),
    ("format_version = 1\nmodle = 'debate'\n", "modle", "unknown key"),
    ("format_version = 1\n[run]\nsamples = 'many'\n", "run.samples", "valid integer"),
    ("format_version = 1\n[run]\nsamples = 1000000000\n", "run.samples", "less than or equal"),
    ("format_version = 1\n[run]\nstep = nan\n", "run.step", "finite"),
    (
        "format_version = 1\n[assumptions]\ng_compute = { type = 'normal', mean = 1, sd = -1 }\n",
        "assumptions.g_compute",
        "sd must be positive",
    ),
    ("format_version = 1\n[assumptions]\nwarp_drive = 1.0\n", "assumptions.warp_drive", "no assumption"),
    (
        "format_version = 1\n[assumptions]\ndifficulty = { type = 'discrete', values = [1, 2], probs = [0.2, 0.2] }\n",
        "assumptions.difficulty",
        "sum to 1",
    ),
    (
        "format_version = 1\n[assumptions]\ng_compute = { type = 'uniform', low = 2, high = 1 }\n",
        "assumptions.g_compute",
        "must be below",
    ),
    ("format_version = 1\n[graph.credences]\nhive_mind = 1.5\n", "graph.credences.hive_mind", "less than"),
    (
        "format_version = 1\n[[correlations]]\nbetween = ['g_compute', 'g_compute']\nrho = 0.5\n",
        "correlations[0].between",
        "itself",
    ),
    (
        "format_version = 1\n[[correlations]]\nbetween = ['g_compute', 'p_now']\nrho = 0.9\n"
        "[[correlations]]\nbetween = ['g_compute', 'gain_to_sc']\nrho = 0.9\n"
        "[[correlations]]\nbetween = ['p_now', 'gain_to_sc']\nrho = -0.9\n",
        "correlations",
        "positive semi-definite",
    ),
    ("format_version = 1\n[run]\nstart = 2050.0\nhorizon = 2040.0\n", "run.horizon", "after start"),
    ("format_version = 1\n[settings]\nregime_year = 1990\n", "settings.regime_year", "must lie between"),
    ("format_version = 1\n[run\n", None, "not valid TOML"),
]


@pytest.mark.parametrize(("text", "field", "reason"), BAD, ids=[b[2] for b in BAD])
def test_bad_files_name_file_field_and_reason(tmp_path, text, field, reason):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(InputError, match=reason) as info:
        load_scenario(path)
    assert info.value.file == str(path)
    assert info.value.field == field
    assert str(path) in info.value.message


def test_binary_and_missing_files(tmp_path):
    junk = tmp_path / "junk.toml"
    junk.write_bytes(b"\x00\x01\xffbinary")
    with pytest.raises(InputError, match="binary"):
        load_scenario(junk)
    with pytest.raises(InputError, match="not found"):
        load_scenario(tmp_path / "nope.toml")
    latin = tmp_path / "latin.toml"
    latin.write_bytes("title = 'caf\xe9'".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        load_scenario(latin)


def test_truncated_file_is_reported(tmp_path):
    text = (DATA / "scenario_v1.toml").read_text()
    path = tmp_path / "cut.toml"
    path.write_text(text[: text.index("components = [") + 30])  # cut inside an array
    with pytest.raises(InputError):
        load_scenario(path)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | st.text(max_size=300))
def test_junk_files_give_only_input_errors(tmp_path, junk):
    path = tmp_path / "junk.toml"
    if isinstance(junk, str):
        path.write_text(junk, encoding="utf-8")
    else:
        path.write_bytes(junk)
    try:
        load_scenario(path)
    except InputError as exc:
        assert exc.file == str(path)


values = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10)
tables = st.dictionaries(
    st.sampled_from(
        [
            "samples",
            "seed",
            "start",
            "horizon",
            "step",
            "prior_weight",
            "credences",
            "g_compute",
            "difficulty",
            "regime_year",
            "x",
        ]
    ),
    values | st.dictionaries(st.text(max_size=5), values, max_size=3),
    max_size=4,
)


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "format_version",
                "model",
                "title",
                "run",
                "settings",
                "graph",
                "priors",
                "assumptions",
                "correlations",
                "notes",
                "bogus",
            ]
        ),
        values | tables | st.lists(tables, max_size=2),
        max_size=6,
    )
)
def test_junk_structures_give_only_input_errors(data):
    data = {"format_version": 1, **data}
    try:
        s = scenario_from_dict(data, file="j.toml")
    except InputError as exc:
        assert exc.file == "j.toml"
    else:
        assert scenario_from_dict(tomllib.loads(scenario_to_toml(s))) == s
