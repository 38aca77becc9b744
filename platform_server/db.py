"""The platform's own database: users, tokens, cases, the change log and per-user feeds.

SQLite by default (WAL, ``BEGIN IMMEDIATE`` for writes), PostgreSQL by URL. Every write
that changes a case runs under one global write lock (SQLite's own, or a transaction
advisory lock on PostgreSQL) so change sequence numbers are handed out in commit order:
a reader that has seen seq N never later meets a smaller one committed behind it.

Case documents are stored as the compact JSON bytes the API serves, so the changes feed
copies bytes instead of re-serialising documents.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import NullPool

_WRITE_LOCK_KEY = 0x4D445350  # "MDSP", the PostgreSQL advisory lock for case writes


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))


class Token(Base):
    __tablename__ = "tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(ForeignKey("users.username", ondelete="CASCADE"))
    created_at: Mapped[float] = mapped_column(Float)
    expires_at: Mapped[float] = mapped_column(Float)


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    document: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(32))
    assigned_to: Mapped[str | None] = mapped_column(String(64), nullable=True)
    awaiting_review: Mapped[bool] = mapped_column(Boolean, default=False)
    # Server-side state the document has no place for (decisions awaiting approval).
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_seq: Mapped[int] = mapped_column(Integer, default=0)


class ChangeRow(Base):
    """The global change log: one row per new case version, seq in commit order."""

    __tablename__ = "changes"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[float] = mapped_column(Float)
    actor: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(64))


class FeedRow(Base):
    """Each user's view of each case they have seen: the latest seq and whether it left.

    A change moves the row to the new seq, so a user's feed lists each case once, at
    its latest change; a case that left the view keeps a row with ``deleted`` set.
    """

    __tablename__ = "feed"
    __table_args__ = (Index("ix_feed_user_seq", "username", "seq", unique=True),)

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class Counter(Base):
    __tablename__ = "counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class StoredDocument(Base):
    """A PDF uploaded with PUT /documents/{sha256}."""

    __tablename__ = "documents"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    uploaded_by: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[float] = mapped_column(Float)


class DocumentRef(Base):
    """Which case lists which document (who may download it)."""

    __tablename__ = "document_refs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(64), primary_key=True)


class IdempotencyRecord(Base):
    __tablename__ = "idempotency"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[float] = mapped_column(Float, index=True)


class AnchorRow(Base):
    """The newest audit anchor a desk sent, per desk and user (``PUT /anchors/{desk}``)."""

    __tablename__ = "anchors"

    desk_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    digest: Mapped[str] = mapped_column(String(64))
    at: Mapped[str] = mapped_column(String(64))
    stored_at: Mapped[float] = mapped_column(Float)


class Job(Base):
    """Something the simulated parties will do later (answer an offer, send evidence)."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    due_at: Mapped[float] = mapped_column(Float, index=True)
    case_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class Database:
    """The engine and the two kinds of unit of work: read and (serialised) write."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine = create_engine(
                url,
                connect_args={"check_same_thread": False, "timeout": 60},
                pool_size=20,
                max_overflow=20,
            )
            _configure_sqlite(self.engine)
        else:
            self.engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
        self._reads = sessionmaker(self.engine, expire_on_commit=False)
        self._writes = sessionmaker(
            self.engine.execution_options(platform_write=True), expire_on_commit=False
        )

    def create_schema(self) -> None:
        Base.metadata.create_all(self.engine)
        with self.write() as session:
            if session.get(Counter, "seq") is None:
                session.add(Counter(name="seq", value=0))
            session.commit()

    @contextmanager
    def read(self) -> Iterator[Session]:
        session = self._reads()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write unit of work: whatever is not committed is rolled back on exit."""
        session = self._writes()
        try:
            if not self.is_sqlite:
                session.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK_KEY}
                )
            yield session
        finally:
            session.rollback()
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


def next_seq(session: Session) -> int:
    counter = session.get(Counter, "seq")
    assert counter is not None
    counter.value += 1
    return counter.value


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get("platform_write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


__all__ = [
    "AnchorRow",
    "Base",
    "CaseRow",
    "ChangeRow",
    "Counter",
    "Database",
    "DocumentRef",
    "FeedRow",
    "IdempotencyRecord",
    "Job",
    "NullPool",
    "StoredDocument",
    "Token",
    "User",
    "next_seq",
]
