"""Ctrl-C at any moment of a command — while it imports, works or starts the app — is one line and exit 130."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        PYTHONUNBUFFERED="1",
    )
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


def _interrupt(args: list[str], delay: float, tmp_path: Path) -> tuple[int, str]:
    command = Path(sys.executable).with_name("debate-explorer")  # the installed console script
    proc = subprocess.Popen(
        [str(command), *args],
        cwd=REPO,
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    return proc.returncode, err


def _ran_project_code(err: str) -> bool:
    """Whether a traceback passes through the project's code beyond the package's first import line
    (``debate_explorer/__init__.py`` importing ``_interrupt``, which installs the hook: before that
    line has run, no code of ours can catch the signal)."""
    frames = re.findall(r'File "[^"]*debate_explorer/([^"]+)"', err)
    return any(frame != "__init__.py" for frame in frames)


@pytest.mark.timeout(240)
@pytest.mark.parametrize("delay", [0.1, 0.2, 0.4, 0.8, 1.5, 3.0])
def test_ctrl_c_during_start_up_or_work_is_one_line(tmp_path, delay):
    rc, err = _interrupt(
        ["run", "scenarios/baseline.toml", "--samples", "20000", "--backend", "numpy"], delay, tmp_path
    )
    if rc == 0:
        pytest.skip("the command finished before the signal")  # a fast machine; nothing to check
    if rc != 130 and not _ran_project_code(err):
        pytest.skip("the signal arrived while Python itself started, before the project's first line ran")
    assert "Traceback" not in err, err
    assert rc == 130, (rc, err)  # exit 130, not killed by the signal
    assert err.strip().splitlines() == ["debate-explorer: interrupted"], err


@pytest.mark.timeout(240)
def test_ctrl_c_in_the_app_quits_with_one_line(tmp_path):
    rc, err = _interrupt(["gui"], 8.0, tmp_path)
    assert "Traceback" not in err, err
    assert rc == 130, (rc, err)
    assert "debate-explorer: interrupted" in err.splitlines()


def _swallow_a_real_interrupt() -> None:
    """What a C extension's initialisation does to a Ctrl-C: it comes out as an ImportError."""
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)  # the handler raises long before this ends
    except KeyboardInterrupt:
        raise ImportError('PyCapsule_Import could not import module "datetime"') from None
    raise AssertionError("the SIGINT handler did not run")


@pytest.fixture
def fresh_interrupt_state(monkeypatch):
    from debate_explorer import _interrupt, cli

    monkeypatch.setattr(_interrupt, "_received", [])
    monkeypatch.setattr(cli, "_default_sigint", lambda: None)  # keep pytest's Ctrl-C as it is
    before = signal.signal(signal.SIGINT, _interrupt._on_sigint)  # what install() puts in place
    yield cli
    signal.signal(signal.SIGINT, before)


def test_an_interrupt_that_surfaces_as_an_import_error_is_still_one_line(fresh_interrupt_state, monkeypatch, capsys):
    cli = fresh_interrupt_state
    monkeypatch.setattr(cli, "_main", lambda argv: _swallow_a_real_interrupt())
    assert cli.main([]) == 130
    assert capsys.readouterr().err == "debate-explorer: interrupted\n"


def test_other_errors_are_not_taken_for_an_interrupt(fresh_interrupt_state, monkeypatch):
    cli = fresh_interrupt_state

    def broken(argv):
        raise ImportError("a real missing module")

    monkeypatch.setattr(cli, "_main", broken)
    with pytest.raises(ImportError, match="a real missing module"):
        cli.main([])


def test_an_interrupt_swallowed_before_the_cli_starts_exits_130_quietly(tmp_path):
    script = (
        "from debate_explorer import _interrupt\n"
        "_interrupt.install()\n"
        "import os, signal, time\n"
        "try:\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    time.sleep(5)\n"
        "except KeyboardInterrupt:\n"
        "    raise ImportError('swallowed by an extension')\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert (proc.returncode, proc.stderr) == (130, "debate-explorer: interrupted\n")
