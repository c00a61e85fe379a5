"""UI: common."""
