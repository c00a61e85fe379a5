"""Probability distributions as they are written in scenario and graph files.

A distribution is a small frozen pydantic model. It knows how to validate itself,
how to write itself back exactly as it was read (so files round-trip), how to
describe itself to a person, and how to break itself into *leaves* — the
single-family pieces the engine compiles into flat arrays (see
``debate_explorer.core.engine.program``). Sampling itself lives in the engine.

Accepted spellings (see ``resources/debate/FORMAT.md``): a bare number (a point
value), the shorthand ``"a to b @80%"``, or a table with a ``type``.
"""

from __future__ import annotations

import math
import re
from statistics import NormalDist
from typing import Annotated, Any, Literal, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from debate_explorer.core.errors import InputError
from debate_explorer.core.model.validation import input_error

_CONFIG = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=False)

# Bounds on any number in a distribution: beyond this nothing in these models is
# meaningful, and it keeps exp/log in the kernels finite. (The largest in use: the
# AI Futures Model's coder horizon requirement, whose configs give 2.5e12 minutes.)
_HUGE = 1e15
# The widest spread a distribution may have, however it is written (directly, or
# implied by an interval and its level): beyond these the kernels' exp() overflows
# and no assumption of these models means anything. (Values may reach _HUGE; a
# normal's sd stays at most 1e12, wider than any assumption here.)
MAX_SD = 1e12
MAX_SIGMA_LOG = 20.0


def _z(level: float) -> float:
    """Standard-normal quantile of the upper end of a central interval."""
    try:
        return NormalDist().inv_cdf(0.5 + level / 2.0)
    except ValueError:  # 0.5 + level/2 rounds to 1
        raise ValueError(f"level {level!r} is too close to 1 to compute an interval from") from None


class _Dist(BaseModel):
    model_config = _CONFIG

    def leaves(self) -> list[tuple[float, _Leaf]]:
        """(weight, leaf) pairs whose weights sum to 1."""
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def to_raw(self) -> Any:
        """The plain value to write back to a file (what was read, exactly)."""
        return _plain(self.model_dump(exclude_none=True, exclude={"text"}, by_alias=True))


class _Leaf(_Dist):
    """A single-family distribution (not a mixture)."""

    def leaves(self) -> list[tuple[float, _Leaf]]:
        return [(1.0, self)]


class _Truncatable(_Leaf):
    lower: float | None = None
    upper: float | None = None

    @model_validator(mode="after")
    def _check_bounds(self) -> _Truncatable:
        if self.lower is not None and self.upper is not None and self.lower >= self.upper:
            raise ValueError(f"lower ({self.lower}) must be below upper ({self.upper})")
        return self

    def _trunc_text(self) -> str:
        if self.lower is None and self.upper is None:
            return ""
        lo = "-inf" if self.lower is None else f"{self.lower:g}"
        hi = "inf" if self.upper is None else f"{self.upper:g}"
        return f", within [{lo}, {hi}]"


def _plain(raw: dict[str, Any]) -> dict[str, Any]:
    """``type`` first and lists instead of tuples, as a person would write it."""
    out = {"type": raw.pop("type")}
    for key, value in raw.items():
        out[key] = list(value) if isinstance(value, tuple) else value
    return out


def _finite(v: float, name: str) -> float:
    if abs(v) > _HUGE:
        raise ValueError(f"{name} = {v:g} is beyond ±{_HUGE:g}")
    return v


class Point(_Leaf):
    type: Literal["point"] = "point"
    value: float
    bare: bool = Field(default=False, exclude=True)  # written as a plain number

    @field_validator("value")
    @classmethod
    def _v(cls, v: float) -> float:
        return _finite(v, "value")

    def describe(self) -> str:
        return f"{self.value:g}"

    def to_raw(self) -> Any:
        return self.value if self.bare else {"type": "point", "value": self.value}


def level_percent(level: float) -> str:
    """An interval level as people write it: 0.79945 (z = 1.28) reads "80%", 0.975 reads "97.5%"."""
    pct = 100.0 * level
    return f"{round(pct)}%" if abs(pct - round(pct)) < 0.1 else f"{pct:.1f}%"


class _Interval(_Truncatable):
    """Shared validation for distributions that may be given by an interval."""

    ci: tuple[float, float] | None = None
    level: float | None = None
    text: str | None = Field(default=None, exclude=True)

    def _check_interval(self, attrs: tuple[str, str], shown: tuple[str, str] | None = None) -> None:
        given = [getattr(self, name) is not None for name in attrs]
        direct = shown or attrs
        if self.ci is not None:
            if any(given):
                raise ValueError(f"give either 'ci' and 'level' or {direct[0]!r} and {direct[1]!r}, not both")
            if self.level is None:
                raise ValueError("'ci' needs its 'level' (e.g. level = 0.8 for an 80% interval)")
            if not 0.0 < self.level < 1.0:
                raise ValueError(f"level must be a fraction between 0 and 1, got {self.level:g}")
            lo, hi = self.ci
            _finite(lo, "ci[0]"), _finite(hi, "ci[1]")
            if not lo < hi:
                raise ValueError(f"ci must be [low, high] with low < high, got [{lo:g}, {hi:g}]")
        elif not all(given):
            raise ValueError(f"needs {direct[0]!r} and {direct[1]!r}, or 'ci' and 'level'")
        elif self.level is not None:
            raise ValueError("'level' only goes with 'ci'")

    def to_raw(self) -> Any:
        return self.text if self.text is not None else super().to_raw()

    def _ci_text(self) -> str:
        assert self.ci is not None and self.level is not None
        return f"{level_percent(self.level)} CI {self.ci[0]:g} to {self.ci[1]:g}"


def _set(value: float | None) -> float:
    """A field the model's validator has made sure is set on this branch."""
    if value is None:
        raise ValueError("a required parameter is missing")
    return value


def _spread(width: float, level: float) -> float:
    """The standard deviation that puts ``width`` around the centre at this level."""
    z = _z(level)
    return width / (2.0 * z) if z > 0 else math.inf


def _too_wide(name: str, value: float, limit: float, from_interval: bool) -> str:
    how = " implied by the interval and its level" if from_interval else ""
    hint = " (a wider level or a narrower interval gives a smaller spread)" if from_interval else ""
    return f"the {name}{how} is {value:.3g}; at most {limit:g}{hint}"


class Normal(_Interval):
    type: Literal["normal"] = "normal"
    mean: float | None = None
    sd: float | None = None

    @model_validator(mode="after")
    def _check(self) -> Normal:
        self._check_interval(("mean", "sd"))
        if self.sd is not None:
            _finite(_set(self.mean), "mean")
            if not 0.0 < _set(self.sd):
                raise ValueError(f"sd must be positive, got {self.sd:g}")
        if not self.sigma <= MAX_SD:
            raise ValueError(_too_wide("sd", self.sigma, MAX_SD, self.ci is not None))
        return self

    @property
    def mu(self) -> float:
        if self.ci is None:
            return _set(self.mean)
        return (self.ci[0] + self.ci[1]) / 2.0

    @property
    def sigma(self) -> float:
        if self.ci is None:
            return _set(self.sd)
        return _spread(self.ci[1] - self.ci[0], _set(self.level))

    def describe(self) -> str:
        core = self._ci_text() if self.ci else f"mean {self.mu:g}, sd {self.sigma:g}"
        return f"normal({core}{self._trunc_text()})"


class Lognormal(_Interval):
    type: Literal["lognormal"] = "lognormal"
    median: float | None = None
    sigma_log: float | None = Field(default=None, alias="sigma")

    model_config = ConfigDict(**_CONFIG, populate_by_name=True)

    @model_validator(mode="after")
    def _check(self) -> Lognormal:
        self._check_interval(("median", "sigma_log"), ("median", "sigma"))
        if self.ci is not None and self.ci[0] <= 0:
            raise ValueError(f"a lognormal interval must be positive, got [{self.ci[0]:g}, {self.ci[1]:g}]")
        if self.median is not None and not 0 < self.median <= _HUGE:
            raise ValueError(f"median must be positive, got {self.median:g}")
        if self.sigma_log is not None and not 0 < self.sigma_log:
            raise ValueError(f"sigma (sd of the log) must be positive, got {self.sigma_log:g}")
        if not self.sigma <= MAX_SIGMA_LOG:
            raise ValueError(_too_wide("sigma (sd of the log)", self.sigma, MAX_SIGMA_LOG, self.ci is not None))
        return self

    @property
    def mu(self) -> float:
        if self.ci is None:
            return math.log(_set(self.median))
        return (math.log(self.ci[0]) + math.log(self.ci[1])) / 2.0

    @property
    def sigma(self) -> float:
        if self.ci is None:
            return _set(self.sigma_log)
        return _spread(math.log(self.ci[1]) - math.log(self.ci[0]), _set(self.level))

    def describe(self) -> str:
        core = self._ci_text() if self.ci else f"median {math.exp(self.mu):g}, σ(log) {self.sigma:g}"
        return f"lognormal({core}{self._trunc_text()})"


class Uniform(_Truncatable):
    type: Literal["uniform"] = "uniform"
    low: float
    high: float

    @model_validator(mode="after")
    def _check(self) -> Uniform:
        _finite(self.low, "low"), _finite(self.high, "high")
        if not self.low < self.high:
            raise ValueError(f"low ({self.low:g}) must be below high ({self.high:g})")
        return self

    def describe(self) -> str:
        return f"uniform({self.low:g} to {self.high:g}{self._trunc_text()})"


class LogUniform(Uniform):
    type: Literal["loguniform"] = "loguniform"  # type: ignore[assignment]

    @model_validator(mode="after")
    def _positive(self) -> LogUniform:
        if self.low <= 0:
            raise ValueError(f"loguniform needs low > 0, got {self.low:g}")
        return self

    def describe(self) -> str:
        return f"log-uniform({self.low:g} to {self.high:g}{self._trunc_text()})"


class Beta(_Truncatable):
    type: Literal["beta"] = "beta"
    alpha: float
    beta: float

    @model_validator(mode="after")
    def _check(self) -> Beta:
        for name in ("alpha", "beta"):
            v = getattr(self, name)
            if not 0.01 <= v <= 1e6:
                raise ValueError(f"{name} must be in [0.01, 1e6], got {v:g}")
        return self

    def describe(self) -> str:
        return f"beta(α {self.alpha:g}, β {self.beta:g}{self._trunc_text()})"


class Discrete(_Leaf):
    type: Literal["discrete"] = "discrete"
    values: tuple[float, ...]
    probs: tuple[float, ...]

    @model_validator(mode="after")
    def _check(self) -> Discrete:
        if not self.values:
            raise ValueError("values must not be empty")
        if len(self.values) != len(self.probs):
            raise ValueError(f"{len(self.values)} values but {len(self.probs)} probs")
        if len(self.values) > 1000:
            raise ValueError("at most 1000 values")
        for v in self.values:
            _finite(v, "a value")
        if any(p < 0 for p in self.probs):
            raise ValueError("probs must not be negative")
        total = sum(self.probs)
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"probs must sum to 1, they sum to {total:.6g}")
        return self

    def describe(self) -> str:
        parts = ", ".join(f"{v:g}: {p:.0%}" for v, p in zip(self.values, self.probs))
        return "{" + parts + "}"


class Component(BaseModel):
    model_config = _CONFIG
    weight: float
    dist: Dist

    @field_validator("weight")
    @classmethod
    def _w(cls, v: float) -> float:
        if not 0 <= v <= _HUGE:
            raise ValueError(f"weight must be zero or positive, got {v:g}")
        return v


class Mixture(_Dist):
    type: Literal["mixture"] = "mixture"
    components: tuple[Component, ...]

    @model_validator(mode="after")
    def _check(self) -> Mixture:
        if not self.components:
            raise ValueError("a mixture needs at least one component")
        if len(self.components) > 1000:
            raise ValueError("at most 1000 components")
        if sum(c.weight for c in self.components) <= 0:
            raise ValueError("the component weights must not all be zero")
        return self

    def leaves(self) -> list[tuple[float, _Leaf]]:
        total = sum(c.weight for c in self.components)
        out: list[tuple[float, _Leaf]] = []
        for comp in self.components:
            for w, leaf in comp.dist.leaves():
                out.append((comp.weight / total * w, leaf))
        return out

    def describe(self) -> str:
        total = sum(c.weight for c in self.components)
        inner = "; ".join(f"{c.weight / total:.0%} {c.dist.describe()}" for c in self.components)
        return f"mixture({inner})"

    def to_raw(self) -> Any:
        return {
            "type": "mixture",
            "components": [{"weight": c.weight, "dist": c.dist.to_raw()} for c in self.components],
        }


Dist = Annotated[
    Point | Normal | Lognormal | Uniform | LogUniform | Beta | Discrete | Mixture,
    Field(discriminator="type"),
]
Component.model_rebuild()

_SHORTHAND = re.compile(
    r"^\s*(?P<a>[-+]?[0-9.]+(?:e[-+]?\d+)?)\s+to\s+(?P<b>[-+]?[0-9.]+(?:e[-+]?\d+)?)"
    r"\s*(?:@\s*(?P<level>[0-9.]+)\s*%)?\s*$",
    re.IGNORECASE,
)


def _from_shorthand(text: str) -> dict[str, Any]:
    match = _SHORTHAND.match(text)
    if not match:
        raise ValueError(f"cannot read {text!r}: write a number, a table with a 'type', or 'a to b @80%'")
    if match["level"] is None:
        raise ValueError(f"{text!r} needs its interval level, e.g. '{text.strip()} @90%' (80% and 90% are both in use)")
    a, b, level = float(match["a"]), float(match["b"]), float(match["level"]) / 100.0
    family = "lognormal" if a > 0 else "normal"
    return {"type": family, "ci": (a, b), "level": level, "text": text}


def _prepare(raw: Any) -> Any:
    """Turn the short spellings into tables, recursively through mixtures."""
    if isinstance(raw, bool):
        raise ValueError("expected a distribution, got a true/false value")
    if isinstance(raw, (int, float)):
        return {"type": "point", "value": raw, "bare": True}
    if isinstance(raw, str):
        return _from_shorthand(raw)
    if isinstance(raw, dict) and raw.get("type") == "mixture" and isinstance(raw.get("components"), (list, tuple)):
        comps = []
        for c in raw["components"]:
            if isinstance(c, dict) and "dist" in c:
                c = {**c, "dist": _prepare(c["dist"])}
            comps.append(c)
        return {**raw, "components": comps}
    return raw


_ADAPTER: TypeAdapter[Any] = TypeAdapter(Dist)


def parse_dist(raw: Any, field: str | tuple[Any, ...] = ()) -> AnyDist:
    """Validate ``raw`` into a distribution, or raise an InputError at ``field``."""
    try:
        return cast(AnyDist, _ADAPTER.validate_python(_prepare(raw)))
    except ValueError as exc:  # includes pydantic's ValidationError
        raise _to_input_error(exc, field) from None


def _to_input_error(exc: ValueError, field: str | tuple[Any, ...]) -> InputError:
    base = [field] if isinstance(field, str) and field else list(field or ())
    if isinstance(exc, ValidationError):
        return input_error(exc, prefix=base)
    return InputError(str(exc), field=base)


AnyDist = Point | Normal | Lognormal | Uniform | LogUniform | Beta | Discrete | Mixture
Leaf = Point | Normal | Lognormal | Uniform | LogUniform | Beta | Discrete


def mixture_of(parts: list[tuple[float, AnyDist]]) -> AnyDist:
    """A mixture of weighted distributions; a single part is returned as itself."""
    live = [(w, d) for w, d in parts if w > 0]
    if len(live) == 1:
        return live[0][1]
    if not live:
        raise ValueError("every component has weight 0")
    return Mixture(components=tuple(Component(weight=w, dist=d) for w, d in live))
