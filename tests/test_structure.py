"""The package's shape: no import circles, layers one way, files a reader can hold in mind.

An import graph is read from the source (every ``import`` and ``from … import``,
at module level, inside functions and under ``TYPE_CHECKING`` alike): an edge
from a module to each module it names. ``from pkg import name`` points at
``pkg.name`` when that is a module, else at ``pkg``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "debate_explorer"
MAX_LINES = 450
LAYERS = {"core": 0, "ui": 1, "cli": 2}  # a layer imports only layers with a lower number


def modules(root: Path = ROOT) -> dict[str, Path]:
    out = {}
    for f in (root / "debate_explorer").rglob("*.py"):
        parts = list(f.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = f
    return out


def _targets(node: ast.AST, module: str, is_package: bool, known: dict[str, Path]) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in known]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        src = ".".join(base + ([node.module] if node.module else []))
    else:
        src = node.module or ""
    subs = [f"{src}.{a.name}" for a in node.names]
    out = [s for s in subs if s in known]
    if src in known and len(out) < len(subs) and src != module:
        out.append(src)
    return out


def import_graph(root: Path = ROOT) -> nx.DiGraph:
    known = modules(root)
    g = nx.DiGraph()
    g.add_nodes_from(known)
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            for target in _targets(node, module, path.name == "__init__.py", known):
                g.add_edge(module, target)
    return g


def test_no_import_circle() -> None:
    cycles = sorted(nx.simple_cycles(import_graph()), key=len)
    assert cycles == [], "import circle: " + " -> ".join(cycles[0] + cycles[0][:1])


def test_the_check_finds_a_circle(tmp_path: Path) -> None:
    pkg = tmp_path / "debate_explorer"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from debate_explorer import b\n")
    (pkg / "b.py").write_text("def f():\n    from debate_explorer.a import x\n")
    assert list(nx.simple_cycles(import_graph(tmp_path))) != []


def test_layers_import_one_way() -> None:
    wrong = []
    for a, b in import_graph().edges:
        la, lb = (LAYERS.get(m.split(".")[1]) if m.count(".") else None for m in (a, b))
        if la is not None and lb is not None and lb > la:
            wrong.append(f"{a} -> {b}")
    assert wrong == []


def _exceptions() -> dict[str, str]:
    """Files allowed over the limit: the CONTRIBUTING.md table under 'Files over 450 lines'."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = (
        text.split("### Files over 450 lines", 1)[1].split("\n## ", 1)[0] if "### Files over 450 lines" in text else ""
    )
    return dict(re.findall(r"^\| `([^`]+)` \| (.+?) \|$", section, flags=re.M))


@pytest.mark.parametrize("layer", ["core", "ui"])
def test_no_file_over_the_line_limit(layer: str) -> None:
    allowed = _exceptions()
    long = {
        str(f.relative_to(ROOT)): n
        for f in (PACKAGE / layer).rglob("*.py")
        if (n := len(f.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert {f: n for f, n in long.items() if f not in allowed} == {}
