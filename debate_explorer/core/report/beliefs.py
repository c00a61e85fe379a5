"""What a scenario believes that its comparison does not, with the evidence for each claim.

A belief is a node whose credence differs from the comparison scenario's (or, with
no comparison, any credence the scenario sets: the undecided 0.5 is the reference).
Each carries what a reader needs to judge it — who said it, where and when, the
quote in its own script beside its English rendering, what it feeds in the model —
and the claims that attack it, so the report shows both sides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from debate_explorer.core.graph.sources import source_label
from debate_explorer.core.model.scenario import Scenario

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph, Node

UNDECIDED = 0.5


@dataclass(frozen=True)
class Link:
    """A model assumption the claim informs, as a reader reads it."""

    assumption: str
    model: str
    view: str  # the implied distribution, described
    basis: str
    rationale: str


@dataclass(frozen=True)
class Counter:
    """A claim that attacks a belief, with the edge's reason when the map gives one."""

    node: Node
    source: str
    reason: str
    credence: float


@dataclass(frozen=True)
class Belief:
    node: Node
    theme: str
    credence: float
    reference: float  # the comparison's credence (0.5 when it leaves the node undecided)
    source: str  # "speaker, outlet, date"
    links: tuple[Link, ...]
    attackers: tuple[Counter, ...]


def changed_beliefs(scenario: Scenario, against: Scenario | None, graph: ArgumentGraph | None) -> list[Belief]:
    """Every node whose credence differs from the comparison's, grouped by theme (the map's theme order)."""
    if graph is None:
        return []
    ids = set(scenario.graph.credences) | (set(against.graph.credences) if against else set())
    order = {t.id: i for i, t in enumerate(graph.themes)}
    out: list[Belief] = []
    for node_id in ids:
        if node_id not in graph.nodes:
            continue
        mine = scenario.credence(node_id, UNDECIDED)
        ref = against.credence(node_id, UNDECIDED) if against else UNDECIDED
        if mine == ref:
            continue
        node = graph.node(node_id)
        out.append(
            Belief(
                node=node,
                theme=graph.theme(node.theme).title_en,
                credence=mine,
                reference=ref,
                source=source_label(node),
                links=tuple(_links(graph, node_id, scenario)),
                attackers=tuple(_attackers(graph, node_id, scenario)),
            )
        )
    out.sort(key=lambda b: (order.get(b.node.theme, len(order)), -abs(b.credence - b.reference), b.node.id))
    return out


def _links(graph: ArgumentGraph, node_id: str, scenario: Scenario) -> list[Link]:
    out = []
    for link in graph.links_for_node(node_id):
        label = link.assumption
        if link.model == scenario.kind.name:
            label = f"{scenario.kind.assumption(link.assumption).label} ({link.assumption})"
        out.append(Link(label, link.model, link.dist.describe(), link.basis or "", link.rationale))
    return out


def _attackers(graph: ArgumentGraph, node_id: str, scenario: Scenario) -> list[Counter]:
    reasons = {e.source: getattr(e, "reason", "") for e in graph.edges_of(node_id) if e.target == node_id}
    return [
        Counter(graph.node(a), source_label(graph.node(a)), reasons.get(a, ""), scenario.credence(a, UNDECIDED))
        for a in graph.attackers(node_id)
    ]
