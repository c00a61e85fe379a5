"""The sweep specification file: what to vary, how, and what to record.

A sweep runs the engine once per *design point* — a base scenario with some
assumptions pinned to point values or some credences set — and records named
metrics. Format (TOML, ``format_version = 1``)::

    format_version = 1
    title = "What drives the AGI date?"
    scenario = "../baseline.toml"   # base scenario, relative to this file
                                    # (omit: the model's defaults, see `model`)
    model = "debate"                # only without `scenario`
    graph = "my_graph.toml"         # optional; default: the bundled graph
    samples = 2000                  # Monte Carlo samples per point
    seed = 1                        # sweep seed; see `seeding`
    seeding = "per_point"           # or "common" (every point uses `seed`)
    metrics = ["agi_median", "sc_p2030", "p_explosive"]   # names of core.analysis.metrics

    [design]
    type = "sobol"                  # "grid" | "sobol" | "scenarios"
    n = 64                          # sobol: base sample, a power of 2
    second_order = false            # sobol: also S2 (costs 2x the points)

    [[design.parameters]]           # grid and sobol
    assumption = "g_compute"        # pin an assumption to a point value ...
    low = 0.3                       # sobol: uniform bounds
    high = 0.9

    [[design.parameters]]
    credence = "hive_mind"          # ... or set a node's credence (0..1)
    values = [0.1, 0.5, 0.9]        # grid: explicit values, or low/high/steps

    # type = "scenarios": files = ["a.toml", "b.toml"], one point per file

Like scenario files, the spec is validated on load and every problem is one
:class:`InputError` naming the file, the field path and what was expected.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from debate_explorer.core.analysis.metrics import parse_metric
from debate_explorer.core.errors import InputError
from debate_explorer.core.files.fileio import read_structured
from debate_explorer.core.model.credences import require_node
from debate_explorer.core.model.migrations import check_version
from debate_explorer.core.model.scenario import MAX_SAMPLES, Scenario, load_scenario, scenario_from_dict
from debate_explorer.core.model.validation import input_error

if TYPE_CHECKING:
    from debate_explorer.core.graph.model import ArgumentGraph

SPEC_VERSION = 1
MAX_POINTS = 200_000
DESIGN_TYPES = ("grid", "sobol", "scenarios")
_CONFIG = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Parameter(BaseModel):
    """One swept input: an assumption pinned to a value, or a node's credence."""

    model_config = _CONFIG
    assumption: str | None = None
    credence: str | None = None
    values: tuple[float, ...] | None = Field(None, min_length=1, max_length=100_000)
    low: float | None = None
    high: float | None = None
    steps: int | None = Field(None, ge=2, le=100_000)

    @model_validator(mode="after")
    def _one_target(self) -> Parameter:
        if (self.assumption is None) == (self.credence is None):
            raise ValueError("give exactly one of 'assumption' or 'credence'")
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise ValueError(f"low ({self.low:g}) must be below high ({self.high:g})")
        return self

    @property
    def name(self) -> str:
        """The column name: the assumption, or ``credence:<node>``."""
        return self.assumption if self.assumption is not None else f"credence:{self.credence}"

    def grid_values(self) -> tuple[float, ...]:
        if self.values is not None:
            return self.values
        low, high, steps = self.low, self.high, self.steps
        if low is None or high is None or steps is None:  # the validator requires values or all three
            raise ValueError(f"{self.name}: a grid parameter takes values, or low, high and steps")
        step = (high - low) / (steps - 1)
        return tuple(low + i * step for i in range(steps))


class GridDesign(BaseModel):
    """Every combination of the parameters' values (the last one varies fastest)."""

    model_config = _CONFIG
    type: Literal["grid"]
    parameters: tuple[Parameter, ...] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _values_given(self) -> GridDesign:
        for i, p in enumerate(self.parameters):
            ranged = None not in (p.low, p.high, p.steps)
            if (p.values is None) == (not ranged):
                raise _at("give either 'values' or all of 'low', 'high', 'steps'", "parameters", i)
            if p.values is not None and (p.low, p.high, p.steps) != (None, None, None):
                raise _at("give either 'values' or 'low'/'high'/'steps', not both", "parameters", i)
        return self

    @property
    def n_points(self) -> int:
        return math.prod(len(p.grid_values()) for p in self.parameters)


class SobolDesign(BaseModel):
    """Saltelli's scheme on uniform bounds: n·(D+2) points, or n·(2D+2) with second order."""

    model_config = _CONFIG
    type: Literal["sobol"]
    n: int = Field(ge=2, le=2**20)
    second_order: bool = False
    parameters: tuple[Parameter, ...] = Field(min_length=2, max_length=50)

    @model_validator(mode="after")
    def _bounds_given(self) -> SobolDesign:
        if self.n & (self.n - 1):
            raise _at(f"must be a power of 2 (Sobol' sequences lose balance otherwise), got {self.n}", "n")
        for i, p in enumerate(self.parameters):
            if p.low is None or p.high is None:
                raise _at("a Sobol' design needs 'low' and 'high' for every parameter", "parameters", i)
            if p.values is not None or p.steps is not None:
                raise _at("'values'/'steps' belong to grid designs; give 'low' and 'high'", "parameters", i)
        return self

    @property
    def n_points(self) -> int:
        d = len(self.parameters)
        return self.n * (2 * d + 2 if self.second_order else d + 2)


class ScenariosDesign(BaseModel):
    """One point per scenario file (paths relative to the spec file)."""

    model_config = _CONFIG
    type: Literal["scenarios"]
    files: tuple[str, ...] = Field(min_length=1, max_length=10_000)

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return ()

    @property
    def n_points(self) -> int:
        return len(self.files)


Design = GridDesign | SobolDesign | ScenariosDesign
_DESIGN_MODELS: dict[str, type[BaseModel]] = {"grid": GridDesign, "sobol": SobolDesign, "scenarios": ScenariosDesign}


class _SpecFile(BaseModel):
    """The file's top level; the design table is validated on its own (see _design)."""

    model_config = _CONFIG
    format_version: int
    title: str = Field("", max_length=500)
    notes: str = Field("", max_length=100_000)
    scenario: str | None = None
    model: str | None = None
    graph: str | None = None
    samples: int = Field(ge=1, le=MAX_SAMPLES)
    seed: int = Field(1, ge=0, le=2**63 - 1)
    seeding: Literal["per_point", "common"] = "per_point"
    metrics: tuple[str, ...] = Field(min_length=1, max_length=200)
    design: dict[str, Any]


@dataclass(frozen=True)
class SweepSpec:
    """A validated sweep: every path resolved, every scenario loaded."""

    title: str
    base: Scenario
    design: Design
    samples: int
    seed: int
    seeding: str
    metrics: tuple[str, ...]
    graph_path: Path | None = None
    scenarios: tuple[tuple[str, Scenario], ...] = ()  # (label, scenario) for a "scenarios" design
    file: str | None = None

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return self.design.parameters

    @property
    def parameter_names(self) -> tuple[str, ...]:
        if isinstance(self.design, ScenariosDesign):
            return ("scenario",)
        return tuple(p.name for p in self.design.parameters)

    @property
    def n_points(self) -> int:
        return self.design.n_points


class _At(ValueError):
    """A problem at a field path inside a design, carried out of pydantic intact."""

    def __init__(self, reason: str, field: list[object]) -> None:
        super().__init__(reason)
        self.error = InputError(reason, field=field)


def _at(reason: str, *field: object) -> _At:
    return _At(reason, list(field))


def load_sweep_spec(path: str | Path) -> SweepSpec:
    """Read and validate a sweep spec; relative paths in it are relative to the file."""
    path = Path(path)
    return sweep_spec_from_dict(read_structured(path), base_dir=path.parent, file=path)


def sweep_spec_from_dict(data: Any, *, base_dir: Path = Path("."), file: str | Path | None = None) -> SweepSpec:
    """Validate plain data (as parsed from TOML) into a SweepSpec."""
    try:
        return _build(data, base_dir, file)
    except InputError as exc:
        raise (exc if exc.file or file is None else exc.with_file(file)) from None


def _build(data: Any, base_dir: Path, file: str | Path | None) -> SweepSpec:
    if not isinstance(data, dict):
        raise InputError("a sweep spec must be a table of settings")
    check_version(data, what="sweep spec", current=SPEC_VERSION, file=file)
    try:
        top = _SpecFile.model_validate(data)
    except ValidationError as exc:
        raise input_error(exc) from None
    design = _design(top.design)
    base, scenarios = _scenarios(top, design, base_dir)
    graph_path = _resolve(top.graph, base_dir, "graph") if top.graph else None
    spec = SweepSpec(
        top.title,
        base,
        design,
        top.samples,
        top.seed,
        top.seeding,
        top.metrics,
        graph_path,
        scenarios,
        str(file) if file else None,
    )
    _check_metrics(spec)
    _check_parameters(spec)
    if spec.n_points > MAX_POINTS:
        raise InputError(f"the design has {spec.n_points:,} points; at most {MAX_POINTS:,}", field="design")
    return spec


def _design(raw: dict[str, Any]) -> Design:
    kind = raw.get("type")
    if kind not in _DESIGN_MODELS:
        raise InputError(f"must be one of {', '.join(DESIGN_TYPES)}, got {kind!r}", field="design.type")
    try:
        return cast(Design, _DESIGN_MODELS[kind].model_validate(raw))
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            inner = (err.get("ctx") or {}).get("error")
            if isinstance(inner, _At):
                raise inner.error.under("design") from None
        raise input_error(exc, prefix=["design"]) from None


def _resolve(name: str, base_dir: Path, field: str) -> Path:
    path = Path(name).expanduser()
    path = path if path.is_absolute() else base_dir / path
    if not path.is_file():
        raise InputError(f"no such file: {path}", field=field)
    return path


def _scenarios(top: _SpecFile, design: Design, base_dir: Path) -> tuple[Scenario, tuple[tuple[str, Scenario], ...]]:
    """The base scenario, and for a "scenarios" design every listed scenario by label."""
    if isinstance(design, ScenariosDesign):
        for key in ("scenario", "model"):
            if getattr(top, key) is not None:
                raise InputError("not used with a 'scenarios' design (each listed file is a whole scenario)", field=key)
        paths = [_resolve(name, base_dir, f"design.files[{i}]") for i, name in enumerate(design.files)]
        same = [p.resolve() for p in paths]
        for i, path in enumerate(same):
            if same.index(path) != i:
                raise InputError(f"'{design.files[i]}' is listed twice", field=f"design.files[{i}]")
        # A point is labelled by its file's stem ("baseline"), or by the path as written when stems clash.
        stems = [p.stem for p in paths]
        labels = stems if len(set(stems)) == len(stems) else list(design.files)
        loaded = tuple((label, load_scenario(path)) for label, path in zip(labels, paths))
        return loaded[0][1], loaded
    if top.scenario is not None and top.model is not None:
        raise InputError("give 'scenario' or 'model', not both (the scenario names its model)", field="model")
    if top.scenario is not None:
        return load_scenario(_resolve(top.scenario, base_dir, "scenario")), ()
    return scenario_from_dict({"format_version": 1, "model": top.model or "debate"}), ()


def _check_metrics(spec: SweepSpec) -> None:
    scenarios = [s for _, s in spec.scenarios] or [spec.base]
    for i, name in enumerate(spec.metrics):
        if spec.metrics.index(name) != i:
            raise InputError(f"'{name}' is listed twice", field=f"metrics[{i}]")
        for scenario in scenarios:
            try:
                # prepare() builds the variant the metric is read from (e.g. another regime year),
                # so a metric that cannot be read off this scenario fails here, not at every point.
                parse_metric(name, scenario.kind, scenario.kind_settings).prepare(scenario)
            except InputError as exc:
                raise InputError(exc.reason, field=f"metrics[{i}]") from None


def _check_parameters(spec: SweepSpec) -> None:
    """Every parameter names something the base model has, with values it accepts."""
    kind = spec.base.kind
    seen: set[str] = set()
    for i, p in enumerate(spec.parameters):
        where = ["design", "parameters", i]
        if p.name in seen:
            raise InputError(f"'{p.name}' is swept twice", field=where)
        seen.add(p.name)
        if p.assumption is not None:
            if p.assumption not in kind.assumption_names:
                raise InputError(
                    f"model '{kind.name}' has no assumption '{p.assumption}' (it has: "
                    f"{', '.join(kind.assumption_names)})",
                    field=where + ["assumption"],
                )
            a = kind.assumption(p.assumption)
            lo, hi = a.lower, a.upper
        else:
            lo, hi = 0.0, 1.0
        for key, value in _numbers(p):
            if not lo <= value <= hi:
                raise InputError(f"{value:g} is outside {p.name}'s range [{lo:g}, {hi:g}]", field=where + [key])


def _numbers(p: Parameter) -> list[tuple[str, float]]:
    out = [(f"values[{j}]", v) for j, v in enumerate(p.values or ())]
    return out + [(k, getattr(p, k)) for k in ("low", "high") if getattr(p, k) is not None]


def check_against_graph(spec: SweepSpec, graph: ArgumentGraph) -> None:
    """Credences (swept or in a base scenario) must name nodes of the graph the sweep runs on."""
    for i, p in enumerate(spec.parameters):
        if p.credence is not None:
            require_node(graph, p.credence, file=spec.file, field=f"design.parameters[{i}].credence")
    from debate_explorer.core.engine.compute import check_runnable

    for label, scenario in spec.scenarios or (("scenario", spec.base),):
        try:
            check_runnable(scenario, graph)  # what every point would otherwise fail on
        except InputError as exc:
            raise InputError(f"{exc.reason} (in {label})", file=spec.file, field=exc.field) from None
