"""Two ways the engine joins phrases, each said in the reader's language.

- :class:`Clauses` — what is missing, what is wrong: whole clauses that may hold commas
  themselves, so they are set apart with semicolons (``a; b`` / ``a；b``);
- :class:`Alternatives` — any one of several things (``Photo or Video`` / ``照片或视频``).

Plain lists given to :func:`app.vocabulary.words` are joined with commas; these are for
the two cases where a comma would mislead.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.contract.language import Language
from app.vocabulary import current_language, say, words


@dataclass(frozen=True)
class Clauses:
    """Clauses joined with the language's semicolon."""

    items: tuple[object, ...]

    def text(self, language: Language | None = None) -> str:
        language = language or current_language()
        separator = words("workflow.separator.clauses").text(language)
        return separator.join(say(item, language) for item in self.items)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Alternatives:
    """Things of which any one will do, joined with the language's "or"."""

    items: tuple[object, ...]

    def text(self, language: Language | None = None) -> str:
        language = language or current_language()
        separator = words("workflow.separator.or").text(language)
        return separator.join(say(item, language) for item in self.items)

    def __str__(self) -> str:
        return self.text()
