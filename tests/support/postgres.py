"""A real, throwaway PostgreSQL server for the store's tests.

Started once per test session with the system's ``initdb``/``pg_ctl`` on a free
loopback port (as the ``postgres`` user when the tests run as root, since PostgreSQL
refuses to run as root). Each test gets a fresh database. A missing PostgreSQL fails
the tests — the README's test command installs it — unless
``MEDIATION_DESK_SKIP_POSTGRES=1`` says, knowingly, to leave these tests out.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator

import pytest

_counter = itertools.count(1)


def _find(tool: str) -> str | None:
    found = shutil.which(tool)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The base URL (without database) of a PostgreSQL server for this test session."""
    given = os.environ.get("MEDIATION_DESK_TEST_PG_URL")
    if given:
        yield given.rstrip("/")
        return
    if os.environ.get("MEDIATION_DESK_SKIP_POSTGRES") == "1":
        pytest.skip("MEDIATION_DESK_SKIP_POSTGRES=1: PostgreSQL tests left out on purpose")
    initdb, pg_ctl = _find("initdb"), _find("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.fail(
            "PostgreSQL is not installed (initdb/pg_ctl not found). Run the README's test "
            "command, which installs it, or set MEDIATION_DESK_TEST_PG_URL."
        )
    folder = tempfile.mkdtemp(prefix="desk-pg-")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = os.path.join(folder, "data")
    port = _free_port()
    subprocess.run(
        _as_server_user(
            [initdb, "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_server_user(
            [pg_ctl, "-D", data, "-o", options, "-l", os.path.join(folder, "log"), "-w", "start"]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_server_user([pg_ctl, "-D", data, "-m", "immediate", "stop"]), capture_output=True
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture()
def postgres_database(postgres_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server; dropped afterwards."""
    import psycopg

    name = f"desk_test_{os.getpid()}_{next(_counter)}"
    admin_url = postgres_server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    try:
        yield f"{postgres_server}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
