"""The Monte Carlo noise left in a paired difference on common random numbers.

Variants share every random number with the base, so their difference is zero
except where a sample's inputs changed; what remains is estimated by batch
means. The samples are cut into contiguous batches, the difference is computed
per batch, and its standard error is ``sd(batch differences) / sqrt(batches)``.
For a quantile the batch statistic is a batch quantile, whose variance scales
like that of the full-sample quantile, so the estimate holds to first order.
"""

from __future__ import annotations

import numpy as np

from debate_explorer.core.analysis.metrics import Metric, Samples

DEFAULT_BATCHES = 20
MIN_BATCH = 200


def batch_count(samples: int, batches: int = DEFAULT_BATCHES) -> int:
    """As many batches as asked, but none smaller than MIN_BATCH samples (and at least 2)."""
    return max(2, min(batches, samples // MIN_BATCH))


def paired_se(metric: Metric, a: Samples, b: Samples, changed: np.ndarray, batches: int) -> float:
    """Batch-means standard error of metric(a) − metric(b).

    Batches in which no sample changed contribute an exact zero difference and
    are not evaluated.
    """
    if not changed.any():
        return 0.0
    edges = np.linspace(0, len(changed), batches + 1).astype(int)
    diffs = np.zeros(batches)
    for k in range(batches):
        sl = slice(edges[k], edges[k + 1])
        if changed[sl].any():
            diffs[k] = metric.value(a.rows(sl)) - metric.value(b.rows(sl))
    return float(np.std(diffs, ddof=1) / np.sqrt(batches))
