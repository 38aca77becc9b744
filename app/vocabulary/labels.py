"""Words for the codes the contract uses (``in_mediation``, ``refund``, ``case.opened``…).

One table per enumeration, in ``resources/vocabulary/labels.toml``, named after the
contract's type (``CaseStatus``, ``Remedy``…) or the core's own (``Integrity``,
``DueState``…). A value a table does not know (a newer platform) is shown as it came,
never hidden. A test checks every value of every enumeration has all three languages.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.contract.language import Language
from app.vocabulary.catalog import catalogue, current_language


@dataclass(frozen=True)
class Label:
    """The word for one code of one enumeration, said in a language when shown."""

    enumeration: str
    value: str

    def text(self, language: Language | None = None) -> str:
        entry = catalogue().get(f"labels.{self.enumeration}.{self.value}")
        if entry is None:
            return self.value
        return entry[language or current_language()]

    def __str__(self) -> str:
        return self.text()


def label_text(enumeration: str, value: str | None, language: Language | None = None) -> str:
    """The word for ``value`` in ``language`` ("" for no value)."""
    if value is None:
        return ""
    return Label(enumeration, value).text(language)


def known_values(enumeration: str) -> tuple[str, ...]:
    """The codes the table of ``enumeration`` has words for, in the file's order."""
    prefix = f"labels.{enumeration}."
    return tuple(key[len(prefix) :] for key in catalogue() if key.startswith(prefix))
