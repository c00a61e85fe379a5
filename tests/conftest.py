"""Shared test set-up: headless Qt, where the optional test inputs live, and ``require``.

Two inputs live outside the Python package: the source documents the map quotes
(``../shared/seeds/``, beside the repository) and the reference Argdown parser
(``tools/argdown``, installed with npm). Tests that need them skip with a reason
naming what is missing, except under CI (``CI`` set), where a missing input fails.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("DEBATE_EXPLORER_SEEDS", REPO.parent / "shared" / "seeds"))
ARGDOWN_CLI = REPO / "tools" / "argdown" / "node_modules" / ".bin" / "argdown"


def require(present: bool, missing: str) -> None:
    """Skip the test when an optional input is absent (``missing`` says what and how to get it); fail under CI."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{missing} (CI is set, so this is a failure rather than a skip)", pytrace=False)
    pytest.skip(missing)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The folder of source documents; skips (fails under CI) when it is absent."""
    require(SEEDS.is_dir(), f"source documents not found in {SEEDS}: the verbatim-quote checks need the seed "
            "files beside the repository, or DEBATE_EXPLORER_SEEDS pointing at them (README, 'Source documents')")
    return SEEDS


@pytest.fixture(scope="session")
def argdown_cli() -> Path:
    """The reference Argdown parser; skips (fails under CI) when it or node is absent."""
    import shutil

    require(shutil.which("node") is not None, "node is not installed: the Argdown export is checked with the "
            "reference parser, which runs on node (apt-get install nodejs npm)")
    require(ARGDOWN_CLI.exists(), f"{ARGDOWN_CLI} not found: install the reference Argdown parser with "
            "`npm ci --prefix tools/argdown`")
    return ARGDOWN_CLI


@pytest.fixture(scope="session")
def graphviz() -> None:
    """Graphviz's ``dot`` program; skips (fails under CI) when it is absent."""
    import shutil

    require(shutil.which("dot") is not None, "graphviz's `dot` is not installed: the DOT export is rendered "
            "with it (apt-get install graphviz)")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shipped_graph():
    """The bundled AGI-debate graph, loaded once per session."""
    from debate_explorer.core.graph import load_graph

    return load_graph()
