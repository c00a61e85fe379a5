"""UI: explain."""
