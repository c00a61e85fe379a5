"""``debate-explorer sweep`` as a person runs it: files written, exit codes, one-line errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import tomli_w

from debate_explorer.cli import main

pytestmark = pytest.mark.timeout(180)

GRID = {
    "format_version": 1,
    "title": "cli grid",
    "samples": 200,
    "seed": 2,
    "metrics": ["agi_median", "p_explosive"],
    "design": {
        "type": "grid",
        "parameters": [
            {"assumption": "g_compute", "values": [0.4, 0.6, 0.8]},
            {"credence": "hive_mind", "values": [0.2, 0.8]},
        ],
    },
}
SOBOL = {
    "format_version": 1,
    "samples": 200,
    "seed": 2,
    "metrics": ["sc_p2030", "p_explosive"],
    "design": {
        "type": "sobol",
        "n": 4,
        "parameters": [
            {"assumption": "g_compute", "low": 0.3, "high": 0.9},
            {"assumption": "hive_mind_boost", "low": 0.03, "high": 0.5},
        ],
    },
}


def _write(tmp_path, data, name="spec.toml"):
    path = tmp_path / name
    path.write_text(tomli_w.dumps(data))
    return path


def test_serial_grid_writes_results_and_summary(tmp_path, capsys):
    out = tmp_path / "res.csv"
    assert main(["sweep", str(_write(tmp_path, GRID)), "--out", str(out), "--serial"]) == 0
    text = capsys.readouterr().out
    assert "6 points: 6 ok, 0 failed" in text and str(out) in text
    assert len(pd.read_csv(out)) == 6
    assert json.loads((tmp_path / "res.sweep.json").read_text())["design"] == "grid"
    # Running it again resumes everything from the journal.
    assert main(["sweep", str(_write(tmp_path, GRID)), "--out", str(out), "--serial"]) == 0
    assert "0 computed, 6 resumed" in capsys.readouterr().out


def test_sobol_prints_the_indices_table(tmp_path, capsys):
    out = tmp_path / "res.parquet"
    assert main(["sweep", str(_write(tmp_path, SOBOL)), "--out", str(out), "--serial"]) == 0
    text = capsys.readouterr().out
    assert "Sobol' indices for sc_p2030" in text and "hive_mind_boost" in text
    summary = json.loads((tmp_path / "res.sweep.json").read_text())
    assert set(summary["sobol"]["indices"]) == {"sc_p2030", "p_explosive"}


@pytest.mark.slow  # starts a Dask cluster
def test_local_cluster_matches_serial(tmp_path, capsys):
    spec = _write(tmp_path, GRID)
    assert main(["sweep", str(spec), "--out", str(tmp_path / "serial.csv"), "--serial"]) == 0
    # One worker keeps this quick; two workers on one cluster are covered in test_sweep_dask.
    assert main(["sweep", str(spec), "--out", str(tmp_path / "dask.csv"), "--workers", "1"]) == 0
    assert "local cluster of 1 worker process" in capsys.readouterr().out
    a, b = (pd.read_csv(tmp_path / f"{n}.csv").drop(columns="seconds") for n in ("serial", "dask"))
    pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_failed_points_exit_1_and_are_listed(tmp_path, capsys, monkeypatch):
    from debate_explorer.core.engine import compute

    real = compute.run_scenario

    def flaky(scenario, graph=None, **kw):
        if getattr(scenario.assumptions.get("g_compute"), "value", None) == 0.8:
            raise RuntimeError("the model fell over")
        return real(scenario, graph, **kw)

    monkeypatch.setattr(compute, "run_scenario", flaky)
    assert main(["sweep", str(_write(tmp_path, GRID)), "--out", str(tmp_path / "r.csv"), "--serial"]) == 1
    text = capsys.readouterr().out
    assert "4 ok, 2 failed" in text
    assert "#4 (g_compute=0.8, credence:hive_mind=0.2): RuntimeError: the model fell over" in text


@pytest.mark.parametrize(
    ("data", "args", "words"),
    [
        ({**GRID, "metrics": ["agi_mean"]}, [], "field 'metrics[0]': unknown metric 'agi_mean'"),
        ({**GRID, "design": {**SOBOL["design"], "n": 3}}, [], "field 'design.n': must be a power of 2"),
        ({k: v for k, v in GRID.items() if k != "format_version"}, [], "field 'format_version'"),
        (GRID, ["--workers", "0"], "--workers must be between 1"),
        (GRID, ["--workers", "2", "--serial"], "cannot be used with"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, data, args, words):
    code = main(["sweep", str(_write(tmp_path, data)), "--out", str(tmp_path / "r.csv"), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert words in err and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("debate-explorer: error:")


def test_bad_output_and_missing_spec(tmp_path, capsys):
    assert main(["sweep", str(_write(tmp_path, GRID)), "--out", str(tmp_path / "r.xlsx"), "--serial"]) == 2
    assert main(["sweep", str(tmp_path / "nope.toml"), "--out", str(tmp_path / "r.csv")]) == 2
    err = capsys.readouterr().err
    assert "must end in .parquet or .csv" in err and "nope.toml: file not found" in err


def test_a_journal_from_another_spec_needs_restart(tmp_path, capsys):
    out = tmp_path / "r.csv"
    assert main(["sweep", str(_write(tmp_path, GRID)), "--out", str(out), "--serial"]) == 0
    changed = _write(tmp_path, {**GRID, "seed": 3})
    assert main(["sweep", str(changed), "--out", str(out), "--serial"]) == 2
    assert "--restart" in capsys.readouterr().err
    assert main(["sweep", str(changed), "--out", str(out), "--serial", "--restart"]) == 0


def test_help_documents_exit_status(capsys):
    with pytest.raises(SystemExit):
        main(["sweep", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "1 some points failed" in text and "--scheduler" in text and "resume" in text
