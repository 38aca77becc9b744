"""Rate limits on signing in: wrong passwords per user and per address, in a window.

After ``per_user`` wrong passwords for one user name, or ``per_address`` from one
address, within ``window`` seconds, every further attempt for that user or from that
address is answered 429 with ``Retry-After`` until the oldest failure leaves the window
— right password or not, so guessing gains nothing by going on. Nothing here sees a
password.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

# Past this many tracked names or addresses the oldest are forgotten (memory stays bounded).
MAX_TRACKED = 100_000


class LoginLimiter:
    def __init__(
        self,
        per_user: int = 10,
        per_address: int = 10,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_user = per_user
        self.per_address = per_address
        self.window = window
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[tuple[str, str], deque[float]] = {}

    def retry_after(self, username: str, address: str) -> int | None:
        """Whole seconds until this user may try again from this address; None if now."""
        now = self._clock()
        waits = []
        with self._lock:
            for key, limit in (
                (("user", username), self.per_user),
                (("address", address), self.per_address),
            ):
                failures = self._recent(key, now)
                if failures is not None and len(failures) >= limit:
                    waits.append(failures[-limit] + self.window - now)
        if not waits:
            return None
        return max(1, math.ceil(max(waits)))

    def failed(self, username: str, address: str) -> None:
        """Count one wrong password for this user name and this address."""
        now = self._clock()
        with self._lock:
            for key in (("user", username), ("address", address)):
                failures = self._recent(key, now)
                if failures is None:
                    if len(self._failures) >= MAX_TRACKED:
                        self._failures.pop(next(iter(self._failures)))
                    failures = self._failures[key] = deque()
                failures.append(now)

    def _recent(self, key: tuple[str, str], now: float) -> deque[float] | None:
        failures = self._failures.get(key)
        if failures is None:
            return None
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        if not failures:
            del self._failures[key]
            return None
        return failures
