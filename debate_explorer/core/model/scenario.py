"""The scenario file: what a person saves, shares and diffs.

A scenario names its model kind and holds run settings, the kind's settings,
credences on graph nodes, replacement priors, direct overrides and
correlations — nothing derived. It is an immutable value: the app changes it by
replacing it (which makes undo a matter of keeping the old value).

Format (TOML, ``format_version = 2``)::

    format_version = 2
    model = "debate"
    title = "Baseline"
    notes = "Whose view this encodes and why."

    [run]                 # all optional
    samples = 100000
    seed = 1
    start = 2025.0        # default: the kind's
    horizon = 2100.0
    step = 0.25           # years

    [settings]            # the kind's own settings, e.g. regime_year = 2040

    [graph]
    prior_weight = 1.0    # weight of each assumption's prior in its mixture
    credences = { hive_mind = 0.8 }
    # optional: the map overlay the scenario was made with (path relative to this file)
    overlay = { path = "my_map.toml", sha256 = "…64 hex digits…" }

    [priors]              # replace a prior; linked views still mix in
    g_compute = "0.5 to 0.7 @80%"

    [assumptions]         # override: replaces the whole mixture
    difficulty = 1.0

    [[correlations]]      # Gaussian copula, Spearman rank correlation
    between = ["g_compute", "g_software"]
    rho = 0.3
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import tomli_w
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from debate_explorer.core.engine.kinds import get_kind
from debate_explorer.core.engine.kinds.base import KindSettings, ModelKind
from debate_explorer.core.errors import InputError
from debate_explorer.core.files.fileio import atomic_write_text, read_structured
from debate_explorer.core.model.distributions import AnyDist, Dist, _prepare
from debate_explorer.core.model.migrations import CURRENT_VERSION, migrate
from debate_explorer.core.model.validation import input_error

MAX_SAMPLES = 10_000_000
_CONFIG = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

DistField = Annotated[Dist, BeforeValidator(_prepare)]


class RunSettings(BaseModel):
    model_config = _CONFIG
    samples: int = Field(100_000, ge=1, le=MAX_SAMPLES)
    seed: int = Field(1, ge=0, le=2**63 - 1)
    start: float | None = Field(None, ge=1900.0, le=2500.0)
    horizon: float | None = Field(None, ge=1900.0, le=2600.0)
    step: float = Field(0.25, ge=1.0 / 365.0, le=5.0)


class OverlayRef(BaseModel):
    """The map overlay a scenario was made with: a path relative to the scenario file and the file's SHA-256.

    Optional and new in format 2 without a version bump: older files simply have
    none (the bundled map); ``core.graph.scenario_overlay`` resolves and checks it.
    """

    model_config = _CONFIG
    path: str = Field(min_length=1, max_length=1000)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class GraphSettings(BaseModel):
    model_config = _CONFIG
    prior_weight: float = Field(1.0, ge=0.0, le=1e6)
    credences: dict[str, Annotated[float, Field(ge=0.0, le=1.0)]] = Field(default_factory=dict)
    overlay: OverlayRef | None = None


class Correlation(BaseModel):
    model_config = _CONFIG
    between: tuple[str, str]
    rho: float = Field(ge=-1.0, le=1.0)


class Scenario(BaseModel):
    """A validated scenario. Build with :func:`scenario_from_dict` or :func:`load_scenario`."""

    model_config = _CONFIG
    format_version: int = CURRENT_VERSION
    model: str = "debate"
    title: str = Field("", max_length=500)
    notes: str = Field("", max_length=100_000)
    run: RunSettings = RunSettings()
    settings: dict[str, Any] = Field(default_factory=dict)
    graph: GraphSettings = GraphSettings()
    priors: dict[str, DistField] = Field(default_factory=dict)
    assumptions: dict[str, DistField] = Field(default_factory=dict)
    correlations: tuple[Correlation, ...] = ()

    @model_validator(mode="after")
    def _check_against_kind(self) -> Scenario:
        try:
            kind = get_kind(self.model)
        except InputError as exc:
            raise _located(exc.reason, "model") from None
        for table in ("priors", "assumptions"):
            for name in getattr(self, table):
                if name not in kind.assumption_names:
                    raise _located(f"model '{kind.name}' has no assumption '{name}'", table, name)
        self._check_span(kind)
        try:
            settings = kind.Settings(**self.settings)
        except ValidationError as exc:
            raise input_error(exc, prefix=["settings"]) from None
        problem = kind.check_settings(settings, self.start, self.horizon)
        if problem:
            raise _located(problem[1], "settings", problem[0])
        correlation_matrix(self, kind)
        return self

    def _check_span(self, kind: ModelKind) -> None:
        if not self.start < self.horizon:
            raise _located(f"horizon ({self.horizon:g}) must be after start ({self.start:g})", "run", "horizon")
        if self.horizon - self.start > 500:
            raise _located("at most 500 years between start and horizon", "run", "horizon")

    @property
    def kind(self) -> ModelKind:
        return get_kind(self.model)

    @property
    def kind_settings(self) -> KindSettings:
        return self.kind.Settings(**self.settings)

    @property
    def start(self) -> float:
        return self.run.start if self.run.start is not None else self.kind.default_start

    @property
    def horizon(self) -> float:
        return self.run.horizon if self.run.horizon is not None else self.kind.default_horizon

    def credence(self, node: str, default: float = 0.5) -> float:
        return self.graph.credences.get(node, default)

    def replace(self, **changes: Any) -> Scenario:
        """A copy with top-level fields replaced, validated like a loaded file."""
        data = scenario_to_dict(self)
        for key, value in changes.items():
            data[key] = value.model_dump(exclude_none=True) if isinstance(value, BaseModel) else value
        return scenario_from_dict(data)


def _located(reason: str, *field: object) -> ValueError:
    # Raised inside a pydantic validator: pydantic would wrap a plain message and
    # lose the path, so the InputError travels as the ValueError's argument.
    return _LocatedError(InputError(reason, field=list(field)))


class _LocatedError(ValueError):
    def __init__(self, error: InputError) -> None:
        super().__init__(error.message)
        self.error = error


def correlation_matrix(scenario: Scenario, kind: ModelKind) -> np.ndarray | None:
    """Normal-scale correlation matrix for the Gaussian copula, or None.

    Spearman's rank correlation ρ of the marginals equals 6/π·asin(r/2) for a
    Gaussian copula with normal correlation r, so r = 2·sin(πρ/6).
    """
    if not scenario.correlations:
        return None
    names = kind.assumption_names
    r = np.eye(len(names))
    seen: set[frozenset[str]] = set()
    for i, corr in enumerate(scenario.correlations):
        a, b = corr.between
        for name in (a, b):
            if name not in names:
                raise _located(f"model '{kind.name}' has no assumption '{name}'", "correlations", i, "between")
        if a == b:
            raise _located(f"an assumption cannot be correlated with itself ('{a}')", "correlations", i, "between")
        if frozenset((a, b)) in seen:
            raise _located(f"the pair '{a}', '{b}' is given twice", "correlations", i, "between")
        seen.add(frozenset((a, b)))
        ia, ib = names.index(a), names.index(b)
        r[ia, ib] = r[ib, ia] = 2.0 * math.sin(math.pi * corr.rho / 6.0)
    smallest = float(np.linalg.eigvalsh(r).min())
    if smallest < -1e-9:
        raise _located(
            f"these correlations cannot hold together (the matrix is not positive semi-definite; "
            f"smallest eigenvalue {smallest:.3g})",
            "correlations",
        )
    return r


def scenario_from_dict(data: Any, *, file: str | Path | None = None) -> Scenario:
    """Validate plain data (as parsed from TOML/JSON) into a Scenario."""
    if not isinstance(data, dict):
        raise InputError("a scenario must be a table of settings", file=file)
    data = migrate(data, file=file)
    try:
        return Scenario.model_validate(data)
    except _LocatedError as exc:
        raise exc.error.with_file(file) if file else exc.error from None
    except InputError as exc:
        raise (exc.with_file(file) if file else exc) from None
    except ValidationError as exc:
        located = _find_located(exc)
        if located is not None:
            raise (located.with_file(file) if file else located) from None
        raise input_error(exc, file=file) from None


def _find_located(exc: ValidationError) -> InputError | None:
    for err in exc.errors(include_url=False):
        ctx = err.get("ctx") or {}
        inner = ctx.get("error")
        if isinstance(inner, _LocatedError):
            return inner.error
        if isinstance(inner, InputError):
            return inner
    return None


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; every problem is an InputError naming the file."""
    return scenario_from_dict(read_structured(path), file=path)


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """Plain data that :func:`scenario_from_dict` turns back into an equal Scenario."""
    out: dict[str, Any] = {"format_version": CURRENT_VERSION, "model": scenario.model}
    if scenario.title:
        out["title"] = scenario.title
    if scenario.notes:
        out["notes"] = scenario.notes
    out["run"] = scenario.run.model_dump(exclude_none=True)
    if scenario.settings:
        out["settings"] = dict(scenario.settings)
    graph: dict[str, Any] = {"prior_weight": scenario.graph.prior_weight}
    if scenario.graph.credences:
        graph["credences"] = dict(sorted(scenario.graph.credences.items()))
    if scenario.graph.overlay is not None:
        graph["overlay"] = scenario.graph.overlay.model_dump()
    out["graph"] = graph
    for table in ("priors", "assumptions"):
        dists: dict[str, AnyDist] = getattr(scenario, table)
        if dists:
            out[table] = {name: dist.to_raw() for name, dist in dists.items()}
    if scenario.correlations:
        out["correlations"] = [{"between": list(c.between), "rho": c.rho} for c in scenario.correlations]
    return out


def scenario_to_toml(scenario: Scenario) -> str:
    header = "# Debate Explorer scenario. Edit freely; the app validates it on load.\n"
    return header + tomli_w.dumps(scenario_to_dict(scenario))


def save_scenario(scenario: Scenario, path: str | Path, *, replace_read_only: bool = False) -> None:
    """Write the scenario atomically (the old file stays intact if anything fails).

    Through a symbolic link the linked file is written; a read-only file raises
    ``ReadOnlyError`` unless ``replace_read_only`` (see ``core.atomic``).
    """
    atomic_write_text(path, scenario_to_toml(scenario), replace_read_only=replace_read_only)
