"""Where each worldview preset lands: the table and figure in docs/MODEL.md.

Run:  .venv/bin/python docs/make_model_figures.py [--samples 50000]

Prints a Markdown table (milestone medians, the AGI 10-90% range, P(AGI by 2030),
the median SC -> ASI gap and P(explosive growth in the regime year)) and writes
docs/preset_arrivals.png: P(AGI by year) for every preset, with SC and ASI for
the baseline. matplotlib comes with SALib, a dependency of the sweeps.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from debate_explorer.core.engine.compute import run_scenario
from debate_explorer.core.graph import load_graph
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import scenarios_dir

PRESETS = (
    "baseline",
    "amplification",
    "paradigm_shift",
    "decade_of_agents",
    "hive_mind",
    "fast_self_iteration",
    "grid_constrained",
)
OUT = Path(__file__).resolve().parent / "preset_arrivals.png"


def gap(years: np.ndarray, a: int, b: int) -> float:
    """Median per-sample gap between two milestones (inf where the later one never comes)."""
    later = np.where(np.isfinite(years[:, a]), years[:, b], np.inf)
    diff = np.full(len(years), np.inf)
    np.subtract(later, years[:, a], out=diff, where=np.isfinite(later))
    return float(np.median(diff))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=50_000)
    args = parser.parse_args()
    graph = load_graph()
    results = {}
    print("| preset | SC median | AGI median | ASI median | AGI 10–90% | P(AGI by 2030) | SC→ASI | P(explosive) |")
    print("|---|---|---|---|---|---|---|---|")
    for name in PRESETS:
        path = scenarios_dir() / f"{name}.toml"
        if not path.exists():
            continue
        r = run_scenario(load_scenario(path), graph, samples=args.samples)
        results[name] = r
        y = r.years
        med = [r.milestone(k).quantile(0.5) for k in ("sc", "agi", "asi")]
        agi = r.milestone("agi")
        print(
            f"| {name} | {med[0]:.1f} | {med[1]:.1f} | {med[2]:.1f} | {agi.quantile(0.1):.0f}–"
            f"{agi.quantile(0.9):.0f} | {(y[:, 1] <= 2030).mean():.0%} | {gap(y, 0, 2):.1f} y | "
            f"{r.regimes['explosive']:.0%} |"
        )
    plot(results)
    print(f"\nwrote {OUT}")


def plot(results: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 5), dpi=110)
    grid = np.linspace(2025, 2060, 351)
    for name, r in results.items():
        agi = np.sort(r.years[:, 1])
        ax.plot(
            grid,
            np.searchsorted(agi, grid, side="right") / len(agi),
            lw=2.2 if name == "baseline" else 1.5,
            color="black" if name == "baseline" else None,
            label=f"{name}: AGI",
        )
    base = results.get("baseline")
    if base is not None:
        for col, style, label in ((0, ":", "baseline: SC"), (2, "--", "baseline: ASI")):
            v = np.sort(base.years[:, col])
            ax.plot(grid, np.searchsorted(v, grid, side="right") / len(v), style, color="grey", lw=1.2, label=label)
    ax.set_xlabel("year")
    ax.set_ylabel("P(milestone by year)")
    ax.set_ylim(0, 1)
    ax.set_xlim(2025, 2060)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="lower right", ncol=2)
    ax.set_title("Each worldview's arrival curve (debate model v2, shipped graph)")
    fig.tight_layout()
    fig.savefig(OUT)


if __name__ == "__main__":
    main()
