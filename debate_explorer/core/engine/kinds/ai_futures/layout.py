"""Where the ``ai-futures`` kernels keep things: the order of the sampled inputs, the
layout of the derived per-sample quantities and of the run constants. Free of numba,
so the kind can be declared without loading the JIT.
"""

# Sampled inputs, in the order of AIFM_ASSUMPTIONS (a test checks the two agree).
(
    PRESENT_DOUBLING_TIME,
    DOUBLING_DIFFICULTY_GROWTH_FACTOR,
    AA_TIME_HORIZON_MINUTES,
    PRE_GAP_AA_TIME_HORIZON,
    INCLUDE_GAP,
    GAP_YEARS,
    PRESENT_DAY,
    PRESENT_HORIZON,
    RHO_CODING_LABOR,
    INF_COMPUTE_ASYMPTOTE,
    INF_LABOR_ASYMPTOTE,
    INV_COMPUTE_ANCHOR_EXP_CAP,
    LABOR_ANCHOR_EXP_CAP,
    CODING_AUTOMATION_EFFICIENCY_SLOPE,
    PARALLEL_PENALTY,
    SWE_MULTIPLIER_AT_PRESENT_DAY,
    AUTOMATION_FRACTION_AT_AA,
    OPTIMAL_CES_ETA_INIT,
    TASTE_AT_AA_SD,
    TASTE_SLOPE,
    MEDIAN_TO_TOP_TASTE_MULTIPLIER,
    TOP_PERCENTILE,
    SOFTWARE_RATE_AT_REFERENCE_YEAR,
    CONSTANT_TRAINING_GROWTH,
    SLOWDOWN_YEAR,
    POST_SLOWDOWN_TRAINING_GROWTH,
) = range(26)
N_INPUTS = 26

# Derived per-sample quantities, solved before the integration (``calibrate``).
(
    D_RHO_X,  # substitution parameter of the experiment-capacity CES
    D_ALPHA_X,  # weight of (discounted) experiment compute in it
    D_ZETA,  # experiment-compute exponent
    D_R_SOFTWARE,  # returns to research stock, scaled to the 2023 software rate
    D_P_PD,  # human-only progress at present_day
    D_RATE_PD,  # human-only progress rate at present_day (progress units / year)
    D_H_PD,  # human coding labour at present_day
    D_C_PD,  # inference compute at present_day
    D_P_AA,  # progress at which coding is fully automated (ACD)
    D_THETA,  # automation efficiency slope per progress unit
    D_TASTE_SLOPE,  # taste SDs per progress unit
    D_SIGMA,  # log-sd of the human taste distribution
    D_A_LOWER,  # automated fraction at present_day (solved from the SWE multiplier)
    D_PZ,  # progress at which task index 0 is automated
    D_PO,  # progress at which task index 1 is automated
    D_RS0,  # research stock at the start
    D_N_STEPS,  # diagnostics of the run: integration steps tried, and how many were rejected
    D_N_REJECTED,
    D_SC_TARGET,  # AI2027-SC coding-labour multiplier target
) = range(19)
N_DERIVED = 19

# Run constants: scalars, then the time knots of the input series, then the
# output grid, then the integration breakpoints.
(C_T0, C_T1, C_N_GRID, C_TOL, C_N_SERIES, C_N_BREAKS, C_OPT_M, C_ADJUST) = range(8)
C_HEAD = 8
# The original's constants (model_config.py): research-stock base, reference years
# and anchors of the experiment-capacity CES, the taste thresholds of SAR and SIAR.
BASE_LOM = 10.0
REFERENCE_YEAR = 2024.8
REFERENCE_COMPUTE_CHANGE = 0.1
SOFTWARE_REFERENCE_YEAR = 2023.0
SAR_TASTE = 3.25
SIAR_TASTE = 3.25**3
SC_SERIAL_EXTRA = 10.0
AUT_CLIP = 1e-9
# RK4 steps per interval of the human-only calibration run (a quadrature: its rates
# do not depend on the state).
HUMAN_SUBSTEPS = 2
