"""Where the shipped data lives: ``resources/`` and ``scenarios/``.

In the repository both folders sit at the top level, beside the package (the
layout people browse and edit). A built wheel carries them inside the package
(``debate_explorer/resources`` and ``debate_explorer/scenarios``, mapped by the
build backend), so an installed copy needs no checkout. Both are found through
``importlib.resources``: the packaged copy when it is there, else the checkout's.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from debate_explorer.core.errors import InputError

PACKAGE = "debate_explorer"
CHECKOUT_ROOT = Path(__file__).resolve().parents[2]


def shipped_dir(name: str) -> Path:
    """The shipped folder ``name`` (``"resources"`` or ``"scenarios"``), installed or in the checkout."""
    packaged = files(PACKAGE) / name
    if packaged.is_dir():
        if not isinstance(packaged, Path):  # e.g. a zipped install: the app reads files by path
            raise InputError(
                f"Debate Explorer is installed in a form whose {name}/ folder is not on disk; "
                "install it unzipped (pip install debate-explorer)"
            )
        return packaged
    return CHECKOUT_ROOT / name


def resources_dir() -> Path:
    return shipped_dir("resources")


def scenarios_dir() -> Path:
    return shipped_dir("scenarios")


def baseline_scenario_path() -> Path:
    return scenarios_dir() / "baseline.toml"


def preset_paths() -> list[Path]:
    """The ready-made scenarios, baseline first, then by name."""
    found = sorted(scenarios_dir().glob("*.toml"))
    return sorted(found, key=lambda p: (p.stem != "baseline", p.stem))


def preset_names() -> list[str]:
    return [p.stem for p in preset_paths()]


def preset_path(name: str) -> Path | None:
    """The shipped scenario called ``name`` (its file name without ``.toml``), if there is one."""
    for path in preset_paths():
        if path.stem == name:
            return path
    return None
