"""UI: compare."""
