"""The migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.desk import Desk
from app.store.db import HEAD_REVISION, alembic_config, current_revision
from app.store.models import Base

# Made by hand in migration 0001 for full-text search; the models do not describe them.
SEARCH_OBJECTS = ("case_search_index", "ix_case_search_token_array")


def _is_search_object(difference: object) -> bool:
    return any(name in repr(difference) for name in SEARCH_OBJECTS)


def test_the_migrated_schema_matches_the_models(any_desk: Desk) -> None:
    with any_desk.database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in differences if not _is_search_object(d)] == []


def test_the_head_revision_constant_is_the_newest_migration(any_desk: Desk) -> None:
    script = ScriptDirectory.from_config(alembic_config(any_desk.database))
    assert script.get_current_head() == HEAD_REVISION
    assert current_revision(any_desk.database) == HEAD_REVISION
