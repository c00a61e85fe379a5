"""Named metrics read the same numbers a run reports."""

from __future__ import annotations

import numpy as np
import pytest

from debate_explorer.core.analysis.metrics import Samples, metric_names, parse_metric
from debate_explorer.core.engine.compute import run_scenario
from debate_explorer.core.errors import InputError


@pytest.fixture(scope="module")
def run(crux_scenario, crux_graph):
    return run_scenario(crux_scenario, crux_graph, samples=3000, seed=5)


def test_metrics_agree_with_the_run_summary(crux_scenario, run):
    s = Samples.of(run, crux_scenario)
    kind = crux_scenario.kind
    assert parse_metric("agi_median", kind).value(s) == run.milestone("agi").quantile(0.5)
    assert parse_metric("SC_P2030", kind).value(s) == run.milestone("sc").p_by(2030)
    assert parse_metric("p_explosive", kind).value(s) == run.regimes["explosive"]


def test_per_sample_indicators_average_to_the_probability(crux_scenario, run):
    s = Samples.of(run, crux_scenario)
    m = parse_metric("p_transformative", crux_scenario.kind)
    assert m.per_sample(s).mean() == pytest.approx(run.regimes["transformative"])


def test_growth_metric_moves_the_regime_year_and_reads_growth_there(crux_scenario, crux_graph):
    m = parse_metric("growth_2035_median", crux_scenario.kind)
    prepared = m.prepare(crux_scenario)
    assert prepared.kind_settings.regime_year == 2035
    r = run_scenario(prepared, crux_graph, samples=3000, seed=5)
    exact = m.value(Samples.of(r, prepared))
    binned = r.band("growth").percentiles((0.5,))[0, list(r.band_years).index(2035)]
    assert exact == pytest.approx(binned, abs=0.003)  # the band is binned at 0.2 pp
    with pytest.raises(ValueError, match="prepare"):
        m.value(Samples.of(r, crux_scenario))


def test_a_median_beyond_the_horizon_reads_as_the_horizon(crux_scenario):
    kind = crux_scenario.kind
    s = Samples(np.full((10, 3), np.inf), np.zeros((10, 1)), kind, kind.Settings(), 2025.0, 2100.0)
    assert parse_metric("asi_median", kind).value(s) == 2100.0


def test_unknown_names_list_the_valid_ones(crux_scenario):
    with pytest.raises(InputError) as err:
        parse_metric("agi_mean", crux_scenario.kind)
    for name in metric_names(crux_scenario.kind):
        assert name in str(err.value)
    with pytest.raises(InputError):
        parse_metric("agi_p99999", crux_scenario.kind)
    from debate_explorer.core.engine.kinds import get_kind

    with pytest.raises(InputError, match="ai2027-horizon"):
        parse_metric("p_explosive", get_kind("ai2027-horizon"))


def test_formatting():
    from debate_explorer.core.engine.kinds import get_kind

    kind = get_kind("debate")
    assert parse_metric("agi_median", kind).format_delta(-1.234) == "-1.23 y"
    assert parse_metric("p_explosive", kind).format(0.4215) == "42.1%"
    assert parse_metric("agi_p2030", kind).format_delta(0.01) == "+1.00 pp"
