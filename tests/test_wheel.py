"""The built wheel works on its own: installed into a fresh environment outside the
checkout, it lists its presets, runs one and exports the graph.

The fresh environment gets only the wheel; the third-party dependencies are
borrowed from the running environment through a ``.pth`` file (a site directory
added that way does not run the checkout's editable-install hook), so the test
needs no network and checks what the wheel itself carries: code, resources/ and
scenarios/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """(bin folder, environment) of a fresh venv holding only the wheel built from this checkout."""
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(REPO)],
        cwd=root,
    )
    (wheel,) = dist.glob("debate_explorer-*.whl")
    env_dir = root / "env"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        cwd=root,
    )
    site = Path(
        _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=root).strip()
    )
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_borrowed_dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return env_dir / "bin", env


def test_the_package_comes_from_the_wheel(installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    bin_dir, env = installed
    where = _run(
        [str(bin_dir / "python"), "-c", "import debate_explorer; print(debate_explorer.__file__)"],
        cwd=tmp_path,
        env=env,
    )
    assert Path(where.strip()).is_relative_to(bin_dir.parent)


def test_presets_are_shipped_inside_the_package(installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    bin_dir, env = installed
    presets = json.loads(_run([str(bin_dir / "debate-explorer"), "presets", "--json"], cwd=tmp_path, env=env))
    names = [p["name"] for p in presets]
    assert names[0] == "baseline"
    assert sorted(names) == sorted(p.stem for p in (REPO / "scenarios").glob("*.toml"))
    assert all(Path(p["path"]).is_relative_to(bin_dir.parent) for p in presets)


def test_a_preset_runs_by_name(installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    bin_dir, env = installed
    out = json.loads(
        _run(
            [str(bin_dir / "debate-explorer"), "run", "baseline", "--samples", "2000", "--json"], cwd=tmp_path, env=env
        )
    )
    assert out["samples"] == 2000
    assert out["milestones"]


def test_the_graph_exports_from_the_shipped_file(installed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    bin_dir, env = installed
    target = tmp_path / "map.graphml"
    _run(
        [str(bin_dir / "debate-explorer"), "export-graph", "--format", "graphml", "-o", str(target)],
        cwd=tmp_path,
        env=env,
    )
    import networkx as nx

    from debate_explorer.core.graph import load_graph

    assert nx.read_graphml(target).number_of_nodes() == len(load_graph().nodes)
