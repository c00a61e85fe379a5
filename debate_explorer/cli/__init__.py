"""The ``debate-explorer`` command: the app by default, and batch subcommands.

Each subcommand lives in its own module with ``register(subparsers)`` that adds
its parser and sets ``handler``. Only the module of the subcommand being run is
imported (all of them only for ``--help`` or a mistyped command), so a quick
command such as ``--version`` or ``validate`` does not pay for Qt, the analyses or
the plots. Bad input of any kind ends with one line on stderr and exit code 2 —
never a traceback.
"""

from __future__ import annotations

import signal
import sys

from debate_explorer._interrupt import install, is_interrupt, say_interrupted

install()  # before the imports below: an interrupt while they load is one quiet line

import argparse  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from importlib import import_module  # noqa: E402
from typing import NoReturn  # noqa: E402

from debate_explorer import __version__  # noqa: E402
from debate_explorer.core.errors import CancelledError, InputError  # noqa: E402

SUBCOMMANDS = (
    "gui",
    "run",
    "presets",
    "validate",
    "export_graph",
    "import_argdown",
    "cruxes",
    "explain",
    "sensitivity",
    "compare",
    "sweep",
    "screenshot",
    "report",
)


def _modules() -> dict[str, str]:
    """Subcommand name (underscores) -> its module: this package's, then the kinds' own
    (a kind that brings a command, such as an importer, names it in the kind registry)."""
    from debate_explorer.core.engine.kinds import kind_commands

    found = {name: f"debate_explorer.cli.{name}_cmd" for name in SUBCOMMANDS}
    found.update(kind_commands())
    return found


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own exit code is already 2
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(only: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command-line parser with the subcommands ``only`` (their names; all by default)."""
    parser = _Parser(
        prog="debate-explorer",
        description=(
            "Explore the AGI debate: an argument map wired to a live Monte Carlo scenario engine. "
            "Without a subcommand the desktop app opens."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subs = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    modules = _modules() if only is None or only else {}  # --version needs none (nor the registry)
    for name in modules if only is None else only:
        import_module(modules[name]).register(subs)
    return parser


def _needed_subcommands(argv: Sequence[str]) -> tuple[str, ...] | None:
    """The subcommand modules ``argv`` needs: its own, none for --version, all for --help or a typo."""
    words = [a for a in argv if not a.startswith("-")]
    if not words:
        if {"-h", "--help"} & set(argv):
            return None  # the overview lists them all
        return () if "--version" in argv else ("gui",)  # no command: the app
    name = words[0].replace("-", "_")
    return (name,) if name in _modules() else None  # unknown: the full parser lists the choices


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; Ctrl-C at any point (start-up, work, shut-down) is one line and exit 130."""
    try:
        return _main(argv)
    except BaseException as exc:
        if not is_interrupt(type(exc)):
            raise
        # The interrupt may have come out as another error (see ``is_interrupt``). From here on
        # the interpreter only shuts down (joins engine threads, closes a cluster): a second
        # Ctrl-C ends the process at once, without a traceback from the shutdown code.
        _default_sigint()
        detail = exc.args[0] if isinstance(exc, KeyboardInterrupt) and exc.args else None
        say_interrupted(detail)  # e.g. where a sweep's finished points are kept
        return 130


def _default_sigint() -> None:
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    except (ValueError, OSError):  # not the main thread, or no such signal here
        pass


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_needed_subcommands(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["gui", *argv])
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
