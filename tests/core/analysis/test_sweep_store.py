"""The journal and the final files: incremental writes, resume, failures, reading back.

These run the sweep serially in-process; the Dask paths are in test_sweep_dask.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from debate_explorer.core.analysis.sweep import sweep_spec_from_dict
from debate_explorer.core.analysis.sweep.execute import run_sweep
from debate_explorer.core.analysis.sweep.store import journal_path, load_sweep_results, summary_path
from debate_explorer.core.errors import InputError

GRID = {
    "format_version": 1,
    "title": "tiny grid",
    "samples": 300,
    "seed": 5,
    "metrics": ["agi_median", "sc_p2030", "p_explosive"],
    "design": {
        "type": "grid",
        "parameters": [
            {"assumption": "g_compute", "values": [0.3, 0.6, 0.9]},
            {"credence": "hive_mind", "values": [0.2, 0.8]},
        ],
    },
}
SAME = ["index", "status", "g_compute", "credence:hive_mind", "agi_median", "sc_p2030", "p_explosive", "seed", "error"]


def _spec(**changes):
    return sweep_spec_from_dict({**GRID, **changes})


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> pd.DataFrame:
    out = tmp_path_factory.mktemp("ref") / "ref.parquet"
    return run_sweep(_spec(), out, serial=True).frame


def test_serial_sweep_writes_results_summary_and_journal(tmp_path, reference):
    out = tmp_path / "res.csv"
    outcome = run_sweep(_spec(), out, serial=True)
    assert outcome.computed == 6 and outcome.resumed == 0 and not outcome.failed
    frame = pd.read_csv(out)
    assert list(frame.columns) == [
        "index",
        "status",
        "g_compute",
        "credence:hive_mind",
        "agi_median",
        "sc_p2030",
        "p_explosive",
        "seed",
        "seconds",
        "error",
    ]
    pd.testing.assert_frame_equal(frame[SAME[:-1]], reference[SAME[:-1]], check_exact=True)
    summary = json.loads(summary_path(out).read_text())
    assert summary["points"] == 6 and summary["failed"] == 0 and summary["sobol"] is None
    assert summary["parameters"] == ["g_compute", "credence:hive_mind"]
    assert len(journal_path(out).read_text().splitlines()) == 1 + 6


def test_resume_skips_finished_points_and_survives_a_torn_line(tmp_path, reference):
    out = tmp_path / "res.parquet"
    run_sweep(_spec(), out, serial=True)
    lines = journal_path(out).read_text().splitlines(keepends=True)
    journal_path(out).write_text("".join(lines[:3]) + lines[3][: len(lines[3]) // 2])  # 2 done + a torn write
    out.unlink()
    outcome = run_sweep(_spec(), out, serial=True)
    assert (outcome.resumed, outcome.computed) == (2, 4)
    pd.testing.assert_frame_equal(pd.read_parquet(out)[SAME], reference[SAME], check_exact=True)
    again = run_sweep(_spec(), out, serial=True)
    assert (again.resumed, again.computed) == (6, 0)


def test_an_interrupted_sweep_keeps_what_it_finished(tmp_path, reference):
    out = tmp_path / "res.parquet"

    def stop_after_three(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_sweep(_spec(), out, serial=True, progress=stop_after_three)
    assert not out.exists()
    outcome = run_sweep(_spec(), out, serial=True)
    assert (outcome.resumed, outcome.computed) == (3, 3)
    pd.testing.assert_frame_equal(outcome.frame[SAME], reference[SAME], check_exact=True)


def test_a_journal_from_another_sweep_is_not_mixed_in(tmp_path):
    out = tmp_path / "res.csv"
    run_sweep(_spec(), out, serial=True)
    with pytest.raises(InputError, match="different sweep.*--restart") as info:
        run_sweep(_spec(samples=301), out, serial=True)
    assert info.value.file == str(journal_path(out))
    outcome = run_sweep(_spec(samples=301), out, serial=True, restart=True)
    assert outcome.computed == 6


def test_a_failed_point_is_reported_and_the_others_kept(tmp_path, monkeypatch, reference):
    from debate_explorer.core.engine import compute

    real = compute.run_scenario

    def flaky(scenario, graph=None, **kw):
        if getattr(scenario.assumptions.get("g_compute"), "value", None) == 0.6:
            raise ZeroDivisionError("boom")
        return real(scenario, graph, **kw)

    monkeypatch.setattr(compute, "run_scenario", flaky)
    out = tmp_path / "res.parquet"
    outcome = run_sweep(_spec(), out, serial=True)
    assert [r.index for r in outcome.failed] == [2, 3]
    assert outcome.failed[0].params == {"g_compute": 0.6, "credence:hive_mind": 0.2}
    assert "ZeroDivisionError: boom" in outcome.failed[0].error
    frame = pd.read_parquet(out)
    assert list(frame["status"]) == ["ok", "ok", "failed", "failed", "ok", "ok"]
    assert frame.loc[2, ["agi_median", "sc_p2030"]].isna().all()
    ok = frame["status"] == "ok"
    pd.testing.assert_frame_equal(frame.loc[ok, SAME[:-1]], reference.loc[ok, SAME[:-1]], check_exact=True)
    summary = json.loads(summary_path(out).read_text())
    assert summary["failed"] == 2 and summary["failures"][0]["params"]["g_compute"] == 0.6

    monkeypatch.setattr(compute, "run_scenario", real)
    retry = run_sweep(_spec(), out, serial=True)
    assert (retry.resumed, retry.computed, retry.failed) == (4, 2, [])
    pd.testing.assert_frame_equal(retry.frame[SAME], reference[SAME], check_exact=True)


def test_results_read_back_with_their_columns(tmp_path):
    out = tmp_path / "res.parquet"
    run_sweep(_spec(), out, serial=True)
    for path in (out, summary_path(out)):
        data = load_sweep_results(path)
        assert data.parameters == ("g_compute", "credence:hive_mind")
        assert data.metrics == ("agi_median", "sc_p2030", "p_explosive")
        assert len(data.frame) == 6 and data.sobol == {}


def test_a_csv_without_its_summary_still_opens(tmp_path):
    out = tmp_path / "res.csv"
    run_sweep(_spec(), out, serial=True)
    summary_path(out).unlink()
    data = load_sweep_results(out)
    assert "agi_median" in data.metrics and "g_compute" in data.parameters and data.summary == {}


def test_failed_points_read_back_as_missing_and_the_summary_stays_strict_json(tmp_path, monkeypatch):
    from debate_explorer.core.engine import compute

    def broken(*args, **kwargs):
        raise ValueError("no")

    monkeypatch.setattr(compute, "run_scenario", broken)
    out = tmp_path / "res.csv"
    run_sweep(_spec(), out, serial=True)
    data = load_sweep_results(out)
    assert data.frame["agi_median"].isna().all() and (data.frame["status"] == "failed").all()
    json.loads(summary_path(out).read_text(), parse_constant=lambda c: pytest.fail(f"{c} in the summary"))


def test_growth_in_another_year_is_read_from_its_own_variant(tmp_path):
    """metrics.py reads growth in year Y at regime_year = Y: the point runs that variant too."""
    spec = _spec(metrics=["p_explosive", "growth_2035_median", "growth_2040_median"])
    frame = run_sweep(spec, tmp_path / "res.csv", serial=True).frame
    assert (frame["status"] == "ok").all()
    assert (frame["growth_2035_median"] != frame["growth_2040_median"]).any()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("res.parquet", b"PAR1 not really", "readable parquet"),
        ("res.csv", b"a,b\n1,2\n", "does not look like sweep results"),
        ("res.csv", b"", "readable CSV"),
        ("res.txt", b"index,status\n", "end in .parquet or .csv"),
        ("res.sweep.json", b'{"format": "something else"}', "not a sweep summary"),
        ("res.sweep.json", b'{"format": "debate-explorer sweep summary", "results": "gone.csv"}', "not beside it"),
    ],
)
def test_bad_results_files_raise_input_errors(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=words):
        load_sweep_results(path)


def test_a_summary_naming_missing_columns_is_refused(tmp_path):
    out = tmp_path / "res.csv"
    run_sweep(_spec(), out, serial=True)
    summary = json.loads(summary_path(out).read_text())
    summary["metrics"].append("not_a_column")
    summary_path(out).write_text(json.dumps(summary))
    with pytest.raises(InputError, match="not_a_column") as info:
        load_sweep_results(out)
    assert info.value.field == "metrics"


def test_output_must_be_parquet_or_csv_in_an_existing_folder(tmp_path):
    with pytest.raises(InputError, match="parquet or .csv"):
        run_sweep(_spec(), tmp_path / "res.xlsx", serial=True)
    with pytest.raises(InputError, match="folder does not exist"):
        run_sweep(_spec(), tmp_path / "missing" / "res.csv", serial=True)


def test_path_helpers():
    assert journal_path(Path("a/b.parquet")) == Path("a/b.journal.jsonl")
    assert summary_path(Path("b.csv")) == Path("b.sweep.json")


def test_a_broken_custom_graph_is_an_input_error_before_any_point_runs(tmp_path):
    (tmp_path / "g.toml").write_text("format_version = 1\n[[nodes]\n")
    spec = sweep_spec_from_dict({**GRID, "graph": "g.toml"}, base_dir=tmp_path)
    with pytest.raises(InputError) as info:
        run_sweep(spec, tmp_path / "r.csv", serial=True)
    assert info.value.file.endswith("g.toml")
    assert not (tmp_path / "r.journal.jsonl").exists()
