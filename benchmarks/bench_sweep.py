"""Sweep throughput on Dask: 2 local workers against 1, and the cost of a point.

Prints, for a grid of at least 64 points of the debate model (g_compute × g_software):
- wall time in-process (serial), on a LocalCluster of 1 worker and of 2 workers,
  timed after the cluster has started and its workers are warm (kernels loaded);
- the speed-up of 2 workers over 1 (ideal: 2x on two free cores);
- the overhead per point: the same grid with 1 Monte Carlo sample per point,
  in-process and on 1 Dask worker, divided by the number of points;
- cluster start-up plus worker warm-up, which a sweep pays once.

Run:  .venv/bin/python benchmarks/bench_sweep.py [--side 8] [--samples 20000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from debate_explorer.core.analysis.sweep import sweep_spec_from_dict
from debate_explorer.core.analysis.sweep.execute import dask_client, run_sweep


def grid_spec(side: int, samples: int):
    def values(lo, hi):
        return [lo + (hi - lo) * i / (side - 1) for i in range(side)]

    return sweep_spec_from_dict(
        {
            "format_version": 1,
            "samples": samples,
            "seed": 1,
            "metrics": ["agi_median", "p_explosive"],
            "design": {
                "type": "grid",
                "parameters": [
                    {"assumption": "g_compute", "values": values(0.3, 0.9)},
                    {"assumption": "g_software", "values": values(0.2, 0.8)},
                ],
            },
        }
    )


def timed_sweep(spec, out: Path, repeat: int, **how) -> float:
    """Best wall time of ``repeat`` full sweeps (``restart``: nothing is resumed)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        run_sweep(spec, out, restart=True, **how)
        best = min(best, time.perf_counter() - t0)
    return best


def on_cluster(n_workers: int, specs: list, tmp: Path, repeat: int) -> tuple[float, list[float]]:
    """(start-up + warm-up seconds, best sweep time for each spec) on a fresh LocalCluster."""
    t0 = time.perf_counter()
    with dask_client(workers=n_workers) as (client, _):  # the cluster `debate-explorer sweep` starts
        run_sweep(grid_spec(2, 16), tmp / "warm.csv", client=client, restart=True)  # registers the warm-up
        startup = time.perf_counter() - t0
        times = [timed_sweep(spec, tmp / f"w{n_workers}.csv", repeat, client=client) for spec in specs]
    return startup, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--side", type=int, default=8, help="grid side; points = side² (default 8: 64 points)")
    parser.add_argument("--samples", type=int, default=20_000, help="Monte Carlo samples per point")
    parser.add_argument("--repeat", type=int, default=2, help="best of this many sweeps per setting")
    args = parser.parse_args()
    work, tiny = grid_spec(args.side, args.samples), grid_spec(args.side, 1)
    n = work.n_points
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        run_sweep(tiny, tmp / "prime.csv", serial=True)  # this process's kernels, too
        serial = timed_sweep(work, tmp / "serial.csv", args.repeat, serial=True)
        serial_tiny = timed_sweep(tiny, tmp / "serial_tiny.csv", args.repeat, serial=True)
        start1, (one, one_tiny) = on_cluster(1, [work, tiny], tmp, args.repeat)
        start2, (two,) = on_cluster(2, [work], tmp, args.repeat)
    print(
        f"sweep of {n} points × {args.samples:,} samples (debate model, grid g_compute × g_software), "
        f"best of {args.repeat}"
    )
    print(f"  in-process (serial)      {serial:7.2f} s   {1e3 * serial / n:6.1f} ms/point")
    print(f"  Dask, 1 worker           {one:7.2f} s   {1e3 * one / n:6.1f} ms/point")
    print(f"  Dask, 2 workers          {two:7.2f} s   {1e3 * two / n:6.1f} ms/point")
    print(f"  speed-up, 2 workers vs 1 {one / two:7.2f}x")
    print(f"overhead per point ({n} points × 1 sample, results written):")
    print(f"  in-process               {1e3 * serial_tiny / n:7.2f} ms/point")
    print(
        f"  Dask, 1 worker           {1e3 * one_tiny / n:7.2f} ms/point "
        f"(Dask adds {1e3 * (one_tiny - serial_tiny) / n:.2f} ms/point)"
    )
    print(f"cluster start + warm-up    1 worker {start1:.2f} s, 2 workers {start2:.2f} s (once per sweep)")
    print(
        f"machine: {os.cpu_count()} cores, 1-min load average {load_before:.1f} before and "
        f"{os.getloadavg()[0]:.1f} after (other processes' load caps the speed-up)"
    )


if __name__ == "__main__":
    main()
