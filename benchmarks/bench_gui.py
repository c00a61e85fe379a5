"""How the app feels: latency from a credence change to redrawn plots, GUI stalls, start-up.

Prints:
- time from a credence change (as a slider sends it) to the outcome plots showing
  the new result, median and 95th percentile, at 10^5 and 10^6 samples (for 10^6
  the 10^5-sample preview arrives first; both are shown);
- the longest stall of the GUI thread while recomputing (gaps between ticks of a
  2 ms timer);
- time from launching the app process to the window being shown, to the first
  results (a preview) and to the full-size results, with a warm numba cache.

Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_gui.py [--changes 30]
Targets (issue #4): p95 < 200 ms at 10^5, no stall > 100 ms, first results within 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer  # noqa: E402

from debate_explorer.core.autosave import Autosaver  # noqa: E402
from debate_explorer.ui.app import application, build_window  # noqa: E402

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


def wait(app, predicate, timeout=120.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("no result in time")
        app.processEvents()
        time.sleep(0.0005)


def measure_changes(app, window, samples: int, changes: int, stall: StallMeter) -> dict:
    ctx = window.ctx
    doc = ctx.document
    doc.set_run(samples=samples)
    wait(app, lambda: ctx.results and ctx.results.revision == doc.revision and ctx.results.samples == samples
         and not ctx.compute.is_busy)
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
        doc.set_credence(node, 0.2 + 0.6 * ((i * 7) % 10) / 10)
        wait(app, lambda: "full" in seen)
        app.processEvents()  # the plots redraw in the same event loop pass as the signal
        first.append(seen["first"] - t0)
        full.append(seen["full"] - t0)
    ctx.resultsChanged.disconnect(on_result)
    return {"first": first, "full": full, "stall_ms": stall.worst}


def pct(values, q) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def startup_seconds() -> tuple[float, float, float]:
    """(window shown, first results, first full-size results) after launching a fresh process."""
    code = (
        "import time, os; t0 = float(os.environ['DE_T0'])\n"
        "os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
        "import tempfile\nfrom pathlib import Path\n"
        "from PySide6.QtCore import QSettings\n"
        "from debate_explorer.core.autosave import Autosaver\n"
        "from debate_explorer.ui.app import application, build_window\n"
        "app = application(); d = tempfile.mkdtemp()\n"
        "w = build_window(settings=QSettings(d + '/s.ini', QSettings.IniFormat), autosaver=Autosaver(Path(d)))\n"
        "w.show(); app.processEvents(); shown = time.time() - t0\n"
        "ctx = w.ctx; want = ctx.document.scenario.run.samples\n"
        "while not ctx.results:\n"
        "    app.processEvents(); time.sleep(0.001)\n"
        "first = time.time() - t0\n"
        "while not (ctx.results and ctx.results.samples == want):\n"
        "    app.processEvents(); time.sleep(0.001)\n"
        "print(shown, first, time.time() - t0); ctx.compute.shutdown()\n"
    )
    env = {**os.environ, "DE_T0": repr(time.time())}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    shown, first, full = out.stdout.split()
    return float(shown), float(first), float(full)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=30, help="credence changes per sample size")
    args = parser.parse_args()
    app = application()
    scratch = Path(tempfile.mkdtemp())
    window = build_window(settings=QSettings(str(scratch / "s.ini"), QSettings.IniFormat),
                          autosaver=Autosaver(scratch))
    window.resize(1600, 1000)
    window.show()
    stall = StallMeter()
    print("credence change -> plots updated (seconds)")
    print(f"{'samples':>10} {'first median':>13} {'first p95':>10} {'full median':>12} {'full p95':>9} "
          f"{'worst GUI stall':>16}")
    for samples in (100_000, 1_000_000):
        m = measure_changes(app, window, samples, args.changes, stall)
        print(f"{samples:>10,} {statistics.median(m['first']):>13.3f} {pct(m['first'], 0.95):>10.3f} "
              f"{statistics.median(m['full']):>12.3f} {pct(m['full'], 0.95):>9.3f} {m['stall_ms']:>14d} ms")
    window.ctx.compute.shutdown()
    shown, first, full = min(startup_seconds() for _ in range(3))
    print(f"launch -> window shown: {shown:.2f} s; -> first results (preview): {first:.2f} s; "
          f"-> full-size results: {full:.2f} s (warm cache, best of 3 launches)")


if __name__ == "__main__":
    main()
