"""UI: status."""
