"""Where the desk keeps its data: the home folder and the database URL.

Resolved from, in order: the command-line option, the environment
(``MEDIATION_DESK_HOME``, ``MEDIATION_DESK_DB_URL``), the user's data folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

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


def resolve_paths(
    home: str | os.PathLike[str] | None = None, db_url: str | None = None
) -> DeskPaths:
    """Decide the data folder and database for this run and create the folder."""
    folder = Path(
        home or os.environ.get("MEDIATION_DESK_HOME") or platformdirs.user_data_dir(APP_NAME)
    ).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    url = (
        db_url or os.environ.get("MEDIATION_DESK_DB_URL") or f"sqlite:///{folder / 'desk.sqlite3'}"
    )
    return DeskPaths(home=folder, db_url=url)
