"""Ctrl-C at any moment of a command — while it imports, works or starts the app — is one line and exit 130."""

from __future__ import annotations

import os
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


@pytest.mark.timeout(240)
@pytest.mark.parametrize("delay", [0.1, 0.2, 0.4, 0.8, 1.5, 3.0])
def test_ctrl_c_during_start_up_or_work_is_one_line(tmp_path, delay):
    rc, err = _interrupt(
        ["run", "scenarios/baseline.toml", "--samples", "20000", "--backend", "numpy"], delay, tmp_path
    )
    if rc == 0:
        pytest.skip("the command finished before the signal")  # a fast machine; nothing to check
    if "init_import_site" in err or (rc != 130 and "debate_explorer" not in err):
        pytest.skip("the signal arrived while Python itself started, before any of the project's code")
    assert "Traceback" not in err, err
    assert rc == 130, (rc, err)  # exit 130, not killed by the signal
    assert err.strip().splitlines() == ["debate-explorer: interrupted"], err


@pytest.mark.timeout(240)
def test_ctrl_c_in_the_app_quits_with_one_line(tmp_path):
    rc, err = _interrupt(["gui"], 8.0, tmp_path)
    assert "Traceback" not in err, err
    assert rc == 130, (rc, err)
    assert "debate-explorer: interrupted" in err.splitlines()
