"""The ``debate`` kernel's rate of progress: research speed (Amdahl's law over a CES of AI
labour and experiment compute) and its two terms, kept apart so that the trajectory
updates each only when it changes. Pure functions of floats, inlined into ``kernel``.
"""

from __future__ import annotations

import math

from debate_explorer.core.engine.jit import njit


@njit(nogil=True, cache=True, inline="always")
def amdahl_denominator(e_l, alpha_c, share, alpha):
    """1/R, Amdahl's law over the AI share ``share`` of a CES(labour, compute) speed ``S``.

    S = [alpha·c^rho + (1 − alpha)·L^rho]^(1/rho), with alpha = cap^rho so that
    S(1, 1) = 1 and S(∞, 1) = cap. With rho = −1/2, 1/S = inner², inner = alpha_c +
    (1 − alpha)·e_l, from the compute term alpha_c = alpha·c^rho = alpha/√c (it changes
    only at the compute wall) and the labour term e_l = L^rho = exp(−ln L / 2) (by a
    constant factor per full step; it underflows harmlessly for huge L). The numpy
    reference writes the CES as it stands (``reference.research_speed_numpy``).
    """
    inner = alpha_c + (1.0 - alpha) * e_l
    return (1.0 - share) + share * inner * inner


@njit(nogil=True, cache=True, inline="always")
def compute_term(alpha, c):
    """alpha·c^rho of ``amdahl_denominator`` for the experiment-compute ratio ``c``."""
    return alpha / math.sqrt(c)


@njit(nogil=True, cache=True, inline="always")
def labour_term(l_base, slope, k):
    """L^rho = exp(−ln L / 2) at k within a stage."""
    return math.exp(-0.5 * (l_base + slope * k))


@njit(nogil=True, cache=True, inline="always")
def full_factor(slope, dk):
    """The factor by which L^rho changes over dk (none without a slope: stage 3's one step)."""
    return math.exp(-0.5 * slope * dk) if slope > 0.0 else 1.0


@njit(nogil=True, cache=True, inline="always")
def inverse_rate(e_l, pf, gc, g_soft, ac, share, alpha):
    """1/v = dt/dz, where v = pf·(gc + g_soft·R) is compute growth plus software progress
    sped up by AI research, times the disruption factor ``pf``, at labour term ``e_l`` and
    compute term ``ac``. With R = 1/den it is den / (pf·(gc·den + g_soft)): one division
    where 1/v through R takes two, on the path every step of the trajectory waits for."""
    den = amdahl_denominator(e_l, ac, share, alpha)
    return den / (pf * (gc * den + g_soft))
