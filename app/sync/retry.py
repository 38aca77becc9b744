"""Retrying transient failures with backoff that honours ``Retry-After``."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from app.errors import SyncCancelled
from app.sync.client import Retryable
from app.vocabulary import words

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6
    base_delay: float = 0.5
    max_delay: float = 30.0
    # A server asking for more than this is treated as down for now.
    max_retry_after: float = 120.0


def with_retries(
    action: Callable[[], T],
    policy: RetryPolicy,
    cancel: threading.Event,
    on_retry: Callable[[Retryable, float], None] | None = None,
) -> T:
    """Run ``action``; on :class:`Retryable`, wait (jittered exponential backoff, or the
    server's ``Retry-After``) and try again, up to ``policy.attempts`` times.

    The wait is interruptible: a cancel stops it at once.
    """
    attempt = 0
    while True:
        if cancel.is_set():
            raise SyncCancelled(words("sync.cancelled"))
        try:
            return action()
        except Retryable as exc:
            attempt += 1
            if attempt >= policy.attempts:
                raise
            if exc.retry_after is not None:
                delay = min(exc.retry_after, policy.max_retry_after)
            else:
                delay = min(policy.max_delay, policy.base_delay * 2 ** (attempt - 1))
                delay *= 0.5 + random.random() / 2  # noqa: S311 - jitter, not security
            if on_retry is not None:
                on_retry(exc, delay)
            if cancel.wait(delay):
                raise SyncCancelled(words("sync.cancelled")) from None
