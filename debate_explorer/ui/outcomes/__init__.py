"""UI: outcomes."""
