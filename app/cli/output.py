"""How commands speak: one JSON document on stdout with ``--json``, text otherwise, and
a progress bar on stderr for long work.

Errors always go to stderr, one line each, and the command exits non-zero. The progress
bar draws only on a terminal, so a script or a pipe sees nothing but the result.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from typing import Any

from app.vocabulary import Sayable
from app.vocabulary import say as in_language


def emit_json(data: Any) -> None:
    """Write one JSON document to stdout (non-ASCII kept readable)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def say(text: str = "") -> None:
    """One line on stdout."""
    sys.stdout.write(text + "\n")


def complain(text: str) -> None:
    """One line to stderr; control characters from data are escaped so they cannot
    rewrite the terminal."""
    sys.stderr.write(safe_for_terminal(text) + "\n")


def safe_for_terminal(text: str) -> str:
    """Escape control and bidi-override characters so untrusted text prints literally."""
    out = []
    for char in text:
        code = ord(char)
        if (code < 32 and char not in "\t") or code == 127 or 0x80 <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or code in (0x200E, 0x200F):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


class ProgressBar:
    """``label  [#####      ] 12/40`` on one line of stderr, redrawn at most 10 times a
    second; nothing at all when stderr is not a terminal."""

    WIDTH = 30

    def __init__(self, label: Sayable | str, *, stream: Any = None) -> None:
        self._stream = stream or sys.stderr
        self.enabled = bool(getattr(self._stream, "isatty", lambda: False)())
        self._label = in_language(label)
        self._lock = threading.Lock()
        self._drawn_at = 0.0
        self._shown = False

    def __call__(self, done: int, total: int | None = None, detail: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        finished = total is not None and done >= total
        with self._lock:
            if not finished and now - self._drawn_at < 0.1:
                return
            self._drawn_at = now
            if total:
                filled = int(self.WIDTH * min(done, total) / total)
                line = f"{self._label}  [{'#' * filled:<{self.WIDTH}}] {done}/{total}"
            else:
                line = f"{self._label}  {done}"
            if detail:
                line += f"  {detail}"
            self._stream.write("\r" + safe_for_terminal(line)[:79].ljust(79))
            self._stream.flush()
            self._shown = True

    def finish(self) -> None:
        if self.enabled and self._shown:
            self._stream.write("\r" + " " * 79 + "\r")
            self._stream.flush()
