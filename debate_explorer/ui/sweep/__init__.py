"""UI: sweep."""
