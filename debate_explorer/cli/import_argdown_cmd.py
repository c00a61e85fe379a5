"""``debate-explorer import-argdown``: an Argdown file becomes a map overlay.

The overlay is checked as ``validate`` checks it (ids, references, reasons,
links, support cycles, every quote verbatim in its source) before anything is
written; the named source files are copied beside the overlay (``sources/``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from debate_explorer.core.errors import InputError


def register(subs) -> None:
    p = subs.add_parser(
        "import-argdown",
        help="turn an Argdown file into a map overlay",
        description="Read statements, arguments, relations, tags and {…} metadata from IN; write a map overlay. "
        "A statement whose id is a bundled node refers to it. Exit code 2 on any problem.",
    )
    p.add_argument("input", type=Path, metavar="IN.argdown")
    p.add_argument("--out", required=True, type=Path, metavar="OVERLAY.toml", help="overlay file to write")
    p.add_argument(
        "--sources", type=Path, metavar="DIR", help="where the named source files are (default: IN's folder)"
    )
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from debate_explorer.core.graph.argdown_import import import_argdown
    from debate_explorer.core.graph.overlay import save_overlay

    if args.sources is not None and not args.sources.is_dir():
        raise InputError("the sources folder does not exist", file=args.sources)
    if not args.out.parent.exists():
        raise InputError("the folder does not exist", file=args.out)
    overlay = import_argdown(args.input, args.sources)
    merged = save_overlay(overlay, args.out)
    for note in merged.notes():
        print(f"debate-explorer: warning: {args.out}: {note}", file=sys.stderr)
    spec = overlay.spec
    print(
        f"wrote {args.out}: {len(spec.nodes)} new nodes, {len(spec.node_edits)} node edits, "
        f"{len(spec.edges)} new edges, {len(spec.edge_edits)} edge edits, {len(spec.informs)} new links, "
        f"{len(spec.sources)} sources"
    )
    return 0
