"""`debate-explorer screenshot` renders the real window offscreen once results are in."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from debate_explorer.cli import main
from debate_explorer.core.model.scenario import load_scenario, save_scenario
from debate_explorer.core.paths import baseline_scenario_path
from debate_explorer.ui.plots.style import MILESTONE_COLOURS


def test_screenshot_writes_a_full_window_png(qapp, tmp_path, capsys):
    small = tmp_path / "small.toml"
    base = load_scenario(baseline_scenario_path())
    save_scenario(base.replace(run={**base.run.model_dump(exclude_none=True), "samples": 5000}), small)
    out = tmp_path / "shot.png"
    code = main(["screenshot", str(out), "--scenario", str(small), "--size", "1200x800", "--select", "hive_mind"])
    assert code == 0, capsys.readouterr().err
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    pixels = np.frombuffer(image.convertToFormat(QImage.Format.Format_RGB32).constBits(), np.uint32) & 0xFFFFFF
    for key, colour in MILESTONE_COLOURS.items():  # the results are in: every arrival curve is drawn
        assert np.count_nonzero(pixels == int(colour[1:], 16)) > 100, key


def test_screenshot_rejects_bad_arguments(qapp, tmp_path, capsys):
    assert main(["screenshot", str(tmp_path / "x.jpg")]) == 2
    assert main(["screenshot", str(tmp_path / "x.png"), "--size", "big"]) == 2
    assert "--size must look like" in capsys.readouterr().err


def test_screenshot_of_a_tour_stop(qapp, tmp_path, capsys):
    small = tmp_path / "small.toml"
    base = load_scenario(baseline_scenario_path())
    save_scenario(base.replace(run={**base.run.model_dump(exclude_none=True), "samples": 5000}), small)
    out = tmp_path / "tour.png"
    assert main(["screenshot", str(out), "--scenario", str(small), "--size", "1366x768", "--tour", "2"]) == 0
    assert QImage(str(out)).size().toTuple() == (1366, 768)
    assert main(["screenshot", str(tmp_path / "x.png"), "--scenario", str(small), "--tour", "99"]) == 2
    assert "--tour must be 'all' or a stop" in capsys.readouterr().err


def test_screenshot_of_a_map_overlay_shows_its_new_claim(qapp, tmp_path, capsys):
    from pathlib import Path

    argdown = Path(__file__).resolve().parents[1] / "core" / "graph" / "data" / "argdown" / "three_claims.argdown"
    overlay = tmp_path / "three.toml"
    assert main(["import-argdown", str(argdown), "--out", str(overlay)]) == 0
    small = tmp_path / "small.toml"
    base = load_scenario(baseline_scenario_path())
    save_scenario(base.replace(run={**base.run.model_dump(exclude_none=True), "samples": 2000}), small)
    out = tmp_path / "overlay.png"
    # --select fails with "no node" unless the window shows the overlay's map.
    argv = ["screenshot", str(out), "--scenario", str(small), "--size", "1200x800", "--select", "quell_grid_queue"]
    assert main(argv) == 2
    assert main([*argv, "--graph", str(overlay)]) == 0, capsys.readouterr().err
    assert QImage(str(out)).size().toTuple() == (1200, 800)
