"""The dashboard over 100,000 cases: every figure, on SQLite and (if available) PostgreSQL.

    .venv/bin/python benchmarks/dashboard.py [--cases 100000] [--runs 7] [--pg-url URL]

Builds the store with ``tests/qt/queue_at_scale.py`` (with outcomes: decisions, history,
appeals), then times ``compute_statistics`` — everything the dashboard and
``mediation-desk stats`` show — for the last 30 days (the default) and for all time.
With ``--pg-url`` (an empty PostgreSQL database) the same cases are copied there first.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHINA = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=CHINA)


def _time(desk, scope, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    from app.services.statistics import compute_statistics

    found = []
    for _ in range(runs):
        start = time.perf_counter()
        with desk.unit_of_work(read_only=True) as uow:
            compute_statistics(uow, scope, NOW)
        found.append((time.perf_counter() - start) * 1000)
    return found


def _copy_to_postgres(sqlite_home: Path, url: str) -> None:
    from sqlalchemy import create_engine, insert, select

    from app.desk import Desk
    from app.store import models as m

    target = Desk.open(sqlite_home.parent / "pg-home", url)
    source = create_engine(f"sqlite:///{sqlite_home / 'desk.sqlite3'}")
    with source.connect() as read, target.database.engine.begin() as write:
        for model in (m.Case, m.CaseSearch, m.Party, m.Order, m.HistoryEvent, m.Decision):
            table = m.table_of(model)
            rows = [dict(r._mapping) for r in read.execute(select(table))]
            for start in range(0, len(rows), 5000):
                write.execute(insert(table), rows[start : start + 5000])
    with target.database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql("VACUUM ANALYZE")
    target.close()


def main() -> int:
    import keyring

    from tests.support.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from app.clock import FixedClock
    from app.desk import Desk
    from app.services.statistics import StatsScope, china_today
    from tests.qt.queue_at_scale import build_large_queue

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pg-url")
    args = parser.parse_args()
    print(
        f"{platform.machine()}, {platform.processor() or '?'}, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="dashboard-bench-") as folder:
        home = Path(folder) / "home"
        started = time.perf_counter()
        build_large_queue(home, args.cases, NOW, with_outcomes=True)
        print(f"built {args.cases:,} cases in {time.perf_counter() - started:.1f} s")
        stores = [("SQLite", None)]
        if args.pg_url:
            _copy_to_postgres(home, args.pg_url)
            stores.append(("PostgreSQL", args.pg_url))
        for name, url in stores:
            desk = Desk.open(
                home if url is None else Path(folder) / "pg-home", url, clock=FixedClock(NOW)
            )
            try:
                for label, scope in (
                    ("last 30 days", StatsScope.last_days(china_today(NOW), 30)),
                    ("all time", StatsScope()),
                ):
                    _time(desk, scope, 1)  # warm the caches
                    runs = _time(desk, scope, args.runs)
                    print(
                        f"{name:10}  {label:12}  median {statistics.median(runs):6.0f} ms"
                        f"  min {min(runs):6.0f} ms  max {max(runs):6.0f} ms"
                    )
            finally:
                desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
