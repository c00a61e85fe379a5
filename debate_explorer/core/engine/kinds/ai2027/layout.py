"""Where the ``ai2027-horizon`` kernel keeps things: input and constant indices and
its quadrature rule. Free of numba, so the kind can be declared without the JIT.
"""

import numpy as np

# Assumption order (checked against AI2027_ASSUMPTIONS by a test).
H_SC, DOUBLING, COST_SPEED, RATIO, DELAY, P_NOW, P_SC = range(7)

# Layout of the constants vector.
(C_START, C_HORIZON, C_LOG2_H0, C_COMPUTE_YEAR, C_COMPUTE_AFTER, C_LABOUR_YEAR, C_LABOUR_AFTER) = range(7)
N_CONSTS = 7

# Gauss–Legendre rule on [-1, 1] and the panel limits of the quadrature.
GL_X, GL_W = np.polynomial.legendre.leggauss(8)
MAX_PANELS = 64
NEWTON_ITERS = 60
