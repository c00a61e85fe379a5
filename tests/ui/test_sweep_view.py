"""The sweep view, fed real (tiny) sweeps run serially: bars, scatter, combos, bad files."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from debate_explorer.core.analysis.sweep import sweep_spec_from_dict
from debate_explorer.core.analysis.sweep.execute import run_sweep
from debate_explorer.core.analysis.sweep.store import summary_path
from debate_explorer.core.errors import InputError
from debate_explorer.ui.sweep.view import BAR, S1_COLOUR, ST_COLOUR, SweepView

SOBOL = {
    "format_version": 1,
    "title": "tiny sobol",
    "samples": 200,
    "seed": 1,
    "metrics": ["sc_p2030", "p_explosive"],
    "design": {
        "type": "sobol",
        "n": 4,
        "parameters": [
            {"assumption": "g_compute", "low": 0.3, "high": 0.9},
            {"credence": "hive_mind", "low": 0.0, "high": 1.0},
        ],
    },
}
GRID = {
    "format_version": 1,
    "title": "tiny grid",
    "samples": 200,
    "seed": 1,
    "metrics": ["agi_p2035"],
    "design": {"type": "grid", "parameters": [{"assumption": "g_compute", "values": [0.4, 0.8]}]},
}


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory):
    d = tmp_path_factory.mktemp("sweeps")
    (d / "slow.toml").write_text("format_version = 1\n[assumptions]\ng_compute = 0.3\n")
    (d / "fast.toml").write_text("format_version = 1\n[assumptions]\ng_compute = 0.9\n")
    scen = {**GRID, "design": {"type": "scenarios", "files": ["slow.toml", "fast.toml"]}}
    outs = {}
    for name, data, suffix in (("sobol", SOBOL, ".parquet"), ("grid", GRID, ".csv"), ("scen", scen, ".csv")):
        outs[name] = run_sweep(sweep_spec_from_dict(data, base_dir=d), d / f"{name}{suffix}", serial=True)
    return outs


@pytest.fixture
def view(qtbot) -> SweepView:
    widget = SweepView()
    qtbot.addWidget(widget)
    widget.resize(1100, 520)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_sobol_results_show_bars_and_scatter(view, sweeps):
    outcome = sweeps["sobol"]
    view.load(outcome.out)
    assert [view.metric_box.itemText(i) for i in range(view.metric_box.count())] == ["sc_p2030", "p_explosive"]
    assert [view.param_box.itemText(i) for i in range(view.param_box.count())] == ["g_compute", "credence:hive_mind"]
    assert view.bar_stack.isVisible() and view.bar_stack.currentWidget() is view.bar_plot
    assert np.allclose(view.s1_bars.opts["width"], outcome.sobol["sc_p2030"]["S1"])
    assert np.allclose(view.st_bars.opts["width"], outcome.sobol["sc_p2030"]["ST"])
    assert len(view.scatter.data) == len(outcome.frame) == 16
    assert "tiny sobol" in view.header.text()


def test_choosing_metric_and_parameter_redraws(view, sweeps):
    outcome = sweeps["sobol"]
    view.load(summary_path(outcome.out))  # the summary opens the table beside it
    view.metric_box.setCurrentText("p_explosive")
    view.param_box.setCurrentText("credence:hive_mind")
    assert np.allclose(view.st_bars.opts["width"], outcome.sobol["p_explosive"]["ST"])
    xs = sorted(p.pos().x() for p in view.scatter.points())
    assert xs == sorted(outcome.frame["credence:hive_mind"])
    ys = sorted(p.pos().y() for p in view.scatter.points())
    assert ys == sorted(outcome.frame["p_explosive"])
    assert "p_explosive against credence:hive_mind" in view.scatter_plot.getPlotItem().titleLabel.text


def test_a_skipped_metric_says_why(view, sweeps, tmp_path):
    outcome = sweeps["sobol"]
    out = tmp_path / "copy.parquet"
    out.write_bytes(outcome.out.read_bytes())
    summary = json.loads(summary_path(outcome.out).read_text())
    summary["sobol"]["indices"]["sc_p2030"] = {"skipped": "3 of 16 points have no finite value"}
    summary_path(out).write_text(json.dumps(summary))
    view.load(out)
    assert view.bar_stack.currentWidget() is view.bar_note
    assert "3 of 16 points" in view.bar_note.text()
    view.metric_box.setCurrentText("p_explosive")
    assert view.bar_stack.currentWidget() is view.bar_plot


def test_a_grid_sweep_gives_the_scatter_the_room(view, sweeps):
    view.load(sweeps["grid"].out)
    assert not view.bar_stack.isVisible()
    assert len(view.scatter.data) == 2


def test_scenario_names_become_category_ticks(view, sweeps):
    view.load(sweeps["scen"].out)
    assert view.param_box.currentText() == "scenario"
    assert sorted(p.pos().x() for p in view.scatter.points()) == [0.0, 1.0]
    assert view.scatter_plot.getAxis("bottom")._tickLevels == [[(0, "slow"), (1, "fast")]]


def test_a_bad_file_raises_and_leaves_the_view_as_it_was(view, sweeps, tmp_path):
    view.load(sweeps["grid"].out)
    bad = tmp_path / "bad.csv"
    bad.write_text("just,some\n1,2\n")
    with pytest.raises(InputError, match="does not look like sweep results"):
        view.load(bad)
    with pytest.raises(InputError, match="file not found"):
        view.load(tmp_path / "missing.parquet")
    assert view.data.path == sweeps["grid"].out and view.metric_box.currentText() == "agi_p2035"


def test_the_bars_are_drawn_to_their_indices(view, sweeps):
    """In the grabbed window, the middle of each bar has the bar's colour and just past its end it does not."""
    outcome = sweeps["sobol"]
    view.load(outcome.out)
    image = view.grab().toImage()
    box = view.bar_plot.getPlotItem().getViewBox()

    def colour_at(x: float, y: float) -> QColor:
        scene = box.mapViewToScene(QPointF(x, y))
        at = view.bar_plot.mapTo(view, view.bar_plot.mapFromScene(scene))
        return image.pixelColor(at)

    def near(c: QColor, hex_colour: str) -> bool:
        want, alpha = QColor(hex_colour), 220 / 255  # the bars' brush, over the white plot
        return all(
            abs(got - round(alpha * w + (1 - alpha) * 255)) <= 12
            for got, w in ((c.red(), want.red()), (c.green(), want.green()), (c.blue(), want.blue()))
        )

    indices = outcome.sobol["sc_p2030"]
    rows = len(indices["S1"]) - 1 - np.arange(len(indices["S1"]))  # the first parameter on top
    checked = 0
    for key, colour, offset in (("S1", S1_COLOUR, BAR / 2), ("ST", ST_COLOUR, -BAR / 2)):
        for width, row in zip(indices[key], rows):
            if width > 0.1:
                assert near(colour_at(width / 2, row + offset + BAR / 4), colour), (key, row)  # off the whisker
                checked += 1
            if width < 0.9:
                assert not near(colour_at(width + 0.06, row + offset + BAR / 4), colour), (key, row)
    assert checked >= 2
