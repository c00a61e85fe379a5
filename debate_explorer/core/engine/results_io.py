"""Writing a run's per-sample outputs for other tools (spreadsheets, R, pandas)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from debate_explorer.core.engine.results import RunResult
from debate_explorer.core.files.fileio import atomic_writer


def write_samples_csv(result: RunResult, path: Path) -> None:
    """One row per sample: milestone years ('inf' = not by the horizon), extras, inputs."""
    columns = [f"{m.key}_year" for m in result.milestones] + list(result.extra_names)
    blocks = [result.years, result.extras]
    if result.inputs is not None:
        columns += list(result.assumption_names)
        blocks.append(result.inputs)
    data = np.hstack(blocks)
    with atomic_writer(path) as handle:
        handle.write("sample," + ",".join(columns) + "\n")
        rows = np.column_stack([np.arange(len(data)), data])
        np.savetxt(handle, rows, delimiter=",", fmt=["%d"] + ["%.6g"] * data.shape[1])
