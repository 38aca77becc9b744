"""The catalogue of the core's sentences: complete in three languages, and every key the
code names exists."""

from __future__ import annotations

import ast
import string
from pathlib import Path
from typing import get_args

import pytest

from app.contract.language import LANGUAGES
from app.errors import ERROR_KINDS, ErrorKind
from app.resources import resource_folder
from app.vocabulary import listing, say, words
from app.vocabulary.catalog import CatalogueError, _collect, catalogue
from tests.conftest import REPO


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_entry_has_all_three_languages_with_the_same_placeholders() -> None:
    entries = catalogue()
    assert entries, "no catalogue files found"
    mismatched = [
        key
        for key, texts in entries.items()
        if len({frozenset(_placeholders(texts[language])) for language in LANGUAGES}) != 1
    ]
    assert mismatched == []


def test_an_entry_missing_a_language_is_refused() -> None:
    with pytest.raises(CatalogueError, match="exactly en, zh-Hans and zh-Hant"):
        _collect({}, "broken", {"entry": {"en": "Hello", "zh-Hans": "你好"}}, "broken.toml")


def _keys_named_in(folder: Path) -> list[tuple[str, str]]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "words"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((f"{path.relative_to(REPO)}:{node.lineno}", node.args[0].value))
    return found


@pytest.mark.parametrize("package", ["app", "ui", "reports", "platform_server"])
def test_every_key_the_code_names_is_in_the_catalogue(package: str) -> None:
    known = catalogue()
    missing = [
        f"{where} {key}" for where, key in _keys_named_in(REPO / package) if key not in known
    ]
    assert missing == []


def test_every_error_kind_has_a_headline_and_advice() -> None:
    known = catalogue()
    kinds = set(get_args(ErrorKind))
    assert {kind for _, kind in ERROR_KINDS} | {"bug"} == kinds
    for kind in kinds:
        assert f"errors.headline.{kind}" in known
        assert f"errors.advice.{kind}" in known


def test_words_are_said_in_the_language_asked_and_values_are_filled_in() -> None:
    message = words("errors.fault.disk_full", where="/data")
    assert message.text("en") == "The disk is full (/data). Free some space, then try again."
    assert message.text("zh-Hans") == "磁盘已满（/data）。请腾出空间后再试。"
    assert message.text("zh-Hant") == "磁碟已滿（/data）。請騰出空間後再試。"


def test_lists_are_joined_the_way_each_language_lists_things() -> None:
    assert listing(["a", "b"], "en") == "a, b"
    assert listing(["甲", "乙"], "zh-Hans") == "甲、乙"
    nested = words("errors.fault.disk_full", where=["x", "y"])
    assert say(nested, "zh-Hant") == "磁碟已滿（x、y）。請騰出空間後再試。"


def test_the_catalogue_files_are_shipped_data() -> None:
    assert (resource_folder("vocabulary") / "errors.toml").is_file()


def _key_prefixes_named_in(folder: Path) -> list[tuple[str, str]]:
    """The fixed start of every key built with an f-string (``words(f"cli.show.{key}")``)."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "words"
                and node.args
                and isinstance(node.args[0], ast.JoinedStr)
            ):
                first = node.args[0].values[0]
                prefix = first.value if isinstance(first, ast.Constant) else ""
                found.append((f"{path.relative_to(REPO)}:{node.lineno}", str(prefix)))
    return found


@pytest.mark.parametrize("package", ["app", "ui", "reports", "platform_server"])
def test_every_key_built_from_parts_starts_like_some_catalogue_entry(package: str) -> None:
    # The variable part is checked where its values are known (error kinds, labels);
    # this catches a misspelt or renamed section, which no other test would.
    known = catalogue()
    named = _key_prefixes_named_in(REPO / package)
    unfixed = [where for where, prefix in named if "." not in prefix]
    assert unfixed == [], "a key built from parts must start with a fixed section"
    missing = [
        f"{where} {prefix}…"
        for where, prefix in named
        if not any(key.startswith(prefix) for key in known)
    ]
    assert missing == []
