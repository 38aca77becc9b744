"""The desk's open resources for one process: paths, database, evidence store, clock.

Both the command line and the UI open one of these and hand out units of work from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.clock import Clock, SystemClock
from app.config import DeskPaths, resolve_paths
from app.contract.content_store import ContentStore
from app.store.db import Database, open_database
from app.store.unit_of_work import UnitOfWork


@dataclass
class Desk:
    paths: DeskPaths
    database: Database
    evidence: ContentStore
    clock: Clock = field(default_factory=SystemClock)

    @classmethod
    def open(
        cls,
        home: str | Path | None = None,
        db_url: str | None = None,
        clock: Clock | None = None,
    ) -> Desk:
        """Open (and migrate) the store for this data folder."""
        paths = resolve_paths(home, db_url)
        database = open_database(paths.db_url)
        evidence = ContentStore(paths.evidence_folder)
        evidence.clean_leftovers()
        return cls(paths, database, evidence, clock or SystemClock())

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork:
        return UnitOfWork(self.database, self.evidence, self.clock, read_only=read_only)

    def close(self) -> None:
        self.database.dispose()


__all__ = ["Desk", "UnitOfWork"]  # the unit of work is what the desk hands out
