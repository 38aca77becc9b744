"""The languages of the desk, its documents and the case documents: one type for all."""

from __future__ import annotations

from typing import Literal, get_args

Language = Literal["zh-Hans", "zh-Hant", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
