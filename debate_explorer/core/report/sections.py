"""The report's sections as HTML fragments, in the order a reader meets them.

Each function takes the gathered :class:`ReportData` and returns escaped markup;
nothing here computes a figure (see :mod:`gather`) or draws one (see :mod:`figures`).
Numbers a test reads back carry ``data-`` attributes with the exact value.
"""

from __future__ import annotations

import base64
import re

from debate_explorer.core.analysis.compare import WorldviewRun
from debate_explorer.core.report import figures
from debate_explorer.core.report.beliefs import Belief, Counter
from debate_explorer.core.report.gather import TOP_CRUXES, ReportData
from debate_explorer.core.report.svg import esc

HEADLINE_YEARS = (2030, 2035, 2040)
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _lang(text: str) -> str:
    """``lang="zh"`` for text in Chinese script, so the browser picks a font that has it."""
    return ' lang="zh"' if _CJK.search(text) else ""


def _year(v: float | None, horizon: float) -> str:
    return f"after {horizon:g}" if v is None else f"{v:.1f}"


def header(d: ReportData) -> str:
    s = d.subject.scenario
    notes = "".join(f"<p>{esc(p)}</p>" for p in s.notes.split("\n\n") if p.strip()) if s.notes else ""
    against = esc(d.against.name) if d.against else "none"
    return (
        f'<header><p class="kicker">Debate Explorer report</p><h1>{esc(d.subject.name)}</h1>{notes}'
        f'<dl class="meta"><dt>Made</dt><dd>{esc(d.made)}</dd>'
        f"<dt>App</dt><dd>Debate Explorer {esc(d.version)}</dd>"
        f"<dt>Model</dt><dd>{esc(s.kind.title)} (<code>{esc(s.kind.name)}</code>)</dd>"
        f'<dt>Seed</dt><dd data-seed="{d.seed}">{d.seed}</dd>'
        f'<dt>Samples</dt><dd data-samples="{d.samples}">{d.samples:,}</dd>'
        f"<dt>Compared with</dt><dd>{against}</dd></dl>"
        f'<p class="repro">Reproduce: <code>debate-explorer run {esc(d.subject.file_name)} --samples {d.samples} '
        f"--seed {d.seed}</code></p></header>"
    )


def _change(a: float | None, b: float | None, fmt: str) -> str:
    if a is None or b is None:
        return "—"
    return format(a - b, fmt)


def headline(d: ReportData) -> str:
    me, other = d.runs[0], d.runs[1] if len(d.runs) > 1 else None
    cols = ["", esc(me.label)] + ([esc(other.label), "change"] if other else [])
    head = "".join(f'<th scope="col">{c}</th>' for c in cols)
    rows = []
    for m in me.result.milestones:
        mine = me.result.milestone(m.key).summary()
        theirs = other.result.milestone(m.key).summary() if other and _has(other, m.key) else None
        h = me.result.horizon
        cells = [f'<td data-median="{m.key}" data-value="{mine["median"]}">{_year(mine["median"], h)}</td>']
        if other:
            cells.append(f"<td>{_year(theirs['median'], h) if theirs else '—'}</td>")
            cells.append(f"<td>{_change(mine['median'], theirs['median'] if theirs else None, '+.1f')} y</td>")
        rows.append(f'<tr><th scope="row">{esc(m.label)}: median</th>{"".join(cells)}</tr>')
        rng = f"{_year(mine['p10'], h)}–{_year(mine['p90'], h)}"
        cells = [f"<td>{rng}</td>"]
        if other:
            cells.append(f"<td>{_year(theirs['p10'], h)}–{_year(theirs['p90'], h)}</td>" if theirs else "<td>—</td>")
            cells.append("<td></td>")
        rows.append(f'<tr class="sub"><th scope="row">10–90% range</th>{"".join(cells)}</tr>')
    for m in me.result.milestones:
        for y in HEADLINE_YEARS:
            p = me.result.milestone(m.key).p_by(y)
            q = other.result.milestone(m.key).p_by(y) if other and _has(other, m.key) else None
            cells = [f'<td data-p="{m.key}_{y}" data-value="{p:.6f}">{p:.0%}</td>']
            if other:
                cells += [
                    f"<td>{'—' if q is None else format(q, '.0%')}</td>",
                    f"<td>{'—' if q is None else format(100 * (p - q), '+.0f') + ' pts'}</td>",
                ]
            rows.append(f'<tr><th scope="row">P({esc(m.label)} by {y})</th>{"".join(cells)}</tr>')
    rows += _regime_rows(me, other)
    return (
        f'<section id="headline"><h2>Headline</h2><div class="tablewrap"><table class="num headline">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _has(run: WorldviewRun, key: str) -> bool:
    return key in [m.key for m in run.result.milestones]


def _regime_rows(me: WorldviewRun, other: WorldviewRun | None) -> list[str]:
    if me.result.regimes is None:
        return []
    rows = []
    theirs = other.result.regimes if other else None
    for name, p in me.result.regimes.items():
        q = theirs.get(name) if theirs else None
        cells = [f'<td data-regime="{esc(name)}" data-value="{p:.6f}">{p:.0%}</td>']
        if other:
            cells += [
                f"<td>{'—' if q is None else format(q, '.0%')}</td>",
                f"<td>{'—' if q is None else format(100 * (p - q), '+.0f') + ' pts'}</td>",
            ]
        rows.append(f'<tr><th scope="row">Regime in {me.result.regime_year}: {esc(name)}</th>{"".join(cells)}</tr>')
    return rows


def charts(d: ReportData) -> str:
    parts = [figures.cdf_figure(d.runs)] + figures.fan_figures(d.runs)
    return '<section id="charts"><h2>When the milestones arrive</h2>' + "".join(parts) + "</section>"


def why(d: ReportData) -> str:
    e = d.explanation
    if e is None:
        return ""
    m = e.metric
    words = "".join(f"<li>{esc(t)}</li>" for t in figures.waterfall_sentences(e))
    lead = (
        f"<p>{esc(m.label)} moves from {esc(m.format(e.value_a))} ({esc(e.title_a)}) to "
        f"{esc(m.format(e.value_b))} ({esc(e.title_b)}): {esc(m.format_delta(e.total))} "
        f"(±{esc(m.format_delta(e.total_se).lstrip('+'))} Monte Carlo error, {e.samples:,} samples).</p>"
    )
    return (
        f'<section id="why"><h2>Why it moved</h2>{lead}<ul class="words">{words}</ul>'
        f"{figures.waterfall_figure(e)}</section>"
    )


def _quote(node: object) -> str:
    quote, quote_en = getattr(node, "quote", None) or "", getattr(node, "quote_en", None) or ""
    out = ""
    if quote:
        out += f"<blockquote{_lang(quote)}>{esc(quote)}</blockquote>"
    if quote_en and quote_en != quote:
        out += f'<blockquote class="en" lang="en">{esc(quote_en)}</blockquote>'
    return out


def _counter(c: Counter) -> str:
    reason = f'<p class="reason">Why it attacks: {esc(c.reason)}</p>' if c.reason else ""
    return (
        f'<li class="counter"><p><strong>{esc(c.node.title_en)}</strong> '
        f"<span{_lang(c.node.title_zh)}>{esc(c.node.title_zh)}</span> · credence {c.credence:.2f}"
        f"{' · ' + esc(c.source) if c.source else ''}</p>{reason}{_quote(c.node)}</li>"
    )


def _belief(b: Belief) -> str:
    n = b.node
    links = "".join(
        f"<li><code>{esc(k.model)}</code> · {esc(k.assumption)}: {esc(k.view)}"
        f"{' · basis: ' + esc(k.basis) if k.basis else ''}{' — ' + esc(k.rationale) if k.rationale else ''}</li>"
        for k in b.links
    )
    links = f'<p class="label">Linked in the model</p><ul class="links">{links}</ul>' if links else ""
    counters = "".join(_counter(c) for c in b.attackers)
    counters = f'<p class="label">Claims against it</p><ul class="counters">{counters}</ul>' if counters else ""
    src = f'<p class="source">{esc(b.source)}</p>' if b.source else ""
    return (
        f'<article class="belief" id="node-{esc(n.id)}" data-node="{esc(n.id)}">'
        f'<h4>{esc(n.title_en)} <span class="zh"{_lang(n.title_zh)}>{esc(n.title_zh)}</span></h4>'
        f'<p class="cred">credence <strong data-credence="{b.credence}">{b.credence:.2f}</strong> '
        f"(comparison {b.reference:.2f}) · {esc(n.kind)}</p>{src}<p>{esc(n.summary)}</p>"
        f"{_quote(n)}{links}{counters}</article>"
    )


def beliefs(d: ReportData) -> str:
    if d.graph is None:
        return ""
    if not d.beliefs:
        return (
            '<section id="beliefs"><h2>What this scenario believes</h2>'
            "<p>No credence differs from the comparison.</p></section>"
        )
    parts, theme = [], None
    for b in d.beliefs:
        if b.theme != theme:
            theme = b.theme
            parts.append(f"<h3>{esc(theme)}</h3>")
        parts.append(_belief(b))
    intro = (
        "<p>Every claim whose credence differs from the comparison, with who said it, the original "
        "words and what it feeds in the model; under each, the claims that attack it.</p>"
    )
    return f'<section id="beliefs"><h2>What this scenario believes</h2>{intro}{"".join(parts)}</section>'


def cruxes(d: ReportData) -> str:
    r = d.cruxes
    if r is None:
        return ""
    m = r.metric
    rows = "".join(
        f'<tr><th scope="row">{i}</th><td class="text">{esc(c.title)}</td><td>{c.credence:.2f}</td>'
        f"<td>{esc(m.format(c.at_zero))}</td><td>{esc(m.format(c.at_one))}</td>"
        f"<td>{esc(m.format_delta(c.swing))}</td></tr>"
        for i, c in enumerate([c for c in r.cruxes if c.linked][:TOP_CRUXES], 1)
    )
    head = "".join(f'<th scope="col">{h}</th>' for h in ("#", "claim", "credence", "at 0", "at 1", "swing"))
    return (
        f'<section id="cruxes"><h2>Cruxes for {esc(m.label)}</h2>'
        f"<p>The claims whose credence moves {esc(m.label)} most: each set to 0 and to 1, all else fixed "
        f"({r.samples:,} samples, common random numbers).</p>"
        f'<div class="tablewrap"><table class="num cruxes"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></section>"
    )


def scenario_file(d: ReportData) -> str:
    text = d.subject.file_text
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    name = esc(d.subject.file_name)
    return (
        f'<section id="scenario"><h2>The scenario file</h2><p><a class="download" download="{name}" '
        f'href="data:application/toml;base64,{data}">Download {name}</a> and open it in Debate Explorer '
        f"to explore this view yourself.</p><pre><code>{esc(text)}</code></pre></section>"
    )
