"""The unit of work: one session per user action or background job.

Leaving the ``with`` block rolls back whatever was not committed, so a failure half-way
through an import leaves the store as it was.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session

from app.clock import Clock, SystemClock
from app.contract.content_store import ContentStore
from app.store.db import Database


class UnitOfWork:
    session: Session

    def __init__(
        self,
        database: Database,
        evidence: ContentStore,
        clock: Clock | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        self.database = database
        self.evidence = evidence
        self.clock: Clock = clock or SystemClock()
        self._read_only = read_only

    @property
    def dialect(self) -> str:
        return self.database.dialect

    def __enter__(self) -> UnitOfWork:
        factory = self.database.reads if self._read_only else self.database.writes
        self.session = factory()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
