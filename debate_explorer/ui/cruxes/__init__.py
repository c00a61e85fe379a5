"""UI: cruxes."""
