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
import unicodedata
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


def bar(done: int, total: int, width: int = 30) -> str:
    """``[#######       ]`` for ``done`` of ``total``."""
    filled = int(width * min(done, total) / total) if total else 0
    return f"[{'#' * filled:<{width}}]"


def _fitted(text: str, columns: int) -> str:
    """``text`` cut and padded to ``columns`` terminal columns (a 汉字 takes two)."""
    out, used = [], 0
    for char in text:
        wide = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        if used + wide > columns:
            break
        out.append(char)
        used += wide
    return "".join(out) + " " * (columns - used)


class ProgressBar:
    """One line of progress on stderr, redrawn at most 10 times a second; nothing at all
    when stderr is not a terminal. Call it with ``(done, total)`` for
    ``label  [#####      ] 12/40``, or :meth:`line` with a line of one's own."""

    COLUMNS = 79

    def __init__(self, label: Sayable | str = "", *, stream: Any = None) -> None:
        self._stream = stream or sys.stderr
        self.enabled = bool(getattr(self._stream, "isatty", lambda: False)())
        self._label = in_language(label)
        self._lock = threading.Lock()
        self._drawn_at = 0.0
        self._shown = False

    def __call__(self, done: int, total: int | None = None, detail: str = "") -> None:
        if total:
            text = f"{self._label}  {bar(done, total)} {done}/{total}"
        else:
            text = f"{self._label}  {done}"
        self.line(
            f"{text}  {detail}" if detail else text, final=total is not None and done >= total
        )

    def line(self, text: str, *, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        with self._lock:
            if not final and now - self._drawn_at < 0.1:
                return
            self._drawn_at = now
            self._stream.write("\r" + _fitted(safe_for_terminal(text), self.COLUMNS))
            self._stream.flush()
            self._shown = True

    def finish(self) -> None:
        if self.enabled and self._shown:
            self._stream.write("\r" + " " * self.COLUMNS + "\r")
            self._stream.flush()
