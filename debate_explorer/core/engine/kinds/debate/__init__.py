"""The ``debate`` model kind (DESIGN.md, "The scenario models")."""

from debate_explorer.core.engine.kinds.debate.kind import DebateKind

__all__ = ["DebateKind"]
