"""How commands speak: one JSON document on stdout with ``--json``, text otherwise.

Errors always go to stderr, one line each, and the command exits non-zero.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(data: Any) -> None:
    """Write one JSON document to stdout (non-ASCII kept readable)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def say(text: str = "") -> None:
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
