"""The unit of work: one session per user action or background job.

Leaving the ``with`` block rolls back whatever was not committed, so a failure half-way
through an import leaves the store as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any

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
        chain_key: Callable[[], Any] | None = None,
    ) -> None:
        self.database = database
        self.evidence = evidence
        self.clock: Clock = clock or SystemClock()
        self._read_only = read_only
        self._chain_key = chain_key

    @property
    def dialect(self) -> str:
        return self.database.dialect

    def __enter__(self) -> UnitOfWork:
        factory = self.database.reads if self._read_only else self.database.writes
        self.session = factory()
        if self._chain_key is not None and not self._read_only:
            # How audit.record reaches the desk's chain key (asked only when an event is
            # written, so a read never touches the keyring).
            self.session.info["audit_key_source"] = self._chain_key
        return self

    def chain_key(self) -> Any:
        """The desk's audit chain key (for verifying), or None when the keyring has none."""
        return self._chain_key() if self._chain_key is not None else None

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
