"""A quick command imports only what it needs: no Qt for batch commands, nothing heavy for --version."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("PySide6", "pyqtgraph", "numba", "networkx", "scipy", "pydantic", "dask", "distributed")


def imported_by(args: list[str], repo) -> set[str]:
    """Top-level packages among HEAVY that running the command imports (in a fresh interpreter)."""
    code = (
        "import contextlib, io, json, sys\n"
        "from debate_explorer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        code = main({args!r})\n"
        "    except SystemExit as exc:\n"
        "        code = exc.code\n"
        f"print(json.dumps([code, sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=repo, timeout=120)
    code, heavy = json.loads(out.stdout.strip().splitlines()[-1])
    assert code == 0, out.stderr
    return set(heavy)


def test_version_imports_nothing_heavy(repo):
    assert imported_by(["--version"], repo) == set()


def test_validate_imports_neither_numba_qt_dask_nor_scipy(repo):
    files = sorted(str(p.relative_to(repo)) for p in (repo / "scenarios").glob("*.toml"))
    assert files
    heavy = imported_by(["validate", *files], repo)
    assert not heavy & {"PySide6", "pyqtgraph", "numba", "dask", "distributed", "scipy"}, heavy


@pytest.mark.parametrize("args", [["validate", "scenarios/baseline.toml"], ["export-graph", "--help"]])
def test_batch_commands_do_not_import_qt(repo, args):
    heavy = imported_by(args, repo)
    assert not heavy & {"PySide6", "pyqtgraph"}


def test_validate_does_not_load_the_jit(repo):
    # Validation declares the model and compiles the scenario's program, but runs nothing.
    assert "numba" not in imported_by(["validate", "scenarios/baseline.toml"], repo)


def test_help_still_lists_every_command(capsys):
    from debate_explorer.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for name in ("gui", "run", "validate", "export-graph", "cruxes", "screenshot"):
        assert name in out


def test_a_mistyped_command_lists_the_choices(capsys):
    from debate_explorer.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["valdiate", "x.toml"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'valdiate'" in capsys.readouterr().err
