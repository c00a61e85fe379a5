"""Where the shipped data lives: ``resources/`` and ``scenarios/`` beside the package."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return REPO_ROOT / "resources"


def scenarios_dir() -> Path:
    return REPO_ROOT / "scenarios"


def baseline_scenario_path() -> Path:
    return scenarios_dir() / "baseline.toml"


def preset_paths() -> list[Path]:
    """The ready-made scenarios, baseline first, then by name."""
    found = sorted(scenarios_dir().glob("*.toml"))
    return sorted(found, key=lambda p: (p.stem != "baseline", p.stem))
