"""Fixed-seed identity: the engine's outputs for a seed are pinned, on any thread count.

The digests were taken from the engine before its block-at-a-time rewrite (issue 17)
and must not move when the kernels are made faster: a change that alters the
numbers (a new random-number layout, a different formula) has to re-derive them
on purpose and say so. Re-derived once since (on purpose): the debate kernel's steps
are now also bounded in k·ln d and a step cut at an event is re-integrated, which moved
about 5% of debate samples by up to 0.3 y toward the numpy reference (CHANGELOG).
Faster arithmetic for the same rule on the same points (a full step's L^rho from fixed
factors, 1/v in one division) moved raw years by at most 4e-12 y and left these digests as they were.
Years are rounded to 1e-6 and growth to 1e-9 so that a
platform's last-ulp differences in exp/log cannot flip them; band counts are exact.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from debate_explorer.core.engine.compute import compile_scenario
from debate_explorer.core.engine.results import RunResult
from debate_explorer.core.engine.runner import run_compiled
from debate_explorer.core.graph import load_graph
from debate_explorer.core.model.scenario import load_scenario
from debate_explorer.core.paths import scenarios_dir

SAMPLES = 20_000
SEED = 12345
EXPECTED = {
    "baseline": "979aadc4560f8700",
    "hive_mind": "ba3ec82efc0cd5c4",
    "ai2027_eli": "92499f9d33946646",
}


def digest(result: RunResult) -> str:
    h = hashlib.sha256()
    h.update(np.round(result.years, 6).tobytes())
    h.update(np.round(np.nan_to_num(result.extras, nan=-9.0), 9).tobytes())
    h.update(result.band_counts.tobytes())
    return h.hexdigest()[:16]


@pytest.fixture(scope="module")
def graph():
    return load_graph()


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("threads", [1, 2])
def test_fixed_seed_outputs_are_pinned(name, threads, graph):
    scenario = load_scenario(scenarios_dir() / f"{name}.toml")
    compiled = compile_scenario(scenario, graph if scenario.kind.uses_graph else None)
    result = run_compiled(compiled, samples=SAMPLES, seed=SEED, threads=threads)
    assert digest(result) == EXPECTED[name]


def test_a_different_seed_gives_a_different_digest(graph):
    scenario = load_scenario(scenarios_dir() / "baseline.toml")
    result = run_compiled(compile_scenario(scenario, graph), samples=SAMPLES, seed=SEED + 1)
    assert digest(result) != EXPECTED["baseline"]


def test_kept_inputs_are_the_inputs_the_kernel_used(graph):
    """Blocks write kept inputs in place; a run that keeps them gives the same outputs."""
    compiled = compile_scenario(load_scenario(scenarios_dir() / "baseline.toml"), graph)
    kept = run_compiled(compiled, samples=3000, seed=4, keep_inputs=True)
    plain = run_compiled(compiled, samples=3000, seed=4)
    assert np.array_equal(kept.years, plain.years)
    assert kept.inputs is not None and np.isfinite(kept.inputs).all()
    again = run_compiled(compiled, samples=3000, seed=4, keep_inputs=True, backend="numpy")
    np.testing.assert_allclose(kept.inputs, again.inputs, rtol=1e-6)


def _compiled(name: str, graph):
    scenario = load_scenario(scenarios_dir() / f"{name}.toml")
    return compile_scenario(scenario, graph if scenario.kind.uses_graph else None)


def _same_outputs(a: RunResult, b: RunResult) -> bool:
    return (
        np.array_equal(a.years, b.years)
        and np.array_equal(a.extras, b.extras, equal_nan=True)
        and np.array_equal(a.band_counts, b.band_counts)
        and a.regimes == b.regimes
    )


@pytest.mark.parametrize(("name", "chunks", "samples"), [("baseline", 2, 20_000), ("ai_futures", 2, 300)])
def test_a_run_that_takes_its_previews_chunks_is_bit_identical(name, chunks, samples, graph, monkeypatch):
    """The app's full pass copies the preview's chunks (same seed, whole chunks) instead of
    computing them again: the outputs are those of a run from scratch, and only the
    remaining chunks are run."""
    compiled = _compiled(name, graph)
    size = compiled.kind.chunk_size
    preview = run_compiled(compiled, samples=chunks * size, seed=SEED)
    scratch = run_compiled(compiled, samples=samples, seed=SEED)
    ran: list[int] = []
    chunk = compiled.kind.run_chunk_numba

    def counted(rng, program, consts, out):
        ran.append(len(out.milestones))
        chunk(rng, program, consts, out)

    monkeypatch.setattr(compiled.kind, "run_chunk_numba", counted)
    reports: list[tuple[int, int]] = []
    taken = run_compiled(
        compiled, samples=samples, seed=SEED, prefix=preview, progress=lambda d, t: reports.append((d, t))
    )
    assert _same_outputs(taken, scratch)
    total = -(-samples // size)
    assert len(ran) == total - chunks and sum(ran) == samples - chunks * size
    assert reports[-1] == (total, total)


@pytest.mark.parametrize(
    "prefix_args",
    [
        {"samples": 5000, "seed": SEED},
        {"samples": 8192, "seed": SEED + 1},
        {"samples": 8192, "seed": SEED, "backend": "numpy"},
    ],
    ids=["partial-chunk", "other-seed", "other-backend"],
)
def test_a_prefix_that_is_not_this_runs_first_chunks_is_ignored(prefix_args, graph):
    compiled = _compiled("baseline", graph)
    prefix = run_compiled(compiled, **prefix_args)
    taken = run_compiled(compiled, samples=20_000, seed=SEED, prefix=prefix)
    assert _same_outputs(taken, run_compiled(compiled, samples=20_000, seed=SEED))
