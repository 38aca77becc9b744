"""The faster token readers (reports.signing.pdf_tokens) read exactly what pyHanko's own
readers read: the same object, the same stream position afterwards, the same error."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from reports.signing import pdf_tokens

_PDF_BYTES = st.sampled_from(list(b"0123456789abcdefABCDEFxyz/()<>[]{}%.-+ \n\r\t\f\x00\x0b")).map(
    lambda value: bytes([value])
)
TEXTS = st.lists(_PDF_BYTES, max_size=80).map(b"".join)


def _outcome(reader, data: bytes, start: int = 0) -> object:  # type: ignore[no-untyped-def]
    stream = io.BytesIO(data)
    stream.seek(start)
    try:
        value = reader(stream)
    except Exception as error:  # the kind of error is part of the behaviour
        return ("error", type(error).__name__)
    return (
        type(value).__name__,
        bytes(value) if isinstance(value, bytes) else value,
        stream.tell(),
    )


@given(TEXTS)
def test_hex_strings_read_as_pyhanko_reads_them(body: bytes) -> None:
    data = b"<" + body
    assert _outcome(pdf_tokens.read_hex_string, data) == _outcome(
        pdf_tokens.pyhanko_hex_reader, data
    )


def test_hex_strings_of_every_kind() -> None:
    cases = [
        b"<41 42>",  # whitespace between digits
        b"<414>",  # an odd count: the last digit is followed by 0
        b"<>",
        b"<4g>",  # not a hex digit
        b"<41",  # no closing bracket
        b"<41%c\n42>",  # a comment inside (pyHanko skips it)
        b"<\x0041>rest",
        b"<" + b"0a" * 8192 + b"> tail",  # a signature's /Contents
        b"<feff00410042>",  # UTF-16 text
    ]
    for data in cases:
        assert _outcome(pdf_tokens.read_hex_string, data) == _outcome(
            pdf_tokens.pyhanko_hex_reader, data
        ), data


@given(TEXTS, st.integers(min_value=0, max_value=80))
def test_tokens_end_where_pyhanko_ends_them(data: bytes, start: int) -> None:
    start = min(start, len(data))
    assert _outcome(pdf_tokens.read_until_delimiter, data, start) == _outcome(
        pdf_tokens.pyhanko_delimiter_reader, data, start
    )


def test_tokens_of_every_kind() -> None:
    for data in (b"612 0 R", b"/Name/Next", b"true]", b"-0.5>>", b"endobj", b"", b"x" * 5000):
        assert _outcome(pdf_tokens.read_until_delimiter, data) == _outcome(
            pdf_tokens.pyhanko_delimiter_reader, data
        ), data


def test_pyhankos_parser_uses_them() -> None:
    from pyhanko.pdf_utils import generic, misc

    import reports.signing.sign  # noqa: F401  (installs them)

    assert generic.read_hex_string_from_stream is pdf_tokens.read_hex_string
    assert generic.read_until_delimiter is pdf_tokens.read_until_delimiter
    assert misc.read_until_delimiter is pdf_tokens.read_until_delimiter
