"""Engine speed and memory, measured side by side in one run.

Prints, for scenarios/baseline.toml linked to the shipped graph (what
``debate-explorer run scenarios/baseline.toml`` runs):
- the RNG floor: drawing exactly the scenario's uniforms per sample, on the same
  chunks, seeds and threads, and doing nothing with them;
- numba at 10^5 and 10^6 samples (best of --repeat) and the ratio to the floor;
- the numpy reference at 10^5 (and 10^6 with --numpy-1e6) and numba's speed-up;
- the time to summarise a 10^6 result (milestone quantiles, band percentiles, regimes);
- peak memory of a 10^6-sample run and its summary beyond the interpreter (a fresh
  process: max RSS after the run minus RSS before it);
- a per-stage profile on one thread (benchmarks/engine_stages.py): draws, inverse
  CDFs, linking mixtures, copula, trajectories, economy histograms.

Run:  PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_engine.py [--repeat 5] [--numpy-1e6]
Targets (issue 17, 2 cores): 10^6 <= 0.5 s and <= 3.5x the floor; 10^5 <= 80 ms;
peak <= 150 MB. On a shared machine judge by the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

import numpy as np
from numba import njit

from debate_explorer.core.engine.compute import compile_scenario
from debate_explorer.core.engine.runner import chunk_seeds, default_threads, engine_pool, run_compiled
from debate_explorer.core.graph import load_graph
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import baseline_scenario_path


@njit(nogil=True, cache=True)
def _draw_only(rng, n, k):
    acc = 0.0
    for _ in range(n * k):
        acc += rng.random()
    return acc


def rng_floor(samples: int, n_draws: int, seed: int, threads: int, chunk: int) -> float:
    """Seconds to draw n_draws uniforms per sample, chunked and threaded like the engine."""
    pool = engine_pool(threads)
    seeds = chunk_seeds(seed, samples, chunk)
    t0 = time.perf_counter()
    futures = []
    for i, ss in enumerate(seeds):
        n = min(chunk, samples - i * chunk)
        futures.append(pool.submit(_draw_only, np.random.Generator(np.random.PCG64(ss)), n, n_draws))
    for f in futures:
        f.result()
    return time.perf_counter() - t0


def cpu_per_sample(compiled, samples: int) -> float:
    """µs of CPU per sample on one thread (the engine's own cost, less sensitive to load)."""
    t0 = time.process_time()
    run_compiled(compiled, samples=samples, seed=2, threads=1)
    return (time.process_time() - t0) / samples * 1e6


def best_of(fn, repeat: int) -> float:
    return min(fn() for _ in range(repeat))


def peak_memory_mb(samples: int) -> float:
    code = (
        "import sys, os\n"
        "sys.path.insert(0, os.getcwd())\n"
        "from benchmarks.bench_engine import compiled_baseline\n"
        "from debate_explorer.core.engine.runner import run_compiled\n"
        "c = compiled_baseline(); run_compiled(c, samples=1000, seed=1)\n"
        "def status(key):\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith(key):\n"
        "            return int(line.split()[1])\n"
        "before = status('VmRSS')\n"
        # Reset the high-water mark: loading the kernels peaks above what the run needs,
        # and ru_maxrss would count that peak (it made this figure vary from 50 to 190 MB).
        "open('/proc/self/clear_refs', 'w').write('5')\n"
        f"r = run_compiled(c, samples={samples}, seed=1); r.summary()\n"
        "print((status('VmHWM') - before) / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def compiled_baseline():
    scenario = load_scenario(baseline_scenario_path())
    return compile_scenario(scenario, load_graph())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="numba timings: best of this many runs")
    parser.add_argument("--numpy-1e6", action="store_true", help="also run the slow numpy reference at 10^6")
    args = parser.parse_args()
    from benchmarks.engine_stages import stage_profile, summary_seconds

    compiled = compiled_baseline()
    threads = default_threads()
    n_draws = compiled.kind.n_draws
    chunk = compiled.kind.chunk_size
    run_compiled(compiled, samples=chunk, seed=0)  # load the kernels (JIT cache)
    rng_floor(chunk, n_draws, 0, threads, chunk)
    rows = {}
    print(f"scenarios/baseline.toml + shipped graph · {threads} threads · {n_draws} uniforms per sample")
    print(f"{'samples':>10} {'numba s':>9} {'rng floor s':>12} {'numba/floor':>12} {'numpy s':>9} {'numpy/numba':>12}")
    for samples in (100_000, 1_000_000):
        t_numba = best_of(lambda n=samples: run_compiled(compiled, samples=n, seed=1).seconds, args.repeat)
        t_floor = best_of(lambda n=samples: rng_floor(n, n_draws, 1, threads, chunk), args.repeat)
        if samples == 1_000_000 and not args.numpy_1e6:
            t_numpy = float("nan")
        else:
            t_numpy = run_compiled(compiled, samples=samples, seed=1, backend="numpy").seconds
        rows[samples] = {"numba_s": t_numba, "numpy_s": t_numpy, "floor_s": t_floor}
        print(
            f"{samples:>10,} {t_numba:>9.3f} {t_floor:>12.3f} {t_numba / t_floor:>11.1f}x "
            f"{t_numpy:>9.2f} {t_numpy / t_numba:>11.1f}x"
        )
    big = run_compiled(compiled, samples=1_000_000, seed=1)
    t_summary = summary_seconds(big)
    t0 = time.perf_counter()
    compiled.kind.regimes(compiled.settings, big.extras)
    t_regimes = time.perf_counter() - t0
    print(
        f"summarising 10^6 (milestone quantiles, band percentiles): {t_summary * 1e3:.1f} ms; "
        f"regimes {t_regimes * 1e3:.1f} ms"
    )
    peak = peak_memory_mb(1_000_000)
    print(f"peak memory of a 10^6-sample run and its summary beyond the interpreter: {peak:.0f} MB")
    prior = compile_scenario(load_scenario(baseline_scenario_path()))
    stages = stage_profile(compiled, prior)
    print("one thread, CPU µs per sample by stage:")
    for name, us in stages.items():
        print(f"  {name:<45} {us:6.3f}")
    print(f"  {'sum of the baseline stages':<45} {sum(v for k, v in stages.items() if 'copula' not in k):6.3f}")
    one = cpu_per_sample(compiled, 200_000)
    print(f"  {'whole run (runner, chunks, finish)':<45} {one:6.3f}")
    print(
        json.dumps(
            {
                "threads": threads,
                "runs": rows,
                "summary_s": t_summary,
                "peak_mb_1e6": peak,
                "stages_us": stages,
                "cpu_us_per_sample": one,
            }
        )
    )


if __name__ == "__main__":
    main()
