"""The whole report page: sections, the stylesheet and the script, inline, under a strict CSP.

The Content-Security-Policy allows nothing by default and names the one
stylesheet and the one script by their SHA-256 hashes, so even if some user text
escaped the escaping, no injected script or style could run; images only from
``data:`` (none are used today). With JavaScript off the page is complete: the
script adds hover tooltips, nothing else.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources

from debate_explorer.core.report import sections
from debate_explorer.core.report.gather import ReportData
from debate_explorer.core.report.svg import esc


def _asset(name: str) -> str:
    return resources.files("debate_explorer.core.report").joinpath(name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def csp(style: str, script: str) -> str:
    """The policy: nothing from anywhere, except this page's own stylesheet and script."""
    return (
        f"default-src 'none'; style-src '{_hash(style)}'; script-src '{_hash(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


_TOC = (
    ("headline", "Headline"),
    ("charts", "Charts"),
    ("why", "Why it moved"),
    ("beliefs", "Beliefs"),
    ("cruxes", "Cruxes"),
    ("scenario", "Scenario file"),
)


def render(d: ReportData) -> str:
    """The report as one HTML document."""
    style, script = _asset("report.css"), _asset("report.js")
    body = [
        sections.header(d),
        sections.headline(d),
        sections.charts(d),
        sections.why(d),
        sections.beliefs(d),
        sections.cruxes(d),
        sections.scenario_file(d),
    ]
    present = [(k, t) for k, t in _TOC if f'id="{k}"' in "".join(body)]
    toc = '<nav class="toc">' + "".join(f'<a href="#{k}">{t}</a>' for k, t in present) + "</nav>"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp(style, script))}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="Debate Explorer">'
        f"<title>{esc(d.subject.name)} — Debate Explorer report</title>"
        f"<style>{style}</style></head>"
        f"<body><main>{body[0]}{toc}{''.join(body[1:])}</main>"
        '<div id="tip" role="tooltip"></div>'
        f"<script>{script}</script></body></html>\n"
    )
