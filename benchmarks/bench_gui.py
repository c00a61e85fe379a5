"""How the app feels: latency from a credence change to redrawn plots, GUI stalls, start-up.

Prints:
- time from a credence change (as a slider sends it) to the outcome plots showing
  the new result, median and 95th percentile, at 10^5 and 10^6 samples (for 10^6
  the 10^5-sample preview arrives first; both are shown);
- the longest stall of the GUI thread while recomputing (gaps between ticks of a
  2 ms timer);
- time from launching the app process to the window being shown, to the first
  results (a preview) and to the full-size results, with a warm numba cache;
- the same on an empty numba cache (a fresh temporary NUMBA_CACHE_DIR): the first
  results then come from the numpy reference engine at a small sample count while
  numba compiles, and the full-size numba results follow.

Also prints the engine alone in the same process just before (link + compile + run of
the preview and of 10^5), so that what the GUI adds is the difference, and a line per
target with its figure.

Run:  PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [--changes 30] [--skip-cold]
Targets (issue 17, 2 cores): preview p95 <= 40 ms and full 10^5 <= 120 ms after a credence
change; worst GUI stall <= 30 ms at 10^6; warm launch -> first results <= 1.5 s; empty
numba cache -> first (numpy) results <= 3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer  # noqa: E402

from debate_explorer.core.files.autosave import Autosaver  # noqa: E402
from debate_explorer.ui.window.app import application, build_window  # noqa: E402
from debate_explorer.ui.window.waiting import wait_until_current  # noqa: E402

NODES = ("hive_mind", "karpathy_decade_of_agents", "grid_bottleneck", "clark_designing_successors")


class StallMeter:
    """Largest gap between ticks of a fast timer on the GUI thread."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(2)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.worst = 0

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.worst = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now


def measure_changes(app, window, samples: int, changes: int, stall: StallMeter) -> dict:
    ctx = window.ctx
    doc = ctx.document
    doc.set_run(samples=samples)
    wait_until_current(ctx, settle=0)
    first, full = [], []
    seen: dict[str, float] = {}

    def on_result(result):
        if result.revision == doc.revision:
            seen.setdefault("first", time.perf_counter())
            if result.samples == samples:
                seen["full"] = time.perf_counter()

    ctx.resultsChanged.connect(on_result)
    stall.start()
    for i in range(changes):
        seen.clear()
        node = NODES[i % len(NODES)]
        t0 = time.perf_counter()
        value = 0.2 + 0.6 * ((i * 7) % 10) / 10
        if abs(doc.scenario.graph.credences.get(node, -1.0) - value) < 1e-3:  # unchanged: no new result
            value += 0.03
        doc.set_credence(node, value)
        wait_until_current(ctx, settle=1)  # the plots redraw in the same event loop pass as the signal
        first.append(seen["first"] - t0)
        full.append(seen["full"] - t0)
    ctx.resultsChanged.disconnect(on_result)
    return {"first": first, "full": full, "stall_ms": stall.worst}


def engine_alone(window, changes: int) -> tuple[float, float]:
    """Median seconds of link + compile + run for the preview and for 10^5 samples, off the GUI."""
    from debate_explorer.core.engine.compute import compile_scenario
    from debate_explorer.core.engine.runner import run_compiled

    doc = window.ctx.document
    scenario, graph = doc.scenario, doc.graph
    preview, full = [], []
    for i in range(changes):
        changed = scenario.replace(graph={"credences": {NODES[i % len(NODES)]: 0.2 + 0.06 * (i % 10)}})
        for samples, out in ((scenario.kind.preview_samples, preview), (100_000, full)):
            t0 = time.perf_counter()
            run_compiled(compile_scenario(changed, graph), samples=samples, seed=scenario.run.seed)
            out.append(time.perf_counter() - t0)
    return statistics.median(preview), statistics.median(full)


def report_targets(rows: list[tuple[str, float, float]]) -> None:
    print("targets (issue 17):")
    for name, value, target in rows:
        verdict = "ok" if value <= target else "MISSED"
        print(f"  {name:<48} {value * 1000:8.0f} ms  target <= {target * 1000:.0f} ms  {verdict}")


def pct(values, q) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


STARTUP = """
import time, os; t0 = float(os.environ['DE_T0'])
os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')
import tempfile
from pathlib import Path
from PySide6.QtCore import QSettings
from debate_explorer.core.files.autosave import Autosaver
from debate_explorer.ui.window.app import application, build_window
from debate_explorer.ui.window.waiting import results_are_current
app = application(); d = tempfile.mkdtemp()
w = build_window(settings=QSettings(d + '/s.ini', QSettings.IniFormat), autosaver=Autosaver(Path(d)))
w.show(); app.processEvents(); shown = time.time() - t0
ctx = w.ctx
last, worst = time.perf_counter(), 0.0
def spin():  # one pass of the event loop; the longest gap is the worst GUI stall
    global last, worst
    app.processEvents(); time.sleep(0.001)
    now = time.perf_counter(); worst = max(worst, now - last); last = now
while not ctx.results:
    spin()
first = time.time() - t0; backend = ctx.results.backend
while not results_are_current(ctx):
    spin()
print(shown, first, time.time() - t0, backend, worst); ctx.compute.shutdown()
"""


def startup_seconds(cache_dir: str | None = None) -> tuple[float, float, float, str, float]:
    """(window shown, first results, full-size results, first backend, worst GUI stall) for a fresh process.

    ``cache_dir`` points numba's cache at that folder (an empty one: a cold launch).
    """
    env = {**os.environ, "DE_T0": repr(time.time())}
    if cache_dir is not None:
        env["NUMBA_CACHE_DIR"] = cache_dir
    out = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, env=env, check=True)
    shown, first, full, backend, stall = out.stdout.split()
    return float(shown), float(first), float(full), backend, float(stall)


def cold_startup_seconds() -> tuple[float, float, float, str, float]:
    cache = tempfile.mkdtemp(prefix="de-cold-numba-")
    try:
        return startup_seconds(cache)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=30, help="credence changes per sample size")
    parser.add_argument("--skip-cold", action="store_true", help="skip the launch on an empty numba cache")
    args = parser.parse_args()
    app = application()
    scratch = Path(tempfile.mkdtemp())
    window = build_window(settings=QSettings(str(scratch / "s.ini"), QSettings.IniFormat), autosaver=Autosaver(scratch))
    window.resize(1600, 1000)
    window.show()
    stall = StallMeter()
    print("credence change -> plots updated (seconds)")
    print(
        f"{'samples':>10} {'first median':>13} {'first p95':>10} {'full median':>12} {'full p95':>9} "
        f"{'worst GUI stall':>16}"
    )
    measured = {}
    for samples in (100_000, 1_000_000):
        m = measure_changes(app, window, samples, args.changes, stall)
        measured[samples] = m
        print(
            f"{samples:>10,} {statistics.median(m['first']):>13.3f} {pct(m['first'], 0.95):>10.3f} "
            f"{statistics.median(m['full']):>12.3f} {pct(m['full'], 0.95):>9.3f} {m['stall_ms']:>14d} ms"
        )
    alone_preview, alone_full = engine_alone(window, min(args.changes, 10))
    print(
        f"engine alone, same process (link + compile + run, median): preview {alone_preview:.3f} s, "
        f"10^5 {alone_full:.3f} s; the GUI adds the rest"
    )
    window.ctx.compute.shutdown()
    shown, first, full, _, _ = min(startup_seconds() for _ in range(3))
    warm_first = first
    print(
        f"launch -> window shown: {shown:.2f} s; -> first results (preview): {first:.2f} s; "
        f"-> full-size results: {full:.2f} s (warm cache, best of 3 launches)"
    )
    if not args.skip_cold:
        shown, first, full, backend, stall = cold_startup_seconds()
        print(
            f"cold launch -> window shown: {shown:.2f} s; -> first results: {first:.2f} s ({backend}); "
            f"-> full-size numba results: {full:.2f} s; worst GUI stall meanwhile {1000 * stall:.0f} ms "
            "(empty numba cache, one launch)"
        )
    rows = [
        ("preview p95 after a credence change (10^5)", pct(measured[100_000]["first"], 0.95), 0.040),
        ("full 10^5 median after a credence change", statistics.median(measured[100_000]["full"]), 0.120),
        ("worst GUI stall during 10^6 runs", measured[1_000_000]["stall_ms"] / 1000, 0.030),
        ("warm launch -> first results", warm_first, 1.5),
    ]
    if not args.skip_cold:
        rows.append(("empty numba cache -> first (numpy) results", first, 3.0))
    report_targets(rows)


if __name__ == "__main__":
    main()
