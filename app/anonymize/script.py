"""Simplified and Traditional forms of a string (OpenCC), loaded once per process."""

from __future__ import annotations

from functools import cache
from typing import Any

# Simplified → Traditional in the standard, Taiwan and Hong Kong forms, and back.
_TO_TRADITIONAL = ("s2t", "s2tw", "s2hk")
_TO_SIMPLIFIED = ("t2s", "tw2s", "hk2s")


@cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """``text`` in Simplified characters (臺北 → 台北, 張 → 张)."""
    return str(_converter("t2s").convert(text))


def to_traditional(text: str) -> str:
    """``text`` in standard Traditional characters (张 → 張)."""
    return str(_converter("s2t").convert(text))


def script_variants(text: str) -> tuple[str, ...]:
    """``text`` as written and in every Simplified and Traditional form OpenCC knows,
    without repeats, the text itself first."""
    if text.isascii():
        return (text,)
    seen: dict[str, None] = {text: None}
    for config in _TO_SIMPLIFIED + _TO_TRADITIONAL:
        seen.setdefault(str(_converter(config).convert(text)), None)
    simplified = to_simplified(text)
    for config in _TO_TRADITIONAL:
        seen.setdefault(str(_converter(config).convert(simplified)), None)
    return tuple(seen)
