"""UI: assumptions."""
