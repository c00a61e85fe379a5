"""``debate-explorer report``: it writes a page, and bad input is one clear line and exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "debate_explorer", *args], capture_output=True, text=True, timeout=600, check=False
    )


def test_report_against_none_writes_a_page(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    done = cli("report", "decade_of_agents", "--against", "none", "--samples", "800", "--out", str(out))
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'id="why"' not in html and "Compared with</dt><dd>none" in html


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--against", "no_such_preset"], "no_such_preset"),
        (["--samples", "0"], "--samples"),
        (["--metric", "agi_sometime"], "agi_sometime"),
    ],
)
def test_bad_options_exit_2_without_a_traceback(tmp_path: Path, args: list[str], says: str) -> None:
    done = cli("report", "baseline", "--out", str(tmp_path / "r.html"), *args)
    assert done.returncode == 2
    assert says in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "r.html").exists()


def test_a_missing_folder_and_a_broken_scenario_are_named(tmp_path: Path) -> None:
    done = cli("report", "baseline", "--out", str(tmp_path / "nowhere" / "r.html"))
    assert done.returncode == 2 and "nowhere" in done.stderr and "Traceback" not in done.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text('format_version = 2\nmodel = "debate"\n[run]\nsamples = "many"\n', encoding="utf-8")
    done = cli("report", str(bad), "--out", str(tmp_path / "r.html"))
    assert done.returncode == 2 and "bad.toml" in done.stderr and "samples" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_scenario_with_a_user_overlay_reports_the_users_claims_and_sources(tmp_path: Path, repo: Path) -> None:
    data = repo / "tests" / "core" / "graph" / "data" / "argdown"
    overlay = tmp_path / "mine.map.toml"
    done = cli("import-argdown", str(data / "three_claims.argdown"), "--out", str(overlay), "--sources", str(data))
    assert done.returncode == 0, done.stderr
    text = (repo / "scenarios" / "baseline.toml").read_text(encoding="utf-8")
    scenario = tmp_path / "mine.toml"
    scenario.write_text(text.replace("[graph.credences]", "[graph.credences]\nquell_grid_queue = 0.9", 1)
                        if "[graph.credences]" in text else text + "\n[graph.credences]\nquell_grid_queue = 0.9\n",
                        encoding="utf-8")  # fmt: skip
    out = tmp_path / "r.html"
    done = cli("report", str(scenario), "--graph", str(overlay), "--samples", "800", "--out", str(out))
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert 'data-node="quell_grid_queue"' in html
    assert "The grid interconnection queue in most regions is now longer than five years." in html
    assert "Mara Quell" in html and "grid_interview" in html
    assert "電網併網排隊超過五年" in html
