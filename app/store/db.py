"""Opening the store: engines, SQLite pragmas, write transactions and migrations.

SQLite (the embedded default) runs in WAL mode with foreign keys on and
``synchronous=FULL``, and every write transaction starts with ``BEGIN IMMEDIATE`` so two
writers queue up instead of failing half-way. Reads use a second engine with deferred
transactions so the UI can read while a sync writes. PostgreSQL needs none of this.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration. Checked against Alembic by a test; lets a start-up skip loading
# Alembic (a third of a command's start-up time) when the store is already current.
HEAD_REVISION = "0004"


def _configure_sqlite(engine: Engine, begin: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide when and how a transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        # A ruling acknowledged to the user must survive a power cut, not only a crash.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)


@dataclass
class Database:
    """The two session factories over one database: writes serialised, reads concurrent."""

    url: str
    engine: Engine
    read_engine: Engine
    writes: sessionmaker[Session]
    reads: sessionmaker[Session]

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Connect to the store at ``url`` and, by default, bring its schema up to date."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        read_engine = create_engine(url)
        _configure_sqlite(engine, "BEGIN IMMEDIATE")
        _configure_sqlite(read_engine, "BEGIN")
    else:
        engine = create_engine(url, pool_pre_ping=True)
        read_engine = engine
    database = Database(
        url=url,
        engine=engine,
        read_engine=read_engine,
        writes=sessionmaker(engine, expire_on_commit=False),
        reads=sessionmaker(read_engine, expire_on_commit=False),
    )
    if migrate and current_revision(database) != HEAD_REVISION:
        upgrade(database)
    return database


def current_revision(database: Database) -> str | None:
    """The migration the store is at, read straight from Alembic's version table."""
    from sqlalchemy import inspect, text

    with database.engine.connect() as connection:
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
