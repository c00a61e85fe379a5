"""The kernels' numba import skips numba's BLAS probe, and leaves BLAS findable for later."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from debate_explorer.core.engine.compute import compile_scenario
from debate_explorer.core.engine.runner import run_compiled
from debate_explorer.core.model.scenario import scenario_from_dict
scenario = scenario_from_dict({"format_version": 1, "model": "debate", "run": {"samples": 64}})
run_compiled(compile_scenario(scenario), samples=64, seed=0, threads=1)
after_run = "scipy.linalg" in sys.modules
import numba.np.arraymath
import scipy.linalg.cython_blas  # hidden only while numba probed; importable again now
print(json.dumps([after_run, numba.np.arraymath._HAVE_BLAS, "scipy.linalg.cython_blas" in sys.modules]))
"""


def test_a_kernel_runs_without_importing_scipy_linalg(repo):
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=repo, timeout=300)
    assert out.returncode == 0, out.stderr
    after_run, have_blas, blas_loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert after_run is False  # the ~0.1 s import left off the way to the first results
    assert have_blas is False and blas_loaded is True
