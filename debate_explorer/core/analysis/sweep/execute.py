"""Run a sweep: serially in this process, or on Dask — a local cluster or a remote one.

The unit of work is one design point (:func:`point.run_point`); a Dask task runs
one point, or a small batch of cheap ones (:func:`points_per_task`). Dask
schedules the tasks, re-runs them on another worker when a worker dies (the
scheduler's ``allowed-failures``), and reports each as it finishes, when its
points are journalled.
Each Dask worker runs one task at a time on one engine thread; a worker plugin
loads the graph and the compiled kernels once per worker process (from the
numba cache that importing ``debate_explorer`` points at), including workers
that join or restart mid-sweep, so the per-point cost is the run itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import itertools
import json
import logging
import os
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from distributed import WorkerPlugin

from debate_explorer.core.analysis.sweep.design import design_points, point_seed
from debate_explorer.core.analysis.sweep.point import (
    GraphRef,
    PointJob,
    PointRecord,
    graph_ref,
    resolve_graph,
    run_point,
    run_points,
    warm_up,
)
from debate_explorer.core.analysis.sweep.sobol import sobol_indices
from debate_explorer.core.analysis.sweep.spec import SobolDesign, SweepSpec, check_against_graph
from debate_explorer.core.analysis.sweep.store import (
    SUMMARY_FORMAT,
    Journal,
    check_output,
    journal_path,
    records_frame,
    write_results,
    write_summary,
)
from debate_explorer.core.engine.kinds import DEFAULT_KIND
from debate_explorer.core.errors import InputError
from debate_explorer.core.model.scenario import scenario_to_dict

if TYPE_CHECKING:
    from dask.typing import Key
    from distributed import Client, Future, Security, Worker

logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
CONNECT_TIMEOUT = "10s"
WORKER_WAIT = 60.0  # seconds
# Batching (see points_per_task); rough costs of the debate model on one thread.
TASK_SECONDS = 0.1
POINT_OVERHEAD = 0.004
SECONDS_PER_SAMPLE = 5e-6
MAX_FAILURES_IN_SUMMARY = 200


@dataclass
class SweepOutcome:
    """What a finished sweep produced, for the caller to report."""

    spec: SweepSpec
    out: Path
    frame: pd.DataFrame
    failed: list[PointRecord]
    sobol: dict[str, dict[str, Any]] | None
    resumed: int
    computed: int
    seconds: float
    where: str
    summary_file: Path | None = None


def make_jobs(spec: SweepSpec) -> list[PointJob]:
    """One job per design point, each with its own seed (see ``design.point_seed``)."""
    scenarios = dict(spec.scenarios)
    base = scenario_to_dict(spec.base)
    jobs = []
    for point in design_points(spec):
        label = point.params.get("scenario")
        if label is not None:
            assert isinstance(label, str), "only a 'scenarios' design has the 'scenario' parameter: a label"
            data = scenario_to_dict(scenarios[label])
        else:
            data = base
        jobs.append(
            PointJob(
                point.index,
                point.params,
                data,
                spec.samples,
                point_seed(spec.seed, point.index, spec.seeding),
                spec.metrics,
            )
        )
    return jobs


def sweep_digest(jobs: list[PointJob], graph: GraphRef) -> str:
    """Names everything that determines the numbers, so a journal is only resumed by its own sweep."""
    h = hashlib.sha256(graph.digest.encode())
    for job in jobs:
        h.update(
            json.dumps(
                [job.index, job.params, job.scenario, job.samples, job.seed, job.metrics], sort_keys=True
            ).encode()
        )
    return h.hexdigest()


def run_sweep(
    spec: SweepSpec,
    out: str | Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    client: Client | None = None,
    serial: bool = False,
    restart: bool = False,
    progress: Progress | None = None,
    security: Security | None = None,
) -> SweepOutcome:
    """Run every point not already in the journal; write the results, summary and Sobol' indices.

    ``serial`` runs in this process; otherwise ``client`` (a ``dask.distributed``
    Client) is used if given, else one connected to ``scheduler``, else a
    ``LocalCluster`` of ``workers`` processes (default: one per core). ``security``
    (a ``distributed.Security``) authenticates and encrypts the connection to
    ``scheduler`` (see ``sweep.security``).
    """
    out = Path(out)
    check_output(out)
    ref = graph_ref(spec.graph_path)
    check_against_graph(spec, resolve_graph(ref))
    jobs = make_jobs(spec)
    t0 = time.perf_counter()
    journal, done = Journal.open(journal_path(out), sweep_digest(jobs, ref), restart=restart)
    records = {i: r for i, r in done.items() if 0 <= i < len(jobs)}
    resumed = len(records)
    todo = [job for job in jobs if job.index not in records]

    def on_record(record: PointRecord) -> None:
        journal.append(record)
        records[record.index] = record
        if progress is not None:
            progress(len(records), len(jobs))

    try:
        if progress is not None:
            progress(len(records), len(jobs))
        where = _execute(
            todo,
            ref,
            spec,
            on_record,
            serial=serial,
            client=client,
            scheduler=scheduler,
            workers=workers,
            security=security,
        )
    finally:
        journal.close()
    return _finish(spec, out, list(records.values()), resumed, len(todo), time.perf_counter() - t0, where)


def _execute(
    todo: list[PointJob],
    ref: GraphRef,
    spec: SweepSpec,
    on_record: Callable[[PointRecord], None],
    *,
    serial: bool,
    client: Client | None,
    scheduler: str | None,
    workers: int | None,
    security: Security | None = None,
) -> str:
    """Run the jobs somewhere; return a phrase saying where."""
    if serial:
        if todo:
            _try_warm_up(ref, _warm_scenarios(todo))  # so the first point's timing is not compile time
        for job in todo:
            on_record(run_point(job, ref))
        return "in-process (serial)"
    if client is not None:
        return _run_on_dask(client, todo, ref, on_record)
    with dask_client(scheduler, workers, security=security) as (own_client, where):
        _run_on_dask(own_client, todo, ref, on_record)
        return where


def _finish(
    spec: SweepSpec, out: Path, records: list[PointRecord], resumed: int, computed: int, seconds: float, where: str
) -> SweepOutcome:
    frame = records_frame(records, spec.parameter_names, spec.metrics)
    failed = sorted((r for r in records if r.status != "ok"), key=lambda r: r.index)
    sobol = analyse_sobol(spec, frame) if isinstance(spec.design, SobolDesign) else None
    write_results(frame, out)
    outcome = SweepOutcome(spec, out, frame, failed, sobol, resumed, computed, seconds, where)
    outcome.summary_file = write_summary(_summary(outcome), out)
    return outcome


def analyse_sobol(spec: SweepSpec, frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Sobol' indices for every metric (rows in design order; failed points are NaN)."""
    design = spec.design
    assert isinstance(design, SobolDesign)
    return {
        m: sobol_indices(design.parameters, frame[m].to_numpy(float), second_order=design.second_order, seed=spec.seed)
        for m in spec.metrics
    }


def _summary(o: SweepOutcome) -> dict[str, Any]:
    spec = o.spec
    sobol = None
    if o.sobol is not None:
        design = spec.design
        assert isinstance(design, SobolDesign), "Sobol' indices are computed for a sobol design only"
        sobol = {
            "n": design.n,
            "second_order": design.second_order,
            "indices": o.sobol,
            "bounds": {p.name: [p.low, p.high] for p in spec.parameters},
        }
    return {
        "format": SUMMARY_FORMAT,
        "version": 1,
        "title": spec.title,
        "spec": spec.file,
        "results": o.out.name,
        "design": spec.design.type,
        "points": len(o.frame),
        "ok": int((o.frame["status"] == "ok").sum()),
        "failed": len(o.failed),
        "samples_per_point": spec.samples,
        "seed": spec.seed,
        "seeding": spec.seeding,
        "parameters": list(spec.parameter_names),
        "metrics": list(spec.metrics),
        "where": o.where,
        "seconds": round(o.seconds, 3),
        "resumed": o.resumed,
        "computed": o.computed,
        "failures": [
            {"index": r.index, "params": r.params, "error": r.error} for r in o.failed[:MAX_FAILURES_IN_SUMMARY]
        ],
        "sobol": sobol,
    }


# --- Dask -------------------------------------------------------------------------------------


@contextmanager
def dask_client(
    scheduler: str | None = None, workers: int | None = None, *, security: Security | None = None
) -> Iterator[tuple[Client, str]]:
    """A Client on the given scheduler (over TLS with ``security``), or on a LocalCluster
    listening on 127.0.0.1 only, which closes with it."""
    from dask.distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, security=security)
        except (OSError, TimeoutError, ValueError, TypeError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {reason}") from None
        try:
            _wait_for_a_worker(client, scheduler)
            yield client, f"the cluster at {scheduler} ({len(client.nthreads())} workers)"
        finally:
            client.close()
        return
    n = workers or max(1, os.cpu_count() or 1)
    with warnings.catch_warnings():
        # Without a dashboard the scheduler still serves /health on 127.0.0.1:8787, or on a free
        # port when another cluster holds that one; the warning saying so is noise here.
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    with cluster, Client(cluster) as client:
        yield client, f"a local cluster of {n} worker process{'es' if n > 1 else ''}"


def _wait_for_a_worker(client: Client, scheduler: str) -> None:
    """A scheduler without workers would leave the sweep waiting silently; give them a minute to join."""
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except TimeoutError:
        raise InputError(
            f"the Dask scheduler at {scheduler} has no workers (waited {WORKER_WAIT:g} s); start "
            f"some with: dask worker {scheduler} --nthreads 1"
        ) from None


class _WarmUp(WorkerPlugin):
    """Worker plugin: load the graph and kernels once on every worker, also on ones that join later."""

    name = "debate-explorer-sweep-warm-up"

    def __init__(self, graph: GraphRef, scenarios: list[dict[str, Any]]) -> None:
        self.graph = graph
        self.scenarios = scenarios

    def setup(self, worker: Worker) -> None:
        _try_warm_up(self.graph, self.scenarios)


def _try_warm_up(graph: GraphRef, scenarios: list[dict[str, Any]]) -> None:
    try:
        warm_up(graph, scenarios)
    except Exception as exc:  # noqa: BLE001 - a point that hits the same problem reports it properly
        logger.warning("sweep warm-up failed (the points will report it): %s", exc)


def _warm_scenarios(todo: list[PointJob]) -> list[dict[str, Any]]:
    """One scenario per model kind in the sweep (each kind has its own kernels)."""
    by_model: dict[str, dict[str, Any]] = {}
    for job in todo:
        by_model.setdefault(job.scenario.get("model", DEFAULT_KIND), job.scenario)
    return list(by_model.values())


def points_per_task(samples: int, n_points: int, n_threads: int) -> int:
    """How many points one Dask task runs.

    A task costs a few milliseconds of scheduling and messaging, and the worker's
    event loop competes with a running point for the GIL; a point of a few
    thousand samples costs about as much. So small points travel in batches of
    roughly TASK_SECONDS of work, while keeping at least 8 tasks per worker
    thread so that the load balances and progress moves.
    """
    estimate = POINT_OVERHEAD + samples * SECONDS_PER_SAMPLE
    batch = max(1, int(TASK_SECONDS / estimate))
    return max(1, min(batch, n_points // (8 * max(n_threads, 1))))


def _run_on_dask(client: Client, todo: list[PointJob], ref: GraphRef, on_record: Callable[[PointRecord], None]) -> str:
    """Submit the points in batches, a bounded number in flight; journal each point as its batch finishes."""
    from dask.distributed import as_completed

    threads = sum(client.nthreads().values())
    where = f"Dask ({len(client.nthreads())} worker{'s' if len(client.nthreads()) != 1 else ''})"
    if not todo:
        return where
    client.register_plugin(_WarmUp(ref, _warm_scenarios(todo)), name=_WarmUp.name)
    graph_arg = client.scatter(ref, broadcast=True) if ref.text is not None else ref
    size = points_per_task(todo[0].samples, len(todo), threads)
    batches = iter([todo[i : i + size] for i in range(0, len(todo), size)])
    run_id = uuid.uuid4().hex[:8]  # keys unique to this run: a reused client holds no stale results
    outstanding: dict[Key, tuple[Future[list[PointRecord]], list[PointJob]]] = {}
    pending = as_completed()

    def submit(batch: list[PointJob]) -> None:
        future = client.submit(run_points, batch, graph_arg, key=f"de-sweep-{run_id}-{batch[0].index}", pure=False)
        outstanding[future.key] = (future, batch)
        pending.add(future)

    for batch in itertools.islice(batches, max(16, 4 * threads)):
        submit(batch)
    try:
        for future in pending:
            _, batch = outstanding.pop(future.key)
            for record in _records_of(future, batch):
                on_record(record)
            future.release()
            for more in itertools.islice(batches, 1):
                submit(more)
    finally:
        if outstanding:  # interrupted: stop the cluster working on points nobody will collect
            client.cancel([f for f, _ in outstanding.values()])
    return where


def _records_of(future: Future[list[PointRecord]], batch: list[PointJob]) -> list[PointRecord]:
    """The batch's records; a task Dask gave up on (e.g. its workers kept dying) fails each of its points.

    The status seen when ``as_completed`` yields a future is not final: if the worker
    holding a finished result dies before it is gathered, the scheduler marks the
    result lost and computes it again, and the future is pending once more. So this
    waits for the result instead of reading the status.
    """
    try:
        return future.result()
    except (Exception, asyncio.CancelledError) as exc:  # noqa: BLE001 - KilledWorker, cancelled, lost
        error = f"{type(exc).__name__}: {exc}"[:2000]
    return [PointRecord(job.index, dict(job.params), "failed", seed=job.seed, error=error) for job in batch]
