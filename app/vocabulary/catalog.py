"""Words the desk says, in the user's language, kept as data rather than in code.

Every sentence a user reads from the core — an error, a command's output, a label —
is a :class:`Words`: a key into the catalogue and the values to put into it. It is
turned into text only when it is shown, in the language of whoever reads it: the
command line's (``--lang`` or the locale) or the desk's. So one error raised on a
worker thread reads in Chinese on the desk and in English in a log.

The catalogue is ``resources/vocabulary/*.toml``. A file's name is the first part of
every key in it; nested tables make the rest; a leaf is a table of strings, exactly the
three languages::

    # resources/vocabulary/cases.toml → key "cases.not_found"
    [not_found]
    en = "There is no case {case_id} in the local store."
    zh-Hans = "本地库中没有案件 {case_id}。"
    zh-Hant = "本機資料庫中沒有案件 {case_id}。"

Placeholders are ``{name}``; a test checks every entry has all three languages with the
same placeholders, and that every key the code names exists.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Protocol, runtime_checkable

from app.contract.language import LANGUAGES, Language
from app.resources import resource_folder

CATALOGUE_FOLDER = ("vocabulary",)


@runtime_checkable
class Sayable(Protocol):
    """Anything that can be said in a language: :class:`Words`, a label, a script's text."""

    def text(self, language: Language) -> str: ...


class CatalogueError(ValueError):
    """A catalogue file that breaks the format (a bug in the shipped data)."""


@cache
def catalogue() -> Mapping[str, Mapping[Language, str]]:
    """Every entry of every catalogue file, by key (read once per process)."""
    entries: dict[str, Mapping[Language, str]] = {}
    for path in sorted(resource_folder(*CATALOGUE_FOLDER).glob("*.toml")):
        with path.open("rb") as file:
            data = tomllib.load(file)
        _collect(entries, path.stem, data, path.name)
    return entries


def _collect(
    entries: dict[str, Mapping[Language, str]], key: str, table: object, source: str
) -> None:
    if not isinstance(table, dict):
        raise CatalogueError(f"{source}: {key} is not a table")
    if table and all(isinstance(value, str) for value in table.values()):
        if set(table) != set(LANGUAGES):
            raise CatalogueError(f"{source}: {key} must have exactly en, zh-Hans and zh-Hant texts")
        entries[key] = {language: table[language] for language in LANGUAGES}
        return
    for name, value in table.items():
        _collect(entries, f"{key}.{name}", value, source)


_current: Language = "en"


def current_language() -> Language:
    """The language this process speaks to its user (set once at start, or by the desk)."""
    return _current


def set_language(language: Language) -> None:
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"not a language of the desk: {language!r}")
    _current = language


@dataclass(frozen=True)
class Words:
    """A sentence from the catalogue with its values, said in a language when shown."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, language: Language | None = None) -> str:
        language = language or _current
        entry = catalogue().get(self.key)
        values = {name: say(value, language) for name, value in self.params}
        if entry is None:
            # A key missing from the shipped data is a bug a test catches; never hide
            # the message from the user because of it.
            shown = ", ".join(f"{name}={value}" for name, value in values.items())
            return f"{self.key}({shown})" if shown else self.key
        return entry[language].format_map(values)

    def __str__(self) -> str:
        return self.text()


def words(key: str, /, **params: object) -> Words:
    """The catalogue's sentence ``key`` with ``params`` filled in when it is said."""
    return Words(key, tuple(params.items()))


def say(value: object, language: Language | None = None) -> str:
    """Any value as text in ``language``: words and labels are translated, lists joined
    the way the language lists things, everything else as it is."""
    language = language or _current
    if isinstance(value, Sayable):
        return value.text(language)
    if isinstance(value, list | tuple | frozenset | set):
        return listing(value, language)
    return str(value)


def listing(items: Iterable[object], language: Language | None = None) -> str:
    """``a, b, c`` in English, ``a、b、c`` in Chinese."""
    language = language or _current
    separator = ", " if language == "en" else "、"
    return separator.join(say(item, language) for item in items)


def in_all_languages(value: object) -> dict[Language, str]:
    """The value said in each language (for JSON output that serves every reader)."""
    return {language: say(value, language) for language in LANGUAGES}
