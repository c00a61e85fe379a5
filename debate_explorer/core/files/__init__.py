"""Files on disk: safe reads, atomic writes, structured parsing, autosave."""
