"""Turn the AI Futures Model's own files into ``ai-futures`` scenarios.

Two inputs (``debate-explorer import-aifm``):

- a sampling config in the original's YAML (``config/sampling_config.yaml``):
  each parameter's distribution becomes the assumption's prior, its rank
  correlation matrix the scenario's ``[[correlations]]`` (the original reads the
  matrix as Spearman ρ and maps it to the normal scale by r = 2·sin(πρ/6), which is
  what scenario files mean by ``rho``, so the numbers carry over unchanged);
- one rollout record (a line of ``rollouts.jsonl``, with ``parameters`` and
  ``time_series_parameters``): every value becomes a point override, so one sample
  reproduces that rollout.

How the original's sampler reads a config, and so how it is carried over:
``ci80`` is the 10th and 90th percentile (level 0.8; also ``ci80_low``/``ci80_high``,
``mean``/``sd`` or ``mu``/``sigma``); ``shifted_lognormal`` is ``shift`` plus a
lognormal (the shift goes to the settings); ``min``/``max`` are the range of
``uniform`` and ``beta``, and a normal or lognormal entry is clipped to them only if
it says ``clip_to_bounds: true`` (settings.clip_ranges); after sampling, a parameter
is clipped to the model's PARAMETER_BOUNDS unless its entry says
``clip_to_bounds: false``. Anything else is an InputError naming the file and the
field.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from debate_explorer.core.engine.kinds.ai_futures.assumptions import AIFM_ASSUMPTIONS, PARAMETER_BOUNDS
from debate_explorer.core.errors import InputError
from debate_explorer.core.files.structured import check_tree, parse_text

NAMES = tuple(a.name for a in AIFM_ASSUMPTIONS)
# Categorical parameters of the original and the numbers the kind uses for them.
CATEGORIES = {"include_gap": {"no gap": 0.0, "gap": 1.0}}
# Categorical settings the port implements only in one way.
ONLY = {
    "horizon_extrapolation_type": "decaying doubling time",
    "automation_interp_type": "linear",
    "taste_schedule_type": "SDs per progress-year",
    "coding_labor_mode": "optimal_ces",
}
# Outputs of a rollout stored beside its inputs, and run options of a config.
DERIVED = {"r_software"}
RUN_KEYS = {"initial_progress", "time_range", "num_rollouts", "num_samples", "input_data", "per_sample_timeout", "seed"}


class _Ctx:
    def __init__(self, path: Path) -> None:
        self.file = str(path)

    def fail(self, reason: str, field: str) -> InputError:
        return InputError(reason, file=self.file, field=field)


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, but a key given twice in one mapping is an error (plain
    YAML keeps the last silently: a pasted block would quietly win)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool)):
                continue  # no config has such a key; the field checks name it
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


def read_aifm_file(path: Path) -> Any:
    """The file's data: JSON (a record) through the project's structured-text parser,
    YAML (a config) through the unique-key loader; both with its limits on nesting
    and integers."""
    ctx = _Ctx(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", file=str(path)) from None
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl"):
        if suffix == ".jsonl" and sum(1 for line in text.splitlines() if line.strip()) > 1:
            raise InputError(
                "holds more than one line: import one rollout record, one line of rollouts.jsonl, at a time",
                file=str(path),
            )
        return parse_text(text, json_format=True, file=str(path))
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", file=str(path)) from None
    except RecursionError:
        raise InputError("nested too deeply to be a config or a rollout record", file=str(path)) from None
    if not isinstance(data, dict):
        raise ctx.fail("expected a mapping (a sampling config or one rollout record)", "(top level)")
    check_tree(data, file=str(path))
    return data


def _num(ctx: _Ctx, v: Any, field: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise ctx.fail(f"expected a number, got {v!r}", field)
    try:
        x = float(v)
    except ValueError:
        raise ctx.fail(f"expected a number, got {v!r}", field) from None
    if not math.isfinite(x):
        raise ctx.fail(f"expected a finite number, got {v!r}", field)
    return x


def _value(ctx: _Ctx, name: str, v: Any, field: str) -> float:
    if name in CATEGORIES:
        if v not in CATEGORIES[name]:
            raise ctx.fail(f"expected one of {sorted(CATEGORIES[name])}, got {v!r}", field)
        return CATEGORIES[name][v]
    return _num(ctx, v, field)


Z80 = 1.2815515655446004  # the standard normal's 90th percentile


def _ci(ctx: _Ctx, spec: dict[str, Any], field: str, log: bool) -> list[float]:
    """The 10th and 90th percentiles, from whichever of the original's forms the entry
    uses (it prefers them in this order): ``ci80``, ``ci80_low``/``ci80_high``, or
    ``mean``/``sd`` (normal) and ``mu``/``sigma`` (lognormal, on the log scale).
    A reversed interval is put in order, as the original does."""
    if "ci80" in spec:
        ci = spec["ci80"]
        if not (isinstance(ci, list) and len(ci) == 2):
            raise ctx.fail("needs 'ci80': [10th percentile, 90th percentile]", field + ".ci80")
        lo, hi = sorted(_num(ctx, c, f"{field}.ci80") for c in ci)
        return [lo, hi]
    if "ci80_low" in spec or "ci80_high" in spec:
        pair = (_num(ctx, spec.get(k), f"{field}.{k}") for k in ("ci80_low", "ci80_high"))
        lo, hi = sorted(pair)
        return [lo, hi]
    centre, spread = ("mu", "sigma") if log else ("mean", "sd" if "sd" in spec else "sigma")
    if centre not in spec or spread not in spec:
        need = "'mu' and 'sigma'" if log else "'mean' and 'sd'"
        raise ctx.fail(f"needs 'ci80': [10th percentile, 90th percentile], or {need}", field + ".ci80")
    m, s = _num(ctx, spec[centre], f"{field}.{centre}"), _num(ctx, spec[spread], f"{field}.{spread}")
    if not s > 0.0:
        raise ctx.fail(f"must be positive, got {s!r}", f"{field}.{spread}")
    lo, hi = m - Z80 * s, m + Z80 * s
    return [math.exp(lo), math.exp(hi)] if log else [lo, hi]


def _dist(ctx: _Ctx, name: str, spec: Any, field: str) -> tuple[Any, float]:
    """(prior in the scenario syntax, shift) for one parameter entry of the config."""
    if not isinstance(spec, dict):
        raise ctx.fail("expected a mapping with 'dist'", field)
    kind = spec.get("dist", "fixed")
    if kind == "fixed":
        if "value" not in spec:
            raise ctx.fail("a fixed parameter needs 'value'", field + ".value")
        return {"type": "point", "value": _value(ctx, name, spec["value"], field + ".value")}, 0.0
    if kind == "choice":
        values = spec.get("values")
        if not isinstance(values, list) or not values:
            raise ctx.fail("a choice needs a non-empty list 'values'", field + ".values")
        vals = [_value(ctx, name, v, f"{field}.values") for v in values]
        p = spec.get("p")
        probs = [1.0 / len(vals)] * len(vals) if p is None else [_num(ctx, q, f"{field}.p") for q in p]
        if len(probs) != len(vals) or abs(sum(probs) - 1.0) > 1e-9:
            raise ctx.fail("'p' must have one probability per value, summing to 1", field + ".p")
        return {"type": "discrete", "values": vals, "probs": probs}, 0.0
    if kind in ("normal", "lognormal"):
        return {"type": kind, "ci": _ci(ctx, spec, field, kind == "lognormal"), "level": 0.8}, 0.0
    if kind == "shifted_lognormal":
        if "shift" not in spec:
            raise ctx.fail("a shifted_lognormal needs 'shift'", field + ".shift")
        return {"type": "lognormal", "ci": _ci(ctx, spec, field, True), "level": 0.8}, _num(
            ctx, spec["shift"], field + ".shift"
        )
    if kind == "uniform":
        lo, hi = _num(ctx, spec.get("min"), field + ".min"), _num(ctx, spec.get("max"), field + ".max")
        return {"type": "uniform", "low": lo, "high": hi}, 0.0
    if kind == "beta":
        lo, hi = _num(ctx, spec.get("min", 0.0), field + ".min"), _num(ctx, spec.get("max", 1.0), field + ".max")
        if (lo, hi) != (0.0, 1.0):
            raise ctx.fail("a beta on a range other than [0, 1] cannot be written in a scenario", field)
        a, b = _num(ctx, spec.get("alpha"), field + ".alpha"), _num(ctx, spec.get("beta"), field + ".beta")
        return {"type": "beta", "alpha": a, "beta": b}, 0.0
    raise ctx.fail(
        f"unknown distribution {kind!r} (known: fixed, choice, normal, lognormal, shifted_lognormal, uniform, beta)",
        field + ".dist",
    )


def _check_only(ctx: _Ctx, name: str, spec: Any, field: str) -> None:
    value = spec.get("value") if isinstance(spec, dict) else spec
    if isinstance(spec, dict) and spec.get("dist", "fixed") != "fixed" or value != ONLY[name]:
        raise ctx.fail(f"the port implements only {ONLY[name]!r}", field)


def _correlations(ctx: _Ctx, block: Any, known: set[str]) -> list[dict[str, Any]]:
    field = "correlation_matrix"
    if not isinstance(block, dict):
        raise ctx.fail("expected a mapping with 'parameters' and 'correlation_matrix'", field)
    names = block.get("parameters")
    matrix = block.get("correlation_matrix")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ctx.fail("expected a list of parameter names", field + ".parameters")
    for n in names:
        if n not in known:
            raise ctx.fail(f"correlated parameter {n!r} has no distribution in the config", field + ".parameters")
    kind = str(block.get("correlation_type", block.get("interpretation", "spearman"))).lower()
    if kind not in ("spearman", "rank", "spearman_rho"):
        raise ctx.fail(
            f"only Spearman (rank) correlations can be written in a scenario, not {kind!r}", field + ".correlation_type"
        )
    k = len(names)
    if not isinstance(matrix, list) or len(matrix) != k or any(not isinstance(r, list) or len(r) != k for r in matrix):
        raise ctx.fail(f"must be a {k}x{k} matrix (one row and column per parameter)", field + ".correlation_matrix")
    m = np.array([[_num(ctx, v, field + ".correlation_matrix") for v in row] for row in matrix])
    if not np.allclose(m, m.T):
        raise ctx.fail("must be symmetric", field + ".correlation_matrix")
    if not np.allclose(np.diag(m), 1.0) or np.any(np.abs(m) > 1.0):
        raise ctx.fail("must have 1 on the diagonal and entries in [-1, 1]", field + ".correlation_matrix")
    latent = np.clip(2.0 * np.sin(np.pi * m / 6.0), -0.9999, 0.9999)
    np.fill_diagonal(latent, 1.0)
    try:
        np.linalg.cholesky(latent)
    except np.linalg.LinAlgError:
        raise ctx.fail(
            "is not positive definite (on the normal scale), so it is no correlation matrix",
            field + ".correlation_matrix",
        ) from None
    return [
        {"between": [names[i], names[j]], "rho": float(m[i, j])}
        for i in range(k)
        for j in range(i + 1, k)
        if m[i, j] != 0.0
    ]


def _check_run(ctx: _Ctx, cfg: dict[str, Any]) -> dict[str, Any]:
    run: dict[str, Any] = {
        "samples": int(_num(ctx, cfg.get("num_rollouts", cfg.get("num_samples", 1000)), "num_rollouts"))
    }
    run["seed"] = int(_num(ctx, cfg.get("seed", 42), "seed"))
    tr = cfg.get("time_range", [2012.0, 2050.0])
    if not (isinstance(tr, list) and len(tr) == 2):
        raise ctx.fail("expected [start, end]", "time_range")
    start, end = _num(ctx, tr[0], "time_range"), _num(ctx, tr[1], "time_range")
    if start != 2012.0 or not end > start:
        raise ctx.fail("the port runs from 2012 (where the input series start) to a later end", "time_range")
    run["start"], run["horizon"] = start, end
    if _num(ctx, cfg.get("initial_progress", 0.0), "initial_progress") != 0.0:
        raise ctx.fail("the port starts from progress 0, as the original's default", "initial_progress")
    data = cfg.get("input_data", "input_data.csv")
    if Path(str(data)).name != "input_data.csv":
        raise ctx.fail("the port ships only the original's input_data.csv series", "input_data")
    return run


def config_to_scenario_data(path: Path, cfg: dict[str, Any]) -> dict[str, Any]:
    """Scenario data (before validation) for a sampling config."""
    ctx = _Ctx(path)
    for key in cfg:
        if key not in RUN_KEYS | {"parameters", "time_series_parameters", "correlation_matrix"}:
            raise ctx.fail("not a key of the original's sampling config", key)
    priors: dict[str, Any] = {}
    shifts: dict[str, float] = {}
    clip: list[str] = []
    ranges: dict[str, list[float]] = {}
    no_effect: list[str] = []
    for table in ("parameters", "time_series_parameters"):
        block = cfg.get(table) or {}
        if not isinstance(block, dict):
            raise ctx.fail("expected a mapping of parameter name to distribution", table)
        for name, spec in block.items():
            field = f"{table}.{name}"
            if name in ONLY:
                _check_only(ctx, name, spec, field)
                continue
            if name in DERIVED:
                _dist(ctx, name, spec, field)  # checked, then recorded in the notes as without effect
                no_effect.append(name)
                continue
            if name not in NAMES:
                raise ctx.fail("not a parameter the port knows (see the ai-futures assumptions)", field)
            priors[name], shift = _dist(ctx, name, spec, field)
            if shift:
                shifts[name] = shift
            if name in PARAMETER_BOUNDS and spec.get("clip_to_bounds", True) is not False:
                clip.append(name)
            own = _own_range(ctx, spec, field)
            if own is not None:
                ranges[name] = own
    data: dict[str, Any] = {
        "format_version": 2,
        "model": "ai-futures",
        "run": _check_run(ctx, cfg),
        "settings": {"shifts": shifts, "clip_to_bounds": clip, "clip_ranges": ranges},
        "priors": priors,
        # Links of the map at neutral belief (weight 1 each) then move the priors by
        # about 1%; a strongly held claim (belief 0.95: weight 361) still dominates.
        "graph": {"prior_weight": 100.0},
    }
    if cfg.get("correlation_matrix") is not None:
        data["correlations"] = _correlations(ctx, cfg["correlation_matrix"], set(priors))
    data["title"] = f"AI Futures Model: {path.stem}"
    data["notes"] = _config_notes(path, no_effect)
    return data


def _config_notes(path: Path, no_effect: list[str]) -> str:
    notes = (
        f"Imported from the AI Futures Model sampling config {path.name} (format of config/sampling_config.yaml "
        "in the public repository brendanhalstead/ai-progress-rates, commit 786c665). Shifted lognormals are "
        "lognormal priors plus settings.shifts; clip_to_bounds lists the parameters the original clips to its "
        "PARAMETER_BOUNDS after sampling. Rank correlations are carried over as Spearman rho. The priors weigh "
        "100 against each argument-map link (weight 1 at neutral belief), so the preset stays the original's "
        "forecast until claims linked to it are strongly believed or doubted."
    )
    if no_effect:
        notes += (
            f" The config's {', '.join(no_effect)} has no effect and was left out: the model rescales it so "
            "that the 2023 software rate is software_progress_rate_at_reference_year."
        )
    return notes


def _own_range(ctx: _Ctx, spec: dict[str, Any], field: str) -> list[float] | None:
    """The entry's own [min, max] when the original clips a sample to it: a normal or
    (shifted) lognormal entry that says ``clip_to_bounds: true`` and gives both."""
    if spec.get("dist") not in ("normal", "lognormal", "shifted_lognormal") or not spec.get("clip_to_bounds"):
        return None
    if "min" not in spec or "max" not in spec:
        return None
    lo, hi = _num(ctx, spec["min"], field + ".min"), _num(ctx, spec["max"], field + ".max")
    if not lo <= hi:
        raise ctx.fail(f"min ({lo:g}) must not exceed max ({hi:g})", field + ".min")
    return [lo, hi]


def record_to_scenario_data(path: Path, rec: dict[str, Any]) -> dict[str, Any]:
    """Scenario data of point overrides that reproduce one rollout."""
    ctx = _Ctx(path)
    values: dict[str, Any] = {}
    for table in ("parameters", "time_series_parameters"):
        block = rec.get(table)
        if not isinstance(block, dict):
            raise ctx.fail("expected a mapping of parameter name to value (a failed rollout has none)", table)
        for name, v in block.items():
            field = f"{table}.{name}"
            if name in ONLY:
                _check_only(ctx, name, v, field)
            elif name in DERIVED:
                continue
            elif name not in NAMES:
                raise ctx.fail("not a parameter the port knows (see the ai-futures assumptions)", field)
            else:
                values[name] = {"type": "point", "value": _value(ctx, name, v, field)}
    for a in AIFM_ASSUMPTIONS:
        if a.name not in values and a.prior.type != "point":
            raise ctx.fail("missing: the rollout's value is needed to reproduce it", _original_field(a.name))
    sample = rec.get("sample_id")
    return {
        "format_version": 2,
        "model": "ai-futures",
        "title": f"AI Futures Model rollout {sample}" if sample is not None else "AI Futures Model rollout",
        "notes": f"Imported from the AI Futures Model rollout record {path.name}: its parameter values as overrides.",
        "run": {"samples": 1, "seed": 1, "start": 2012.0, "horizon": 2050.0},
        "assumptions": values,
    }


def rollout_inputs(path: Path, recs: list[dict[str, Any]]) -> tuple[np.ndarray, list[np.ndarray]]:
    """The run constants and each record's model inputs (its import, sampled once: every
    assumption is a point), for checks and benchmarks that call ``run_sample`` directly.
    Records set no kind settings, so the constants are the same for all of them."""
    from debate_explorer.core.engine.compute import compile_scenario
    from debate_explorer.core.engine.kinds.ai_futures.reference import model_inputs_numpy
    from debate_explorer.core.engine.program import sample_numpy
    from debate_explorer.core.model.scenario import scenario_from_dict

    consts, xs = np.empty(0), []
    for rec in recs:
        comp = compile_scenario(scenario_from_dict(record_to_scenario_data(path, rec)))
        x = sample_numpy(comp.program, np.full((1, 2 * len(comp.program.a_start)), 0.5))
        xs.append(model_inputs_numpy(comp.consts, x)[0])
        consts = comp.consts
    return consts, xs


def _original_field(name: str) -> str:
    """Where the original's files keep a parameter (its two tables)."""
    table = "time_series_parameters" if "training" in name or name == "slowdown_year" else "parameters"
    return f"{table}.{name}"


def _check_runs(path: Path, data: dict[str, Any]) -> None:
    """Every check a run of the imported scenario makes (values in their valid range,
    a prior with mass inside it), with the original's field named."""
    from debate_explorer.core.engine.compute import check_runnable
    from debate_explorer.core.model.scenario import scenario_from_dict

    scenario = scenario_from_dict(data, file=path)  # raises InputError if the scenario format rejects it
    try:
        check_runnable(scenario, tables=False)
    except InputError as exc:
        name = (exc.field or "").split(" ")[0].split(".", 1)[-1]
        field = _original_field(name) if name in NAMES else exc.field
        raise InputError(exc.reason, file=str(path), field=field) from None


def _is_record(raw: dict[str, Any]) -> bool:
    """A rollout record holds values; a config holds distributions (mappings)."""
    if "sample_id" in raw or "results" in raw:
        return True
    params = raw.get("parameters")
    return isinstance(params, dict) and bool(params) and not any(isinstance(v, dict) for v in params.values())


def import_aifm(path: Path) -> dict[str, Any]:
    """Validated scenario data for a sampling config or a rollout record."""
    raw = read_aifm_file(path)
    data = record_to_scenario_data(path, raw) if _is_record(raw) else config_to_scenario_data(path, raw)
    _check_runs(path, data)
    return data
