"""Background work for the desk: the one way a widget asks the core for anything.

In the spirit of Anki's ``CollectionOp`` / ``QueryOp`` (``qt/aqt/operations/``)::

    ReadOp(runner, lambda uow, op: get_case(uow, case_id)).success(self._show).run(self)
    WriteOp(runner, lambda uow, op: workflow_do(uow, ...)).success(self._on_done).run(self)
    DeskOp(runner, lambda op: run_sync(op.desk, ..., progress=op.progress,
                                       cancel=op.cancel)).run(self)

- A :class:`ReadOp` gets a read-only unit of work of its own; a :class:`WriteOp` a
  writable one. Write ops run one after the other on the runner's single writer thread,
  so the desk's own writes never wait on each other inside SQLite's lock. Services
  commit what they write before they return.
- A :class:`DeskOp` gets the desk itself, for work that opens its own units of work
  (signing in, a sync), on the network thread.
- The function receives an :class:`OpContext`: ``op.progress(value)`` reports progress
  (``.on_progress`` hears the newest report), ``op.check_cancelled()`` stops cleanly once
  the op is cancelled (closing the window cancels every op).
- Failures: expected errors (:class:`app.errors.DeskError`, and environment faults such
  as a locked database or a full disk, recognised by :func:`app.errors.as_desk_error`) go
  to ``.failure`` — or, when the caller gives none, are shown to the user in a message
  box parented to the widget the op ran for. Bugs never reach ``.failure``: they go to
  the one bug handler (:mod:`ui.messages`), which logs them and apologises once. Either
  way the user sees one message. ``.finished`` runs last, whatever happened (but not
  after a cancel), for resetting a busy state.

Callbacks run on the GUI thread; the function runs on a worker and never touches a
widget.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Self, TypeVar

from app.desk import Desk, UnitOfWork
from app.errors import DeskError, as_desk_error
from ui.tasks import Cancelled, PoolName, Task, TaskRunner

T = TypeVar("T")


@dataclass(frozen=True)
class OpContext:
    """What an op's function gets besides its unit of work."""

    desk: Desk
    progress: Callable[[Any], None]
    cancel: threading.Event

    def check_cancelled(self) -> None:
        """Stop here if the op was cancelled (nothing more is reported for it)."""
        if self.cancel.is_set():
            raise Cancelled


class OpRunner:
    """The desk and the task runner every op needs: one per window."""

    def __init__(self, desk: Desk, tasks: TaskRunner) -> None:
        self.desk = desk
        self.tasks = tasks

    def cancel_all(self) -> None:
        self.tasks.cancel_all()

    def wait_for_done(self, timeout_ms: int = -1) -> bool:
        return self.tasks.wait_for_done(timeout_ms)


class _Op(Generic[T]):
    _pool: PoolName = "reads"

    def __init__(self, runner: OpRunner) -> None:
        self._runner = runner
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[DeskError], None] | None = None
        self._on_progress: Callable[[Any], None] | None = None
        self._on_finished: Callable[[], None] | None = None
        self._priority = 0

    def success(self, handler: Callable[[T], None]) -> Self:
        """Called with the result on the GUI thread."""
        self._on_success = handler
        return self

    def failure(self, handler: Callable[[DeskError], None]) -> Self:
        """Called with an expected error instead of the default message box."""
        self._on_failure = handler
        return self

    def on_progress(self, handler: Callable[[Any], None]) -> Self:
        """Called with the newest progress report (reports are coalesced, never queued up)."""
        self._on_progress = handler
        return self

    def finished(self, handler: Callable[[], None]) -> Self:
        """Called last after success or failure (not after a cancel)."""
        self._on_finished = handler
        return self

    def in_pool(self, pool: PoolName, *, priority: int = 0) -> Self:
        """Run on another pool than the op's own (``files`` for hashing, ``counting``…)."""
        self._pool = pool
        self._priority = priority
        return self

    def _call(self, context: OpContext) -> T:
        raise NotImplementedError

    def run(self, parent: Any = None) -> Task:
        """Start in the background; errors are shown over ``parent`` (a widget)."""
        desk = self._runner.desk

        def work(progress: Callable[[Any], None], cancel: threading.Event) -> T:
            context = OpContext(desk, progress, cancel)
            context.check_cancelled()
            return self._call(context)

        task = self._runner.tasks.run(
            work,
            pool=self._pool,
            priority=self._priority,
            on_success=self._succeeded,
            on_failure=lambda error: self._failed(error, parent),
            on_progress=self._on_progress,
        )
        return task

    def _succeeded(self, result: T) -> None:
        if self._on_success is not None:
            self._on_success(result)
        if self._on_finished is not None:
            self._on_finished()

    def _failed(self, error: Exception, parent: Any) -> None:
        from ui.messages import report_bug, show_error

        known = as_desk_error(error)
        try:
            if not isinstance(known, DeskError):
                report_bug(error, doing=type(self).__name__)
            elif self._on_failure is not None:
                self._on_failure(known)
            else:
                show_error(parent, known)
        finally:
            if self._on_finished is not None:
                self._on_finished()


class ReadOp(_Op[T]):
    """Reads the store in a read-only unit of work of its own."""

    _pool: PoolName = "reads"

    def __init__(self, runner: OpRunner, read: Callable[[UnitOfWork, OpContext], T]) -> None:
        super().__init__(runner)
        self._read = read

    def _call(self, context: OpContext) -> T:
        with context.desk.unit_of_work(read_only=True) as uow:
            return self._read(uow, context)


class WriteOp(_Op[T]):
    """Changes the store in a unit of work of its own, one write op at a time."""

    _pool: PoolName = "writes"

    def in_pool(self, pool: PoolName, *, priority: int = 0) -> Self:
        """Write ops stay on the writer thread: that is what serializes them."""
        if pool != "writes":
            raise ValueError("a WriteOp runs on the writes pool only")
        return super().in_pool(pool, priority=priority)

    def __init__(self, runner: OpRunner, write: Callable[[UnitOfWork, OpContext], T]) -> None:
        super().__init__(runner)
        self._write = write

    def _call(self, context: OpContext) -> T:
        with context.desk.unit_of_work() as uow:
            return self._write(uow, context)


class DeskOp(_Op[T]):
    """Work that opens its own units of work (signing in, a sync), off the store's threads."""

    _pool: PoolName = "network"

    def __init__(self, runner: OpRunner, work: Callable[[OpContext], T]) -> None:
        super().__init__(runner)
        self._work = work

    def _call(self, context: OpContext) -> T:
        return self._work(context)


__all__ = ["DeskOp", "OpContext", "OpRunner", "ReadOp", "WriteOp"]
