"""What the desk remembers between runs: language, window and column layout, sign-in.

Stored with ``QSettings`` (the OS's usual place); tests pass their own file. Never a
password or token here: the token lives in the OS keyring (``app.security``).
"""

from __future__ import annotations

from pathlib import Path

from ui.qt import QByteArray, QSettings

ORGANIZATION = "Mediation Desk"
APPLICATION = "mediation-desk"

LANGUAGES = ("system", "en", "zh_CN", "zh_TW")


class DeskSettings:
    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._settings = QSettings(ORGANIZATION, APPLICATION)
        else:
            self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._settings.sync()

    # language: "system" follows the OS locale
    @property
    def language(self) -> str:
        value = str(self._settings.value("ui/language", "system"))
        return value if value in LANGUAGES else "system"

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue("ui/language", value if value in LANGUAGES else "system")

    def layout(self, name: str) -> QByteArray | None:
        """A saved geometry or state (window, splitter, table header)."""
        value = self._settings.value(f"layout/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_layout(self, name: str, value: QByteArray) -> None:
        self._settings.setValue(f"layout/{name}", value)

    @property
    def platform_url(self) -> str:
        return str(self._settings.value("sync/platform_url", "") or "")

    @platform_url.setter
    def platform_url(self, value: str) -> None:
        self._settings.setValue("sync/platform_url", value)

    @property
    def username(self) -> str:
        return str(self._settings.value("sync/username", "") or "")

    @username.setter
    def username(self, value: str) -> None:
        self._settings.setValue("sync/username", value)
