"""The ``ai-futures`` numba kernel: one chunk of Monte Carlo samples.

Each sample draws its assumptions through the scenario's Program (priors, graph
links and copula), adds the per-assumption shifts and clips to the original's
parameter bounds where the scenario asks for it (both held in the run constants
after the model's own), then runs the model (``integrate.run_sample``).
"""

from __future__ import annotations

import numpy as np

from debate_explorer.core.engine.jit import njit
from debate_explorer.core.engine.kinds.ai_futures import layout as L
from debate_explorer.core.engine.kinds.ai_futures.integrate import new_scratch, run_sample
from debate_explorer.core.engine.sampler import draw_uniforms, sample_assumptions, sampling_scratch


@njit(nogil=True, cache=True)
def to_model_inputs(c, x, out):
    """Shift, then clip, the sampled values as the original's sampler does."""
    o = int(c[L.C_ADJUST])
    for k in range(L.N_INPUTS):
        v = x[k] + c[o + k]
        lo, hi = c[o + L.N_INPUTS + k], c[o + 2 * L.N_INPUTS + k]
        out[k] = min(max(v, lo), hi)


@njit(nogil=True, cache=True)
def aifm_chunk(rng, prog, c, ms, inputs):
    """Fill one chunk's milestone years. ``inputs`` has 0 rows unless inputs are kept."""
    n = ms.shape[0]
    n_a = prog.a_start.shape[0]
    u = np.empty(2 * n_a)
    x = np.empty(n_a)
    xm = np.empty(n_a)
    zc = sampling_scratch(prog, 1)
    keep = inputs.shape[0] > 0
    d = np.empty(L.N_DERIVED)
    scratch = new_scratch(c)
    row = np.empty(4)
    for i in range(n):
        draw_uniforms(rng, u)
        sample_assumptions(prog, u, x, zc)
        if keep:
            inputs[i, :] = x
        to_model_inputs(c, x, xm)
        run_sample(c, xm, d, row, scratch)
        ms[i, :] = row
