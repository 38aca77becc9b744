"""Fixtures most tests share: a desk on SQLite or PostgreSQL, a fixed clock, a keyring."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.desk import Desk

CHINA = timezone(timedelta(hours=8))


@pytest.fixture()
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=CHINA))


@pytest.fixture()
def desk(tmp_path: Path, clock: FixedClock) -> Iterator[Desk]:
    """A desk on SQLite in a fresh data folder."""
    opened = Desk.open(tmp_path / "home", clock=clock)
    yield opened
    opened.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_desk(request: pytest.FixtureRequest, tmp_path: Path, clock: FixedClock) -> Iterator[Desk]:
    """The same desk on each database the store supports."""
    url = None
    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_database")
    opened = Desk.open(tmp_path / "home", url, clock=clock)
    yield opened
    opened.close()
