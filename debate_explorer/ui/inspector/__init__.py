"""UI: inspector."""
