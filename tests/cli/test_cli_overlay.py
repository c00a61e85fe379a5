"""Overlays on the command line (issue 20): import-argdown, validate, and --graph OVERLAY in the commands."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from debate_explorer.cli import main
from debate_explorer.core.graph import load_graph
from debate_explorer.core.graph.overlay import load_overlay
from debate_explorer.core.model.linking import effective_assumptions, node_strengths
from debate_explorer.core.model.scenario import load_scenario, save_scenario

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "core" / "graph" / "data" / "argdown"
BASELINE = REPO / "scenarios" / "baseline.toml"
NEW = ("quell_returns_fading", "quell_cost_argument", "quell_grid_queue")


@pytest.fixture(scope="module")
def overlay(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("overlay") / "three.toml"
    assert main(["import-argdown", str(DATA / "three_claims.argdown"), "--out", str(out)]) == 0
    return out


def _err(capsys) -> str:
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return err


def test_import_writes_an_overlay_that_validates(overlay: Path, capsys) -> None:
    assert (overlay.parent / "sources" / "grid_interview.txt").is_file()
    capsys.readouterr()
    assert main(["validate", str(overlay)]) == 0
    out, _ = capsys.readouterr()
    assert "ok (map overlay" in out and "verbatim" in out


def _mixtures(scenario, graph) -> dict[str, list[tuple[str, str | None, float, str]]]:
    return {
        e.assumption.name: [(p.source, p.node, round(p.weight, 12), repr(p.dist)) for p in e.parts]
        for e in effective_assumptions(scenario, graph)
    }


def test_the_overlay_changes_the_model_exactly_where_its_links_act(overlay: Path) -> None:
    bundled, merged = load_graph(), load_overlay(overlay).graph
    base = load_scenario(BASELINE)
    scenario = base.replace(
        graph=base.graph.model_copy(update={"credences": {"quell_returns_fading": 0.9, "quell_grid_queue": 0.9}})
    )
    # The same scenario; the new claims' credences exist only on the overlay's map.
    before, after = _mixtures(base, bundled), _mixtures(scenario, merged)
    changed = {name for name in before if before[name] != after[name]}
    # Where the overlay acts: nodes whose belief moved (the attacked and supported positions and
    # whatever they argue about), and the assumption the new claim informs directly.
    b0, b1 = node_strengths(base, bundled), node_strengths(scenario, merged)
    moved = {n for n in b0 if abs(b0[n] - b1[n]) > 1e-12} | set(NEW)
    expected = {link.assumption for link in merged.informs if link.node in moved and link.model == base.model}
    assert {"scaling_continues", "grid_bottleneck"} <= moved
    assert "compute_wall_year" in expected and "difficulty" in expected  # the new link; scaling_continues' link
    assert changed == expected and len(changed) < len(before)


def test_run_with_the_overlay_differs_from_the_bundled_run(overlay: Path, capsys) -> None:
    common = [str(BASELINE), "--samples", "2000", "--seed", "7", "--json"]
    assert main(["run", *common]) == 0
    plain = json.loads(capsys.readouterr()[0])
    assert main(["run", *common, "--graph", str(overlay)]) == 0
    with_overlay = json.loads(capsys.readouterr()[0])
    assert plain != with_overlay


@pytest.mark.parametrize(
    "argv",
    [
        ["cruxes", str(BASELINE), "--samples", "300", "--top", "2"],
        ["sensitivity", str(BASELINE), "--samples", "300"],
        ["compare", str(BASELINE), "scenarios/hive_mind.toml", "--samples", "300"],
        ["explain", str(BASELINE), "scenarios/hive_mind.toml", "--samples", "300"],
    ],
)
def test_the_analyses_take_an_overlay(overlay: Path, argv: list[str], capsys) -> None:
    assert main([*argv, "--graph", str(overlay)]) == 0, _err(capsys)


def test_export_graph_writes_the_merged_map(overlay: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "merged.json"
    assert main(["export-graph", "-f", "aif", "-o", str(out), "--graph", str(overlay)]) == 0
    texts = {n["text"] for n in json.loads(out.read_text(encoding="utf-8"))["nodes"]}
    assert "Interconnection queues longer than five years cap how fast a gigawatt campus can be fed." in texts
    assert "Argument From Expert Opinion" in texts  # the new edge's scheme on its RA node


def test_a_quote_not_in_its_source_fails_import_and_validate(overlay: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.argdown"
    bad.write_text(
        (DATA / "three_claims.argdown").read_text(encoding="utf-8").replace("a few points on", "many points on")
    )
    shutil.copy(DATA / "grid_interview.txt", tmp_path)
    capsys.readouterr()
    assert main(["import-argdown", str(bad), "--out", str(tmp_path / "bad.toml")]) == 2
    err = _err(capsys)
    assert "[quell_returns_fading]" in err and "grid_interview.txt" in err and "not verbatim" in err
    assert not (tmp_path / "bad.toml").exists()
    # The same fault in an overlay file: validate names the node and the source file.
    copy = tmp_path / "ov"
    shutil.copytree(overlay.parent, copy)
    text = (copy / "three.toml").read_text(encoding="utf-8").replace("a few points on", "many points on", 1)
    (copy / "three.toml").write_text(text, encoding="utf-8")
    assert main(["validate", str(copy / "three.toml")]) == 2
    err = _err(capsys)
    assert "quell_returns_fading" in err and "sources/grid_interview.txt" in err and "not verbatim" in err


def test_a_scenario_whose_overlay_is_missing_is_an_error(overlay: Path, tmp_path: Path, capsys) -> None:
    from debate_explorer.core.graph.scenario_overlay import record_overlay

    scenario = record_overlay(load_scenario(BASELINE), tmp_path / "s.toml", overlay)
    save_scenario(scenario, tmp_path / "s.toml")
    assert main(["run", str(tmp_path / "s.toml"), "--samples", "300"]) == 0
    moved = tmp_path / "gone.toml"
    scenario = record_overlay(load_scenario(BASELINE), tmp_path / "t.toml", overlay)
    save_scenario(
        scenario.replace(
            graph=scenario.graph.model_copy(
                update={"overlay": scenario.graph.overlay.model_copy(update={"path": moved.name})}
            )
        ),
        tmp_path / "t.toml",
    )
    capsys.readouterr()
    assert main(["run", str(tmp_path / "t.toml"), "--samples", "300"]) == 2
    assert "gone.toml" in _err(capsys)
