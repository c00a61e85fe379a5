"""UI: files."""
