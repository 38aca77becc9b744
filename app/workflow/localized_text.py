"""The scripts' own wording: one text in the desk's three languages.

Scripts carry every text they show (titles, instructions, questions, labels) in
Simplified Chinese (``zh-Hans``), Traditional Chinese (``zh-Hant``) and English (``en``).
A :class:`LocalizedText` is :class:`~app.vocabulary.Sayable`, so it can be a parameter
of the engine's own sentences (``resources/vocabulary/workflow.toml``) and is said in
the reader's language when shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.contract.language import Language
from app.vocabulary import current_language


@dataclass(frozen=True)
class LocalizedText:
    """One text in the three languages."""

    zh_hans: str
    zh_hant: str
    en: str

    def text(self, language: Language | None = None) -> str:
        """The text in ``language`` (default: the language this process speaks)."""
        language = language or current_language()
        if language == "zh-Hans":
            return self.zh_hans
        if language == "zh-Hant":
            return self.zh_hant
        return self.en

    def __str__(self) -> str:
        return self.text()

    def to_json_dict(self) -> dict[str, str]:
        return {"zh-Hans": self.zh_hans, "zh-Hant": self.zh_hant, "en": self.en}
