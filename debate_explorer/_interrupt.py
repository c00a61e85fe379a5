"""A Ctrl-C while the command line tool is still starting is one line and exit 130.

Imported first by the package, so the hook is in place before the slow imports
(numba's cache set-up, numpy, Qt). It is installed only when the process is the
``debate-explorer`` command (or when ``debate_explorer.cli`` installs it): a
program that merely imports the package keeps Python's usual behaviour.
"""

from __future__ import annotations

import os
import sys

MESSAGE = "debate-explorer: interrupted\n"
_received: list[bool] = []  # set by the SIGINT handler below; read by ``is_interrupt``


def say_interrupted(detail: object = None) -> None:
    """One line; ``detail`` (e.g. where a sweep's finished points are kept) follows on it."""
    text = MESSAGE if not detail else f"{MESSAGE.rstrip()}; {detail}\n"
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def is_interrupt(exc_type: type[BaseException]) -> bool:
    """Whether an exception of ``exc_type`` ends the command as a Ctrl-C: it is one, or one has
    arrived since ``install``. The KeyboardInterrupt itself does not always survive: raised
    while a C extension initialises (numpy's import of ``datetime``, say), it comes out as an
    ImportError that no longer mentions it.
    """
    return issubclass(exc_type, KeyboardInterrupt) or bool(_received)


def _on_sigint(signum, frame) -> None:
    _received.append(True)
    raise KeyboardInterrupt  # what Python's own handler does, now remembered


def _hook(exc_type, exc, tb, _default=sys.excepthook) -> None:
    if is_interrupt(exc_type):
        say_interrupted()
        os._exit(130)  # nothing has started yet that would need cleaning up
    _default(exc_type, exc, tb)


def install() -> None:
    """Report an interrupt that escapes to the top level as one line, exit 130."""
    sys.excepthook = _hook
    import signal  # only now: it imports enum, and a Ctrl-C during that must meet the hook

    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # leave a host's own handler
        try:
            signal.signal(signal.SIGINT, _on_sigint)
        except ValueError:  # not the main thread: signals are not ours to set
            pass


def is_the_command() -> bool:
    argv0 = os.path.basename(getattr(sys, "argv", [""])[0] if getattr(sys, "argv", None) else "")
    return argv0.removesuffix(".exe") == "debate-explorer"


if is_the_command():
    install()
