"""Sweeps on a real Dask LocalCluster of two worker processes on loopback.

The bar: whatever runs the points — this process, the cluster, a cluster that
loses a worker mid-sweep, a sweep resumed from its journal — the recorded
numbers are bit-identical.
"""

from __future__ import annotations

import logging
import os
import signal
import warnings

import pandas as pd
import pytest

from debate_explorer.core.analysis.sweep import sweep_spec_from_dict
from debate_explorer.core.analysis.sweep.execute import (
    _records_of,
    _run_on_dask,
    make_jobs,
    points_per_task,
    run_sweep,
)
from debate_explorer.core.analysis.sweep.point import PointRecord, graph_ref

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]  # starts Dask clusters

METRICS = ["agi_median", "sc_p2030", "p_explosive", "growth_2040_median"]
GRID = {
    "format_version": 1,
    "samples": 1000,
    "seed": 9,
    "metrics": METRICS,
    "design": {
        "type": "grid",
        "parameters": [
            {"assumption": "g_software", "values": [0.3, 0.5, 0.7]},
            {"credence": "paradigm_shift", "values": [0.1, 0.5, 0.9]},
        ],
    },
}
SOBOL = {
    "format_version": 1,
    "samples": 800,
    "seed": 4,
    "metrics": ["sc_p2030", "p_explosive"],
    "design": {
        "type": "sobol",
        "n": 4,
        "parameters": [
            {"assumption": "g_compute", "low": 0.3, "high": 0.9},
            {"assumption": "hive_mind_boost", "low": 0.03, "high": 0.5},
        ],
    },
}
COMPARED = ["index", "status", "seed", "error"]


def _same(a: pd.DataFrame, b: pd.DataFrame, spec) -> None:
    cols = COMPARED + list(spec.parameter_names) + list(spec.metrics)
    pd.testing.assert_frame_equal(a[cols].reset_index(drop=True), b[cols].reset_index(drop=True), check_exact=True)


def _local_cluster(n_workers: int):
    """A loopback LocalCluster of worker processes; quiet when port 8787 is taken by another one."""
    from dask.distributed import LocalCluster

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        return LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )


@pytest.fixture(scope="module")
def cluster():
    with _local_cluster(2) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster):
    from dask.distributed import Client

    with Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def grid_reference(tmp_path_factory):
    spec = sweep_spec_from_dict(GRID)
    return run_sweep(spec, tmp_path_factory.mktemp("serial") / "grid.parquet", serial=True).frame


def test_grid_on_the_cluster_equals_serial(cluster, tmp_path, grid_reference):
    spec = sweep_spec_from_dict(GRID)
    outcome = run_sweep(spec, tmp_path / "grid.parquet", scheduler=cluster.scheduler_address)
    assert "2 workers" in outcome.where and not outcome.failed
    _same(outcome.frame, grid_reference, spec)
    _same(pd.read_parquet(tmp_path / "grid.parquet"), grid_reference, spec)
    assert outcome.frame["seconds"].max() < 5  # workers were warmed: no point paid for compilation


def test_sobol_on_the_cluster_equals_serial(client, tmp_path):
    spec = sweep_spec_from_dict(SOBOL)
    serial = run_sweep(spec, tmp_path / "serial.csv", serial=True)
    dist = run_sweep(spec, tmp_path / "dist.csv", client=client)
    _same(dist.frame, serial.frame, spec)
    assert dist.sobol == serial.sobol and set(dist.sobol) == {"sc_p2030", "p_explosive"}
    assert "S1" in dist.sobol["p_explosive"]


def test_resume_on_the_cluster_skips_finished_points(client, tmp_path, grid_reference):
    spec = sweep_spec_from_dict(GRID)
    out = tmp_path / "grid.csv"

    def stop(done: int, total: int) -> None:
        if done == 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_sweep(spec, out, serial=True, progress=stop)
    outcome = run_sweep(spec, out, client=client)
    assert (outcome.resumed, outcome.computed) == (4, 5)
    _same(outcome.frame, grid_reference, spec)


def test_a_failing_point_on_the_cluster_keeps_the_others(client):
    spec = sweep_spec_from_dict(GRID)
    jobs = make_jobs(spec)[:4]
    broken = jobs[1].scenario | {"run": {"samples": -1}}
    jobs[1] = type(jobs[1])(**{**jobs[1].__dict__, "scenario": broken})
    records = []
    _run_on_dask(client, jobs, graph_ref(None), records.append)
    by_index = {r.index: r for r in records}
    assert sorted(by_index) == [0, 1, 2, 3]
    assert by_index[1].status == "failed" and "run.samples" in by_index[1].error
    assert by_index[1].params == jobs[1].params
    assert all(by_index[i].status == "ok" for i in (0, 2, 3))


def test_a_point_dask_gave_up_on_is_a_failure_with_its_parameters():
    from types import SimpleNamespace

    from distributed.scheduler import KilledWorker

    jobs = make_jobs(sweep_spec_from_dict(GRID))[4:6]
    died = KilledWorker("de-sweep-x-4", SimpleNamespace(address="tcp://w:1"), 3)

    def result():
        raise died

    records = _records_of(SimpleNamespace(status="error", result=result), jobs)
    assert [(r.index, r.status, r.params, r.seed) for r in records] == [
        (j.index, "failed", j.params, j.seed) for j in jobs
    ]
    assert records[0].error.startswith("KilledWorker")


def test_a_result_lost_after_it_finished_is_waited_for_not_failed():
    """as_completed yields a future when it finishes; if its worker dies before the result is
    gathered, Dask computes it again and the future is pending when it is read."""
    from types import SimpleNamespace

    jobs = make_jobs(sweep_spec_from_dict(GRID))[2:3]
    computed_again = [PointRecord(jobs[0].index, dict(jobs[0].params), "ok", {"sc_median": 2031.0}, jobs[0].seed)]
    recomputing = SimpleNamespace(status="pending", result=lambda: computed_again)
    assert _records_of(recomputing, jobs) == computed_again


def test_small_points_travel_in_batches_big_ones_alone():
    assert points_per_task(20_000, 10_000, 2) == 1
    assert 10 <= points_per_task(1, 10_000, 2) <= 50
    assert points_per_task(1, 64, 2) == 4  # still 8 tasks per worker thread
    assert points_per_task(1, 5, 8) == 1


def test_a_custom_graph_travels_to_the_workers(client, tmp_path, grid_reference):
    from debate_explorer.core.graph.load import default_graph_path

    # The same content under another digest: the workers must parse the text they are sent.
    (tmp_path / "mine.toml").write_text(
        default_graph_path().read_text(encoding="utf-8") + "\n# my copy\n", encoding="utf-8"
    )
    spec = sweep_spec_from_dict({**GRID, "graph": "mine.toml"}, base_dir=tmp_path)
    outcome = run_sweep(spec, tmp_path / "grid.csv", client=client)
    assert not outcome.failed
    _same(outcome.frame, grid_reference, spec)


def test_killing_a_worker_mid_sweep_still_completes_identically(client, tmp_path, grid_reference):
    spec = sweep_spec_from_dict(GRID)
    pids = client.run(os.getpid)
    killed: list[tuple[int, list]] = []

    def kill_once(done: int, total: int) -> None:
        if done < 1 or killed:
            return
        busy = {w: keys for w, keys in client.processing().items() if keys}
        if busy:  # kill a worker that is running a point right now: Dask must run it elsewhere
            worker, keys = min(busy.items())
            os.kill(pids[worker], signal.SIGKILL)  # a crash, not a clean shutdown
            killed.append((pids[worker], list(keys)))

    outcome = run_sweep(spec, tmp_path / "grid.parquet", client=client, progress=kill_once)
    assert killed, "no worker was busy after the first point; the sweep was too short to test this"
    victim, in_flight = killed[0]
    assert in_flight and not outcome.failed
    _same(outcome.frame, grid_reference, spec)
    client.wait_for_workers(2, timeout=60)
    assert victim not in client.run(os.getpid).values()  # the nanny started a fresh worker


def test_a_scheduler_without_workers_is_reported(tmp_path, monkeypatch):
    from debate_explorer.core.analysis.sweep import execute
    from debate_explorer.core.errors import InputError

    monkeypatch.setattr(execute, "WORKER_WAIT", 0.5)
    with _local_cluster(0) as empty, pytest.raises(InputError, match="has no workers.*dask worker"):
        run_sweep(sweep_spec_from_dict(GRID), tmp_path / "r.csv", scheduler=empty.scheduler_address)
