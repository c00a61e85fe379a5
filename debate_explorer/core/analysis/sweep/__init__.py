"""Parameter sweeps and global sensitivity analysis, run serially or on Dask.

- :mod:`.spec`    the sweep specification file (TOML, versioned, validated)
- :mod:`.design`  numbered design points and their seeds
- :mod:`.point`   one point's run — the task a Dask worker executes
- :mod:`.execute` serial / LocalCluster / remote-cluster execution
- :mod:`.store`   the incremental journal (resume) and the final files
- :mod:`.sobol`   Sobol' sampling and indices through SALib

Importing this package imports neither Dask nor SALib; they load when used.
"""

from __future__ import annotations

from debate_explorer.core.analysis.sweep.spec import SweepSpec, load_sweep_spec, sweep_spec_from_dict

__all__ = ["SweepSpec", "load_sweep_spec", "sweep_spec_from_dict"]
