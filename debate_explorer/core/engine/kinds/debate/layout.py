"""Where the ``debate`` kernel keeps things: input and constant indices, numerical
tolerances. Free of numba, so the kind can be declared (and scenarios validated)
without loading the JIT; ``kernel`` and ``reference`` both read these.
"""

# Assumption order (checked against DEBATE_ASSUMPTIONS by a test).
(
    G_COMPUTE,
    WALL_YEAR,
    LATE_FACTOR,
    G_SOFTWARE,
    RESEARCH_SHARE,
    COMPUTE_CAP,
    P_NOW,
    GAIN_SC,
    GAIN_AGI,
    DIFFICULTY,
    SC_REQ,
    AGI_GAP,
    ASI_GAP,
    HAZARD,
    PAUSE_YEARS,
    PAUSE_FACTOR,
    SHARE_AGI,
    DIFFUSION,
    SUBSTITUTION,
    BASE_GROWTH,
    BOOST,
) = range(21)
N_ASSUMPTIONS = 21

# Layout of the constants vector.
(
    C_START,
    C_HORIZON,
    C_STEP,
    C_YEAR0,
    C_NYEARS,
    C_REGIME_YEAR,
    C_G_LO,
    C_G_HI,
    C_G_BINS,
    C_A_LO,
    C_A_HI,
    C_A_BINS,
    C_MAX_PAUSES,
    C_LOG_TOL,
) = range(14)
N_CONSTS = 14

# CES exponent of research input: rho < 0 makes labour and experiment compute
# complements (rho = -0.5: elasticity of substitution 1/(1 - rho) = 2/3).
# ``rates.amdahl_denominator`` uses the closed forms of this value.
RHO = -0.5
# Below this |ln d| the difficulty is treated as exactly 1 (exponential).
LN_D_EPS = 1e-9
# Largest change of ln L (and so of ln R) within one step; Simpson's rule's relative
# error per step is of order LOG_TOL^4 / 2880.
LOG_TOL = 0.7
# Stage requirements below this (OOM) carry no feedback gradient (the stage is over at once).
REQ_EPS = 1e-9
# Disruption hazards below this per year are treated as none (their first waiting time overflows).
HAZARD_EPS = 1e-12
# Experiment-compute ratio floor (a wall with zero growth still leaves today's compute).
C_FLOOR = 1e-3
# Rates (OOM/yr) at or below this are no progress at all: 1/rate would overflow in the
# kernel's time integral (a disruption with a factor of ~1e-300, say).
V_EPS = 1e-200
