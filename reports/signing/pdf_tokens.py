"""Faster token readers for pyHanko's PDF parser, installed by ``reports.signing.sign``.

pyHanko reads every token one byte at a time through a generator. Two readers
dominate verifying a countersigned ruling (profiled with ``benchmarks/signing.py``):

- hex strings: every signature's ``/Contents`` holds ``2 × BYTES_RESERVED`` hex
  digits, read at 11 ms per signature — a third of a verification;
- names, numbers and keywords (``read_until_delimiter``), thousands per file, most in
  the fonts' width arrays, which the modification analysis reads for every revision.

These readers find the end of the token with one search and decode it in one step.
Whatever they do not recognise as the plain case (a comment inside a hex string, a
stray byte, a missing ``>``) is handed back to pyHanko's own reader from the same
place, so errors and odd inputs behave exactly as before;
``tests/unit/signatures/test_pdf_tokens.py`` compares both readers on every kind.
"""

from __future__ import annotations

import binascii
import re
from typing import Any

from pyhanko.pdf_utils import generic, misc

_PLAIN_HEX = re.compile(rb"[0-9A-Fa-f \n\r\t\f\x00]*")
_WHITESPACE = b" \n\r\t\f\x00"
_DELIMITER = re.compile(rb"[ \n\r\t\f\x00()<>\[\]{}/%]")
_HEX_CHUNK = 16384
_TOKEN_CHUNK = 64

pyhanko_hex_reader = generic.read_hex_string_from_stream
pyhanko_delimiter_reader = misc.read_until_delimiter


def read_hex_string(stream: Any) -> Any:
    """Read ``<…>`` at the stream's position into a PDF string, as pyHanko does."""
    start = stream.tell()
    stream.read(1)  # the opening '<'
    seen = b""
    while True:
        chunk = stream.read(_HEX_CHUNK)
        end = chunk.find(b">")
        if end >= 0:
            seen += chunk[:end]
            break
        if not chunk:
            return _pyhanko_hex_from(stream, start)  # no '>': pyHanko names the error
        seen += chunk
    if _PLAIN_HEX.fullmatch(seen) is None:
        return _pyhanko_hex_from(stream, start)
    stream.seek(start + 1 + len(seen) + 1)
    digits = seen.translate(None, _WHITESPACE)
    if len(digits) % 2:
        digits += b"0"  # ISO 32000-1 §7.3.4.3: a missing last digit is 0
    return generic.pdf_string(binascii.unhexlify(digits))


def _pyhanko_hex_from(stream: Any, start: int) -> Any:
    stream.seek(start)
    return pyhanko_hex_reader(stream)


def read_until_delimiter(stream: Any) -> bytes:
    """The bytes up to the next delimiter or whitespace, the stream left on it (or at
    the end of the stream), as pyHanko's reader does."""
    start = stream.tell()
    seen: bytes = stream.read(_TOKEN_CHUNK)
    while True:
        found = _DELIMITER.search(seen)
        if found is not None:
            stream.seek(start + found.start())
            return seen[: found.start()]
        more: bytes = stream.read(_TOKEN_CHUNK * 16)
        if not more:
            return seen  # the end of the stream ends the token, and stays read
        seen += more


def install() -> None:
    """Make pyHanko's object parser use these readers (idempotent)."""
    generic.read_hex_string_from_stream = read_hex_string
    generic.read_until_delimiter = read_until_delimiter  # type: ignore[attr-defined]
    misc.read_until_delimiter = read_until_delimiter
