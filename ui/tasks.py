"""Background work for the desk: one small task runner, as the house style asks.

A piece of work is a plain function ``work(progress, cancel) -> result``; it runs on a
worker thread and never touches a widget. The :class:`Task` that asked for it lives on
the GUI thread and owns the signals; the :class:`_Job` (the ``QRunnable``) only emits
them, so results, progress and errors arrive on the GUI thread as queued signals.

Widgets do not use this module directly: they start ops (:mod:`ui.operations`), which
run here. The pools: ``reads`` has one thread, so reads of the store run one after the
other (each in its own read-only unit of work: a Session is never shared across
threads); ``writes`` has one thread, so the desk's own writes are serialized here and
never contend inside SQLite's lock; ``counting`` has one more for counting the queue's
matches, so a slow count never delays the next page (SQLite in WAL mode reads on two
connections at once); ``files`` has a few threads for reading, checking and decoding
evidence; ``network`` has one thread for signing in and syncing, so a slow platform
never holds up the queue.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Literal

from ui.qt import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Progress = Callable[[Any], None]
Work = Callable[[Progress, threading.Event], Any]
PoolName = Literal["reads", "writes", "counting", "files", "network"]


class Cancelled(Exception):
    """Raised by work that noticed its cancel event; the task then reports nothing."""


class _LatestProgress:
    """The newest progress report, handed from the worker to the GUI thread.

    A busy worker (a download counting bytes) reports far more often than anyone can
    read; posting each report would flood the event loop. The worker stores the newest
    one and posts a signal only when none is waiting; the GUI thread takes whatever is
    newest when it gets there. So at most one report is queued, and the last is never lost.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: Any = None
        self._waiting = False

    def put(self, value: Any) -> bool:
        """Store ``value``; True when the GUI thread must be told."""
        with self._lock:
            self._value = value
            if self._waiting:
                return False
            self._waiting = True
            return True

    def take(self) -> Any:
        with self._lock:
            self._waiting = False
            return self._value


class _JobSignals(QObject):
    """The signals a job emits from its worker thread; they belong to the task."""

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)


class Task(QObject):
    """One piece of background work, seen from the GUI thread.

    Connect to ``progressed``, ``succeeded``, ``failed`` and ``finished`` (emitted last,
    whatever happened, unless the task was cancelled). After :meth:`cancel` the work is
    asked to stop and nothing more is reported.
    """

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    ended = Signal()  # always last, cancelled or not: the runner forgets the task

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.done = False
        self._signals = _JobSignals(self)
        self._latest = _LatestProgress()
        self._signals.progressed.connect(self._on_job_progressed)
        self._signals.succeeded.connect(self._on_job_succeeded)
        self._signals.failed.connect(self._on_job_failed)

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def cancel(self) -> None:
        self.cancel_event.set()

    @Slot(object)
    def _on_job_progressed(self, latest: _LatestProgress) -> None:
        value = latest.take()
        if not self.cancelled and not self.done:
            self.progressed.emit(value)

    @Slot(object)
    def _on_job_succeeded(self, result: object) -> None:
        self.done = True
        if not self.cancelled:
            self.succeeded.emit(result)
            self.finished.emit()
        self.ended.emit()

    @Slot(object)
    def _on_job_failed(self, error: object) -> None:
        self.done = True
        if not self.cancelled:
            if not isinstance(error, Cancelled):
                self.failed.emit(error)
            self.finished.emit()
        self.ended.emit()


class _Job(QRunnable):
    """Runs the work on a pool thread and emits the task's signals; nothing else."""

    def __init__(
        self, work: Work, cancel: threading.Event, signals: _JobSignals, latest: _LatestProgress
    ) -> None:
        super().__init__()
        self._work = work
        self._cancel = cancel
        self._progressed = signals.progressed
        self._succeeded = signals.succeeded
        self._failed = signals.failed
        self._latest = latest

    def _progress(self, value: Any) -> None:
        if self._latest.put(value):
            self._emit(self._progressed, self._latest)

    def run(self) -> None:
        if self._cancel.is_set():
            self._emit(self._failed, Cancelled())
            return
        try:
            result = self._work(self._progress, self._cancel)
        except Exception as exc:
            self._emit(self._failed, exc)
        else:
            self._emit(self._succeeded, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        # RuntimeError: the task was deleted with its window while we worked.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


class TaskRunner(QObject):
    """Starts tasks on the desk's pools and keeps them alive until they finish."""

    def __init__(self, parent: QObject | None = None, *, file_threads: int = 2) -> None:
        super().__init__(parent)
        self._pools: dict[str, QThreadPool] = {
            name: QThreadPool(self) for name in ("reads", "writes", "counting", "files", "network")
        }
        for name, pool in self._pools.items():
            pool.setMaxThreadCount(max(1, file_threads) if name == "files" else 1)
        self._tasks: set[Task] = set()

    def run(
        self,
        work: Work,
        *,
        pool: PoolName = "reads",
        priority: int = 0,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
    ) -> Task:
        """Run ``work(progress, cancel)`` in the background; callbacks run on the GUI thread."""
        task = Task(self)
        if on_success is not None:
            task.succeeded.connect(on_success)
        if on_failure is not None:
            task.failed.connect(on_failure)
        if on_progress is not None:
            task.progressed.connect(on_progress)
        self._tasks.add(task)
        task.ended.connect(lambda: self._forget(task))
        job = _Job(work, task.cancel_event, task._signals, task._latest)
        self._pools[pool].start(job, priority)
        return task

    def _forget(self, task: Task) -> None:
        self._tasks.discard(task)
        task.deleteLater()

    def cancel_all(self) -> None:
        """Ask every task to stop; jobs not started yet return at once."""
        for task in list(self._tasks):
            task.cancel()

    def wait_for_done(self, timeout_ms: int = -1) -> bool:
        """Block until every started job has returned (tests drain here; so does closing)."""
        return all(pool.waitForDone(timeout_ms) for pool in self._pools.values())

    @property
    def active_count(self) -> int:
        return sum(pool.activeThreadCount() for pool in self._pools.values())
