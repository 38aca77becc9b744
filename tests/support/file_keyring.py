"""A keyring backend in a JSON file, for tests that run the desk in several processes.

The OS keyring is a boundary we do not own; this fake stands in for it when a test kills
a sync process and starts another, which an in-memory backend could not survive. Its
file is named by ``MEDIATION_DESK_TEST_KEYRING`` and lives in the test's tmp folder.
Select it with ``PYTHON_KEYRING_BACKEND=tests.support.file_keyring.FileKeyring``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 10  # type: ignore[assignment]

    @property
    def _path(self) -> Path:
        return Path(os.environ["MEDIATION_DESK_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self._path.write_text(json.dumps(data), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if f"{service}\n{username}" not in data:
            raise PasswordDeleteError(username)
        del data[f"{service}\n{username}"]
        self._path.write_text(json.dumps(data), encoding="utf-8")
