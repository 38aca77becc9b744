"""The wording of decision documents, one file per language in ``resources/documents/``.

Code names keys (``headings.findings``); the files hold every sentence. A test checks
that the three files have the same keys and the same placeholders.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from app.contract.language import Language
from app.resources import resource_folder


def templates_folder() -> Path:
    return resource_folder("documents")


class Template:
    """One language's wording: ``t("headings.findings")``, ``t("page.footer", page=1)``."""

    def __init__(self, language: Language, data: dict[str, Any]) -> None:
        self.language = language
        self._data = data

    def raw(self, key: str) -> Any:
        value: Any = self._data
        for part in key.split("."):
            value = value[part]
        return value

    def __call__(self, key: str, /, **params: object) -> str:
        text = self.raw(key)
        if not isinstance(text, str):
            raise TypeError(f"template {key} is not a sentence")
        return text.format(**params) if params else text

    def items(self, key: str) -> list[str]:
        value = self.raw(key)
        assert isinstance(value, list)
        return [str(item) for item in value]

    @property
    def chinese(self) -> bool:
        return self.language != "en"


@cache
def template(language: Language) -> Template:
    """The wording for ``language`` (read once per process)."""
    with (templates_folder() / f"{language}.toml").open("rb") as file:
        return Template(language, tomllib.load(file))
