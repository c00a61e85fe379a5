"""The command line: output formats, exit codes, and clean one-line errors."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import networkx as nx
import pytest

from debate_explorer.cli import main

BASELINE = "scenarios/baseline.toml"


@pytest.fixture(autouse=True)
def in_repo(repo, monkeypatch):
    monkeypatch.chdir(repo)


def test_run_prints_a_readable_summary(capsys):
    assert main(["run", BASELINE, "--samples", "5000", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "Baseline — model debate" in out
    assert "5,000 samples · seed 3 · numba" in out
    for label in ("Superhuman coder", "AGI", "ASI", "never by 2100", "growth regime in 2040"):
        assert label in out


def test_run_json_has_the_summary(capsys):
    assert main(["run", "scenarios/hive_mind.toml", "--samples", "4000", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["samples"] == 4000 and data["backend"] == "numba"
    assert set(data["milestones"]) == {"sc", "agi", "asi"}
    assert abs(sum(data["regimes"].values()) - 1) < 1e-9
    assert 0 <= data["milestones"]["agi"]["never_by_horizon"] <= 1


def test_run_uses_credences_from_the_file(capsys, tmp_path):
    def p_explosive(credence):
        path = tmp_path / f"hive_{credence}.toml"
        path.write_text(f"format_version = 1\n[graph.credences]\nhive_mind = {credence}\n")
        assert main(["run", str(path), "--samples", "20000", "--json"]) == 0
        return json.loads(capsys.readouterr().out)["regimes"]["explosive"]

    assert p_explosive(1.0) > p_explosive(0.0)


def test_run_writes_per_sample_csv(capsys, tmp_path):
    out = tmp_path / "samples.csv"
    assert main(["run", BASELINE, "--samples", "300", "--csv", str(out)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 300
    assert {"sc_year", "agi_year", "asi_year", "g_compute", "hive_mind_boost"} <= set(rows[0])


def test_numpy_backend_runs(capsys):
    assert main(["run", BASELINE, "--samples", "2000", "--backend", "numpy", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["backend"] == "numpy"


def test_presets_lists_every_shipped_scenario_by_name(capsys, repo):
    assert main(["presets", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["name"] == "baseline"
    assert sorted(r["name"] for r in rows) == sorted(p.stem for p in (repo / "scenarios").glob("*.toml"))
    assert {r["model"] for r in rows} == {"debate", "ai2027-horizon", "ai-futures"}
    assert main(["presets"]) == 0
    assert "hive_mind" in capsys.readouterr().out


def test_a_preset_name_runs_like_its_file(capsys):
    assert main(["run", "hive_mind", "--samples", "2000", "--seed", "5", "--json"]) == 0
    by_name = json.loads(capsys.readouterr().out)
    assert main(["run", "scenarios/hive_mind.toml", "--samples", "2000", "--seed", "5", "--json"]) == 0
    by_file = json.loads(capsys.readouterr().out)
    assert by_name["milestones"] == by_file["milestones"] and by_name["title"] == "Hive mind (Patel)"


def test_an_unknown_preset_name_lists_the_presets(capsys):
    with pytest.raises(SystemExit) as exit_:  # argparse rejects it, with exit code 2
        main(["compare", "hive_mind", "hive_mindd"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "no file and no preset named 'hive_mindd'" in err and "baseline, ai2027_eli" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "no_such.toml"], "no_such.toml: file not found"),
        (["run", BASELINE, "--samples", "0"], "--samples must be between"),
        (["run", BASELINE, "--samples", "99999999999"], "--samples must be between"),
        (["run", BASELINE, "--csv", "/no/such/dir/x.csv"], "the folder does not exist"),
        (["export-graph", "-f", "dot", "-o", "/no/such/dir/g.dot"], "the folder does not exist"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, args, message):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_validate_reports_each_file(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("format_version = 1\n[assumptions]\ng_compute = { type = 'normal', mean = 0.6, sd = -1 }\n")
    ghost = tmp_path / "ghost.toml"
    ghost.write_text("format_version = 1\n[graph.credences]\nnot_a_node = 0.3\n")
    code = main(["validate", BASELINE, str(bad), str(ghost), "resources/debate/agi_debate.toml"])
    captured = capsys.readouterr()
    assert code == 2
    assert f"{BASELINE}: ok (scenario, model debate)" in captured.out
    assert "agi_debate.toml: ok (argument graph, " in captured.out
    assert "bad.toml: field 'assumptions.g_compute': sd must be positive" in captured.err
    assert "ghost.toml: field 'graph.credences.not_a_node'" in captured.err


def test_validate_all_shipped_scenarios(capsys, repo):
    files = sorted(str(p) for p in (repo / "scenarios").glob("*.toml"))
    assert main(["validate", *files]) == 0


@pytest.mark.parametrize("fmt", ["argdown", "aif", "graphml", "dot"])
def test_export_graph_formats(capsys, tmp_path, fmt, shipped_graph):
    out = tmp_path / f"graph.{fmt}"
    assert main(["export-graph", "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    if fmt == "aif":
        data = json.loads(text)
        types = {n["type"] for n in data["nodes"]}
        assert {"I", "RA", "CA"} <= types
    elif fmt == "graphml":
        g = nx.read_graphml(out)
        assert g.number_of_nodes() == len(shipped_graph.nodes)
    elif fmt == "dot":
        assert text.lstrip().startswith("digraph")
    else:
        assert shipped_graph.node("hive_mind").title_en.split(":")[0][:20] in text


@pytest.mark.slow  # starts Python
def test_console_script_and_module_entry_points(repo):
    out = subprocess.run(
        [sys.executable, "-m", "debate_explorer", "run", BASELINE, "--samples", "1000"],
        capture_output=True,
        text=True,
        cwd=repo,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "Superhuman coder" in out.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "debate_explorer", "run", "missing.toml"],
        capture_output=True,
        text=True,
        cwd=repo,
        timeout=300,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
