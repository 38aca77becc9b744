"""Downloading evidence and document files: resumable, verified, never half-visible.

Bytes go to ``evidence/tmp/downloads/<sha256>.part`` (named by the hash the case
document declares, never by anything the server says), resume with ``Range`` after an
interruption, stop one byte past the declared size, and become visible in the evidence
store only after size and SHA-256 both match — by an atomic rename. A file that trickles
in below the client's minimum rate is given up (:class:`~app.sync.client.TooSlow`) and
resumed at the next sync, instead of keeping the sync silent for ever.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.contract.content_store import CHUNK, ContentStore, StagedFile, is_sha256
from app.errors import SyncCancelled
from app.files import open_private, private_folder
from app.sync.client import PlatformClient, Refused, Retryable, broken_off, error_for
from app.sync.retry import RetryPolicy, with_retries
from app.vocabulary import words


@dataclass(frozen=True)
class WantedFile:
    case_id: str
    item: str  # evidence id, or "document:<id>"
    url_path: str  # below /api/v1
    sha256: str
    size: int


class BadFile(Exception):
    """The server sent bytes that cannot be the declared file: quarantine it.

    Its message (the quarantine's reason) is said in the desk's language when raised.
    """


def downloads_folder(store: ContentStore) -> Path:
    return private_folder(store.tmp / "downloads")


def fetch_file(
    client: PlatformClient,
    store: ContentStore,
    wanted: WantedFile,
    policy: RetryPolicy,
    cancel: threading.Event,
    on_bytes: Callable[[int], None],
) -> bool:
    """Download, verify and store one file; True if it was added to the store.

    Raises :class:`BadFile` when the server's bytes are wrong (too many, or a hash that
    does not match twice in a row), :class:`Retryable` when retries ran out.
    """
    if not is_sha256(wanted.sha256):
        raise BadFile(words("sync.files.not_sha256").text())
    if store.has(wanted.sha256):
        return False
    part = downloads_folder(store) / f"{wanted.sha256}.part"
    for attempt in range(2):
        size, digest = with_retries(
            lambda: _download_into(client, wanted, part, cancel, on_bytes), policy, cancel
        )
        if size == wanted.size and digest == wanted.sha256:
            # The caller makes the batch durable before recording the files as stored.
            added = store.commit([StagedFile(part, size, digest, overflowed=False)], durable=False)
            return bool(added)
        # A wrong hash may come from a bad resume: start once from scratch before blaming the server.
        part.unlink(missing_ok=True)
        if attempt == 1:
            raise BadFile(words("sync.files.hash_mismatch", size=size, declared=wanted.size).text())
    return False


def _download_into(
    client: PlatformClient,
    wanted: WantedFile,
    part: Path,
    cancel: threading.Event,
    on_bytes: Callable[[int], None],
) -> tuple[int, str]:
    """Fetch the rest of the file into ``part``; returns its size and SHA-256.

    The hash is computed while the bytes arrive; only a resumed download re-reads the
    part it already had.
    """
    offset = part.stat().st_size if part.exists() else 0
    if offset > wanted.size:
        part.unlink()
        offset = 0
    if offset == wanted.size:
        return _hash_file(part)
    with client.open_file(wanted.url_path, offset) as response:
        if response.status_code == 416:  # our partial file is not a prefix the server knows
            part.unlink(missing_ok=True)
            raise Retryable(words("sync.files.partial_mismatch"), 0.0)
        if response.status_code not in (200, 206):
            raise error_for(response, _error_body(response))
        if response.status_code == 200 and offset:
            offset = 0  # the server ignored Range: take the whole file
        digest = _hash_prefix(part, offset)
        # Evidence holds buyers' photos and ID scans: only this account may read it.
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if offset else os.O_TRUNC)
        written = offset
        guard = client.rate_guard()
        try:
            with os.fdopen(open_private(part, flags), "ab" if offset else "wb") as sink:
                # As the bytes arrive (no chunk size): a trickle is measured, not buffered.
                for chunk in response.iter_bytes():
                    if cancel.is_set():
                        raise SyncCancelled(words("sync.cancelled"))
                    if written + len(chunk) > wanted.size:
                        raise BadFile(words("sync.files.too_many_bytes", size=wanted.size).text())
                    sink.write(chunk)
                    digest.update(chunk)
                    written += len(chunk)
                    on_bytes(len(chunk))
                    guard.received(len(chunk))
                sink.flush()
                os.fsync(sink.fileno())
        except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise Retryable(words("sync.files.cut_short", reason=broken_off(exc))) from None
    if written < wanted.size:
        raise Retryable(words("sync.files.stopped_at", written=written, size=wanted.size))
    return written, digest.hexdigest()


def _error_body(response: httpx.Response) -> bytes:
    """At most 64 KiB of an error answer: enough for its message, never a hostile flood."""
    body = b""
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) >= 65536:
            break
    return body[:65536]


def _hash_prefix(path: Path, length: int) -> hashlib._Hash:
    digest = hashlib.sha256()
    if length:
        with open(path, "rb") as source:
            remaining = length
            while remaining and (chunk := source.read(min(CHUNK, remaining))):
                digest.update(chunk)
                remaining -= len(chunk)
    return digest


def _hash_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


__all__ = ["BadFile", "Refused", "WantedFile", "downloads_folder", "fetch_file"]
