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
