"""One design point, run wherever it lands: in this process or on a Dask worker.

:func:`run_point` is a pure function of its job (plain data) and the graph
reference, so a serial run, a local cluster and a remote cluster give the same
numbers bit for bit. It never raises for a bad point: whatever goes wrong is
recorded with the point's parameters, so one failure does not lose the others.

The graph is not shipped with each task. A worker loads the bundled graph from
its own installation and checks it against the client's digest (different
installed versions would silently change results otherwise); a user's graph
file travels once as text and is parsed once per worker.
"""

from __future__ import annotations

import copy
import hashlib
import json
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported lazily below: a Dask worker loads this module before it needs them
    from debate_explorer.core.graph.model import ArgumentGraph
    from debate_explorer.core.model.scenario import Scenario

# Every task runs the engine on one thread: Dask runs one task per worker thread,
# and a fixed count keeps per-point timings comparable.
ENGINE_THREADS = 1

_graphs: dict[str, ArgumentGraph] = {}
_graphs_lock = threading.Lock()


@dataclass(frozen=True)
class GraphRef:
    """Which argument graph the points run on: its digest, and its text unless bundled."""

    digest: str
    name: str
    text: str | None = None  # None: the graph bundled with the installed package


@dataclass(frozen=True)
class PointJob:
    index: int
    params: dict[str, float | str]
    scenario: dict[str, Any]  # plain scenario data the params are applied to
    samples: int
    seed: int
    metrics: tuple[str, ...]


@dataclass
class PointRecord:
    """What the journal and the results table keep for one point."""

    index: int
    params: dict[str, float | str]
    status: str  # "ok" or "failed"
    metrics: dict[str, float] = field(default_factory=dict)
    seed: int = 0
    seconds: float = 0.0
    error: str = ""


def graph_ref(path: Path | None) -> GraphRef:
    """The reference for a graph file, or for the bundled graph when ``path`` is None.

    The graph is loaded here first, so a broken file is an InputError naming it
    before any point runs; the parsed graph is kept for this process's points.
    """
    from debate_explorer.core.graph.load import default_graph_path, load_graph

    target = path or default_graph_path()
    graph = load_graph(target)
    raw = target.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    with _graphs_lock:
        _graphs.setdefault(digest, graph)
    if path is None:
        return GraphRef(digest, "bundled graph")
    return GraphRef(digest, str(path), raw.decode("utf-8-sig"))


def resolve_graph(ref: GraphRef) -> ArgumentGraph:
    """The graph a reference names, parsed once per process."""
    with _graphs_lock:
        if ref.digest in _graphs:
            return _graphs[ref.digest]
    graph = _load(ref)
    with _graphs_lock:
        _graphs[ref.digest] = graph
    return graph


def _load(ref: GraphRef) -> ArgumentGraph:
    from debate_explorer.core.graph.load import build_graph, default_graph_path, load_graph

    if ref.text is None:
        mine = hashlib.sha256(default_graph_path().read_bytes()).hexdigest()
        if mine != ref.digest:
            raise RuntimeError(
                "this worker's bundled argument graph differs from the client's; "
                "install the same Debate Explorer version on every machine"
            )
        return load_graph()
    import tomllib

    data = json.loads(ref.text) if ref.name.lower().endswith(".json") else tomllib.loads(ref.text)
    return build_graph(data, file=ref.name)


def apply_params(scenario: dict[str, Any], params: dict[str, float | str]) -> dict[str, Any]:
    """The scenario data with each parameter pinned: an assumption override or a credence."""
    data = copy.deepcopy(scenario)
    for name, value in params.items():
        if name == "scenario":
            continue  # a "scenarios" design: the scenario itself is the point
        if name.startswith("credence:"):
            data.setdefault("graph", {}).setdefault("credences", {})[name.removeprefix("credence:")] = value
        else:
            data.setdefault("assumptions", {})[name] = value
    return data


def run_point(job: PointJob, graph: GraphRef) -> PointRecord:
    """Run the engine on one design point and read off the metrics; failures become records."""
    from debate_explorer.core.model.scenario import scenario_from_dict

    t0 = time.perf_counter()
    record = PointRecord(job.index, dict(job.params), "ok", seed=job.seed)
    try:
        scenario = scenario_from_dict(apply_params(job.scenario, job.params))
        record.metrics = evaluate_metrics(scenario, resolve_graph(graph), job)
    except Exception as exc:  # noqa: BLE001 - any failure is this point's, and is reported
        record.status = "failed"
        record.error = _describe(exc)
    record.seconds = time.perf_counter() - t0
    return record


def run_points(jobs: list[PointJob], graph: GraphRef) -> list[PointRecord]:
    """A batch of points in one task (small points cost less than a task's overhead)."""
    return [run_point(job, graph) for job in jobs]


def evaluate_metrics(scenario: Scenario, graph: ArgumentGraph | None, job: PointJob) -> dict[str, float]:
    """Each metric of ``core.analysis.metrics`` on the point's run.

    A metric may need its own variant of the scenario (``Metric.prepare``: growth
    in year Y is read at regime_year = Y), so the point runs once per distinct
    variant — usually once — with the same seed, i.e. the same random numbers.
    """
    from debate_explorer.core.analysis.metrics import Samples, parse_metric
    from debate_explorer.core.engine.compute import run_scenario

    metrics = {name: parse_metric(name, scenario.kind, scenario.kind_settings) for name in job.metrics}
    variants: dict[str, tuple[Any, list[str]]] = {}
    for name, metric in metrics.items():
        prepared = metric.prepare(scenario)
        key = json.dumps(prepared.settings, sort_keys=True, default=str)
        variants.setdefault(key, (prepared, []))[1].append(name)
    values: dict[str, float] = {}
    for prepared, names in variants.values():
        result = run_scenario(prepared, graph, samples=job.samples, seed=job.seed, threads=ENGINE_THREADS)
        samples = Samples.of(result, prepared)
        values.update({name: float(metrics[name].value(samples)) for name in names})
    return {name: values[name] for name in job.metrics}


def _describe(exc: Exception) -> str:
    from debate_explorer.core.errors import InputError

    if isinstance(exc, InputError):
        return exc.message
    where = traceback.extract_tb(exc.__traceback__)[-1:]
    place = f" (at {Path(where[0].filename).name}:{where[0].lineno})" if where else ""
    return f"{type(exc).__name__}: {exc}{place}"


def warm_up(graph: GraphRef, scenarios: list[dict[str, Any]]) -> None:
    """Load the graph and each model's compiled kernels once, so that no point pays for them."""
    from debate_explorer.core.analysis import metrics  # noqa: F401 - imported here, not on a point's clock
    from debate_explorer.core.engine.compute import run_scenario
    from debate_explorer.core.model.scenario import scenario_from_dict

    for data in scenarios:
        run_scenario(scenario_from_dict(data), resolve_graph(graph), samples=64, seed=0, threads=ENGINE_THREADS)
