"""The report opened in a real headless Chromium, as a colleague would open it.

Checks what only a browser can tell: no console error or CSP violation, not one
network request, the numbers in the rendered page equal ``run --json``, hostile
titles render as text, the page is whole with JavaScript off, and neither a
390 px phone nor a 1366 px laptop needs to scroll sideways.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = 3000
SHOTS = Path(__file__).parents[3] / "shots"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "debate_explorer", *args], capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def report_url(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("report") / "hive.html"
    done = _cli("report", "hive_mind", "--against", "baseline", "--samples", str(SAMPLES), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out.as_uri()


def test_opens_with_no_error_and_no_network_request(browser_page, report_url: str) -> None:
    browser_page.open(report_url)
    assert browser_page.errors() == []
    assert browser_page.requests() == [report_url]  # the file itself, nothing else
    assert browser_page.js("document.querySelectorAll('svg.chart').length") >= 3


def test_medians_in_the_page_equal_run_json(browser_page, report_url: str) -> None:
    done = _cli("run", "hive_mind", "--samples", str(SAMPLES), "--json")
    assert done.returncode == 0, done.stderr
    expected = {k: m["median"] for k, m in json.loads(done.stdout)["milestones"].items()}
    browser_page.open(report_url)
    shown = browser_page.js(
        "Object.fromEntries([...document.querySelectorAll('[data-median]')]"
        ".map(e => [e.dataset.median, [parseFloat(e.dataset.value), e.textContent]]))"
    )
    assert {k: v[0] for k, v in shown.items()} == expected
    assert all(v[1] == f"{expected[k]:.1f}" for k, v in shown.items())


@pytest.mark.parametrize("width", [390, 1366])
def test_no_horizontal_scroll(browser_page, report_url: str, width: int) -> None:
    browser_page.open(report_url, width=width, height=800)
    assert browser_page.js("document.scrollingElement.scrollWidth") <= width
    if SHOTS.is_dir():  # `mkdir shots` to keep pictures of what the tests saw
        browser_page.screenshot(SHOTS / f"report-{width}.png")


def test_whole_with_javascript_off(browser_page, report_url: str) -> None:
    browser_page.open(report_url, javascript=False)
    assert browser_page.errors() == []
    assert browser_page.js("document.querySelectorAll('table').length") >= 5
    assert browser_page.js("document.querySelectorAll('article.belief').length") > 0


def test_hostile_titles_render_as_text(browser_page, tmp_path: Path) -> None:
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    scenario = tmp_path / "hostile.toml"
    text = (Path(__file__).parents[3] / "scenarios" / "baseline.toml").read_text(encoding="utf-8")
    lines = [f"title = {json.dumps(hostile)}" if ln.startswith("title = ") else ln for ln in text.splitlines()]
    scenario.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "hostile.html"
    done = _cli("report", str(scenario), "--against", "none", "--samples", "500", "--out", str(out))
    assert done.returncode == 0, done.stderr
    browser_page.open(out.as_uri())
    assert browser_page.js("document.querySelector('h1').textContent") == hostile
    assert browser_page.js("document.querySelectorAll('img').length") == 0
    assert browser_page.js("document.scripts.length") == 1
    assert browser_page.errors() == [] and browser_page.requests() == [out.as_uri()]
