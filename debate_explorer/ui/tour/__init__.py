"""UI: tour."""
