"""The hand-built cases in a store on each database, built once per module."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from datetime import datetime

import pytest

from app.clock import FixedClock
from app.desk import Desk
from tests.integration.stats.known_cases import import_known_cases
from tests.support.fixtures import CHINA

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=CHINA)  # Sunday, 09:00 China time
_numbers = itertools.count(1)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def known_desk(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Desk]:
    """A desk holding :data:`~tests.integration.stats.known_cases.CASES`, on each database."""
    import keyring

    from tests.support.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    folder = tmp_path_factory.mktemp("known-cases")
    url = None
    admin_url = name = None
    if request.param == "postgresql":
        import psycopg

        server = request.getfixturevalue("postgres_server")
        name = f"desk_stats_{os.getpid()}_{next(_numbers)}"
        admin_url = server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        url = f"{server}/{name}"
    desk = Desk.open(folder / "home", url, clock=FixedClock(NOW))
    try:
        import_known_cases(desk, folder)
        yield desk
    finally:
        desk.close()
        keyring.set_keyring(previous)
        if admin_url is not None:
            import psycopg

            with psycopg.connect(admin_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """``main(["--lang", …])`` sets the process's language; later tests expect English."""
    from app.vocabulary import current_language, set_language

    before = current_language()
    yield
    set_language(before)
