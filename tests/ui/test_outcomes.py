"""The OUTCOMES panel: curves match the results, items are reused, pinning, exports, hover."""

from __future__ import annotations

import dataclasses
import itertools
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage

from debate_explorer.core.editing.document import ScenarioDocument
from debate_explorer.core.engine.compute import run_scenario
from debate_explorer.core.model.scenario import scenario_from_dict
from debate_explorer.ui.common.context import AppContext
from debate_explorer.ui.outcomes.panel import DEFAULT_SPAN, OutcomesPanel
from debate_explorer.ui.plots.export import explicit_close
from debate_explorer.ui.plots.fan import QUANTILES
from debate_explorer.ui.plots.readout import fmt_share
from debate_explorer.ui.plots.style import FOOT

SAMPLES = 20_000
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def results():
    scenario = scenario_from_dict({"format_version": 1})
    first = run_scenario(scenario, samples=SAMPLES, seed=1)
    second = run_scenario(scenario, samples=SAMPLES, seed=2)
    return first, second


@pytest.fixture(scope="module")
def shared_panel(qapp, results):
    """One panel for the module (building five plots costs ~0.3 s); ``panel`` resets it."""
    doc = ScenarioDocument(scenario_from_dict({"format_version": 1, "title": "Baseline"}))
    ctx = AppContext(doc)
    ctx._on_result(results[0])
    widget = OutcomesPanel(ctx)
    widget.resize(1200, 420)
    widget.show()
    yield widget
    widget.close()
    widget.deleteLater()


_revisions = itertools.count(1)


def push(panel, result):
    """Deliver ``result`` as the compute worker would, as the newest revision."""
    panel.ctx._on_result(dataclasses.replace(result, revision=next(_revisions)))


@pytest.fixture
def panel(shared_panel, results):
    shared_panel.ctx.pin(None)
    shared_panel.tabs.setCurrentIndex(0)
    shared_panel.span.setCurrentIndex(DEFAULT_SPAN)
    push(shared_panel, results[0])
    shared_panel._apply_window(force=True)
    return shared_panel


def without_bands(res):
    """A result shaped like the ai2027-horizon model's: milestones only."""
    return dataclasses.replace(res, bands=(), band_counts=res.band_counts[:0], regimes=None, _cache={})


def sc_only(res):
    return dataclasses.replace(without_bands(res), milestones=res.milestones[:1], years=res.years[:, :1])


def view_items(panel):
    return {view.name: list(view.plot.getPlotItem().getViewBox().addedItems) for view in panel.views}


def test_result_fills_every_arrival_curve(panel, results):
    res = results[0]
    for m in res.milestones:
        x, y = panel.arrival.items.current[m.key].getData()
        stats = res.milestone(m.key)
        np.testing.assert_allclose(x, stats.edges)
        np.testing.assert_allclose(y, stats.cdf)
        assert panel.arrival.items.current[m.key].isVisible()


def test_every_tab_draws_the_results(panel, results):
    res = results[0]
    panel.refresh_all()
    for m in res.milestones:
        _, dens = panel.density.items.current[m.key].getData()
        assert dens.sum() * 0.25 == pytest.approx(1 - res.milestone(m.key).never_share, abs=1e-9)
    for view in (panel.growth, panel.automation):
        expected = res.band(view.spec.key).percentiles(QUANTILES)
        for line, row in zip(view.lines, expected):
            np.testing.assert_allclose(line.getData()[1], row)
    heights = panel.regimes.bars.opts["height"]
    np.testing.assert_allclose(heights, list(res.regimes.values()))
    assert [t.toPlainText() for t in panel.regimes.labels] == [fmt_share(v) for v in res.regimes.values()]


def test_second_result_updates_the_same_items(panel, results):
    panel.refresh_all()
    before = view_items(panel)
    curves = dict(panel.arrival.items.current)
    push(panel, results[1])
    for i in range(panel.tabs.count()):  # hidden tabs catch up when shown
        panel.tabs.setCurrentIndex(i)
    after = view_items(panel)
    assert {k: [id(i) for i in v] for k, v in after.items()} == {k: [id(i) for i in v] for k, v in before.items()}
    assert panel.arrival.items.current == curves
    np.testing.assert_allclose(curves["agi"].getData()[1], results[1].milestone("agi").cdf)
    np.testing.assert_allclose(panel.growth.lines[2].getData()[1], results[1].band("growth").percentiles((0.5,))[0])


def test_hidden_tabs_are_not_redrawn_while_streaming(panel, results):
    panel.tabs.setCurrentWidget(panel.arrival)
    push(panel, results[1])
    assert panel.growth in panel._stale
    panel.tabs.setCurrentWidget(panel.growth)
    assert panel.growth not in panel._stale
    np.testing.assert_allclose(panel.growth.lines[2].getData()[1], results[1].band("growth").percentiles((0.5,))[0])


def test_pinning_draws_dashed_items_and_unpinning_hides_them(panel, results):
    ctx = panel.ctx
    ctx.pin(results[1], "baseline")
    panel.refresh_all()
    for m in results[1].milestones:
        item = panel.arrival.items.pinned[m.key]
        assert item.isVisible()
        assert item.opts["pen"].style() == Qt.PenStyle.DashLine
        np.testing.assert_allclose(item.getData()[1], results[1].milestone(m.key).cdf)
    legend = [label.text for _, label in panel.arrival.legend.items]
    assert "baseline (pinned)" in legend
    assert panel.growth.pinned_lines[2].isVisible()
    assert panel.regimes.pinned_bars.isVisible()
    assert panel.pin_button.text() == "Unpin"
    assert panel.arrival.readout.cell_text(3, 0, pinned=True) == fmt_share(results[1].milestone("sc").p_by(2035))

    ctx.pin(None)
    assert not any(item.isVisible() for item in panel.arrival.items.pinned.values())
    assert not panel.growth.pinned_lines[2].isVisible()
    assert not panel.regimes.pinned_bars.isVisible()
    assert all("pinned" not in label.text for _, label in panel.arrival.legend.items)
    assert panel.arrival.readout.cell_text(3, 0, pinned=True) == ""


def test_pin_button_pins_the_current_result_under_the_scenario_title(panel, qtbot, results):
    qtbot.mouseClick(panel.pin_button, Qt.MouseButton.LeftButton)
    assert panel.ctx.pinned is panel.ctx.results
    assert panel.ctx.pinned_label == "Baseline"
    qtbot.mouseClick(panel.pin_button, Qt.MouseButton.LeftButton)
    assert panel.ctx.pinned is None
    assert panel.pin_button.text() == "Pin current"


def test_readouts_show_median_and_probabilities(panel, results):
    stats = results[0].milestone("agi")
    grid = panel.arrival.readout
    col = 1  # sc, agi, asi
    assert grid.cell_text(0, col) == f"{stats.quantile(0.5):.1f}"
    assert grid.cell_text(3, col) == fmt_share(stats.p_by(2035))
    assert grid.cell_text(6, col) == fmt_share(stats.never_share)
    columns, rows = grid.headings()
    assert rows[0] == "Median" and rows[3] == "by 2035" and rows[6] == "never by 2100"
    assert columns[col].endswith("<b>AGI</b>")


def test_status_line_names_samples_backend_and_preview(panel, results):
    text = panel.status.text()
    assert text.startswith(f"{SAMPLES:,} samples · {results[0].backend} · ")
    assert text.endswith("preview")  # the scenario asks for 100,000


def test_result_without_bands_disables_those_tabs(panel, results):
    panel.tabs.setCurrentWidget(panel.growth)
    push(panel, sc_only(results[0]))
    for view in (panel.growth, panel.automation, panel.regimes):
        index = panel.tabs.indexOf(view)
        assert not panel.tabs.isTabEnabled(index)
        assert "has no" in panel.tabs.tabToolTip(index) or "does not" in panel.tabs.tabToolTip(index)
        assert not view.is_available()
    assert panel.tabs.currentWidget() is panel.arrival
    assert panel.arrival.items.current["sc"].isVisible()
    assert not panel.arrival.items.current["agi"].isVisible()
    columns, _ = panel.arrival.readout.headings()
    assert len(columns) == 1 and columns[0].endswith("<b>SC</b>")
    panel.tabs.setCurrentWidget(panel.density)  # a milestones-only result still has densities
    assert panel.density.items.current["sc"].isVisible()

    push(panel, results[1])  # back to the full model
    panel.tabs.setCurrentWidget(panel.arrival)
    assert all(panel.tabs.isTabEnabled(i) for i in range(panel.tabs.count()))
    assert panel.arrival.items.current["agi"].isVisible()


def test_an_ai2027_horizon_result_draws_its_one_milestone(panel):
    res = run_scenario(scenario_from_dict({"format_version": 1, "model": "ai2027-horizon"}), samples=2000)
    assert [m.key for m in res.milestones] == ["sc"]
    push(panel, res)
    for view in (panel.growth, panel.automation, panel.regimes):
        assert not panel.tabs.isTabEnabled(panel.tabs.indexOf(view))
    x, y = panel.arrival.items.current["sc"].getData()
    np.testing.assert_allclose(x, res.milestone("sc").edges)
    np.testing.assert_allclose(y, res.milestone("sc").cdf)
    assert panel.arrival.items.current["sc"].isVisible()
    assert not panel.arrival.items.current["agi"].isVisible()


def test_export_writes_png_and_svg(panel, tmp_path):
    panel.ctx.pin(panel.ctx.results, "baseline")
    png, svg = tmp_path / "arrival.png", tmp_path / "arrival.svg"
    assert panel.current_plot_name() == "arrival"
    panel.export_plot(png)
    panel.export_plot(svg)
    image = QImage(str(png))
    assert image.width() == 1600
    pixels = np.frombuffer(image.convertToFormat(QImage.Format.Format_RGB32).constBits(), np.uint32) & 0xFFFFFF
    for m in panel.ctx.results.milestones:  # every curve is drawn in its own colour
        colour = panel.arrival.items.current[m.key].opts["pen"].color().rgb() & 0xFFFFFF
        assert np.count_nonzero(pixels == colour) > 300, m.key
    strokes, texts = svg_content(svg)
    assert {
        panel.arrival.items.current[m.key].opts["pen"].color().name() for m in panel.ctx.results.milestones
    } <= strokes
    assert {"Superhuman coder", "AGI", "ASI", "baseline (pinned)", "2030", "P(arrived by year)"} <= texts
    assert "P(milestone arrived by year) — Baseline" in texts  # the title, drawn for the export
    assert panel.arrival.plot.getPlotItem().titleLabel.isVisible() is False  # title only while exporting
    with pytest.raises(ValueError, match="png or .svg"):
        panel.export_plot(tmp_path / "arrival.pdf")


def svg_content(path):
    """(stroke colours of the paths, the texts) of an exported SVG."""
    root = ET.parse(path).getroot()
    strokes = {el.get("stroke") for el in root.iter(f"{SVG}path")} | {el.get("stroke") for el in root.iter(f"{SVG}g")}
    texts = {"".join(el.itertext()).strip() for el in root.iter(f"{SVG}text")}
    return strokes - {None}, texts


def test_export_every_tab_as_svg(panel, results, tmp_path):
    res = results[0]
    for tab in ("density", "growth", "automation", "regimes"):
        panel.tabs.setCurrentWidget(getattr(panel, tab))
        assert panel.current_plot_name() == tab
        strokes, texts = svg_content(panel.export_plot(tmp_path / f"{tab}.svg"))
        if tab == "density":
            assert {"Superhuman coder", "AGI", "ASI", "Arrivals per year (share of runs)"} <= texts
            assert {item.opts["pen"].color().name() for item in panel.density.items.current.values()} <= strokes
        elif tab == "regimes":  # each bar's label is its probability
            assert {fmt_share(v) for v in res.regimes.values()} <= texts
            assert {"Amplification", "Transformative", "Explosive"} <= texts
        else:
            view = getattr(panel, tab)
            assert {"Median", "25–75%", "5–95%"} <= texts
            assert view.lines[2].opts["pen"].color().name() in strokes


def test_explicit_close_keeps_the_shape():
    assert explicit_close("M0,0 L1,0 L1,1 Z M2,2 L3,2 Z") == "M0,0 L1,0 L1,1 L0,0 M2,2 L3,2 L2,2"


def test_hover_shows_values_at_the_cursor_year(panel, results):
    view = panel.arrival
    scene_pos = view.plot.getPlotItem().getViewBox().mapViewToScene(QPointF(2035.0, 0.5))
    view.plot.scene().sigMouseMoved.emit(scene_pos)
    year = view.plot.getPlotItem().getViewBox().mapSceneToView(scene_pos).x()
    text = view.crosshair.text()
    assert "2035" in text
    assert f"AGI {fmt_share(results[0].milestone('agi').p_by(year))}" in text
    assert view.crosshair.line.value() == pytest.approx(year)

    view.plot.scene().sigMouseMoved.emit(QPointF(-50, -50))  # off the plot
    assert view.crosshair.text() == ""


def test_hover_on_a_fan_reads_the_year(panel, results):
    panel.tabs.setCurrentWidget(panel.growth)
    panel.growth.crosshair.show_at(2040.2)
    median = results[0].band("growth").percentiles((0.5,))[0][list(results[0].band_years).index(2040)]
    assert f"{100 * median:.1f}%" in panel.growth.crosshair.text()


def test_span_control_sets_the_year_window_and_streaming_keeps_a_zoom(panel, results):
    view = panel.arrival.plot.getPlotItem().getViewBox()
    assert view.viewRange()[0] == pytest.approx([2025, 2065])
    panel.span.setCurrentIndex(0)
    assert view.viewRange()[0] == pytest.approx([2025, 2040])
    view.setXRange(2027, 2035, padding=0)  # the user zooms in
    push(panel, results[1])
    assert view.viewRange()[0] == pytest.approx([2027, 2035])
    assert view.viewRange()[1] == pytest.approx([-FOOT, 1.02])  # y stays fixed: no auto-range


@pytest.mark.parametrize(
    ("p", "text"),
    [
        (0.0, "0%"),
        (0.0004, "<0.1%"),
        (0.0042, "0.4%"),
        (0.314, "31%"),
        (0.9931, "99.3%"),
        (0.99996, ">99.9%"),
        (1.0, "100%"),
    ],
)
def test_shares_are_written_so_small_and_near_certain_values_stay_visible(p, text):
    assert fmt_share(p) == text


def test_pinned_run_of_a_model_without_regimes_draws_no_regime_bars(panel, results):
    panel.ctx.pin(sc_only(results[1]), "horizon model")
    panel.tabs.setCurrentWidget(panel.regimes)
    assert not panel.regimes.pinned_bars.isVisible()
    assert not panel.growth.pinned_lines[2].isVisible()
    assert panel.arrival.items.pinned["sc"].isVisible()
    assert not panel.arrival.items.pinned["agi"].isVisible()
