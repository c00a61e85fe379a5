"""From credences to engine input: claim → credence → belief → mixture weight.

For each assumption of the scenario's model kind the engine samples a mixture
of the prior and the distributions that graph nodes imply (``informs`` links).
The weights follow one rule, chosen so that **a credence matters**:

1. A node's *belief* ``b`` is the credence the user set on it, or, for a node
   left undecided, 0.5 moved by the arguments the user decided (see
   :func:`beliefs`). It is clipped to [0.001, 0.999].
2. A *voice* weighs the odds of its belief squared: ``(b / (1 − b))²``. An
   undecided voice (0.5) weighs 1, one at 0.9 weighs 81, one at 0.95 weighs 361,
   one at 0 weighs nothing.
3. The prior is one undecided voice (weight ``graph.prior_weight``, default 1).
4. Rival answers share one voice: links from positions that answer the same
   question form a group, and each member's weight is divided by the group's
   size. Every other linked node is a voice of its own.

So an all-undecided graph gives the pooled view (prior and every voice alike);
a node believed near 1 dominates each assumption it informs (at 0.95 it gets
≥ 80% of a mixture with up to 90 undecided voices, as long as no rival is also
high); rival positions compete for one share instead of each adding weight; and
a node set to 0 drops out. An ``[assumptions]`` override replaces the whole
mixture. If every weight is zero the prior is used alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from debate_explorer.core.engine.kinds.base import ModelKind
from debate_explorer.core.model.assumptions import Assumption
from debate_explorer.core.model.distributions import AnyDist, mixture_of
from debate_explorer.core.model.scenario import Scenario

if TYPE_CHECKING:  # annotations only: importing linking stays free of the graph package and networkx
    from debate_explorer.core.graph.model import ArgumentGraph, InformsLink


@dataclass(frozen=True)
class MixturePart:
    """One component of an assumption's mixture and where it comes from."""

    source: str  # "prior", "link" or "override"
    label: str
    weight: float
    dist: AnyDist
    node: str | None = None
    rationale: str = ""


@dataclass(frozen=True)
class EffectiveAssumption:
    assumption: Assumption
    parts: tuple[MixturePart, ...]

    @property
    def overridden(self) -> bool:
        return any(p.source == "override" for p in self.parts)

    @property
    def dist(self) -> AnyDist:
        """The distribution the engine samples."""
        live = [(p.weight, p.dist) for p in self.parts if p.weight > 0]
        if not live:
            return self.assumption.prior
        return mixture_of(live)

    def shares(self) -> list[float]:
        """Each part's share of the mixture (sums to 1)."""
        total = sum(p.weight for p in self.parts)
        if total <= 0:
            return [1.0 if p.source == "prior" else 0.0 for p in self.parts]
        return [p.weight / total for p in self.parts]


BELIEF_CLIP = 1e-3


def beliefs(graph: ArgumentGraph, credences: Mapping[str, float]) -> dict[str, float]:
    """Rule 1: the belief in every node of ``graph`` under these credences.

    A set node's belief is its credence. An undecided node's belief is 0.5 moved
    by as much as the user's credences move its DF-QuAD strength away from its
    strength in the all-undecided map: the map's own balance of arguments (how many
    quotes each side has) is not a belief anyone holds, so with nothing set every
    node is at 0.5 and the mixture is the pooled view; what the user decides
    propagates to the nodes it supports or attacks.
    """
    from debate_explorer.core.graph.semantics import strengths

    neutral = graph.cached("neutral_strengths", lambda: strengths(graph, {}).strengths)
    settled = strengths(graph, credences, settled=True).strengths
    return {
        n: float(credences[n]) if n in credences else min(max(0.5 + settled[n] - neutral[n], 0.0), 1.0)
        for n in graph.nodes
    }  # the same ids, in the same order, as the strengths


def node_strengths(scenario: Scenario, graph: ArgumentGraph | None) -> dict[str, float]:
    """The belief in every graph node under the scenario's credences (rule 1 above)."""
    if graph is None:
        return {}
    return beliefs(graph, scenario.graph.credences)


def voice_weight(belief: float) -> float:
    """Rule 2: the odds of the belief, squared."""
    b = min(max(belief, BELIEF_CLIP), 1.0 - BELIEF_CLIP)
    return (b / (1.0 - b)) ** 2


def link_weights(graph: ArgumentGraph, links: Sequence[InformsLink], beliefs: Mapping[str, float]) -> list[float]:
    """The mixture weight of each link to one assumption (rules 2 and 4)."""

    def group(node: str) -> str:
        if graph.node(node).kind == "position":
            answered = graph.answered(node)
            if answered:
                return "question:" + min(answered)
        return "node:" + node

    keys = [group(link.node) for link in links]
    sizes = {k: keys.count(k) for k in keys}
    return [voice_weight(beliefs.get(link.node, 0.5)) / sizes[k] for link, k in zip(links, keys, strict=True)]


def effective_assumptions(
    scenario: Scenario,
    graph: ArgumentGraph | None = None,
    strengths: Mapping[str, float] | None = None,
) -> list[EffectiveAssumption]:
    """The mixture for every assumption of the scenario's kind, in kind order.

    Pass ``strengths`` (beliefs, rule 1) when they are already known (the crux
    analysis varies them directly); otherwise they come from the scenario's credences.
    """
    kind: ModelKind = scenario.kind
    if strengths is None:
        strengths = node_strengths(scenario, graph)
    out = []
    for a in kind.assumptions:
        parts: tuple[MixturePart, ...]
        override = scenario.assumptions.get(a.name)
        if override is not None:
            parts = (MixturePart("override", "override", 1.0, override),)
        else:
            prior = scenario.priors.get(a.name, a.prior)
            label = "scenario prior" if a.name in scenario.priors else "prior"
            parts = (MixturePart("prior", label, scenario.graph.prior_weight, prior),)
            if graph is not None:
                links = graph.links_for_assumption(a.name, model=kind.name)
                parts += tuple(
                    MixturePart("link", graph.node(link.node).title_en, w, link.dist, link.node, link.rationale)
                    for link, w in zip(links, link_weights(graph, links, strengths), strict=True)
                )
        out.append(EffectiveAssumption(a, parts))
    return out
