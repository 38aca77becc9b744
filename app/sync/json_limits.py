"""Reading JSON from a platform that may be hostile: bounded in size and in depth.

Python's ``json`` parser recurses once per nesting level, so a body nested 200,000 deep
raises :class:`RecursionError` — a crash, not an answer. Before parsing, the depth of
the body's structure is measured without recursion (strings removed, brackets counted
at C speed), and a body deeper than the limit is refused as :class:`AnswerTooDeep`
with words a mediator can read.
"""

from __future__ import annotations

import json
import operator
import re
from itertools import accumulate, count
from typing import Any

from app.errors import SyncError
from app.vocabulary import Words, words

# A case document nests about ten levels inside a changes page; 64 leaves ample room.
MAX_DEPTH = 64

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = b"[]{}"
_NOT_BRACKETS = bytes(value for value in range(256) if value not in _BRACKETS)
# Openers count 2 and closers 0, so that depth after k brackets = running sum - k.
_WEIGHTS = bytes(2 if value in b"[{" else 0 if value in b"]}" else value for value in range(256))


class AnswerTooLarge(SyncError):
    """A body larger than the client accepts: the server is misbehaving."""


class AnswerTooDeep(SyncError):
    """JSON nested deeper than any honest answer: refused before parsing."""


class AnswerNotJson(SyncError):
    """A body that is not JSON (cut short or mangled on the way)."""


def nesting_depth(data: bytes) -> int:
    """How deep the arrays and objects of the JSON text ``data`` nest (0 for a scalar).

    Linear in the size of ``data`` and never recursive; brackets inside strings do not
    count. For text that is not JSON the number is meaningless but still bounded.
    """
    structure = _STRING.sub(b"", data).translate(None, _NOT_BRACKETS).translate(_WEIGHTS)
    return max(map(operator.sub, accumulate(structure), count(1)), default=0)


def parse_json(data: bytes, *, max_bytes: int, max_depth: int = MAX_DEPTH, what: Words) -> Any:
    """Parse ``data`` as JSON, refusing more than ``max_bytes`` bytes or ``max_depth``
    levels of nesting with a named :class:`~app.errors.SyncError`; ``what`` names the
    answer in the message (``words("sync.what.changes_page")``, …)."""
    if len(data) > max_bytes:
        raise AnswerTooLarge(words("sync.answer.too_large", what=what, limit=max_bytes))
    if nesting_depth(data) > max_depth:
        raise AnswerTooDeep(words("sync.answer.too_deep", what=what, limit=max_depth))
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        raise AnswerNotJson(words("sync.answer.not_json", what=what)) from None


__all__ = [
    "MAX_DEPTH",
    "AnswerNotJson",
    "AnswerTooDeep",
    "AnswerTooLarge",
    "nesting_depth",
    "parse_json",
]
