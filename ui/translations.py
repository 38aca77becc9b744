"""Loading the desk's translations: zh_CN, zh_TW or English, following the system locale.

The sources are ``resources/translations/mediation_desk_<lang>.ts``, compiled to ``.qm``
beside them by ``scripts/build_translations.py`` (the ``.qm`` files are committed, so a
wheel carries them; a test checks they match their sources). Qt's own
strings (the OK and Cancel of standard buttons) come from the ``qtbase`` catalogue that
ships with PySide6. Installing a translator sends every widget a LanguageChange event:
the desk's widgets retranslate themselves, so the language switches without a restart.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app.resources import resource_folder
from app.vocabulary import language_from_name, set_language
from ui.qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS = resource_folder("translations")
CATALOGUE = "mediation_desk"
LANGUAGES = ("en", "zh_CN", "zh_TW")


def language_for_locale(locale: QLocale) -> str:
    """zh_CN for Simplified Chinese, zh_TW for Traditional (Taiwan, Hong Kong, Macau), else en."""
    if locale.language() != QLocale.Language.Chinese:
        return "en"
    if locale.script() == QLocale.Script.TraditionalChineseScript:
        return "zh_TW"
    if locale.script() == QLocale.Script.SimplifiedChineseScript:
        return "zh_CN"
    traditional = (QLocale.Territory.Taiwan, QLocale.Territory.HongKong, QLocale.Territory.Macao)
    return "zh_TW" if locale.territory() in traditional else "zh_CN"


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    if setting in LANGUAGES:
        return setting
    return language_for_locale(system or QLocale.system())


# The translators the desk installed, whoever installed them: switching language must
# take out every earlier one (a second window in the same process, tests, screenshots).
_installed: list[QTranslator] = []


class Translations:
    """The desk's translators in the application; :meth:`apply` switches language."""

    def __init__(self, folder: Path = TRANSLATIONS) -> None:
        self._folder = folder
        self.language = "en"

    def apply(self, language: str) -> bool:
        """Install ``language`` (en, zh_CN, zh_TW); False when its catalogue is missing."""
        app = QCoreApplication.instance()
        assert app is not None, "create the QApplication first"
        for translator in _installed:
            app.removeTranslator(translator)
        _installed.clear()
        found = True
        # English has a catalogue too: it holds the plural forms ("1 case", "2 cases").
        desk = QTranslator(app)
        if desk.load(f"{CATALOGUE}_{language}", str(self._folder)):
            _installed.append(desk)
        elif language != "en":
            found = False
            log.warning(
                "No compiled translation for %s in %s; run scripts/build_translations.py",
                language,
                self._folder,
            )
        if language != "en":
            qt = QTranslator(app)
            qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt.load(f"qtbase_{language}", qt_folder):
                _installed.append(qt)
        for translator in _installed:
            app.installTranslator(translator)
        self.language = language if found else "en"
        # The core's own sentences (errors, labels) follow the desk's language.
        set_language(language_from_name(self.language))
        # Removing and installing translators sends every widget a LanguageChange event.
        QLocale.setDefault(QLocale(self.language if self.language != "en" else "en_GB"))
        return found
