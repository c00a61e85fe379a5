"""Common random numbers, cheaply: re-simulate only the samples a variant changes.

A crux analysis runs hundreds of variants of one scenario that differ only in
the weights of a few assumption mixtures. Every sample consumes a fixed set of
uniforms (``engine.kinds.base``): per assumption a quantile ``uq`` and a
mixture choice ``uc``. When only weights change, a sample's assumption values
change only if its ``uc`` now falls in a different mixture component — usually
a minority of samples. So :class:`Replay` keeps the base run's uniforms and
outputs, finds the samples whose chosen component changed, and re-simulates
just those with the variant's program. The result is bit-identical to a full
run of the variant with the same seed (a test checks this), at a fraction of
the cost.

The fast path needs a kernel that simulates given rows of uniforms; it exists
for kinds that declare one (``ModelKind.rows_kernel``). Other kinds fall back to full runs,
which are still on common random numbers, only slower.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from debate_explorer.core.analysis.metrics import Samples
from debate_explorer.core.engine.compute import compile_scenario
from debate_explorer.core.engine.program import Program
from debate_explorer.core.engine.runner import (
    Compiled,
    chunk_seeds,
    default_threads,
    engine_pool,
    run_compiled,
)
from debate_explorer.core.model.distributions import AnyDist
from debate_explorer.core.model.linking import EffectiveAssumption, effective_assumptions
from debate_explorer.core.model.scenario import Scenario

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph

# Above this many bytes of stored uniforms the replay falls back to full runs
# (about 500,000 samples of the debate model; the sorted mixture-choice columns
# built on demand take as much again).
MAX_UNIFORM_BYTES = 150 * 2**20


@dataclass(frozen=True)
class Variant:
    """A variant's per-sample outputs and which samples differ from the base."""

    samples: Samples
    changed: np.ndarray  # bool per sample

    @property
    def changed_share(self) -> float:
        return float(self.changed.mean()) if len(self.changed) else 0.0


def leaf_identity(e: EffectiveAssumption) -> np.ndarray:
    """For each compiled leaf of this assumption, which (part, leaf of part) it is.

    Parts with zero weight are dropped when compiling, so leaf positions shift
    between variants; identities do not. Codes are part * 4096 + leaf.
    """
    live = [i for i, p in enumerate(e.parts) if p.weight > 0]
    if not live:  # the prior alone (EffectiveAssumption.dist)
        return np.array([-(k + 1) for k in range(len(e.assumption.prior.leaves()))], np.int64)
    return np.array([i * 4096 + k for i in live for k in range(len(e.parts[i].dist.leaves()))], np.int64)


def switched_intervals(
    old_cumw: np.ndarray, old_ids: np.ndarray, new_cumw: np.ndarray, new_ids: np.ndarray
) -> list[tuple[float, float]]:
    """Intervals [a, b) of the mixture-choice uniform on which the two programs pick
    different components (the sampler's rule: the first leaf whose cumw exceeds uc)."""
    edges = np.unique(np.concatenate([[0.0, 1.0], old_cumw, new_cumw]))
    edges = edges[(edges >= 0.0) & (edges <= 1.0)]
    lo = edges[:-1]
    old = old_ids[np.minimum(np.searchsorted(old_cumw, lo, side="right"), len(old_cumw) - 1)]
    new = new_ids[np.minimum(np.searchsorted(new_cumw, lo, side="right"), len(new_cumw) - 1)]
    return [(float(a), float(b)) for a, b, o, n in zip(lo, edges[1:], old, new, strict=True) if o != n]


def _hist_scratch(compiled: Compiled) -> np.ndarray:
    """Somewhere for the kernel to count band histograms that the replay does not read."""
    kind = compiled.kind
    n_years = len(kind.band_years(compiled.start, compiled.horizon))
    return np.zeros((len(kind.bands), n_years, max((b.bins for b in kind.bands), default=0) + 2), np.int32)


def _dists(e: EffectiveAssumption) -> list[AnyDist]:
    return [p.dist for p in e.parts]


def _weights(e: EffectiveAssumption) -> tuple[float, ...]:
    return tuple(p.weight for p in e.parts)


class Replay:
    """A base run kept with its uniforms, for cheap variants on common random numbers."""

    def __init__(
        self,
        scenario: Scenario,
        graph: ArgumentGraph | None = None,
        *,
        samples: int,
        seed: int,
        threads: int | None = None,
        keep_inputs: bool = False,
        cancel: Callable[[], bool] | None = None,
    ) -> None:
        self.scenario = scenario
        self.graph = graph
        self.samples = samples
        self.seed = seed
        self.threads = threads or default_threads()
        self.effective = effective_assumptions(scenario, graph)
        self.compiled = compile_scenario(scenario, graph, effective=self.effective)
        result = run_compiled(
            self.compiled, samples=samples, seed=seed, threads=self.threads, keep_inputs=keep_inputs, cancel=cancel
        )
        self.result = result
        self.base = Samples.of(result, scenario)
        kind = scenario.kind
        self.row_kernel = kind.rows_kernel
        if samples * kind.n_draws * 8 > MAX_UNIFORM_BYTES:
            self.row_kernel = None
        self.uniforms = self._draw_uniforms() if self.row_kernel is not None else None
        if self.uniforms is not None:
            self._scratch = [_hist_scratch(self.compiled) for _ in range(self.threads)]
        self._sorted_uc: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.runs = 1

    def _draw_uniforms(self) -> np.ndarray:
        """The uniforms the kernels consumed: numpy's ``random((n, k))`` per chunk
        draws them in the same order as the kernels' per-sample loop."""
        n_draws = self.scenario.kind.n_draws
        blocks, left = [], self.samples
        size = self.scenario.kind.chunk_size
        for ss in chunk_seeds(self.seed, self.samples, size):
            n = min(left, size)
            blocks.append(np.random.Generator(np.random.PCG64(ss)).random((n, n_draws)))
            left -= n
        return np.concatenate(blocks) if blocks else np.zeros((0, n_draws))

    # -- variants -------------------------------------------------------------
    def with_strengths(self, strengths: Mapping[str, float], *, years_only: bool = False) -> Variant:
        """The base scenario with node strengths replaced (a credence variant)."""
        return self.variant(effective_assumptions(self.scenario, self.graph, strengths), years_only=years_only)

    def variant(self, effective: Sequence[EffectiveAssumption], *, years_only: bool = False) -> Variant:
        """Outputs with these mixtures in place of the base's.

        ``years_only``: the caller reads only milestone years, so changes to
        assumptions that feed nothing but the economy are ignored and the
        variant carries no extras (``samples.extras`` is None).
        """
        changed_j = [
            j
            for j, (a, b) in enumerate(zip(self.effective, effective, strict=True))
            if _weights(a) != _weights(b) or a.parts != b.parts
        ]
        if years_only:
            skip = self.scenario.kind.economy_only
            changed_j = [j for j in changed_j if self.effective[j].assumption.name not in skip]
        base = self.base.with_outputs(self.base.years, None) if years_only else self.base
        if not changed_j:
            return Variant(base, np.zeros(self.samples, bool))
        compiled = compile_scenario(self.scenario, self.graph, effective=list(effective))
        self.runs += 1
        if self.row_kernel is None:
            return self._full_run(compiled)
        if any(_dists(self.effective[j]) != _dists(effective[j]) for j in changed_j):
            rows = np.arange(self.samples)  # new distributions: every sample's value moves
        else:
            rows = self._changed_rows(compiled, effective, changed_j)
        years, extras = self.result.years.copy(), self.result.extras.copy()  # the base's outputs
        self._simulate(compiled, rows, years, extras)
        changed = np.zeros(self.samples, bool)
        changed[rows] = True
        return Variant(base.with_outputs(years, None if years_only else extras), changed)

    def _full_run(self, compiled: Compiled) -> Variant:
        r = run_compiled(compiled, samples=self.samples, seed=self.seed, threads=self.threads)
        b = self.base
        changed = np.any(r.years != b.years, axis=1) | np.any(r.extras != b.extras, axis=1)
        return Variant(b.with_outputs(r.years, r.extras), changed)

    def _segment(self, program: Program, j: int) -> np.ndarray:
        s, c = int(program.a_start[j]), int(program.a_count[j])
        return program.c_cumw[s : s + c]

    def _by_uc(self, j: int) -> tuple[np.ndarray, np.ndarray]:
        """(sorted mixture-choice uniforms of assumption j, the samples in that order)."""
        if j not in self._sorted_uc:
            assert self.uniforms is not None  # only the fast path (which keeps them) sorts uniforms
            uc = self.uniforms[:, 2 * j + 1]
            order = np.argsort(uc, kind="stable")
            self._sorted_uc[j] = (uc[order], order)
        return self._sorted_uc[j]

    def _changed_rows(
        self, compiled: Compiled, effective: Sequence[EffectiveAssumption], changed_j: list[int]
    ) -> np.ndarray:
        """Samples whose chosen mixture component differs from the base's.

        Between consecutive boundaries of either program both choose a fixed
        component, so the switched samples are those whose ``uc`` falls in the
        intervals where the two choices differ: found by binary search in the
        sorted ``uc``, at a cost that grows with the number switched, not with n.
        """
        mask = np.zeros(self.samples, bool)
        for j in changed_j:
            for a, b in switched_intervals(
                self._segment(self.compiled.program, j),
                leaf_identity(self.effective[j]),
                self._segment(compiled.program, j),
                leaf_identity(effective[j]),
            ):
                uc, order = self._by_uc(j)
                mask[order[np.searchsorted(uc, a) : np.searchsorted(uc, b)]] = True
        return np.flatnonzero(mask)

    def _simulate(self, compiled: Compiled, rows: np.ndarray, years: np.ndarray, extras: np.ndarray) -> None:
        """Re-simulate ``rows`` in place, split across the engine's worker threads."""
        if len(rows) == 0:
            return
        kernel = self.row_kernel
        assert kernel is not None  # only the fast path re-simulates rows
        parts = np.array_split(rows, self.threads)
        futures = [
            engine_pool(self.threads).submit(
                kernel, compiled.program, compiled.consts, self.uniforms, p, years, extras, scratch
            )
            for p, scratch in zip(parts, self._scratch)
            if len(p)
        ]
        for f in futures:
            f.result()
