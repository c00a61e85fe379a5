"""Every hostile file: exit 2, one line naming the file (and field) with the reason, no traceback,
no hang, bounded memory — and `validate` and `run` agree (issue 12)."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from debate_explorer.cli import main

REPO = Path(__file__).resolve().parents[2]
BASELINE = REPO / "scenarios" / "baseline.toml"
MEMORY_LIMIT_KB = 1024 * 1024  # 1 GB (ru_maxrss is in kB on Linux)


def _one_line(capsys, path: Path) -> str:
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("debate-explorer: error: ") and str(path) in lines[0], lines[0]
    assert "Traceback" not in err and "nan" not in out.lower() and "inf" not in out.lower()
    return lines[0]


@pytest.mark.timeout(60)
def test_validate_and_run_reject_each_hostile_scenario_alike(hostile_scenario, hostile_corpus, capsys):
    name = hostile_scenario
    if name not in hostile_corpus:
        pytest.skip("this system cannot make that kind of file")
    path = hostile_corpus[name]
    assert main(["validate", str(path)]) == 2
    said_by_validate = _one_line(capsys, path)
    assert main(["run", str(path), "--samples", "2000"]) == 2
    said_by_run = _one_line(capsys, path)
    assert said_by_validate == said_by_run  # the same check, the same words


@pytest.mark.timeout(60)
def test_hostile_graph_files_fail_alike_in_validate_and_as_run_graph(hostile_graph, hostile_corpus, capsys):
    path = hostile_corpus[hostile_graph]
    assert main(["validate", str(path)]) == 2
    said = _one_line(capsys, path)
    assert main(["run", str(BASELINE), "--graph", str(path), "--samples", "2000"]) == 2
    assert _one_line(capsys, path) == said


def test_memory_stayed_bounded(hostile_corpus):
    # Runs after the tests above in this module: none of them blew up this process.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < MEMORY_LIMIT_KB


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_real_command_over_the_whole_corpus(hostile_corpus):
    paths = [str(p) for p in hostile_corpus.values()]
    command = Path(sys.executable).with_name("debate-explorer")
    proc = subprocess.run([str(command), "validate", *paths], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(paths)  # one line per file
    for path in paths:
        assert sum(path + ":" in line for line in lines) == 1, path
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < MEMORY_LIMIT_KB
