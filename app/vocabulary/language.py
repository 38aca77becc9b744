"""Which language to speak: the user's choice, else the system locale.

The desk and the command line speak Simplified Chinese (zh-Hans), Traditional Chinese
(zh-Hant, for Taiwan, Hong Kong and Macau) or English. Qt and the locale spell them
``zh_CN``, ``zh_TW`` and ``en``; this module translates between the spellings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from app.contract.language import LANGUAGES, Language

_TRADITIONAL_REGIONS = ("zh_TW", "zh_HK", "zh_MO", "zh-TW", "zh-HK", "zh-MO")
_QT_NAMES: dict[Language, str] = {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW", "en": "en"}


def language_from_locale(environ: Mapping[str, str] | None = None) -> Language:
    """The language of the POSIX locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, ``LANGUAGE``)."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        locale = environ.get(name, "")
        if locale and locale not in ("C", "POSIX") and not locale.startswith("C."):
            return language_from_name(locale.split(":")[0])
    return "en"


def language_from_name(name: str) -> Language:
    """``zh_CN.UTF-8``, ``zh-Hans``, ``zh_TW``, ``zh-Hant-HK``, ``en_GB`` … → a language."""
    if name in LANGUAGES:
        return name
    if not name.lower().startswith("zh"):
        return "en"
    if "Hant" in name or name.startswith(_TRADITIONAL_REGIONS):
        return "zh-Hant"
    return "zh-Hans"


def qt_name(language: Language) -> str:
    """The name Qt's translation catalogues use: ``zh_CN``, ``zh_TW`` or ``en``."""
    return _QT_NAMES[language]
