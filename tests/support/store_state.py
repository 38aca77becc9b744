"""The whole observable state of a desk: every table's rows and every stored file."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.desk import Desk
from app.store.models import Base
from tests.support.bundles import snapshot_folder


def database_rows(desk: Desk) -> dict[str, list[tuple[Any, ...]]]:
    rows: dict[str, list[tuple[Any, ...]]] = {}
    with desk.database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            result = connection.execute(select(table).order_by(*table.primary_key.columns))
            rows[table.name] = [tuple(row) for row in result]
    return rows


def desk_state(desk: Desk) -> tuple[dict[str, list[tuple[Any, ...]]], dict[str, bytes]]:
    return database_rows(desk), snapshot_folder(desk.evidence.root)
