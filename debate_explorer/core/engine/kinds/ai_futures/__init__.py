"""The AI Futures Model as a model kind (``ai-futures``)."""

from debate_explorer.core.engine.kinds.ai_futures.kind import AiFuturesKind

__all__ = ["AiFuturesKind"]
