"""The report's figures: each chart drawn from a run, with the table that says the same in text.

A chart and its table are built from one set of numbers, so what a reader sees in
the SVG and what a screen reader, a printout or a copy-paste gets always agree.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from debate_explorer.core.analysis.compare import WorldviewRun
from debate_explorer.core.analysis.explain import Explanation
from debate_explorer.core.engine.results import READOUT_YEARS
from debate_explorer.core.report import svg
from debate_explorer.core.report.svg import esc

CHART_END = 2070.0  # where the CDF and fan charts stop (the tables still read the horizon)
FAN_YEARS = (2030, 2035, 2040, 2050)


def figure(chart: str, table: str, caption: str) -> str:
    """A chart beside its table; on a phone the table goes below, and neither is split across print pages."""
    return (
        f'<figure class="pair"><div class="art">{chart}</div><div class="tablewrap">{table}</div>'
        f"<figcaption>{esc(caption)}</figcaption></figure>"
    )


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], cls: str = "") -> str:
    th = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    body = "".join(
        "<tr>" + f'<th scope="row">{esc(r[0])}</th>' + "".join(f"<td>{esc(c)}</td>" for c in r[1:]) + "</tr>"
        for r in rows
    )
    return f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def cdf_figure(runs: Sequence[WorldviewRun]) -> str:
    """P(milestone by year) for every milestone, the subject solid and the comparison dashed."""
    first = runs[0].result
    end = min(first.horizon, CHART_END)
    series = []
    for r, run in enumerate(runs):
        for k, m in enumerate(run.result.milestones):
            st = run.result.milestone(m.key)
            series.append(svg.Series(f"{m.label} — {run.label}", st.edges, st.cdf, k, dashed=r > 0))
    chart = svg.line_chart(
        series,
        x_range=(first.start, end),
        y_range=(0.0, 1.0),
        y_format=".0%",
        x_label="year",
        label="Probability each milestone has arrived, by year",
        key=[(m.label, k, False) for k, m in enumerate(first.milestones)]
        + ([(f"dashed: {runs[1].label}", 0, True)] if len(runs) > 1 else []),
    )
    head = ["milestone, scenario"] + [f"by {y}" for y in READOUT_YEARS] + ["never"]
    rows = []
    for m in first.milestones:
        for run in runs:
            if m.key not in [k.key for k in run.result.milestones]:
                continue
            st = run.result.milestone(m.key)
            rows.append(
                [f"{m.label}, {run.label}"] + [f"{st.p_by(y):.0%}" for y in READOUT_YEARS] + [f"{st.never_share:.0%}"]
            )
    return figure(
        chart,
        _table(head, rows, "num"),
        f"P(milestone by year). Solid: {runs[0].label}; dashed: the comparison. Samples that never arrive "
        "by the horizon keep each curve below 100%.",
    )


def fan_figures(runs: Sequence[WorldviewRun]) -> list[str]:
    """One fan chart per yearly band the kind records (e.g. growth, automation)."""
    out = []
    first = runs[0].result
    for band in first.bands:
        fans, rows = [], []
        for r, run in enumerate(runs):
            if band.key not in [b.key for b in run.result.bands]:
                continue
            stats = run.result.band(band.key)
            years = run.result.band_years
            keep = years <= CHART_END
            p = stats.percentiles((0.1, 0.5, 0.9))
            below, above = stats.outside()
            fans.append(
                svg.Band(run.label, years[keep].astype(float), p[0, keep], p[1, keep], p[2, keep], r, dashed=r > 0)
            )
            for y in FAN_YEARS:
                if y in years:
                    i = int(np.searchsorted(years, y))
                    cells = [_share(p[k, i], band.low, band.high, below[i], above[i]) for k in range(3)]
                    rows.append([f"{run.label}, {y}", *cells])
        lo = min(float(f.low.min()) for f in fans)
        hi = max(float(f.high.max()) for f in fans)
        chart = svg.fan_chart(
            fans,
            x_range=(first.start, min(first.horizon, CHART_END)),
            y_range=(min(lo, 0.0), max(hi, 0.05)),
            y_format=".0%",
            x_label="year",
            label=f"{band.label}: yearly 10–90% range and median",
            key=[(f.name, f.colour, f.dashed) for f in fans],
        )
        table = _table(["scenario, year", "10%", "median", "90%"], rows, "num")
        out.append(
            figure(
                chart,
                table,
                f"{band.label} ({band.unit}): median line, 10–90% band. "
                f"Solid: {runs[0].label}; dashed: the comparison.",
            )
        )
    return out


def _share(v: float, low: float, high: float, below: float, above: float) -> str:
    """A band percentile; one at an end of the binned range says it lies beyond (never clamped silently)."""
    if above > 0 and v >= high:
        return f"≥{high:.0%}"
    if below > 0 and v <= low:
        return f"≤{low:.0%}"
    return f"{v:.1%}"


def waterfall_figure(e: Explanation) -> str:
    """Why the metric moved: each assumption's share of the change as a named bar, then the remainder."""
    m = e.metric
    moved = [c for c in e.contributions if c.contribution != 0.0]
    bars = [svg.Bar(f"{c.label} ({c.unit})", c.contribution, m.format_delta(c.contribution)) for c in moved]
    if e.remainder != 0.0:
        bars.append(svg.Bar("remainder (settings, interactions)", e.remainder, m.format_delta(e.remainder)))
    bars.append(svg.Bar("total change", e.total, m.format_delta(e.total)))
    chart = svg.bar_chart(bars, label=f"Why {m.label} moved")
    rows = [
        [
            c.label,
            c.unit,
            m.format_delta(c.contribution),
            "—" if c.share is None else f"{c.share:.0%}",
            m.format_delta(c.alone),
        ]
        for c in moved
    ]
    rows.append(["remainder", "", m.format_delta(e.remainder), "", ""])
    rows.append(["total", "", m.format_delta(e.total), "100%", ""])
    table = _table(["assumption", "unit", "contribution", "share", "alone"], rows, "num")
    return figure(
        chart,
        table,
        f"{m.label}: {m.format(e.value_a)} → {m.format(e.value_b)}. "
        "Shapley split on common random numbers; 'alone' moves only that assumption.",
    )


def waterfall_sentences(e: Explanation, top: int = 5) -> list[str]:
    """The largest contributions in words, e.g. 'Compute growth (OOM/yr) moves it +0.48 y (101% of the change).'"""
    m = e.metric
    out = []
    for c in [c for c in e.contributions if c.contribution != 0.0][:top]:
        share = "" if c.share is None else f" ({c.share:.0%} of the change)"
        out.append(f"{c.label} ({c.unit}) moves it {m.format_delta(c.contribution)}{share}.")
    return out
