"""The dashboard's statistics are the same on SQLite and PostgreSQL: every figure of the
hand-built cases, for periods and filters, and the cases each bar filters the queue to.

(The figures are checked against hand-worked answers on each database in
``test_figures.py``; this checks the two databases against each other, every figure at
once, including those no hand-worked answer names — the same query on another planner,
other indexes, other integer and text semantics.)"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.desk import Desk
from app.services.queue import QueueQuery, fetch_page
from app.services.statistics import compute_statistics
from app.stats.figures import Statistics
from app.stats.scope import StatsScope
from app.stats.selection import CaseSelection
from tests.integration.stats.conftest import NOW
from tests.integration.stats.known_cases import PERIOD, import_known_cases
from tests.integration.stats.test_figures import _figures

SCOPES = {
    "period": PERIOD,
    "all-time": StatsScope(),
    "one-day": StatsScope(date(2026, 11, 20), date(2026, 11, 20)),
    "a-year": StatsScope.last_days(date(2026, 11, 22), 365),
    "category": StatsScope(PERIOD.first_day, PERIOD.last_day, category="quality"),
    "mediator": StatsScope(PERIOD.first_day, PERIOD.last_day, mediator="mediator2"),
    "all-time-category": StatsScope(category="logistics"),
}


@pytest.fixture(scope="module")
def both_desks(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Desk, Desk]]:
    """The hand-built cases on SQLite and on PostgreSQL."""
    import keyring
    import psycopg

    from tests.support.memory_keyring import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    server = request.getfixturevalue("postgres_server")
    name = f"desk_stats_both_{os.getpid()}"
    admin_url = server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    folder: Path = tmp_path_factory.mktemp("both-databases")
    desks: list[Desk] = []
    try:
        for home, url in ((folder / "sqlite", None), (folder / "pg", f"{server}/{name}")):
            desk = Desk.open(home / "home", url, clock=FixedClock(NOW))
            desks.append(desk)
            import_known_cases(desk, home)
        yield desks[0], desks[1]
    finally:
        for desk in desks:
            desk.close()
        keyring.set_keyring(previous)
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _stats(desk: Desk, scope: StatsScope) -> Statistics:
    with desk.unit_of_work(read_only=True) as uow:
        return compute_statistics(uow, scope, NOW)


def _cases(desk: Desk, selection: CaseSelection) -> list[str]:
    with desk.unit_of_work(read_only=True) as uow:
        page = fetch_page(uow, QueueQuery(cases=selection), NOW, limit=100)
    return sorted(case.id for case in page.cases)


def test_the_stores_are_on_the_two_databases(both_desks: tuple[Desk, Desk]) -> None:
    sqlite, postgres = both_desks
    assert (sqlite.database.dialect, postgres.database.dialect) == ("sqlite", "postgresql")


@pytest.mark.parametrize("scope", list(SCOPES.values()), ids=list(SCOPES))
def test_every_figure_is_the_same_on_sqlite_and_postgresql(
    both_desks: tuple[Desk, Desk], scope: StatsScope
) -> None:
    sqlite, postgres = both_desks
    on_sqlite, on_postgres = _stats(sqlite, scope), _stats(postgres, scope)
    assert on_sqlite.headline.opened > 0 or scope is SCOPES["one-day"]
    assert on_sqlite == on_postgres


@pytest.mark.parametrize("scope", [PERIOD, SCOPES["all-time"]], ids=["period", "all-time"])
def test_every_bar_filters_the_queue_to_the_same_cases_on_both(
    both_desks: tuple[Desk, Desk], scope: StatsScope
) -> None:
    sqlite, postgres = both_desks
    stats = _stats(sqlite, scope)
    figures = _figures(stats)
    assert len(figures) > 60
    for selection, shown in figures:
        found = _cases(sqlite, selection)
        assert len(found) == shown, selection
        assert _cases(postgres, selection) == found, selection


def test_the_planner_setting_for_the_statistics_is_put_back_after(
    both_desks: tuple[Desk, Desk],
) -> None:
    _sqlite, postgres = both_desks
    with postgres.unit_of_work(read_only=True) as uow:
        connection = uow.session.connection()
        connection.exec_driver_sql("SET LOCAL random_page_cost = 3.5")
        compute_statistics(uow, PERIOD, NOW)
        setting = connection.exec_driver_sql("SHOW random_page_cost").scalar_one()
    assert setting == "3.5"
