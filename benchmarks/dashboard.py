"""The dashboard over 100,000 cases: every figure, on SQLite and PostgreSQL, for several
periods and filters, with the time of each query group.

    .venv/bin/python benchmarks/dashboard.py [--cases 100000] [--runs 7] [--postgres]
    .venv/bin/python benchmarks/dashboard.py --pg-url postgresql+psycopg://user@host/empty_db

Builds the store with ``tests/qt/queue_at_scale.py`` (with outcomes: decisions, history,
appeals), then times ``compute_statistics`` — everything the dashboard and
``mediation-desk stats`` show, what one refresh of the dashboard computes — for each
scope below. ``--postgres`` starts a throwaway PostgreSQL server (``initdb``/``pg_ctl``,
as the tests do; ``scripts/setup.sh`` installs it) and copies the same cases there;
``--pg-url`` uses an empty database of your own instead. Each scope is refreshed once to
warm the caches, then ``--runs`` times; the median, minimum and maximum are printed, and
the median time of each query group (the functions of ``app/services/statistics.py``
that ask the database, timed around their calls).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHINA = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=CHINA)
# The query groups of app/services/statistics.py, in the order a refresh runs them.
GROUPS = {
    "_opened_figures": "opened: cube of breakdowns",
    "_span": "calendar span",
    "_now_figures": "mediators' load now",
    "_endings_and_outcomes": "endings, outcomes, appeals",
    "_merchants": "merchants",
    "_reopened": "reopened",
    "_opened_over_time": "opened over time",
    "_handling": "handling times",
    "_appeals": "appeals pending",
    "_awards": "awards",
}


def _scopes() -> list[tuple[str, Any]]:
    from app.stats.scope import StatsScope, china_today

    today = china_today(NOW)
    return [
        ("last 30 days", StatsScope.last_days(today, 30)),
        ("last year", StatsScope.last_days(today, 365)),
        ("all time", StatsScope()),
        ("30 days, one category", StatsScope.last_days(today, 30, category="quality")),
        ("30 days, one mediator", StatsScope.last_days(today, 30, mediator="mediator1")),
        ("all time, one category", StatsScope(category="logistics")),
    ]


class _GroupTimer:
    """Times each query group by wrapping its function in the statistics module."""

    def __init__(self) -> None:
        import app.services.statistics as module

        self.times: dict[str, list[float]] = {}
        self._module = module
        self._saved: dict[str, Callable[..., Any]] = {}
        for name in GROUPS:
            function = getattr(module, name, None)
            if function is not None:
                self._saved[name] = function
                setattr(module, name, self._timed(name, function))

    def _timed(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = (time.perf_counter() - started) * 1000
                self.times.setdefault(name, []).append(elapsed)

        return timed

    def restore(self) -> None:
        for name, function in self._saved.items():
            setattr(self._module, name, function)


def _refresh(desk: Any, scope: Any) -> tuple[float, float]:
    """One refresh: its wall-clock time and this thread's CPU time, in ms (on SQLite the
    database works in this thread, so the CPU time is the refresh's own work, whatever
    else the machine is doing; on PostgreSQL the server's work is not in it)."""
    from app.services.statistics import compute_statistics

    started, cpu = time.perf_counter(), time.thread_time()
    with desk.unit_of_work(read_only=True) as uow:
        compute_statistics(uow, scope, NOW)
    return (time.perf_counter() - started) * 1000, (time.thread_time() - cpu) * 1000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not candidates:
        raise SystemExit(f"{name} not found: install PostgreSQL (scripts/setup.sh does)")
    return str(candidates[-1])


@contextlib.contextmanager
def _throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL server of its own on a free loopback port, and an empty database."""
    import psycopg

    folder = tempfile.mkdtemp(prefix="dashboard-bench-pg-")
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = os.path.join(folder, "data"), _free_port()
    subprocess.run(
        [*as_user, _tool("initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    # fsync off: only the load is faster; the queries read memory either way.
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    log = os.path.join(folder, "log")
    pg_ctl = _tool("pg_ctl")
    subprocess.run(
        [*as_user, pg_ctl, "-D", data, "-o", options, "-l", log, "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        admin = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute("CREATE DATABASE desk_bench TEMPLATE template0 ENCODING 'UTF8'")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/desk_bench"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", data, "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _copy_to_postgres(sqlite_home: Path, pg_home: Path, url: str) -> None:
    from sqlalchemy import create_engine, insert, select

    from app.desk import Desk
    from app.store import models as m

    target = Desk.open(pg_home, url)
    source = create_engine(f"sqlite:///{sqlite_home / 'desk.sqlite3'}")
    with source.connect() as read, target.database.engine.begin() as write:
        for model in (m.Case, m.CaseSearch, m.Party, m.Order, m.HistoryEvent, m.Decision):
            table = m.table_of(model)
            rows = [dict(r._mapping) for r in read.execute(select(table))]
            for start in range(0, len(rows), 5000):
                write.execute(insert(table), rows[start : start + 5000])
    # What autovacuum does on its own soon after a bulk load: statistics for the planner,
    # and the visibility map that lets index-only scans skip the table.
    with target.database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql("VACUUM ANALYZE")
        version = c.exec_driver_sql("SHOW server_version").scalar_one()
    print(f"PostgreSQL {version}")
    target.close()


def _measure(name: str, desk: Any, runs: int) -> None:
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"\n{name} (load average {load}): median (min–max) of {runs} refreshes,")
    print("  this thread's CPU time, then each query group's median (wall-clock)")
    for label, scope in _scopes():
        _refresh(desk, scope)  # warm the caches
        timer = _GroupTimer()
        try:
            timed = [_refresh(desk, scope) for _ in range(runs)]
        finally:
            timer.restore()
        found = [wall for wall, _cpu in timed]
        cpu = statistics.median(cpu for _wall, cpu in timed)
        print(
            f"  {label:24} {statistics.median(found):6.0f} ms"
            f"  ({min(found):.0f}–{max(found):.0f})  CPU {cpu:.0f} ms"
        )
        groups = [f"{GROUPS[g]} {statistics.median(t):.0f}" for g, t in timer.times.items() if t]
        print("      " + "; ".join(groups))


def main() -> int:
    import keyring

    from tests.support.memory_keyring import MemoryKeyring

    keyring.set_keyring(MemoryKeyring())
    from app.clock import FixedClock
    from app.desk import Desk
    from tests.qt.queue_at_scale import build_large_queue

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--postgres", action="store_true", help="start a throwaway server")
    parser.add_argument("--pg-url", help="an empty PostgreSQL database of your own")
    args = parser.parse_args()
    print(
        f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    with tempfile.TemporaryDirectory(prefix="dashboard-bench-") as folder:
        home = Path(folder) / "home"
        started = time.perf_counter()
        build_large_queue(home, args.cases, NOW, with_outcomes=True)
        print(f"built {args.cases:,} cases in {time.perf_counter() - started:.1f} s")
        desk = Desk.open(home, clock=FixedClock(NOW))
        try:
            _measure("SQLite", desk, args.runs)
        finally:
            desk.close()
        if not (args.postgres or args.pg_url):
            return 0
        with contextlib.ExitStack() as stack:
            url = args.pg_url or stack.enter_context(_throwaway_postgres())
            pg_home = Path(folder) / "pg-home"
            _copy_to_postgres(home, pg_home, url)
            desk = Desk.open(pg_home, url, clock=FixedClock(NOW))
            try:
                _measure("PostgreSQL", desk, args.runs)
            finally:
                desk.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
