"""The ``ai2027-horizon`` model kind: a port of the AI 2027 time-horizon-extension forecast."""

from debate_explorer.core.engine.kinds.ai2027.kind import Ai2027HorizonKind

__all__ = ["Ai2027HorizonKind"]
