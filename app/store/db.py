"""Opening the store: engines, SQLite pragmas, write transactions and migrations.

SQLite (the embedded default) runs in WAL mode with foreign keys on and
``synchronous=FULL``, and every write transaction starts with ``BEGIN IMMEDIATE`` so two
writers queue up instead of failing half-way. Reads use a second engine with deferred
transactions, so a read-only command or the desk's queue reads while another process
writes; opening the store only reads unless a migration is due. When a write must wait
for another process, ``Database.on_wait`` is told once, so the user hears who holds the
store. The database file is created readable by this account only (SQLite gives its WAL
the same mode). PostgreSQL needs none of this.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.errors import ValidationError
from app.files import open_private, private_folder
from app.vocabulary import words

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration. Checked against Alembic by a test; lets a start-up skip loading
# Alembic (a third of a command's start-up time) when the store is already current.
HEAD_REVISION = "0009"


BUSY_TIMEOUT_MS = 30_000
# How long a write tries before it tells the user it is waiting for another process.
FIRST_TRY_MS = 250


def _configure_sqlite(engine: Engine, begin: str, on_wait: Callable[[], None] | None) -> None:
    # A writer first tries briefly (so it can say it is waiting), a reader waits as long.
    first_try = FIRST_TRY_MS if on_wait is not None else BUSY_TIMEOUT_MS

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide when and how a transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={first_try}")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
        # A ruling acknowledged to the user must survive a power cut, not only a crash.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if on_wait is None:
            connection.exec_driver_sql(begin)
            return
        # The common case costs one statement. Only when another process holds the write
        # lock past the first try: say so, then wait the full time.
        try:
            connection.exec_driver_sql(begin)
        except exc.OperationalError as error:
            if "locked" not in str(error).lower() and "busy" not in str(error).lower():
                raise
            on_wait()
            connection.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            try:
                connection.exec_driver_sql(begin)
            finally:
                connection.exec_driver_sql(f"PRAGMA busy_timeout={FIRST_TRY_MS}")


@dataclass
class Database:
    """The two session factories over one database: writes serialised, reads concurrent."""

    url: str
    engine: Engine
    read_engine: Engine
    writes: sessionmaker[Session]
    reads: sessionmaker[Session]
    waiting: list[Callable[[], None]] = field(default_factory=list)

    def on_wait(self) -> None:
        """Told when a write has to wait for another process's lock."""
        for listener in self.waiting:
            listener()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()


def _safe_url(url: str) -> str:
    """The URL as it may be shown: never its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (exc.ArgumentError, ValueError):
        return url.split("@")[-1] if "@" in url else url


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Connect to the store at ``url`` and, by default, bring its schema up to date."""
    try:
        parsed = make_url(url)
        backend = parsed.get_backend_name()
        if backend == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                _create_private(Path(parsed.database))
            engine = create_engine(url)
            read_engine = create_engine(url)
        else:
            engine = create_engine(url, pool_pre_ping=True)
            read_engine = engine
    except (exc.ArgumentError, exc.NoSuchModuleError, ValueError) as error:
        # ValueError: a URL that parses but cannot be (a port that is not a number).
        reason = str(error).splitlines()[0]
        raise ValidationError(words("store.bad_url", url=_safe_url(url), reason=reason)) from None
    database = Database(
        url=url,
        engine=engine,
        read_engine=read_engine,
        writes=sessionmaker(engine, expire_on_commit=False),
        reads=sessionmaker(read_engine, expire_on_commit=False),
    )
    if backend == "sqlite":
        _configure_sqlite(engine, "BEGIN IMMEDIATE", database.on_wait)
        _configure_sqlite(read_engine, "BEGIN", None)
    if migrate and current_revision(database) != HEAD_REVISION:
        upgrade(database)
    return database


def _create_private(path: Path) -> None:
    """Make the database file (empty: SQLite fills it) 0600 before SQLite creates it."""
    private_folder(path.parent)
    if not path.exists():
        os.close(open_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))


def current_revision(database: Database) -> str | None:
    """The migration the store is at, read straight from Alembic's version table (a read:
    it never waits for another process's write lock)."""
    from sqlalchemy import inspect, text

    with database.read_engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(database: Database) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = database.engine
    return config


def upgrade(database: Database, revision: str = "head") -> str | None:
    """Apply every pending migration; returns the revision the store is now at."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    command.upgrade(alembic_config(database), revision)
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
