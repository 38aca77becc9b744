"""One desk, one writer (issue 11.5): a second sync on the same data folder is refused at
once with a message naming the holder, and the command line exits with 10."""

from __future__ import annotations

import fcntl
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.errors import StoreInUse
from app.store.writer_lock import hold_writer_lock, lock_path, read_holder
from tests.integration.sync.conftest import PASSWORD, Platform, environment_for_subprocess


def _held_elsewhere(home: Path, record: dict[str, object]) -> int:
    """Lock the file as another process would (its own open file) and write who holds it."""
    home.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_path(home), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.write(descriptor, json.dumps(record).encode())
    return descriptor


def test_a_held_lock_refuses_the_next_writer_naming_who_holds_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    other = _held_elsewhere(
        home,
        {
            "pid": 4242,
            "doing": "cases import",
            "since": "2026-11-22T09:00:00+08:00",
            "host": "desk-7",
        },
    )
    try:
        with pytest.raises(StoreInUse) as caught, hold_writer_lock(home, "sync"):
            pytest.fail("the lock was taken twice")
        english = caught.value.text("en")
        assert "4242" in english and "cases import" in english and "desk-7" in english
        assert "4242" in caught.value.text("zh-Hans") and "4242" in caught.value.text("zh-Hant")
        assert caught.value.exit_code == 10
    finally:
        os.close(other)
    with hold_writer_lock(home, "sync") as holder:  # free again once the other is gone
        assert holder.pid == os.getpid()
        assert read_holder(lock_path(home)) == holder
        assert stat.S_IMODE(lock_path(home).stat().st_mode) == 0o600
    assert read_holder(lock_path(home)) is None  # released: nobody named


def test_the_lock_is_reentrant_within_one_process(tmp_path: Path) -> None:
    with hold_writer_lock(tmp_path, "desk"), hold_writer_lock(tmp_path, "sync"):
        assert read_holder(lock_path(tmp_path)) is not None
    with hold_writer_lock(tmp_path, "sync"):
        pass


def _cli(*args: str, env: dict[str, str], **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli.main", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,  # type: ignore[call-overload]
    )


def test_three_syncs_at_once_download_each_file_once_and_the_others_exit_with_10(
    tmp_path: Path, platform: Platform
) -> None:
    home, keyring = tmp_path / "home", tmp_path / "keyring.json"
    env = environment_for_subprocess(home, keyring)
    signing_in = _cli(
        "login",
        "--platform",
        platform.url,
        "--user",
        "mediator1",
        "--password-stdin",
        env=env,
        stdin=subprocess.PIPE,
    )
    _, err = signing_in.communicate(PASSWORD.encode(), timeout=120)
    assert signing_in.returncode == 0, err
    gate = platform.server.faults
    gate.hold()  # whoever takes the lock first waits at the platform's door, lock held
    try:
        runs = [_cli("sync", "--json", env=env) for _ in range(3)]
        deadline = time.monotonic() + 300  # a guard against a hang, not a measurement
        while sum(run.poll() is not None for run in runs) < 2:
            assert time.monotonic() < deadline, "two of the syncs never gave up"
            time.sleep(0.05)
    finally:
        gate.release()
    results = []
    for run in runs:
        out, err = run.communicate(timeout=300)
        results.append((run.returncode, run.pid, out.decode(), err.decode()))
    [winner] = [result for result in results if result[0] != 10]
    losers = [result for result in results if result[0] == 10]
    assert winner[0] == 0, winner[3]
    assert len(losers) == 2
    for _, _, out, err in losers:
        assert out == ""
        assert f"process {winner[1]}" in err and "“sync”" in err, err
    summary = json.loads(winner[2])
    served = platform.server.platform.files_served
    assert summary["files_downloaded"] == len(served) > 0
    assert set(served.values()) == {1}, "a file was downloaded more than once"
    logs = home / "logs"
    assert not (logs.exists() and list(logs.iterdir())), "a bug report was written"


def test_the_holder_is_described_only_while_the_lock_is_held(tmp_path: Path) -> None:
    from app.store.writer_lock import describe_holder

    home = tmp_path / "home"
    assert describe_holder(home) is None
    other = _held_elsewhere(
        home, {"pid": 77, "doing": "sync", "since": "2026-11-22T09:00:00+08:00", "host": "h"}
    )
    try:
        described = describe_holder(home)
        assert described is not None and "process 77 on h" in described.text("en")
    finally:
        os.close(other)  # the holder is gone, its record stays in the file
    assert describe_holder(home) is None
