"""Getting the numba kernels ready: is the compilation cache empty, how long will compiling take, compile.

A cold JIT compile of every kind takes several seconds (about 10 s on the 2-core
reference machine); with numba's on-disk cache a later process loads the same
kernels in a fraction of a second. The app uses these answers to say what is
happening on a first launch, and to show quick numpy results meanwhile.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_COMPILE_SECONDS = 12.0  # measured on the 2-core reference machine: ~8 s default kind, ~2 s AI 2027 port
WARM_UP_SAMPLES = 64
_RECORD = "compile-seconds.txt"


def numba_cache_dir() -> Path | None:
    """The folder numba caches compiled kernels in (set by ``debate_explorer._numba_env``), if any."""
    value = os.environ.get("NUMBA_CACHE_DIR")
    return Path(value) if value else None


def cache_is_empty(cache_dir: Path | None = None) -> bool:
    """True when no kernel has been compiled into the cache yet, so the first run must compile.

    The cache folder is keyed by a hash of the core's source, so an edit or an
    upgrade starts from an empty folder, which is exactly when compiling is slow.
    """
    cache_dir = cache_dir or numba_cache_dir()
    if cache_dir is None or not cache_dir.is_dir():
        return cache_dir is not None
    return next(cache_dir.rglob("*.nbi"), None) is None


def expected_compile_seconds(cache_dir: Path | None = None) -> float:
    """How long compiling every kernel took last time on this machine (a default before the first time)."""
    for record in _records(cache_dir or numba_cache_dir()):
        try:
            return max(1.0, float(record.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return DEFAULT_COMPILE_SECONDS


def record_compile_seconds(seconds: float, cache_dir: Path | None = None) -> None:
    """Remember a measured compile time for the next estimate (best effort), inside the cache folder."""
    cache_dir = cache_dir or numba_cache_dir()
    if cache_dir is not None:
        try:
            (cache_dir / _RECORD).write_text(f"{seconds:.1f}\n", encoding="utf-8")
        except OSError:
            pass


def _records(cache_dir: Path | None) -> list[Path]:
    """This cache's record, then (in the app's own per-version layout, ``.../numba/<hash>``) the
    newest of earlier versions': an upgrade compiles about as long as the last one did."""
    if cache_dir is None:
        return []
    found = [cache_dir / _RECORD]
    if cache_dir.parent.name == "numba":
        others = [p for p in cache_dir.parent.glob(f"*/{_RECORD}") if p.parent != cache_dir]
        found += sorted(others, key=lambda p: p.stat().st_mtime, reverse=True)
    return [p for p in found if p.is_file()]


def warm_up_kinds(
    ready: Callable[[str], None], stop: Callable[[], bool] = lambda: False, first: str | None = None
) -> None:
    """Load (or compile) each kind's numba kernel with a tiny run; call ``ready(kind)`` as each becomes usable.

    The kind ``first`` (the one the open scenario uses) goes before the others: on
    an empty cache each kind takes seconds to compile.

    A kind that fails to import or run is skipped here: its error is reported when
    a scenario uses it.
    """
    from debate_explorer.core.engine.compute import compile_scenario
    from debate_explorer.core.engine.kinds import kind_names
    from debate_explorer.core.engine.runner import run_compiled
    from debate_explorer.core.model.scenario import scenario_from_dict

    for name in sorted(kind_names(), key=lambda kind: kind != first):
        if stop():
            return
        try:
            scenario = scenario_from_dict({"format_version": 1, "model": name, "run": {"samples": WARM_UP_SAMPLES}})
            run_compiled(compile_scenario(scenario), samples=WARM_UP_SAMPLES, seed=0, threads=1)
        except Exception:  # noqa: BLE001, S112 - reported when a scenario of that kind runs
            pass
        ready(name)


def timed_warm_up(
    ready: Callable[[str], None],
    stop: Callable[[], bool] = lambda: False,
    first: str | None = None,
    *,
    record: bool = False,
) -> float:
    """:func:`warm_up_kinds`, returning the seconds it took (and remembering them when it compiled)."""
    t0 = time.perf_counter()
    warm_up_kinds(ready, stop, first)
    seconds = time.perf_counter() - t0
    if record and not stop():
        record_compile_seconds(seconds)
    return seconds
