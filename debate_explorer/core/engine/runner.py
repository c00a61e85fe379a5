"""Run a compiled model: chunking, seeding, threads, progress and cancellation.

Reproducibility: the samples are cut into fixed-size chunks and chunk ``i`` gets
its own generator from ``SeedSequence(seed).spawn(n_chunks)[i]``. Which thread
runs a chunk does not matter, and histogram counts are integers, so the same
seed and sample count give bit-identical results for any number of threads.

Parallelism: the numba kernels release the GIL (``nogil=True``), so a plain
thread pool runs chunks on all cores. No numba ``parallel=True`` kernel is used,
which sidesteps the workqueue threading layer's abort when two parallel kernels
overlap, and lets the runner check for cancellation between chunks.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

import numpy as np

from debate_explorer.core.engine import priority
from debate_explorer.core.engine.kinds.base import ChunkOutput, KindSettings, ModelKind
from debate_explorer.core.engine.program import Program
from debate_explorer.core.engine.results import RunResult
from debate_explorer.core.errors import CancelledError

BACKENDS = ("numba", "numpy")
MAX_SAMPLES = 10_000_000

_pools: dict[tuple[int, int], ThreadPoolExecutor] = {}
_pools_lock = threading.Lock()


def default_threads() -> int:
    return max(1, os.cpu_count() or 1)


def engine_pool(threads: int) -> ThreadPoolExecutor:
    """The shared thread pool that runs engine chunks (one per thread count), its threads
    at the process's engine nice value (``priority``: an interactive process lowers them)."""
    nice = priority.engine_nice()
    with _pools_lock:
        if (threads, nice) not in _pools:
            _pools[threads, nice] = ThreadPoolExecutor(
                threads, thread_name_prefix="de-engine", initializer=priority.lower_this_thread, initargs=(nice,)
            )
        return _pools[threads, nice]


@dataclass(frozen=True)
class Compiled:
    """Everything a run needs that does not change between seeds and sample counts."""

    kind: ModelKind
    program: Program
    consts: np.ndarray
    settings: KindSettings
    start: float
    horizon: float


def chunk_seeds(seed: int, samples: int, chunk_size: int) -> list[np.random.SeedSequence]:
    """One seed per chunk of ``chunk_size`` samples (the kind's ``chunk_size``)."""
    n_chunks = -(-samples // chunk_size)
    return np.random.SeedSequence(seed).spawn(n_chunks)


def _take_prefix(prefix: RunResult | None, key: tuple[str, int, str], chunk_size: int, out: ChunkOutput) -> int:
    """Copy the whole chunks of ``prefix`` into ``out`` (the run's arrays, ``hist`` its
    total); the number of chunks taken. ``key``: (kind, seed, backend) of the run."""
    if prefix is None or (prefix.kind, prefix.seed, prefix.backend) != key:
        return 0
    n = prefix.samples
    if n > len(out.milestones) or n % chunk_size or (prefix.inputs is None) != (out.inputs is None):
        return 0  # a partial last chunk is not this run's chunk of the same index
    if prefix.band_counts.shape != out.hist.shape:
        return 0
    out.milestones[:n], out.extras[:n] = prefix.years, prefix.extras
    if out.inputs is not None and prefix.inputs is not None:
        out.inputs[:n] = prefix.inputs
    out.hist += prefix.band_counts
    return n // chunk_size


def run_compiled(
    compiled: Compiled,
    *,
    samples: int,
    seed: int,
    backend: str = "numba",
    threads: int | None = None,
    keep_inputs: bool = False,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
    revision: int = 0,
    prefix: RunResult | None = None,
) -> RunResult:
    """Run ``samples`` Monte Carlo samples; raise CancelledError if ``cancel()`` turns true.

    ``prefix``: an earlier, smaller run of the same compiled scenario, seed and backend
    (the app's preview). Chunk ``i`` depends only on the seed and ``i``, so its whole
    chunks are this run's first chunks: they are copied, not computed again, and the
    result is bit-identical to a run without it.
    """
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; use one of {', '.join(BACKENDS)}")
    kind = compiled.kind
    threads = threads or default_threads()
    n_a = len(kind.assumptions)
    n_years = len(kind.band_years(compiled.start, compiled.horizon))
    years = np.empty((samples, len(kind.milestones)))
    extras = np.empty((samples, len(kind.extras)))
    inputs = np.empty((samples, n_a)) if keep_inputs else None
    hist_shape = (len(kind.bands), n_years, max((b.bins for b in kind.bands), default=0) + 2)
    total = np.zeros(hist_shape, np.int64)
    run_chunk = kind.run_chunk_numba if backend == "numba" else kind.run_chunk_numpy

    def work(i: int, ss: np.random.SeedSequence) -> np.ndarray:
        lo, hi = i * kind.chunk_size, min(samples, (i + 1) * kind.chunk_size)
        hist = np.zeros(hist_shape, np.int32)  # a chunk never counts past 2^31
        out = ChunkOutput(years[lo:hi], extras[lo:hi], hist, None if inputs is None else inputs[lo:hi])
        run_chunk(np.random.Generator(np.random.PCG64(ss)), compiled.program, compiled.consts, out)
        return hist

    t0 = time.perf_counter()
    seeds = chunk_seeds(seed, samples, kind.chunk_size)
    pool = engine_pool(threads)
    pending: set[Future[Any]] = set()
    whole = ChunkOutput(years, extras, total, inputs)
    done = _take_prefix(prefix, (kind.name, seed, backend), kind.chunk_size, whole)
    queue = list(enumerate(seeds))[done:]
    # Keep only a few chunks in flight so that cancellation is prompt.
    while queue or pending:
        while queue and len(pending) < 2 * threads:
            i, ss = queue.pop(0)
            pending.add(pool.submit(work, i, ss))
        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
        for fut in finished:
            total += fut.result()
            done += 1
        if progress is not None:
            progress(done, len(seeds))
        if cancel is not None and cancel():
            wait(pending)
            raise CancelledError("run cancelled")
    seconds = time.perf_counter() - t0
    result = RunResult(
        kind=kind.name,
        samples=samples,
        seed=seed,
        backend=backend,
        threads=threads,
        seconds=seconds,
        start=compiled.start,
        horizon=compiled.horizon,
        milestones=kind.milestones,
        years=years,
        extras=extras,
        extra_names=kind.extras,
        bands=kind.bands,
        band_years=kind.band_years(compiled.start, compiled.horizon),
        band_counts=total,
        regimes=kind.regimes(compiled.settings, extras),
        assumption_names=kind.assumption_names,
        inputs=inputs,
        regime_year=getattr(compiled.settings, "regime_year", None),
        revision=revision,
    )
    for m in kind.milestones:  # summarise here, on the caller's (worker) thread, not on the GUI's
        result.milestone(m.key)
    return result
