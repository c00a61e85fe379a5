"""What moves the outcome: cruxes, assumption sensitivity, worldview comparison.

Every analysis here runs variants of one scenario on common random numbers
(the same seed and streams), so the differences it reports are the model's,
not Monte Carlo noise; the noise that remains is reported beside each number.
"""
