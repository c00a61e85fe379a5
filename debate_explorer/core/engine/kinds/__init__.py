"""The registry of model kinds a scenario can name."""

from __future__ import annotations

from functools import cache
from importlib import import_module

from debate_explorer.core.engine.kinds.base import ModelKind
from debate_explorer.core.errors import InputError

# The kind a scenario, a sweep or a graph link means when it names none: the one place
# outside the kinds' own folders that names a kind (with the registry below).
DEFAULT = "debate"
DEFAULT_KIND = DEFAULT  # the older name, kept for readers of earlier code

# name -> "module:Class", imported on first use so that listing kinds stays cheap.
_REGISTRY = {
    "debate": "debate_explorer.core.engine.kinds.debate:DebateKind",
    "ai2027-horizon": "debate_explorer.core.engine.kinds.ai2027:Ai2027HorizonKind",
    "ai-futures": "debate_explorer.core.engine.kinds.ai_futures:AiFuturesKind",
}

# Subcommands a kind brings (name with underscores -> module with ``register(subparsers)``).
_COMMANDS = {
    "import_aifm": "debate_explorer.core.engine.kinds.ai_futures.command",
}


def kind_commands() -> dict[str, str]:
    """The kinds' own command-line subcommands, for ``debate_explorer.cli``."""
    return dict(_COMMANDS)


def default_kind() -> ModelKind:
    """The kind :data:`DEFAULT` names."""
    return get_kind(DEFAULT)


def kind_names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


@cache
def get_kind(name: str) -> ModelKind:
    """The model kind called ``name``, or an InputError listing the known ones."""
    try:
        target = _REGISTRY[name]
    except (KeyError, TypeError):
        raise InputError(f"unknown model kind {name!r}; known kinds: {', '.join(_REGISTRY)}") from None
    module, cls = target.split(":")
    kind: ModelKind = getattr(import_module(module), cls)()
    return kind
