"""DF-QuAD claim strength: the literature's example, cycles, properties, the graph API."""

from __future__ import annotations

import time
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from debate_explorer.core.errors import InputError
from debate_explorer.core.graph import load_graph, semantics, strengths
from debate_explorer.core.graph.semantics import aggregate, combine, evaluate, plan_for

TINY = Path(__file__).parent / "data" / "tiny_graph.toml"


def _graph(bases: dict, edges: list[tuple]) -> nx.DiGraph:
    g = nx.DiGraph()
    for n, b in bases.items():
        g.add_node(n, base=b)
    for u, v, kind, *w in edges:
        g.add_edge(u, v, type=kind, **({"weight": w[0]} if w else {}))
    return g


def test_worked_example_from_rago_et_al() -> None:
    # A (0.5) supported by B (0.8), attacked by C (0.6); C attacked by D (0.7).
    g = _graph(
        {"A": 0.5, "B": 0.8, "C": 0.6, "D": 0.7}, [("B", "A", "supports"), ("C", "A", "attacks"), ("D", "C", "attacks")]
    )
    r = evaluate(g)
    assert r["C"] == pytest.approx(0.18, abs=1e-12)
    assert r["A"] == pytest.approx(0.81, abs=1e-12)
    assert r["B"] == 0.8 and r["D"] == 0.7
    assert r.converged and r.iterations == 0 and not r.cyclic


def test_aggregation_and_combination() -> None:
    assert aggregate([]) == 0.0
    assert aggregate([0.5, 0.5]) == pytest.approx(0.75)
    assert combine(0.5, 0.0, 0.0) == 0.5
    assert combine(0.5, 0.18, 0.8) == pytest.approx(0.81)
    assert combine(0.6, 0.7, 0.0) == pytest.approx(0.18)
    assert combine(0.4, 0.3, 0.3) == pytest.approx(0.4)  # balanced attack and support cancel


def test_weights_scale_the_source_strength() -> None:
    g = _graph({"a": 0.5, "b": 1.0}, [("b", "a", "attacks", 0.4)])
    assert evaluate(g)["a"] == pytest.approx(0.5 - 0.5 * 0.4)
    g = _graph({"a": 0.5, "b": 1.0}, [("b", "a", "attacks", 0.0)])
    assert evaluate(g)["a"] == 0.5


def test_answers_edges_carry_no_force() -> None:
    g = _graph({"p": 0.9, "q": 0.2}, [("p", "q", "answers")])
    assert evaluate(g).strengths == {"p": 0.9, "q": 0.2}


def test_bad_inputs_are_rejected() -> None:
    with pytest.raises(InputError, match="base score"):
        evaluate(_graph({"a": 1.5}, []))
    with pytest.raises(InputError, match="weight"):
        evaluate(_graph({"a": 0.5, "b": 0.5}, [("a", "b", "supports", float("nan"))]))
    with pytest.raises(ValueError, match="damping"):
        evaluate(_graph({"a": 0.5}, []), damping=0.0)


# -- cycles -------------------------------------------------------------------------------


@pytest.fixture(params=["small", "arrays"], autouse=True)
def cycle_solver(request, monkeypatch) -> str:
    """Run every test with both cycle solvers: plain Python and numpy arrays."""
    if request.param == "arrays":
        monkeypatch.setattr(semantics, "SMALL_CYCLE", 0)
    return request.param


def test_mutual_attack_oscillates_undamped_and_is_reported() -> None:
    g = _graph({"a": 1.0, "b": 1.0}, [("a", "b", "attacks"), ("b", "a", "attacks")])
    r = evaluate(g, damping=1.0, max_iter=200)
    assert not r.converged and r.iterations == 200 and r.cyclic
    assert r.residual == pytest.approx(1.0)


def test_mutual_attack_converges_damped() -> None:
    g = _graph({"a": 1.0, "b": 1.0}, [("a", "b", "attacks"), ("b", "a", "attacks")])
    for damping in (None, 0.5, 0.25):  # adaptive (halves once), and fixed
        r = evaluate(g, damping=damping)
        assert r.converged and r.cyclic and 0 < r.iterations < 100
        assert r["a"] == pytest.approx(0.5, abs=1e-8) and r["b"] == pytest.approx(0.5, abs=1e-8)


def test_adaptive_damping_keeps_full_steps_when_they_contract() -> None:
    g = _graph({"a": 0.6, "b": 0.3}, [("a", "b", "attacks", 0.5), ("b", "a", "supports", 0.5)])
    fast = evaluate(g)
    slow = evaluate(g, damping=0.25)
    assert fast.converged and slow.converged and fast.iterations < slow.iterations
    assert fast["a"] == pytest.approx(slow["a"], abs=1e-8)


def test_cycle_result_is_a_fixed_point_and_feeds_downstream() -> None:
    g = _graph(
        {"a": 0.7, "b": 0.4, "c": 0.6, "up": 0.9, "down": 0.5},
        [
            ("up", "a", "supports", 0.5),
            ("a", "b", "supports", 0.8),
            ("b", "c", "attacks", 0.9),
            ("c", "a", "attacks", 0.7),
            ("c", "down", "supports", 1.0),
        ],
    )
    r = evaluate(g)
    assert r.converged and r.residual <= 1e-9
    s = r.strengths
    va_a, vs_a = 0.7 * s["c"], 0.5 * 0.9
    assert s["a"] == pytest.approx(combine(0.7, va_a, vs_a), abs=1e-8)
    assert s["b"] == pytest.approx(combine(0.4, 0.0, 0.8 * s["a"]), abs=1e-8)
    assert s["c"] == pytest.approx(combine(0.6, 0.9 * s["b"], 0.0), abs=1e-8)
    assert s["down"] == pytest.approx(combine(0.5, 0.0, s["c"]), abs=1e-12)
    assert s["up"] == 0.9


def test_self_attack_is_a_cycle() -> None:
    r = evaluate(_graph({"a": 1.0}, [("a", "a", "attacks")]))
    assert r.converged and r.cyclic and r["a"] == pytest.approx(0.5, abs=1e-8)


def test_iteration_never_runs_forever() -> None:
    g = _graph({"a": 1.0, "b": 1.0}, [("a", "b", "attacks"), ("b", "a", "attacks")])
    start = time.perf_counter()
    r = evaluate(g, damping=1.0)  # default max_iter
    assert not r.converged and time.perf_counter() - start < 5


# -- properties on random graphs ----------------------------------------------------------

UNIT = st.floats(0.0, 1.0)


@st.composite
def dags(draw, max_nodes: int = 7):
    n = draw(st.integers(1, max_nodes))
    bases = {i: draw(UNIT) for i in range(n)}
    edges = []
    for v in range(n):
        for u in range(v):
            if draw(st.booleans()):
                edges.append((u, v, draw(st.sampled_from(["supports", "attacks", "answers"])), draw(UNIT)))
    return bases, edges


@st.composite
def digraphs(draw, max_nodes: int = 6):
    n = draw(st.integers(1, max_nodes))
    bases = {i: draw(UNIT) for i in range(n)}
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=12, unique=True))
    edges = [(u, v, draw(st.sampled_from(["supports", "attacks"])), draw(UNIT)) for u, v in pairs]
    return bases, edges


@settings(max_examples=200, deadline=None)
@given(graph=dags(), data=st.data())
def test_strength_is_monotonic_in_own_base_score(graph, data) -> None:
    bases, edges = graph
    node = data.draw(st.sampled_from(sorted(bases)))
    higher = data.draw(st.floats(bases[node], 1.0))
    before = evaluate(_graph(bases, edges))[node]
    after = evaluate(_graph({**bases, node: higher}, edges))[node]
    assert after >= before - 1e-12


@settings(max_examples=200, deadline=None)
@given(graph=dags())
def test_iteration_agrees_with_exact_evaluation_on_dags(graph) -> None:
    bases, edges = graph
    exact = evaluate(_graph(bases, edges))
    iterated = evaluate(_graph(bases, edges), iterate_all=True)
    assert iterated.converged
    for n in bases:
        assert iterated[n] == pytest.approx(exact[n], abs=1e-7)
        assert 0.0 <= exact[n] <= 1.0


def _fixed_point_gap(bases: dict, edges: list[tuple], s: dict) -> float:
    """max |C(base, F(attackers), F(supporters)) − σ| over all nodes, recomputed from scratch."""
    gap = 0.0
    for n, v0 in bases.items():
        att = [w * s[u] for u, v, kind, w in edges if v == n and kind == "attacks"]
        sup = [w * s[u] for u, v, kind, w in edges if v == n and kind == "supports"]
        gap = max(gap, abs(combine(v0, aggregate(att), aggregate(sup)) - s[n]))
    return gap


@settings(max_examples=200, deadline=None)
@given(graph=digraphs())
def test_any_graph_settles_on_a_fixed_point_or_says_it_did_not(graph) -> None:
    bases, edges = graph
    r = evaluate(_graph(bases, edges), max_iter=2000)
    assert all(0.0 <= v <= 1.0 for v in r.strengths.values())
    if r.converged:
        assert r.residual <= 1e-9
        assert _fixed_point_gap(bases, edges, r.strengths) <= 1e-8
    else:
        assert r.iterations == 2000


@settings(max_examples=100, deadline=None)
@given(graph=digraphs())
def test_fixed_damping_reaches_a_fixed_point_too(graph) -> None:
    bases, edges = graph
    r = evaluate(_graph(bases, edges), damping=0.5, max_iter=5000)
    if r.converged:
        assert _fixed_point_gap(bases, edges, r.strengths) <= 1e-8


# -- the ArgumentGraph API --------------------------------------------------------------


def test_strengths_on_the_fixture() -> None:
    g = load_graph(TINY)
    r = strengths(g, {})
    assert r.converged and not r.cyclic
    # short_timelines: attacked by decade (0.5 x 0.7), supported by ai2027_sc (0.65 x 0.9) and feedback (0.5)
    assert r["ai2027_sc"] == pytest.approx(0.5 + 0.5 * 0.3)
    vs = 1 - (1 - 0.65 * 0.9) * (1 - 0.5)
    assert r["short_timelines"] == pytest.approx(0.5 + 0.5 * (vs - 0.35))
    assert r["when_agi"] == 0.5  # answers edges do not count


def test_credences_set_base_scores() -> None:
    g = load_graph(TINY)
    low = strengths(g, {"decade_of_agents": 0.0})
    high = strengths(g, {"decade_of_agents": 1.0})
    assert high["long_timelines"] > low["long_timelines"]
    assert high["short_timelines"] < low["short_timelines"]
    assert strengths(g, {}, default=0.0)["short_timelines"] == 0.0


def test_unknown_or_bad_credences_are_input_errors() -> None:
    g = load_graph(TINY)
    with pytest.raises(InputError, match="no node with id 'ghost'") as info:
        strengths(g, {"ghost": 0.5})
    assert info.value.field == "credences.ghost"
    with pytest.raises(InputError, match="credence of 'hive_mind'"):
        strengths(g, {"hive_mind": 1.2})
    with pytest.raises(InputError, match="credence of 'hive_mind'"):
        strengths(g, {"hive_mind": float("nan")})
    with pytest.raises(InputError, match="default credence"):
        strengths(g, {}, default=-1)


def test_plan_is_built_once_per_graph() -> None:
    g = load_graph(TINY)
    assert plan_for(g) is plan_for(g)
    strengths(g, {})
    assert plan_for(g) is g.cached("semantics_plan", lambda: None)
