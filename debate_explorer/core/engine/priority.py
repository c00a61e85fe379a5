"""Engine threads give way to the GUI thread when both want a core.

The app's engine fans a run out to one thread per core, so during a large run
the GUI thread competes with it for the processor. The kernel shares the cores
fairly among the three threads, and a repaint then waits its turn. Engine
threads with a higher nice value let the GUI thread run first whenever it has
work. When the GUI is idle this costs the engine nothing. Measured with
``benchmarks/bench_gui.py`` on the 2-core machine, the worst GUI stall during
10^6-sample runs fell from 34-49 ms at nice 0 to 26-29 ms at nice 10.

Only an interactive process asks for this (``ui.window.app.application``). The
CLI, the benchmarks of the engine alone and the Dask workers keep nice 0.

Linux only: there ``setpriority(PRIO_PROCESS, tid)`` changes one thread. macOS
and Windows apply it to the whole process or need other APIs, so there the
threads are left as they are.
"""

from __future__ import annotations

import os
import sys
import threading

INTERACTIVE_NICE = 10  # what ``nice`` uses by default
_engine_nice = 0


def set_engine_nice(nice: int) -> None:
    """Engine pools created from now on run their threads at this much more nice (0: unchanged)."""
    global _engine_nice
    _engine_nice = max(0, int(nice))


def engine_nice() -> int:
    """The nice increment for engine threads in this process."""
    return _engine_nice


def lower_this_thread(nice: int) -> bool:
    """Raise the calling thread's nice value by ``nice`` (capped at 19). True if it was changed.

    A thread can raise its own nice value without privileges but never lower it
    again, so this is only called on threads the engine owns.
    """
    if nice <= 0 or not sys.platform.startswith("linux"):
        return False
    tid = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + nice))
    except OSError:  # e.g. a sandbox that forbids it: run at the normal priority
        return False
    return True
