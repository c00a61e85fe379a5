"""The ``debate-explorer`` command: the app by default, and batch subcommands.

Each subcommand lives in its own module with ``register(subparsers)`` that adds
its parser and sets ``handler``. Bad input of any kind ends with one line on
stderr and exit code 2 — never a traceback.
"""

from __future__ import annotations

import signal
import sys

from debate_explorer._interrupt import install, say_interrupted

install()  # before the imports below: an interrupt while they load is one quiet line

import argparse  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from importlib import import_module  # noqa: E402

from debate_explorer import __version__  # noqa: E402
from debate_explorer.core.errors import CancelledError, InputError  # noqa: E402

SUBCOMMANDS = ("gui", "run", "validate", "export_graph", "cruxes", "sensitivity", "compare", "sweep",
               "screenshot")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own exit code is already 2
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="debate-explorer", description=(
        "Explore the AGI debate: an argument map wired to a live Monte Carlo scenario engine. "
        "Without a subcommand the desktop app opens."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subs = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in SUBCOMMANDS:
        try:
            module = import_module(f"debate_explorer.cli.{name}_cmd")
        except ModuleNotFoundError as exc:
            if exc.name == f"debate_explorer.cli.{name}_cmd":
                continue  # a subcommand not written yet
            raise
        module.register(subs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; Ctrl-C at any point (start-up, work, shut-down) is one line and exit 130."""
    try:
        return _main(argv)
    except KeyboardInterrupt as exc:
        # From here on the interpreter only shuts down (joins engine threads, closes a cluster):
        # a second Ctrl-C ends the process at once, without a traceback from the shutdown code.
        _default_sigint()
        say_interrupted(exc.args[0] if exc.args else None)
        return 130


def _default_sigint() -> None:
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    except (ValueError, OSError):  # not the main thread, or no such signal here
        pass


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        args = build_parser().parse_args(["gui", *(argv or [])])
    try:
        return int(args.handler(args) or 0)
    except InputError as exc:
        print(f"debate-explorer: error: {exc.message}", file=sys.stderr)
        return 2
    except CancelledError:
        print("debate-explorer: cancelled", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
