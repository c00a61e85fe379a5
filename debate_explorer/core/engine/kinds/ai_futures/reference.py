"""The ``ai-futures`` chunk with numpy sampling (``program.sample_numpy``) and the
model run per sample.

Not an independent implementation of the model: the per-sample run is the same
scalar code as the kernel's (a vectorised one would be slower than useful here).
What this path checks independently is the sampling (priors, links, copula, shifts
and clipping); the full run is checked against a second implementation in the
tests (tests/core/engine/aifm_oracle.py) and against the original's rollouts
(tests/core/engine/test_ai_futures_faithful.py).
"""

from __future__ import annotations

import numpy as np

from debate_explorer.core.engine.kinds.ai_futures import layout as L
from debate_explorer.core.engine.kinds.ai_futures.integrate import new_scratch, run_sample
from debate_explorer.core.engine.program import Program, sample_numpy


def model_inputs_numpy(c: np.ndarray, x: np.ndarray) -> np.ndarray:
    o, n = int(c[L.C_ADJUST]), L.N_INPUTS
    out: np.ndarray = np.clip(x + c[o : o + n], c[o + n : o + 2 * n], c[o + 2 * n : o + 3 * n])
    return out


def aifm_chunk_numpy(
    rng: np.random.Generator, prog: Program, c: np.ndarray, ms: np.ndarray, inputs: np.ndarray
) -> None:
    n = ms.shape[0]
    x = sample_numpy(prog, rng.random((n, 2 * len(prog.a_start))))
    if inputs.shape[0] > 0:
        inputs[:, :] = x
    xm = model_inputs_numpy(c, x)
    d = np.empty(L.N_DERIVED)
    scratch = new_scratch(c)
    row = np.empty(4)
    for i in range(n):
        run_sample(c, xm[i], d, row, scratch)
        ms[i, :] = row
