"""The real app on a real X display, driven as a person would: mouse and keyboard through xdotool.

Everything else in the suite runs Qt offscreen; this one starts ``debate-explorer gui``
on Xvfb with Qt's desktop (xcb) plugin, so it also proves that plugin's system
libraries are installed. The person clicks the map, presses Tab to select a node and
Space to reach its credence, types 0.85, saves with Ctrl+S and quits with Ctrl+Q; the
saved file must then differ from the original by that one credence.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import baseline_scenario_path

SCREEN = "1366x768x24"
MAP_POINT = (490, 230)  # inside the map at 1366x768 (any point of it will do: Tab selects a node)
WAIT_S = 90.0  # a guard against hanging only; a first launch may compile the kernels


pytestmark = pytest.mark.slow  # starts an X server and the app


@pytest.fixture
def display(xdotool):
    """A fresh Xvfb server; its display name (``:N``, chosen by the server)."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        assert number, "Xvfb did not report a display"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def _xdotool(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, timeout=WAIT_S)
    return out.stdout.strip()


def test_a_person_sets_a_credence_and_saves_with_mouse_and_keys(qtbot, display, tmp_path: Path) -> None:
    scenario = tmp_path / "mine.toml"
    shutil.copy(baseline_scenario_path(), scenario)
    before = load_scenario(scenario).graph.credences
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # fresh settings: the default layout
        "XDG_DATA_HOME": str(tmp_path / "data"),  # and no autosave to offer
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "debate_explorer", "gui", str(scenario)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        window = _xdotool(env, "search", "--sync", "--onlyvisible", "--name", "mine.toml")
        assert window, "the main window did not appear"
        window = window.splitlines()[0]
        saved_at = scenario.stat().st_mtime_ns
        _xdotool(env, "mousemove", "--window", window, *map(str, MAP_POINT), "click", "1")
        for keys in (["key", "Tab"], ["key", "space"], ["type", "--delay", "30", "0.85"], ["key", "Return"]):
            _xdotool(env, *keys)
        _xdotool(env, "key", "ctrl+s")
        qtbot.waitUntil(lambda: scenario.stat().st_mtime_ns != saved_at, timeout=int(WAIT_S * 1000))  # Ctrl+S saved
        _xdotool(env, "key", "ctrl+q")
        code = app.wait(WAIT_S)
    finally:
        if app.poll() is None:
            app.kill()
        _out, err = app.communicate()
    assert code == 0, err
    assert "Traceback" not in err, err
    after = load_scenario(scenario).graph.credences
    changed = {node: value for node, value in after.items() if before.get(node) != value}
    assert len(changed) == 1, changed
    assert list(changed.values()) == [pytest.approx(0.85)]
