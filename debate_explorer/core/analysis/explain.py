"""Why did the outcome move: a metric's change from scenario A to B, split between assumptions.

Two scenarios of one model kind sample some assumptions from different
distributions (the mixtures ``effective_assumptions`` builds from credences,
priors and overrides). The explanation finds those *moved* assumptions and
splits the change of a metric between them by **Shapley values**: each
assumption's contribution is its average marginal effect when the moved
assumptions are switched from A's distribution to B's one at a time, averaged
over every order in which they could be switched. The contributions of
interacting assumptions (a compute wall that matters only when software
progress is slow) are shared fairly, and they add up by construction:
``sum(contributions) = v(all switched) − v(none switched)``.

Every variant runs on common random numbers (the same seed and sample count,
through :class:`~.replay.Replay`, so only samples whose inputs changed are
re-simulated): a difference between variants is the assumptions' doing, not
sampling noise. With few moved assumptions every subset is evaluated (exact
Shapley); with many, random orders are sampled (each order, with its reverse,
telescopes to the full change, so the sum stays exact and only the split
carries sampling error, reported as ``se``).

The **remainder** is ``total − sum(contributions)``. Variants are compiled with
A's settings (time step, horizon, model settings, correlations); when B's
differ, their effect cannot be pinned on an assumption and lands in the
remainder, which says so in ``remainder_note``. Otherwise it is zero up to
rounding.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from debate_explorer.core.analysis.metrics import Metric, Samples, parse_metric
from debate_explorer.core.analysis.noise import batch_count, paired_se
from debate_explorer.core.analysis.replay import Replay
from debate_explorer.core.engine.compute import run_scenario
from debate_explorer.core.errors import CancelledError, InputError
from debate_explorer.core.model.distributions import AnyDist
from debate_explorer.core.model.linking import EffectiveAssumption, effective_assumptions
from debate_explorer.core.model.scenario import Scenario

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph

DEFAULT_SAMPLES = 30_000
EXACT_LIMIT = 7  # up to 2^7 = 128 subsets; beyond, sample orders
DEFAULT_EVALUATIONS = 160  # budget of variant runs when orders are sampled
SHARE_TOL = 1e-12


@dataclass(frozen=True)
class Contribution:
    """One moved assumption's part of the change (in the metric's units)."""

    assumption: str
    label: str
    unit: str
    contribution: float
    share: float | None  # contribution / total; None when the total is 0
    alone: float  # the change if only this assumption moved (one-at-a-time)
    se: float  # sampling error of the split when orders were sampled; 0 when exact


@dataclass(frozen=True)
class Explanation:
    metric: Metric
    title_a: str
    title_b: str
    value_a: float
    value_b: float
    total: float
    total_se: float  # Monte Carlo standard error of the total change (batch means)
    contributions: tuple[Contribution, ...]  # largest |contribution| first
    remainder: float
    remainder_note: str
    method: str  # "exact", "sampled" or "none" (nothing moved)
    orders: int  # orders averaged over (all of them when exact)
    runs: int  # variants simulated
    samples: int
    seed: int
    seconds: float
    inert: tuple[str, ...] = ()  # moved, but this metric never reads them (exact 0, not simulated)

    @property
    def interaction(self) -> float:
        """How much of the change the one-at-a-time effects miss (Shapley shares it out)."""
        return self.total - self.remainder - sum(c.alone for c in self.contributions)

    def to_dict(self) -> dict[str, Any]:
        m = self.metric
        return {
            "metric": {"name": m.name, "label": m.label, "unit": m.unit},
            "a": {"title": self.title_a, "value": _num(self.value_a)},
            "b": {"title": self.title_b, "value": _num(self.value_b)},
            "total": _num(self.total),
            "total_se": _num(self.total_se),
            "contributions": [
                {
                    "assumption": c.assumption,
                    "label": c.label,
                    "unit": c.unit,
                    "contribution": _num(c.contribution),
                    "share": _num(c.share),
                    "alone": _num(c.alone),
                    "se": _num(c.se),
                }
                for c in self.contributions
            ],
            "remainder": _num(self.remainder),
            "remainder_note": self.remainder_note,
            "interaction": _num(self.interaction),
            "not_read_by_metric": list(self.inert),
            "method": self.method,
            "orders": self.orders,
            "runs": self.runs,
            "samples": self.samples,
            "seed": self.seed,
            "seconds": round(self.seconds, 3),
        }


def _num(v: float | None) -> float | None:
    return None if v is None or not math.isfinite(v) else round(float(v), 9)


# -- which assumptions moved --------------------------------------------------------------
def mixture_key(e: EffectiveAssumption) -> tuple[tuple[float, AnyDist], ...]:
    """What the engine samples for an assumption: its live parts with normalised shares.

    Two mixtures whose weights differ only by a common factor are the same
    distribution, so shares (not raw weights) are compared.
    """
    live = [(p.weight, p.dist) for p in e.parts if p.weight > 0]
    if not live:
        return ((1.0, e.assumption.prior),)
    total = sum(w for w, _ in live)
    return tuple((w / total, d) for w, d in live)


def same_mixture(a: EffectiveAssumption, b: EffectiveAssumption) -> bool:
    ka, kb = mixture_key(a), mixture_key(b)
    return len(ka) == len(kb) and all(
        abs(wa - wb) <= SHARE_TOL and da == db for (wa, da), (wb, db) in zip(ka, kb, strict=True)
    )


def moved_assumptions(a: Sequence[EffectiveAssumption], b: Sequence[EffectiveAssumption]) -> list[str]:
    """Names of the assumptions whose sampled distribution differs between A and B (kind order)."""
    return [x.assumption.name for x, y in zip(a, b, strict=True) if not same_mixture(x, y)]


def moved_between(a: Scenario, b: Scenario, graph: ArgumentGraph | None = None) -> list[str]:
    """The moved assumptions of two scenarios (none when their model kinds differ)."""
    if a.model != b.model:
        return []
    return moved_assumptions(effective_assumptions(a, graph), effective_assumptions(b, graph))


def settings_differences(a: Scenario, b: Scenario) -> list[str]:
    """What besides the assumptions' distributions makes B's run differ from A's."""
    out = []
    if (a.start, a.horizon) != (b.start, b.horizon):
        out.append("start/horizon")
    if a.run.step != b.run.step:
        out.append("time step")
    if a.kind_settings != b.kind_settings:
        out.append("model settings")
    if a.correlations != b.correlations:
        out.append("correlations")
    return out


# -- the split ----------------------------------------------------------------------------
class _Game:
    """v(S): the metric with the assumptions in S taken from B, the rest from A."""

    def __init__(
        self,
        replay: Replay,
        metric: Metric,
        base: list[EffectiveAssumption],
        target: list[EffectiveAssumption],
        players: list[int],
        cancel: Callable[[], bool] | None,
    ) -> None:
        self.replay, self.metric, self.base, self.target = replay, metric, base, target
        self.players = players
        self.cancel = cancel
        self.years_only = not metric.reads_extras
        self.cache: dict[frozenset[int], float] = {frozenset(): metric.value(replay.base)}
        self.samples: Samples | None = None  # outputs of the last evaluation of all players

    def __call__(self, coalition: frozenset[int]) -> float:
        if coalition not in self.cache:
            if self.cancel is not None and self.cancel():
                raise CancelledError("explanation cancelled")
            mixed = [self.target[j] if j in coalition else self.base[j] for j in range(len(self.base))]
            variant = self.replay.variant(mixed, years_only=self.years_only)
            if len(coalition) == len(self.players):
                self.samples = variant.samples
            self.cache[coalition] = self.metric.value(variant.samples)
        return self.cache[coalition]


def _exact_shapley(game: _Game, progress: Callable[[int, int], None] | None) -> tuple[np.ndarray, np.ndarray, int]:
    players = game.players
    k = len(players)
    subsets = [frozenset(c) for r in range(k + 1) for c in itertools.combinations(players, r)]
    for i, s in enumerate(subsets):
        game(s)
        if progress is not None:
            progress(i + 1, len(subsets))
    phi = np.zeros(k)
    for i, p in enumerate(players):
        others = [q for q in players if q != p]
        for r in range(k):
            weight = math.factorial(r) * math.factorial(k - r - 1) / math.factorial(k)
            for c in itertools.combinations(others, r):
                s = frozenset(c)
                phi[i] += weight * (game(s | {p}) - game(s))
    return phi, np.zeros(k), math.factorial(k)


def _sampled_shapley(
    game: _Game, orders: int, seed: int, progress: Callable[[int, int], None] | None
) -> tuple[np.ndarray, np.ndarray, int]:
    """Average marginal effects over random orders, each with its reverse (antithetic pairs)."""
    players = game.players
    k = len(players)
    rng = np.random.default_rng([seed, 0x5A4A])
    pairs = max(1, orders // 2)
    marginals = np.zeros((2 * pairs, k))
    for t in range(pairs):
        order = list(rng.permutation(k))
        for r, perm in enumerate((order, order[::-1])):
            coalition: frozenset[int] = frozenset()
            prev = game(coalition)
            for i in perm:
                coalition = coalition | {players[i]}
                value = game(coalition)
                marginals[2 * t + r, i] = value - prev
                prev = value
        if progress is not None:
            progress(t + 1, pairs)
    phi = marginals.mean(axis=0)
    # Orders come in reverse pairs: average each pair first so the pairs are independent.
    pair_means = marginals.reshape(pairs, 2, k).mean(axis=1)
    se = pair_means.std(axis=0, ddof=1) / np.sqrt(pairs) if pairs > 1 else np.full(k, np.nan)
    return phi, se, 2 * pairs


def _shapley(
    game: _Game, exact_limit: int, evaluations: int, seed: int, progress: Callable[[int, int], None] | None
) -> tuple[np.ndarray, np.ndarray, int, str]:
    """(contributions, their sampling errors, orders averaged, method) for the game's players."""
    k = len(game.players)
    if k == 0:
        return np.zeros(0), np.zeros(0), 0, "none"
    if k <= exact_limit:
        return (*_exact_shapley(game, progress), "exact")
    return (*_sampled_shapley(game, max(2, evaluations // k), seed, progress), "sampled")


def _end_value(game: _Game, ra: Scenario, rb: Scenario, threads: int | None) -> tuple[float, Samples, str]:
    """B's value, its per-sample outputs and a note on what the remainder holds.

    With B's settings equal to A's, every moved assumption switched *is* B (same
    program, same random numbers), so no extra run is needed.
    """
    value_all = game(frozenset(game.players))
    differs = settings_differences(ra, rb)
    if not differs:
        return value_all, game.samples if game.samples is not None else game.replay.base, ""
    r = game.replay
    run_b = run_scenario(rb, r.graph, samples=r.samples, seed=r.seed, threads=threads, cancel=game.cancel)
    samples_b = Samples.of(run_b, rb)
    note = "differences in " + ", ".join(differs) + " (not attributable to one assumption)"
    return game.metric.value(samples_b), samples_b, note


def explain_change(
    a: Scenario,
    b: Scenario,
    graph: ArgumentGraph | None = None,
    metric: str | Metric = "agi_median",
    *,
    samples: int | None = None,
    seed: int | None = None,
    exact_limit: int = EXACT_LIMIT,
    evaluations: int = DEFAULT_EVALUATIONS,
    threads: int | None = None,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Explanation:
    """Split ``metric(B) − metric(A)`` between the assumptions whose distributions moved.

    Both runs (and every variant) use ``samples`` and ``seed`` (default: A's seed
    and ``DEFAULT_SAMPLES``), so the split is on common random numbers.
    """
    t0 = time.perf_counter()
    if a.model != b.model:
        raise InputError(
            f"cannot explain a change of model ('{a.model}' to '{b.model}'): the two scenarios must use the same model"
        )
    kind = a.kind
    if isinstance(metric, str):
        metric = parse_metric(metric, kind, a.kind_settings)
    n = samples if samples is not None else DEFAULT_SAMPLES
    seed = seed if seed is not None else a.run.seed
    ra, rb = metric.prepare(a), metric.prepare(b)
    # Links are per model kind: a kind the graph does not inform simply gets none.
    replay = Replay(ra, graph, samples=n, seed=seed, threads=threads, cancel=cancel)
    base, target = replay.effective, effective_assumptions(rb, graph)
    moved = [j for j, (x, y) in enumerate(zip(base, target, strict=True)) if not same_mixture(x, y)]
    # Assumptions that feed only the kind's extras cannot move a metric of milestone
    # years: they are listed with an exact 0 and kept out of the game (fewer players).
    idle = kind.economy_only if not metric.reads_extras else frozenset()
    players = [j for j in moved if base[j].assumption.name not in idle]
    game = _Game(replay, metric, base, target, players, cancel)
    phi, se, orders, method = _shapley(game, exact_limit, evaluations, seed, progress)
    value_a = game(frozenset())
    value_b, samples_b, note = _end_value(game, ra, rb, threads)
    total = value_b - value_a
    total_se = _total_se(metric, replay, samples_b, n)
    contributions = _contributions(game, phi, se, moved, total)
    remainder = total - sum(c.contribution for c in contributions)
    return Explanation(
        metric,
        a.title,
        b.title,
        value_a,
        value_b,
        total,
        total_se,
        tuple(contributions),
        remainder,
        note,
        method,
        orders,
        replay.runs - 1 + bool(note),
        n,
        seed,
        time.perf_counter() - t0,
        tuple(base[j].assumption.name for j in moved if j not in players),
    )


def _contributions(game: _Game, phi: np.ndarray, se: np.ndarray, moved: list[int], total: float) -> list[Contribution]:
    """One entry per moved assumption (those outside the game at an exact 0), largest first."""
    value_a = game(frozenset())
    split = dict(zip(game.players, zip(phi, se, strict=True), strict=True))
    out = []
    for j in moved:
        a = game.base[j].assumption
        phi_j, se_j = split.get(j, (0.0, 0.0))
        alone = game(frozenset({j})) - value_a if j in split else 0.0
        out.append(
            Contribution(
                a.name, a.label, a.unit, float(phi_j), float(phi_j / total) if total != 0 else None, alone, float(se_j)
            )
        )
    out.sort(key=lambda c: (-abs(c.contribution), c.assumption))
    return out


def _total_se(metric: Metric, replay: Replay, samples_b: Samples, n: int) -> float:
    """Batch-means standard error of the total change (every sample counts as changed)."""
    if samples_b is replay.base or samples_b.extras is None and metric.reads_extras:
        return 0.0
    sa = replay.base if samples_b.extras is not None else replay.base.with_outputs(replay.base.years, None)
    return paired_se(metric, samples_b, sa, np.ones(n, bool), batch_count(n))
