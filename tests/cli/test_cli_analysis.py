"""The analysis subcommands: tables read well, --json parses, bad input exits 2 in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debate_explorer.cli import main
from debate_explorer.core.model.scenario import save_scenario, scenario_from_dict

GRAPH = Path(__file__).resolve().parents[1] / "core" / "analysis" / "data" / "crux_graph.toml"
FIXED = {"g_compute": 0.6, "g_software": 0.45, "difficulty": 1.0, "disruption_hazard": 0.0, "agi_gap": 2.0}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("scenarios")
    paths = []
    for name, cred in (("believer", 0.9), ("doubter", 0.1)):
        s = scenario_from_dict(
            {
                "format_version": 1,
                "title": name.title(),
                "run": {"samples": 2000, "seed": 3},
                "assumptions": FIXED,
                "graph": {"credences": {"key": cred}},
            }
        )
        save_scenario(s, d / f"{name}.toml")
        paths.append(str(d / f"{name}.toml"))
    return paths


def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cruxes_json_parses_and_ranks_the_key_node_first(capsys, files):
    code, out, _ = run_cli(
        capsys, "cruxes", files[0], "--graph", str(GRAPH), "--metric", "agi_median", "--top", "3", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["metric"]["name"] == "agi_median"
    assert len(data["cruxes"]) == 3 and data["nodes_total"] == 5
    assert data["cruxes"][0]["node"] == "key"
    assert data["unlinked_nodes"] == 1


def test_cruxes_table(capsys, files):
    code, out, _ = run_cli(capsys, "cruxes", files[0], "--graph", str(GRAPH), "--metric", "p_explosive", "--top", "0")
    assert code == 0
    assert "Cruxes for P(explosive regime in 2040)" in out
    assert "loner" in out and "exactly 0" in out


def test_sensitivity_json_and_table(capsys, files):
    # The doubter: the believer's "key" (credence 0.9) pins SC before 2030, leaving nothing to swing.
    code, out, _ = run_cli(
        capsys, "sensitivity", files[1], "--graph", str(GRAPH), "--metric", "sc_p2030", "--samples", "1000", "--json"
    )
    assert code == 0
    data = json.loads(out)
    swings = {b["assumption"]: b["swing"] for b in data["tornado"]}
    assert swings["pause_years"] == 0.0 and swings["sc_requirement"] < 0
    assert {i["assumption"] for i in data["importance"]} == set(swings)
    code, out, _ = run_cli(capsys, "sensitivity", files[0], "--graph", str(GRAPH), "--samples", "500")
    assert code == 0 and "Tornado" in out and "Spearman" in out


def test_compare_json_and_table(capsys, files):
    code, out, _ = run_cli(capsys, "compare", *files, "--graph", str(GRAPH), "--json")
    assert code == 0
    data = json.loads(out)
    believer, doubter = data["scenarios"]
    assert believer["metrics"]["agi_median"] < doubter["metrics"]["agi_median"]
    assert data["assumptions"][0]["assumption"] == "sc_requirement"
    code, out, _ = run_cli(capsys, "compare", *files, "--graph", str(GRAPH), "--metrics", "agi_median,sc_p2030")
    assert code == 0 and "agi_median" in out and "Credences that differ most" in out


def test_cruxes_on_the_shipped_graph(capsys, repo):
    code, out, _ = run_cli(
        capsys, "cruxes", str(repo / "scenarios" / "baseline.toml"), "--samples", "1000", "--top", "5", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert len(data["cruxes"]) == 5 and data["cruxes"][0]["score"] > 0


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["cruxes", "{f}", "--metric", "agi_mean"], "valid metrics"),
        (["cruxes", "{f}", "--samples", "0"], "--samples"),
        (["cruxes", "{f}", "--top", "-1"], "--top"),
        (["cruxes", "missing.toml"], "missing.toml"),
        (["sensitivity", "{f}", "--low", "0.9", "--high", "0.1"], "--low"),
        (["compare", "{f}", "--metrics", "agi_mean"], "valid metrics"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, files, argv, needle):
    argv = [a.replace("{f}", files[0]) for a in argv] + ["--graph", str(GRAPH)]
    code, _, err = run_cli(capsys, *argv)
    assert code == 2
    assert needle in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_explain_json_adds_up_and_names_the_moved_assumption(capsys, files):
    code, out, _ = run_cli(
        capsys,
        "explain",
        files[1],
        files[0],
        "--graph",
        str(GRAPH),
        "--metric",
        "agi_median",
        "--samples",
        "3000",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["a"]["title"] == "Doubter" and data["b"]["title"] == "Believer"
    parts = data["contributions"]
    assert parts and parts[0]["assumption"] == "sc_requirement"  # the only assumption "key" informs
    assert sum(c["contribution"] for c in parts) + data["remainder"] == pytest.approx(data["total"], abs=1e-6)
    assert data["total"] < 0  # believing the "close" position brings AGI earlier


def test_explain_table_and_bad_input(capsys, files, tmp_path):
    code, out, _ = run_cli(capsys, "explain", files[1], files[0], "--graph", str(GRAPH), "--samples", "2000")
    assert code == 0 and "remainder" in out and "Distance to superhuman coder" in out
    code, _, err = run_cli(capsys, "explain", files[1], str(tmp_path / "missing.toml"), "--graph", str(GRAPH))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "missing.toml" in err
    code, _, err = run_cli(capsys, "explain", files[1], files[0], "--graph", str(GRAPH), "--metric", "agi_p20")
    assert code == 2 and "unknown metric" in err and len(err.strip().splitlines()) == 1
