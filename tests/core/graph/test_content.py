"""Content checks for the shipped AGI-debate argument graph.

These tests read ``resources/debate/agi_debate.toml`` with ``tomllib`` only, so
they check the *content* (quotes, coverage, references) independently of the
real loader. Every failure message names the offending node id.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from debate_explorer.core.graph.schema import NODE_KINDS, THEME_IDS

REPO_ROOT = Path(__file__).resolve().parents[3]
GRAPH_FILE = REPO_ROOT / "resources" / "debate" / "agi_debate.toml"


SOURCED_KINDS = {"claim", "evidence"}
EDGE_TYPES = {"supports", "attacks", "answers"}

# The assumptions of the `debate` model (DESIGN.md, "The scenario models").
DEBATE_ASSUMPTIONS = {
    "g_compute",
    "compute_wall_year",
    "late_compute_factor",
    "g_software",
    "p_now",
    "p_sc",
    "p_agi",
    "difficulty",
    "sc_requirement",
    "agi_gap",
    "asi_gap",
    "disruption_hazard",
    "pause_years",
    "pause_factor",
    "share_at_agi",
    "diffusion_rate",
    "base_growth",
    "hive_mind_boost",
}

# Node ids other parts of the app (and their tests) rely on.
REQUIRED_NODE_IDS = {"hive_mind", "karpathy_decade_of_agents"}

MIN_NODES = 80
MIN_SPEAKERS = 20
MIN_INFORMS = 20

_WHITESPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    # Chinese text in the seeds has stray line breaks (and spaces around Latin
    # words), so compare with every whitespace run removed on both sides.
    return _WHITESPACE.sub("", text)


@pytest.fixture(scope="module")
def graph() -> dict:
    with GRAPH_FILE.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def nodes(graph) -> list[dict]:
    return graph.get("nodes", [])


@pytest.fixture(scope="module")
def node_ids(nodes) -> set[str]:
    return {n.get("id") for n in nodes}


@pytest.fixture(scope="module")
def kinds(nodes) -> dict[str, str]:
    return {n["id"]: n.get("kind") for n in nodes if "id" in n}


@pytest.fixture(scope="module")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    return {p.name: _squash(p.read_text(encoding="utf-8")) for p in seeds_dir.glob("*.txt")}


def _sourced(nodes):
    return [n for n in nodes if n.get("kind") in SOURCED_KINDS]


def test_header(graph):
    assert graph.get("format_version") == 1
    assert graph.get("title")


def test_themes_are_the_ten(graph):
    theme_ids = [t.get("id") for t in graph.get("themes", [])]
    assert sorted(theme_ids) == sorted(THEME_IDS)
    for t in graph["themes"]:
        assert t.get("title_en") and t.get("title_zh"), f"theme {t.get('id')}: missing title"


def test_ids_unique(nodes):
    counts = Counter(n.get("id") for n in nodes)
    dupes = sorted(i for i, c in counts.items() if c > 1)
    assert not dupes, f"duplicate node ids: {dupes}"


def test_required_ids_exist(node_ids):
    missing = sorted(REQUIRED_NODE_IDS - node_ids)
    assert not missing, f"required node ids missing: {missing}"


def test_node_count(nodes):
    assert len(nodes) >= MIN_NODES, f"only {len(nodes)} nodes, want >= {MIN_NODES}"


def test_node_fields(nodes):
    problems = []
    for n in nodes:
        nid = n.get("id", "<no id>")
        if n.get("kind") not in NODE_KINDS:
            problems.append(f"{nid}: bad kind {n.get('kind')!r}")
        if n.get("theme") not in THEME_IDS:
            problems.append(f"{nid}: bad theme {n.get('theme')!r}")
        for key in ("title_en", "title_zh", "summary"):
            if not n.get(key):
                problems.append(f"{nid}: missing {key}")
        if n.get("kind") in SOURCED_KINDS:
            for key in ("speaker", "source", "quote", "quote_en"):
                if not n.get(key):
                    problems.append(f"{nid}: {n['kind']} without {key}")
    assert not problems, "\n".join(problems)


def test_all_themes_used(nodes):
    used = {n.get("theme") for n in nodes}
    assert set(THEME_IDS) <= used, f"themes without nodes: {sorted(set(THEME_IDS) - used)}"


def test_all_sources_cited(nodes, seed_texts):
    cited = {n.get("source") for n in nodes if n.get("source")}
    unknown = sorted(cited - set(seed_texts))
    assert not unknown, f"cited files not among the source documents: {unknown}"
    uncited = sorted(set(seed_texts) - cited)
    assert not uncited, f"seed files never cited: {uncited}"


def test_quotes_are_verbatim(nodes, seed_texts):
    problems = []
    for n in nodes:
        if not n.get("quote"):
            continue
        nid = n.get("id", "<no id>")
        source = n.get("source")
        if source not in seed_texts:
            problems.append(f"{nid}: quote cites unknown source {source!r}")
            continue
        if _squash(n["quote"]) not in seed_texts[source]:
            problems.append(f"{nid}: quote not found verbatim in {source}: {n['quote'][:40]}…")
    assert not problems, "\n".join(problems)


def test_enough_speakers(nodes):
    speakers = {n["speaker"] for n in _sourced(nodes) if n.get("speaker")}
    assert len(speakers) >= MIN_SPEAKERS, f"only {len(speakers)} speakers: {sorted(speakers)}"


def test_edges_reference_existing_nodes(graph, node_ids, kinds):
    problems = []
    for e in graph.get("edges", []):
        label = f"edge {e.get('from')} -> {e.get('to')}"
        for end in ("from", "to"):
            if e.get(end) not in node_ids:
                problems.append(f"{label}: unknown node {e.get(end)!r}")
        etype = e.get("type")
        if etype not in EDGE_TYPES:
            problems.append(f"{label}: bad type {etype!r}")
        elif etype == "answers":
            if kinds.get(e.get("from")) != "position" or kinds.get(e.get("to")) != "question":
                problems.append(f"{label}: 'answers' must go from a position to a question")
        else:
            weight = e.get("weight")
            if not isinstance(weight, (int, float)) or not 0 <= weight <= 1:
                problems.append(f"{label}: weight {weight!r} not in [0, 1]")
        if e.get("from") == e.get("to"):
            problems.append(f"{label}: self-loop")
    assert not problems, "\n".join(problems)


def test_every_claim_and_evidence_argues(graph, nodes):
    arguing = {e.get("from") for e in graph.get("edges", []) if e.get("type") in {"supports", "attacks"}}
    idle = sorted(n["id"] for n in _sourced(nodes) if n["id"] not in arguing)
    assert not idle, f"claim/evidence nodes that support or attack nothing: {idle}"


def test_every_question_is_answered(graph, nodes):
    answered = {e.get("to") for e in graph.get("edges", []) if e.get("type") == "answers"}
    unanswered = sorted(n["id"] for n in nodes if n.get("kind") == "question" and n["id"] not in answered)
    assert not unanswered, f"questions no position answers: {unanswered}"


def test_informs_links(graph, node_ids):
    informs = graph.get("informs", [])
    assert len(informs) >= MIN_INFORMS, f"only {len(informs)} informs links, want >= {MIN_INFORMS}"
    problems = []
    for link in informs:
        nid = link.get("node")
        label = f"informs {nid} -> {link.get('assumption')}"
        if nid not in node_ids:
            problems.append(f"{label}: unknown node {nid!r}")
        if link.get("model", "debate") == "debate" and link.get("assumption") not in DEBATE_ASSUMPTIONS:
            problems.append(f"{label}: not an assumption of the debate model")
        dist = link.get("dist")
        if not isinstance(dist, (dict, int, float, str)):
            problems.append(f"{label}: missing dist")
        elif isinstance(dist, dict) and "ci" in dist and "level" not in dist:
            problems.append(f"{label}: ci without explicit level")
        if not link.get("rationale"):
            problems.append(f"{label}: missing rationale")
    assert not problems, "\n".join(problems)


def test_required_nodes_inform_the_model(graph):
    linked = {link.get("node") for link in graph.get("informs", [])}
    missing = sorted(REQUIRED_NODE_IDS - linked)
    assert not missing, f"required nodes without informs links: {missing}"
