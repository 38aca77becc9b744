"""One desk, one writer: an inter-process lock on the data folder for sync and import.

Two syncs on one data folder would download every file twice and race each other's
cursor; a sync and an import would interleave their audit events. So each holds this
lock for its whole run: an OS file lock (``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows) on ``writer.lock`` in the data folder. The OS lets it go when the process
ends, however it ends — a killed sync never leaves a stale lock behind.

The holder writes who it is into the file (process id, what it is doing, since when, on
which computer), so a second writer is refused at once with
:class:`~app.errors.StoreInUse` naming the holder (the command line exits with 10).

Within one process the lock is re-entrant: the desk window may hold it while its own
sync runs.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.errors import StoreInUse
from app.files import open_private, private_folder
from app.vocabulary import Words, words

LOCK_FILE = "writer.lock"


@dataclass(frozen=True)
class LockHolder:
    """Who holds (or last held) the writer lock, as the holder wrote it."""

    pid: int | None
    doing: str
    since: str
    host: str


_held: dict[Path, tuple[int, int]] = {}  # path → (descriptor, depth) held by this process
_guard = threading.Lock()


def lock_path(desk_or_home: Any) -> Path:
    """The lock file of a desk (anything with ``paths.home``) or of a data folder."""
    paths = getattr(desk_or_home, "paths", None)
    home = Path(paths.home if paths is not None else desk_or_home)
    return home / LOCK_FILE


@contextmanager
def hold_writer_lock(desk_or_home: Any, doing: str) -> Iterator[LockHolder]:
    """Hold the data folder's writer lock while the ``with`` block runs.

    ``doing`` says what for ("sync", "cases import"); it is what another process is told.
    Raises :class:`~app.errors.StoreInUse` at once, without waiting, when another
    process holds it.
    """
    path = lock_path(desk_or_home)
    private_folder(path.parent)
    key = path.resolve()
    with _guard:
        if key in _held:
            descriptor, depth = _held[key]
            _held[key] = (descriptor, depth + 1)
            nested = True
        else:
            nested = False
    if nested:
        try:
            yield read_holder(path) or LockHolder(os.getpid(), doing, "", socket.gethostname())
        finally:
            _release(key)
        return
    descriptor = open_private(path, os.O_RDWR | os.O_CREAT)
    try:
        if not _try_lock(descriptor):
            raise StoreInUse(_in_use_words(path.parent, _wait_for_holder(path)))
        holder = LockHolder(
            pid=os.getpid(),
            doing=doing,
            since=datetime.now(UTC).isoformat(timespec="seconds"),
            host=socket.gethostname(),
        )
        _write_holder(descriptor, holder)
    except BaseException:
        os.close(descriptor)
        raise
    with _guard:
        _held[key] = (descriptor, 1)
    try:
        yield holder
    finally:
        _release(key)


def describe_holder(desk_or_home: Any) -> Words | None:
    """Who holds the writer lock now, in words ("process 4242 on desk-7, doing “sync”
    since …"); None when nobody does (a dead holder's record does not count)."""
    path = lock_path(desk_or_home)
    if not path.exists():
        return None
    with _guard:
        held_here = path.resolve() in _held
    if not held_here:
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            return None
        try:
            if _try_lock(descriptor):
                _unlock(descriptor)
                return None  # nobody holds it
        finally:
            os.close(descriptor)
    holder = read_holder(path)
    if holder is None or holder.pid is None:
        return None
    return words(
        "writer_lock.holder",
        pid=holder.pid,
        host=holder.host or "?",
        doing=holder.doing or "?",
        since=holder.since or "?",
    )


def _release(key: Path) -> None:
    with _guard:
        descriptor, depth = _held[key]
        if depth > 1:
            _held[key] = (descriptor, depth - 1)
            return
        del _held[key]
    try:
        os.ftruncate(descriptor, 0)  # nobody holds it now
        _unlock(descriptor)
    finally:
        os.close(descriptor)


def read_holder(path: Path) -> LockHolder | None:
    """What the lock file says about its holder (None if it says nothing readable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8")[:4096] or "null")
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    pid = data.get("pid")
    return LockHolder(
        pid=pid if isinstance(pid, int) else None,
        doing=str(data.get("doing", ""))[:100],
        since=str(data.get("since", ""))[:40],
        host=str(data.get("host", ""))[:100],
    )


def _wait_for_holder(path: Path) -> LockHolder | None:
    # The holder writes who it is just after it takes the lock: give it a moment.
    for _ in range(50):
        holder = read_holder(path)
        if holder is not None:
            return holder
        time.sleep(0.01)
    return None


def _write_holder(descriptor: int, holder: LockHolder) -> None:
    record = json.dumps(
        {"pid": holder.pid, "doing": holder.doing, "since": holder.since, "host": holder.host}
    ).encode("utf-8")
    os.ftruncate(descriptor, 0)
    os.lseek(descriptor, 0, os.SEEK_SET)
    os.write(descriptor, record)
    os.fsync(descriptor)


def _in_use_words(home: Path, holder: LockHolder | None) -> Any:
    if holder is None or holder.pid is None:
        return words("writer_lock.in_use_unknown", home=str(home))
    return words(
        "writer_lock.in_use",
        home=str(home),
        doing=holder.doing or "?",
        pid=holder.pid,
        host=holder.host or "?",
        since=holder.since or "?",
    )


if sys.platform == "win32":
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        os.lseek(descriptor, 0, os.SEEK_SET)
        try:
            # One byte far past any record: locking it does not stop others reading who.
            os.lseek(descriptor, 1 << 20, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(descriptor, 0, os.SEEK_SET)
        return True

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 1 << 20, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        finally:
            os.lseek(descriptor, 0, os.SEEK_SET)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


def waiting_words(desk_or_home: Any) -> Words:
    """What to tell the user when a write has to wait: who holds the store."""
    holder = describe_holder(desk_or_home)
    return words("store.waiting_for_writer", holder=holder or words("store.someone_else"))


__all__ = [
    "LOCK_FILE",
    "LockHolder",
    "describe_holder",
    "hold_writer_lock",
    "lock_path",
    "read_holder",
    "waiting_words",
]
