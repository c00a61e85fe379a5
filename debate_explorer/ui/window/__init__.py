"""UI: window."""
