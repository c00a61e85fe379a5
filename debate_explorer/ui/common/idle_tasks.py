"""Background analyses the app starts by itself (an explanation, a crux swing).

The compute worker has one task slot, and a queued task replaces a queued one.
Analyses the user asked for (crux rankings, exports, a pinned preset) must not
lose their place to one the app started on its own, so these wait until the
worker is idle and then run one at a time, newest request per name. A result
is delivered only if nothing newer was asked for under that name meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from debate_explorer.ui.common.compute import ComputeService, Task

Job = tuple[Callable, Callable[[Any], None], Callable[[str], None] | None]


class IdleTasks(QObject):
    def __init__(self, compute: ComputeService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.compute = compute
        self._wanted: dict[str, Job] = {}
        self._running: tuple[str, Job] | None = None
        compute.stateChanged.connect(self._state_changed)
        compute.taskFinished.connect(lambda name, result: self._ended(name, 0, result))
        compute.taskFailed.connect(lambda name, message: self._ended(name, 1, message))
        compute.taskCancelled.connect(lambda name: self._ended(name, 2, None))

    def want(
        self, name: str, fn: Callable, on_done: Callable[[Any], None], on_failed: Callable[[str], None] | None = None
    ) -> None:
        """Run ``fn(cancelled, progress)`` as task ``name`` when the worker is free."""
        self._wanted[name] = (fn, on_done, on_failed)
        QTimer.singleShot(0, self._pump)

    def drop(self, name: str) -> None:
        self._wanted.pop(name, None)

    def pending(self, name: str) -> bool:
        return name in self._wanted

    def _state_changed(self, state: str) -> None:
        if state == "idle":
            self._pump()

    def _pump(self) -> None:
        if self._running is not None or not self._wanted or not self.compute.is_idle:
            return
        name, job = next(iter(self._wanted.items()))
        self._running = (name, job)
        self.compute.run_task(Task(name, job[0]))

    def _ended(self, name: str, how: int, payload) -> None:
        if self._running is None or self._running[0] != name:
            return
        job = self._running[1]
        self._running = None
        if how != 2 and self._wanted.get(name) is job:  # cancelled jobs stay wanted and run again
            del self._wanted[name]
            if how == 0:
                job[1](payload)
            elif job[2] is not None:
                job[2](payload)
        QTimer.singleShot(0, self._pump)
