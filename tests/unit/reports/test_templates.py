"""The wording of documents: the three languages say the same things with the same
placeholders, and Traditional Chinese is written in Traditional characters."""

from __future__ import annotations

import string
from typing import Any

from app.workflow.script_reader import _SIMPLIFIED_ONLY  # the loader's own list
from reports.templates import template, templates_folder

LANGUAGES = ("zh-Hans", "zh-Hant", "en")


def _leaves(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            found |= _leaves(value, f"{prefix}{key}.")
        else:
            found[f"{prefix}{key}"] = value
    return found


def _placeholders(value: Any) -> set[str]:
    if not isinstance(value, str):
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(value) if name}


def test_every_language_has_the_same_keys_and_placeholders() -> None:
    leaves = {language: _leaves(template(language)._data) for language in LANGUAGES}
    keys = set(leaves["zh-Hans"])
    for language in LANGUAGES:
        assert set(leaves[language]) == keys, language
        for key in keys:
            assert _placeholders(leaves[language][key]) == _placeholders(leaves["zh-Hans"][key]), (
                language,
                key,
            )
    assert {path.stem for path in templates_folder().glob("*.toml")} == set(LANGUAGES)


def test_traditional_chinese_wording_uses_traditional_characters() -> None:
    text = (templates_folder() / "zh-Hant.toml").read_text(encoding="utf-8")
    assert sorted(set(text) & _SIMPLIFIED_ONLY) == []
