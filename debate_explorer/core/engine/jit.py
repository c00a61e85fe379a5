"""numba's ``njit``, imported without numba's BLAS probe: every kernel module takes it from here.

When numba first builds its lowering registries it imports ``numba.np.arraymath``,
which probes for BLAS by importing ``scipy.linalg.cython_blas`` — about 0.1 s of
GIL-bound work on the way to the app's first results, for a BLAS that no kernel of
ours calls (they use no ``np.dot``, ``@`` or ``np.linalg``). Importing arraymath
here with that one module hidden makes the probe answer "no BLAS", which only
sends numba's ``np.correlate``/``np.convolve`` to its plain loops. The module is
unhidden straight after, so a later ``np.dot`` in a jitted function still finds
BLAS through numba's own ``ensure_blas`` when it is compiled.
"""

from __future__ import annotations

import sys

_BLAS = "scipy.linalg.cython_blas"


def _import_numba_without_blas_probe() -> None:
    if "numba.np.arraymath" in sys.modules or _BLAS in sys.modules:
        return
    sys.modules[_BLAS] = None  # type: ignore[assignment]  # makes ``import`` raise ImportError
    try:
        import numba.np.arraymath  # noqa: F401
    finally:
        if sys.modules.get(_BLAS, 0) is None:
            del sys.modules[_BLAS]


_import_numba_without_blas_probe()

from numba import njit  # noqa: E402

__all__ = ["njit"]
