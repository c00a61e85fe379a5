"""Sobol' global sensitivity indices through SALib.

A Sobol' design samples the swept parameters with Saltelli's extension of the
Sobol' sequence (``SALib.sample.sobol``; SALib >= 1.5 moved it there from
``SALib.sample.saltelli``) on uniform bounds; each point's metric is then one
model output ``Y`` and ``SALib.analyze.sobol`` splits its variance into
first-order (S1: the parameter alone) and total (ST: with all its
interactions) indices, with bootstrap confidence intervals.

The engine's metrics are Monte Carlo estimates, so their noise counts as
variance no parameter explains: it lowers S1 and raises ST a little. More
samples per point, or ``seeding = "common"``, shrink that effect.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

NUM_RESAMPLES = 200  # bootstrap resamples for the confidence intervals


def sobol_problem(parameters: Sequence[Any]) -> dict[str, Any]:
    """SALib's problem dict from parameters with ``name``, ``low`` and ``high``."""
    return {
        "num_vars": len(parameters),
        "names": [p.name for p in parameters],
        "bounds": [[p.low, p.high] for p in parameters],
    }


def sobol_sample(parameters: Sequence[Any], n: int, *, second_order: bool = False, seed: int = 0) -> np.ndarray:
    """Saltelli's design: ``n·(D+2)`` rows (``n·(2D+2)`` with second order), scrambled by ``seed``."""
    from SALib.sample import sobol as sobol_sampler

    return np.asarray(
        sobol_sampler.sample(sobol_problem(parameters), n, calc_second_order=second_order, scramble=True, seed=seed)
    )


def sobol_indices(
    parameters: Sequence[Any], y: np.ndarray, *, second_order: bool = False, seed: int = 0
) -> dict[str, Any]:
    """S1, ST and their 95% confidence half-widths for one output, in parameter order.

    Returns ``{"skipped": reason}`` instead when the output cannot be analysed:
    a missing (failed) point, a value that is not finite (e.g. a median year not
    reached by the horizon), or an output that never varies.
    """
    from SALib.analyze import sobol as sobol_analyzer

    y = np.asarray(y, dtype=float)
    bad = int(np.count_nonzero(~np.isfinite(y)))
    if bad:
        return {
            "skipped": f"{bad} of {len(y)} points have no finite value (failed, or not reached by "
            f"the horizon); Sobol' indices need every point"
        }
    if np.ptp(y) == 0.0:
        return {"skipped": "the metric has the same value at every point"}
    # SALib ignores a seed of 0 (``if seed:``), which would make the intervals vary run to run.
    res = sobol_analyzer.analyze(
        sobol_problem(parameters),
        y,
        calc_second_order=second_order,
        num_resamples=NUM_RESAMPLES,
        conf_level=0.95,
        seed=seed + 1,
    )
    out = {key: [float(v) for v in res[key]] for key in ("S1", "S1_conf", "ST", "ST_conf")}
    if second_order:
        out["S2"] = np.nan_to_num(res["S2"], nan=0.0).tolist()
    return out


def format_sobol_table(names: Sequence[str], indices: dict[str, dict[str, Any]]) -> str:
    """A plain-text table per metric: parameter, S1 ± conf, ST ± conf."""
    width = max([len(n) for n in names] + [9])
    lines = []
    for metric, res in indices.items():
        lines.append(f"Sobol' indices for {metric}")
        if "skipped" in res:
            lines += [f"  skipped: {res['skipped']}", ""]
            continue
        lines.append(f"  {'parameter':<{width}}  {'S1':>14}  {'ST':>14}")
        for i, name in enumerate(names):
            s1 = f"{_num(res['S1'][i])} ± {_num(res['S1_conf'][i])}"
            st = f"{_num(res['ST'][i])} ± {_num(res['ST_conf'][i])}"
            lines.append(f"  {name:<{width}}  {s1:>14}  {st:>14}")
        lines.append("")
    return "\n".join(lines).rstrip()


def _num(v: float) -> str:
    """Three decimals, without the '-0.000' that estimator noise around zero would print."""
    return f"{0.0 if abs(v) < 5e-4 else v:.3f}"
