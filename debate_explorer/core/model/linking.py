"""From credences to engine input: claim → credence → strength → mixture.

For each assumption of the scenario's model kind the engine samples a mixture:

- the prior (the kind's default, or the scenario's ``[priors]`` entry) with
  weight ``graph.prior_weight``;
- for every ``informs`` link from a graph node to the assumption, the
  distribution that node implies, with the node's *strength* (its credence
  propagated through supports/attacks, see ``core.graph.semantics``).

An ``[assumptions]`` override replaces the whole mixture. If every weight is
zero (prior weight 0 and no linked node with any strength) the prior is used
alone, so a run never fails for want of an opinion.

Monotonicity: a node's strength rises with its credence and with the
credences of its supporters, so raising the credence of a position moves each
assumption it informs toward the distribution that position implies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from debate_explorer.core.engine.kinds.base import ModelKind
from debate_explorer.core.model.assumptions import Assumption
from debate_explorer.core.model.distributions import AnyDist, mixture_of
from debate_explorer.core.model.scenario import Scenario


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


def node_strengths(scenario: Scenario, graph) -> dict[str, float]:
    """Strength of every graph node under the scenario's credences."""
    if graph is None:
        return {}
    from debate_explorer.core.graph.semantics import strengths

    return dict(strengths(graph, scenario.graph.credences).strengths)


def effective_assumptions(
    scenario: Scenario,
    graph=None,
    strengths: Mapping[str, float] | None = None,
) -> list[EffectiveAssumption]:
    """The mixture for every assumption of the scenario's kind, in kind order.

    Pass ``strengths`` when they are already known (the crux analysis varies
    them directly); otherwise they are computed from the scenario's credences.
    """
    kind: ModelKind = scenario.kind
    if strengths is None:
        strengths = node_strengths(scenario, graph)
    out = []
    for a in kind.assumptions:
        override = scenario.assumptions.get(a.name)
        if override is not None:
            parts = (MixturePart("override", "override", 1.0, override),)
        else:
            prior = scenario.priors.get(a.name, a.prior)
            label = "scenario prior" if a.name in scenario.priors else "prior"
            parts = (MixturePart("prior", label, scenario.graph.prior_weight, prior),)
            if graph is not None:
                parts += tuple(
                    MixturePart("link", graph.node(link.node).title_en, strengths.get(link.node, 0.0),
                                link.dist, link.node, link.rationale)
                    for link in graph.links_for_assumption(a.name, model=kind.name)
                )
        out.append(EffectiveAssumption(a, parts))
    return out
