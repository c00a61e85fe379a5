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
    require(
        SEEDS.is_dir(),
        f"source documents not found in ../shared/seeds ({SEEDS}): the verbatim-quote checks need the seed "
        "files beside the repository, or DEBATE_EXPLORER_SEEDS pointing at them (README, 'Source documents')",
    )
    return SEEDS


@pytest.fixture(scope="session")
def argdown_cli() -> Path:
    """The reference Argdown parser; skips (fails under CI) when it or node is absent."""
    import shutil

    require(
        shutil.which("node") is not None,
        "node is not installed: the Argdown export is checked with the "
        "reference parser, which runs on node (apt-get install nodejs npm)",
    )
    require(
        ARGDOWN_CLI.exists(),
        f"{ARGDOWN_CLI} not found: install the reference Argdown parser with `npm ci --prefix tools/argdown`",
    )
    return ARGDOWN_CLI


@pytest.fixture(scope="session")
def graphviz() -> None:
    """Graphviz's ``dot`` program; skips (fails under CI) when it is absent."""
    import shutil

    require(
        shutil.which("dot") is not None,
        "graphviz's `dot` is not installed: the DOT export is rendered with it (apt-get install graphviz)",
    )


@pytest.fixture(scope="session")
def xdotool() -> None:
    """Xvfb and xdotool, to drive the real window on an X display; skips (fails under CI) when absent."""
    import shutil

    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    require(
        not missing,
        f"{' and '.join(missing)} not installed: one test drives the real window (tools/debian-deps.sh --test)",
    )


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium, for opening reports; skips (fails under CI) when it is absent."""
    import shutil

    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    require(exe is not None, "chromium is not installed: reports are opened in it (tools/debian-deps.sh --test)")
    assert exe is not None
    return exe


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shipped_graph():
    """The bundled AGI-debate graph, loaded once per session."""
    from debate_explorer.core.graph import load_graph

    return load_graph()


# --- a corpus of hostile files (issue 12), generated: nothing large is committed ---------------


def _finite_upper_assumption():
    """An assumption of the default kind with a finite valid range (names are not hard-coded)."""
    import math

    from debate_explorer.core.engine.kinds import get_kind

    return next(a for a in get_kind("debate").assumptions if math.isfinite(a.upper) and a.upper > a.lower)


def build_hostile_corpus(folder: Path) -> dict[str, Path]:
    """name -> path of files every loader must reject with one line naming the file (exit 2)."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    a = _finite_upper_assumption()
    head = 'format_version = 1\nmodel = "debate"\n'
    texts = {
        "deep_array.toml": head + f"[assumptions]\n{a.name} = " + "[" * 5000 + "]" * 5000 + "\n",
        "deep_inline.toml": head + "[settings]\nx = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
        "deep_dotted.toml": head + "x." + ".".join(f"k{i}" for i in range(2000)) + " = 1\n",
        "deep_mixture.json": json.dumps({"format_version": 1, "priors": {a.name: "__M__"}}).replace(
            '"__M__"', '{"type": "mixture", "components": [{"weight": 1, "dist": ' * 2500 + "1" + "}]}" * 2500
        ),
        "long_int.toml": head + "[run]\nseed = " + "7" * 5001 + "\n",
        "long_int.json": '{"format_version": 1, "run": {"samples": ' + "9" * 5001 + "}}",
        "hex_int.toml": head + "[run]\nseed = 0x" + "f" * 6000 + "\n",
        "int_2_70.toml": head + f"[run]\nseed = {2**70}\n",
        "float_overflow.json": '{"format_version": 1, "run": {"step": 1e400}}',
        "inf.toml": head + "[run]\nstep = inf\n",
        "nan.json": '{"format_version": 1, "graph": {"prior_weight": NaN}}',
        "out_of_range.toml": head + f"[assumptions]\n{a.name} = {a.upper * 10 + 1e6:g}\n",
        "no_mass.toml": head + f'[assumptions]\n{a.name} = {{ type = "normal", mean = {a.upper + 1e6:g}, sd = 1 }}\n',
        "no_mass_prior.toml": head + f'[priors]\n{a.name} = {{ type = "uniform", low = {a.upper + 1:g}, '
        f"high = {a.upper + 2:g} }}\n",
        "spread_interval.toml": head + f'[priors]\n{a.name} = "1 to 14400 @0.0000001%"\n',
        "spread_sigma.toml": head + f'[priors]\n{a.name} = {{ type = "lognormal", median = 1, sigma = 25 }}\n',
        "level_one.toml": head + f'[priors]\n{a.name} = {{ type = "normal", ci = [0, 1], '
        "level = 0.99999999999999999 }\n",
        "unknown_key.toml": head + "colour = 'red'\n",
        "wrong_type.toml": head + "[run]\nsamples = 'many'\n",
        "unknown_node.toml": head + "[graph]\ncredences = { no_such_node = 0.5 }\n",
        "not_psd.toml": head
        + "".join(f'[[correlations]]\nbetween = ["{x}", "{y}"]\nrho = -0.9\n' for x, y in _three_pairs()),
        "duplicate_keys.json": '{"format_version": 1, "title": "a", "title": "b"}',
        "bad_toml.toml": head + "[run\n",
        "future_version.toml": "format_version = 99\n",
        "top_level_array.json": "[1, 2, 3]",
        "empty.toml": "   \n",
        "samples_too_many.toml": head + "[run]\nsamples = 1000000000000\n",
        "horizon_before_start.toml": head + "[run]\nstart = 2100\nhorizon = 2050\n",
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    paths["binary.toml"] = folder / "binary.toml"
    paths["binary.toml"].write_bytes(bytes(range(256)) * 4)
    paths["truncated_utf8.toml"] = folder / "truncated_utf8.toml"
    paths["truncated_utf8.toml"].write_bytes((head + "title = '時間").encode()[:-1])
    paths["sparse_huge.toml"] = folder / "sparse_huge.toml"
    with open(paths["sparse_huge.toml"], "wb") as f:
        f.truncate(4 * 2**30)
    paths["folder.toml"] = folder / "folder.toml"
    paths["folder.toml"].mkdir()
    paths["missing.toml"] = folder / "missing.toml"
    if hasattr(os, "mkfifo"):
        paths["fifo.toml"] = folder / "fifo.toml"
        os.mkfifo(paths["fifo.toml"])
    if Path("/dev/zero").exists():
        paths["dev_zero.toml"] = folder / "dev_zero.toml"
        paths["dev_zero.toml"].symlink_to("/dev/zero")
    paths.update(_hostile_graphs(folder))
    paths.update(_hostile_overlays(folder))
    return paths


def _hostile_overlays(folder: Path) -> dict[str, Path]:
    """Map overlays (issue 20) that must fail like the graph files: each names the overlay, field and reason."""
    import hashlib

    import tomli_w

    from debate_explorer.core.graph.overlay import empty_overlay, overlay_to_dict

    head = overlay_to_dict(empty_overlay())
    src_dir = folder / "overlay_sources"
    src_dir.mkdir(exist_ok=True)
    (src_dir / "talk.txt").write_text("Someone said the grid is the limit.\n", encoding="utf-8")
    (src_dir / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me: the grid is the limit.\n".encode("latin-1"))
    with open(src_dir / "huge.txt", "wb") as f:
        f.truncate(50 * 2**20)  # 50 MB, sparse: refused by size before any of it is read

    def source(name: str) -> dict[str, object]:
        digest = hashlib.sha256((src_dir / name).read_bytes()[:1024]).hexdigest()
        return {"id": name, "title": name, "file": f"overlay_sources/{name}", "sha256": digest}

    node = {
        "id": "user_claim",
        "kind": "claim",
        "theme": "energy",
        "title_en": "The grid is the limit",
        "title_zh": "電網是極限",
        "summary": "A user's claim.",
        "speaker": "Someone",
        "source": "talk.txt",
        "quote": "the grid is the limit",
        "quote_en": "the grid is the limit",
    }
    edge = {
        "from": "user_claim",
        "to": "grid_bottleneck",
        "type": "supports",
        "reason": "It says so.",
        "scheme": "sign",
    }
    ok = dict(head, sources=[source("talk.txt")], nodes=[node], edges=[edge])
    texts = {
        "graph_overlay_truncated.toml": (lambda t: t[: t.index("It says") + 3])(tomli_w.dumps(ok)),
        "graph_overlay_duplicate_id.toml": tomli_w.dumps(dict(ok, nodes=[node, node])),
        "graph_overlay_bundled_id.toml": tomli_w.dumps(dict(ok, nodes=[dict(node, id="grid_bottleneck")])),
        "graph_overlay_dangling.toml": tomli_w.dumps(dict(ok, edges=[dict(edge, to="no_such_node")])),
        "graph_overlay_cycle.toml": tomli_w.dumps(
            dict(ok, edges=[edge, dict(edge, **{"from": "grid_bottleneck", "to": "user_claim"})])
        ),
        "graph_overlay_wrong_type.toml": tomli_w.dumps(dict(ok, edges=[dict(edge, weight="0.8")])),
        "graph_overlay_no_reason.toml": tomli_w.dumps(
            dict(ok, edges=[{k: v for k, v in edge.items() if k != "reason"}])
        ),
        "graph_overlay_bad_quote.toml": tomli_w.dumps(dict(ok, nodes=[dict(node, quote="the grid is no limit")])),
        "graph_overlay_big_source.toml": tomli_w.dumps(dict(ok, sources=[source("huge.txt")])),
        "graph_overlay_latin1_source.toml": tomli_w.dumps(dict(ok, sources=[source("latin1.txt")])),
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _three_pairs():
    from debate_explorer.core.engine.kinds import get_kind

    x, y, z = (a.name for a in get_kind("debate").assumptions[:3])
    return [(x, y), (y, z), (x, z)]


def _hostile_graphs(folder: Path) -> dict[str, Path]:
    """Graph files (recognised by their nodes table) that must fail the same way."""
    import json
    import tomllib

    tiny = (REPO / "tests" / "core" / "graph" / "data" / "tiny_graph.toml").read_text(encoding="utf-8")
    data = tomllib.loads(tiny)
    out = {}
    deep = dict(data, nodes=data["nodes"] + ["__DEEP__"])
    out["graph_deep.json"] = json.dumps(deep).replace('"__DEEP__"', "[" * 5000 + "]" * 5000)
    out["graph_long_int.toml"] = tiny.replace("weight = 0.8", "weight = " + "1" * 5001, 1)
    out["graph_long_int.json"] = json.dumps(data).replace('"format_version": 1', '"format_version": ' + "1" * 5001)
    dangling = dict(data, edges=data["edges"] + [{"from": data["nodes"][0]["id"], "to": "nowhere", "type": "supports"}])
    out["graph_dangling.json"] = json.dumps(dangling)
    out["graph_nan.json"] = json.dumps(data).replace('"weight": 0.8', '"weight": NaN', 1)
    paths = {}
    for name, text in out.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


# The files of the hostile corpus (graph files start with "graph_"); build_hostile_corpus makes them.
HOSTILE_NAMES = (
    "bad_toml.toml",
    "binary.toml",
    "deep_array.toml",
    "deep_dotted.toml",
    "deep_inline.toml",
    "deep_mixture.json",
    "dev_zero.toml",
    "duplicate_keys.json",
    "empty.toml",
    "fifo.toml",
    "float_overflow.json",
    "folder.toml",
    "future_version.toml",
    "graph_dangling.json",
    "graph_deep.json",
    "graph_long_int.json",
    "graph_long_int.toml",
    "graph_nan.json",
    "graph_overlay_bad_quote.toml",
    "graph_overlay_big_source.toml",
    "graph_overlay_bundled_id.toml",
    "graph_overlay_cycle.toml",
    "graph_overlay_dangling.toml",
    "graph_overlay_duplicate_id.toml",
    "graph_overlay_latin1_source.toml",
    "graph_overlay_no_reason.toml",
    "graph_overlay_truncated.toml",
    "graph_overlay_wrong_type.toml",
    "hex_int.toml",
    "horizon_before_start.toml",
    "inf.toml",
    "int_2_70.toml",
    "level_one.toml",
    "long_int.json",
    "long_int.toml",
    "missing.toml",
    "nan.json",
    "no_mass.toml",
    "no_mass_prior.toml",
    "not_psd.toml",
    "out_of_range.toml",
    "samples_too_many.toml",
    "sparse_huge.toml",
    "spread_interval.toml",
    "spread_sigma.toml",
    "top_level_array.json",
    "truncated_utf8.toml",
    "unknown_key.toml",
    "unknown_node.toml",
    "wrong_type.toml",
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests asking for ``hostile_scenario`` or ``hostile_graph`` run once per such file of the corpus."""
    for arg, graphs in (("hostile_scenario", False), ("hostile_graph", True)):
        if arg in metafunc.fixturenames:
            metafunc.parametrize(arg, [n for n in HOSTILE_NAMES if n.startswith("graph_") == graphs])


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory) -> dict[str, Path]:
    corpus = build_hostile_corpus(tmp_path_factory.mktemp("hostile"))
    assert set(corpus) <= set(HOSTILE_NAMES), f"name these in HOSTILE_NAMES: {set(corpus) - set(HOSTILE_NAMES)}"
    return corpus
