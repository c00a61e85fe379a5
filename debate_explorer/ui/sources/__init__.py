"""The source viewer: full texts of the bundled seeds and the user's sources, searchable."""
