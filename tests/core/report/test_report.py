"""The HTML report: its numbers, its claims, its escaping and its size (no browser needed)."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from debate_explorer.core.engine.compute import run_scenario
from debate_explorer.core.graph import load_graph
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import preset_path
from debate_explorer.core.report import build_report, side
from debate_explorer.core.report.gather import default_metric_name

SAMPLES = 3000
HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>')


class Elements(HTMLParser):
    """Every start tag with its attributes, so a test can look for injected elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = Elements()
    p.feed(html)
    return p.tags


def report(name: str, against: str | None = "baseline", graph=None, **kw) -> str:
    path = preset_path(name)
    subject = side(load_scenario(path), path)
    other = side(load_scenario(preset_path(against)), preset_path(against)) if against else None
    return build_report(subject, other, graph if graph is not None else load_graph(), samples=SAMPLES, **kw)


@pytest.fixture(scope="module")
def hive_html() -> str:
    return report("hive_mind")


def test_headline_medians_equal_a_run_with_the_same_seed_and_samples(hive_html: str) -> None:
    scenario = load_scenario(preset_path("hive_mind"))
    summary = run_scenario(scenario, load_graph(), samples=SAMPLES).summary()
    shown = dict(re.findall(r'data-median="(\w+)" data-value="([^"]+)"', hive_html))
    assert shown and set(shown) == set(summary["milestones"])
    for key, m in summary["milestones"].items():
        assert float(shown[key]) == m["median"]
    assert f'data-seed="{scenario.run.seed}"' in hive_html and f'data-samples="{SAMPLES}"' in hive_html


def test_hive_mind_lists_its_changed_credences_with_their_quotes(hive_html: str) -> None:
    graph = load_graph()
    hive, base = load_scenario(preset_path("hive_mind")), load_scenario(preset_path("baseline"))
    changed = {n for n in set(hive.graph.credences) | set(base.graph.credences) if hive.credence(n) != base.credence(n)}
    listed = set(re.findall(r'<article class="belief" id="node-[^"]+" data-node="([^"]+)"', hive_html))
    assert changed and listed == changed
    patel = graph.node("dwarkesh_hive_mind_billions")
    assert patel.quote and patel.quote in hive_html  # the original words, in their own script
    assert patel.quote_en and patel.quote_en.replace('"', "&quot;").replace("'", "&#x27;") in hive_html


def test_the_claims_against_a_belief_are_shown(hive_html: str) -> None:
    graph = load_graph()
    hive = load_scenario(preset_path("hive_mind"))
    attacked = [n for n in hive.graph.credences if graph.attackers(n)]
    assert attacked
    article = hive_html.split(f'data-node="{attacked[0]}"', 1)[1].split("</article>", 1)[0]
    for a in graph.attackers(attacked[0]):
        assert graph.node(a).title_en.replace("'", "&#x27;").replace('"', "&quot;") in article


def test_the_scenario_file_is_embedded_and_downloadable(hive_html: str) -> None:
    text = preset_path("hive_mind").read_text(encoding="utf-8")
    link = next(a for t, a in elements(hive_html) if t == "a" and (a.get("download") or "").endswith(".toml"))
    href = link["href"] or ""
    assert href.startswith("data:application/toml;base64,")
    assert base64.b64decode(href.split(",", 1)[1]).decode("utf-8") == text


def test_only_the_reports_own_code_runs(hive_html: str) -> None:
    tags = elements(hive_html)
    assert [t for t, _ in tags].count("script") == 1
    csp = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert not re.search(r"(src|href)=\"https?:", hive_html)  # nothing fetched from a network


def test_hostile_text_in_scenario_and_map_is_escaped(tmp_path: Path) -> None:
    graph_text = (Path(__file__).parents[3] / "resources" / "debate" / "agi_debate.toml").read_text(encoding="utf-8")
    node = "dwarkesh_hive_mind_billions"
    block = graph_text.split(f'id = "{node}"', 1)
    head, rest = block[1].split("\n", 1)
    rest = re.sub(r'title_en = ".*?"\n', f"title_en = {_toml(HOSTILE[0] + HOSTILE[2])}\n", rest, count=1)
    rest = re.sub(r'summary = ".*?"\n', f"summary = {_toml(HOSTILE[1])}\n", rest, count=1)
    (tmp_path / "g.toml").write_text(block[0] + f'id = "{node}"' + head + "\n" + rest, encoding="utf-8")
    scenario_text = preset_path("hive_mind").read_text(encoding="utf-8")
    scenario_text = re.sub(r'^title = ".*"$', f"title = {_toml(HOSTILE[0])}", scenario_text, flags=re.M)
    scenario_text = re.sub(r'^notes = ".*"$', f"notes = {_toml(HOSTILE[1] + HOSTILE[2])}", scenario_text, flags=re.M)
    (tmp_path / "s.toml").write_text(scenario_text, encoding="utf-8")
    graph = load_graph(tmp_path / "g.toml")
    html = build_report(side(load_scenario(tmp_path / "s.toml"), tmp_path / "s.toml"), None, graph, samples=SAMPLES)
    tags = elements(html)
    assert [t for t, _ in tags].count("script") == 1
    assert "img" not in [t for t, _ in tags] and not any("onload" in a or "onerror" in a for _, a in tags)
    for text in HOSTILE:
        assert text not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize("name", ["baseline", "ai2027_eli"])
def test_every_kind_reports_without_a_comparison(name: str) -> None:
    html = report(name, against=None)
    scenario = load_scenario(preset_path(name))
    assert all(f'data-median="{m.key}"' in html for m in scenario.kind.milestones)
    assert ('id="beliefs"' in html) == scenario.kind.uses_graph
    assert 'id="why"' not in html  # nothing to explain without a comparison


def test_the_default_metric_is_the_middle_milestone_of_the_kind() -> None:
    assert default_metric_name(load_scenario(preset_path("baseline"))) == "agi_median"
    assert default_metric_name(load_scenario(preset_path("ai2027_eli"))) == "sc_median"


def test_preset_reports_stay_small(hive_html: str) -> None:
    assert len(hive_html.encode("utf-8")) < 3 * 1024 * 1024
