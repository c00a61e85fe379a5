"""Shared test set-up: headless Qt, and small helpers for building scenarios."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shipped_graph():
    """The bundled AGI-debate graph, loaded once per session."""
    from debate_explorer.core.graph import load_graph

    return load_graph()
