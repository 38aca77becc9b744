"""Where the desk keeps its data: the home folder and the database URL.

Resolved from, in order: the command-line option, the environment
(``MEDIATION_DESK_HOME``, ``MEDIATION_DESK_DB_URL``), the user's data folder. The data
folder holds buyers' ID numbers and photos, so it is created readable by this account
only (:mod:`app.files`), and an existing one that others can read is reported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from app.errors import EnvironmentFault
from app.files import exposed_to_others, private_folder
from app.vocabulary import words

APP_NAME = "mediation-desk"


@dataclass(frozen=True)
class DeskPaths:
    home: Path
    db_url: str

    @property
    def evidence_folder(self) -> Path:
        return self.home / "evidence"

    @property
    def log_folder(self) -> Path:
        return self.home / "logs"

    def exposed(self) -> list[Path]:
        """The data folder's parts that another account on this computer could read."""
        candidates = [self.home, self.evidence_folder, self.log_folder]
        candidates += sorted(self.home.glob("desk.sqlite3*"))
        return [path for path in candidates if path.exists() and exposed_to_others(path)]


def _home(home: str | os.PathLike[str] | None) -> Path:
    return Path(
        home or os.environ.get("MEDIATION_DESK_HOME") or platformdirs.user_data_dir(APP_NAME)
    ).expanduser()


def resolve_paths(
    home: str | os.PathLike[str] | None = None, db_url: str | None = None
) -> DeskPaths:
    """Decide the data folder and database for this run and create the folder (0700)."""
    folder = _home(home)
    if folder.exists() and not folder.is_dir():
        raise EnvironmentFault(words("store.home_not_a_folder", where=str(folder)))
    private_folder(folder)
    url = (
        db_url or os.environ.get("MEDIATION_DESK_DB_URL") or f"sqlite:///{folder / 'desk.sqlite3'}"
    )
    return DeskPaths(home=folder, db_url=url)


def log_folder_for(home: str | os.PathLike[str] | None = None) -> Path:
    """Where bug reports go for this data folder (without creating anything)."""
    return _home(home) / "logs"
