"""Ctrl-C in the terminal that started the app: quit the event loop, report an interrupt.

While Qt's event loop runs, Python's own SIGINT handler only runs when some
Python code does, and the KeyboardInterrupt it raises would surface inside an
arbitrary slot as a traceback. Instead the signal quits the loop; the caller
then reports the interrupt (one line, exit 130). The window is not closed
normally, so unsaved work stays in the autosave and is offered back next time.
"""

from __future__ import annotations

import signal
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer

POLL_MS = 200  # lets Python run its signal handlers while Qt's loop is in C++


def quit_on_interrupt(app: QCoreApplication) -> Callable[[], bool]:
    """Make Ctrl-C quit ``app``; returns a function telling whether that happened."""
    hit: list[bool] = []

    def handler(signum, frame) -> None:
        hit.append(True)
        app.quit()

    try:
        signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread: leave signals alone
        return lambda: False
    timer = QTimer(app)
    timer.setObjectName("interrupt-poll")
    timer.timeout.connect(lambda: None)
    timer.start(POLL_MS)
    return lambda: bool(hit)
