"""A content-addressed file store: every file kept once, named by its SHA-256.

Files enter through a :class:`Staging` area on the same file system: bytes are streamed
into a temporary file while being counted and hashed, flushed to disk (fsync), and only
then renamed into place, so a reader never sees half a file. Names given by outsiders
are never used as paths; the only path component that comes from data is the hash,
and it is checked to be 64 hex digits first.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from app.files import open_private, private_folder

CHUNK = 1024 * 1024
_HEX = frozenset("0123456789abcdef")

FileState = Literal["verified", "altered", "missing", "unreadable"]


def is_sha256(value: str) -> bool:
    return len(value) == 64 and set(value) <= _HEX


@dataclass(frozen=True)
class StagedFile:
    """Bytes written to a temporary file; ``overflowed`` means the stream had more than the limit."""

    path: Path
    size: int
    sha256: str
    overflowed: bool


class Staging:
    """A private temporary folder; whatever is not committed is deleted on exit."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._count = 0

    def stage_stream(self, source: BinaryIO, limit: int) -> StagedFile:
        """Copy at most ``limit`` bytes from ``source``, hashing them.

        Reads one byte past the limit to learn whether the source is longer, and never
        more, so a stream that inflates without end (a zip bomb) costs only ``limit``.
        """
        self._count += 1
        path = self.folder / f"part-{self._count}"
        digest = hashlib.sha256()
        size = 0
        overflowed = False
        # Evidence holds buyers' photos and ID scans: only this account may read it.
        with os.fdopen(open_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL), "wb") as sink:
            while True:
                want = min(CHUNK, limit + 1 - size)
                if want <= 0:
                    break
                chunk = source.read(want)
                if not chunk:
                    break
                if size + len(chunk) > limit:
                    chunk = chunk[: limit - size]
                    overflowed = True
                digest.update(chunk)
                sink.write(chunk)
                size += len(chunk)
                if overflowed:
                    break
            sink.flush()
            os.fsync(sink.fileno())
        return StagedFile(path=path, size=size, sha256=digest.hexdigest(), overflowed=overflowed)

    def stage_bytes(self, data: bytes) -> StagedFile:
        import io

        return self.stage_stream(io.BytesIO(data), len(data))


class ContentStore:
    """Files under ``root/objects/<sha256>``, one per distinct SHA-256.

    One flat folder, so committing a batch of files needs one folder fsync, not one per
    file; ext4 and the other current file systems index large folders.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.objects = root / "objects"
        self.tmp = root / "tmp"
        for folder in (root, self.objects, self.tmp):
            private_folder(folder)

    def path_of(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError(f"not a SHA-256 hash: {sha256!r}")
        return self.objects / sha256

    def has(self, sha256: str) -> bool:
        return self.path_of(sha256).is_file()

    @contextmanager
    def staging(self) -> Iterator[Staging]:
        folder = Path(tempfile.mkdtemp(prefix="staging-", dir=self.tmp))
        try:
            yield Staging(folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def commit(self, staged: list[StagedFile], *, durable: bool = True) -> list[str]:
        """Move staged files into place under their hashes; returns the hashes that are new.

        The files were fsynced when staged; one fsync of the folder makes the renames
        durable too. ``durable=False`` leaves that to a later :meth:`make_durable`, so a
        batch of downloads pays for one folder fsync before it is recorded as stored.
        """
        added: list[str] = []
        for item in staged:
            target = self.path_of(item.sha256)
            if target.is_file():
                item.path.unlink(missing_ok=True)
                continue
            os.replace(item.path, target)
            added.append(item.sha256)
        if added and durable:
            _fsync_folder(self.objects)
        return added

    def make_durable(self) -> None:
        """Flush the folder entries of files committed with ``durable=False``."""
        _fsync_folder(self.objects)

    def discard(self, sha256: str) -> None:
        """Remove a file committed by an operation that then failed as a whole."""
        self.path_of(sha256).unlink(missing_ok=True)

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path_of(sha256), "rb")

    def check(self, sha256: str, size: int) -> FileState:
        """Re-hash a stored file: verified, altered (size or hash differ), missing, or
        unreadable (this account may not read it, or the disk failed)."""
        path = self.path_of(sha256)
        try:
            with open(path, "rb") as source:
                if os.fstat(source.fileno()).st_size != size:
                    return "altered"
                digest = hashlib.sha256()
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
        except FileNotFoundError:
            return "missing"
        except OSError:
            return "unreadable"
        return "verified" if digest.hexdigest() == sha256 else "altered"

    def stored_hashes(self) -> set[str]:
        """Every hash the store holds a file for (to find files no record names)."""
        return {path.name for path in self.objects.iterdir() if is_sha256(path.name)}

    def clean_leftovers(self, older_than_seconds: float = 6 * 3600) -> None:
        """Delete staging folders left by a process that was killed mid-import.

        Only old ones: another process (the desk and a command at once) may be staging now.
        """
        import time

        cutoff = time.time() - older_than_seconds
        for leftover in self.tmp.iterdir():
            if leftover.name.startswith("staging-") and leftover.stat().st_mtime < cutoff:
                shutil.rmtree(leftover, ignore_errors=True)


def _fsync_folder(folder: Path) -> None:
    # A rename is durable only once the folder entry itself reaches the disk.
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
