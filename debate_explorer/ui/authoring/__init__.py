"""Map authoring in the app: sources, claims from quotes, edges with reasons, links (issue 20)."""
