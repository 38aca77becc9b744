"""What the desk says and how: words in three languages, labels for codes, money.

Everything a user reads from the core goes through here, so the command line, the desk
and the documents say the same thing the same way. No Qt: the desk's widgets have their
own translations (``resources/translations``); the core's sentences live in
``resources/vocabulary``.
"""

from app.contract.language import LANGUAGES, Language
from app.vocabulary.catalog import (
    Sayable,
    Words,
    current_language,
    in_all_languages,
    listing,
    say,
    set_language,
    words,
)
from app.vocabulary.labels import Label, label_text
from app.vocabulary.language import language_from_locale, language_from_name, qt_name
from app.vocabulary.money import (
    amount_in_words,
    amount_text,
    format_money,
    minor_units,
    yuan_in_words,
)

__all__ = [
    "LANGUAGES",
    "Label",
    "Language",
    "Sayable",
    "Words",
    "amount_in_words",
    "amount_text",
    "current_language",
    "format_money",
    "in_all_languages",
    "label_text",
    "language_from_locale",
    "language_from_name",
    "listing",
    "minor_units",
    "qt_name",
    "say",
    "set_language",
    "words",
    "yuan_in_words",
]
