"""Sync survives a misbehaving platform: every fault kind, a kill at any moment, a restore."""

from __future__ import annotations

import json
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import select

from app.desk import Desk
from app.security.credentials import KeyringCredentialStore
from app.services.outbox import list_outbox
from app.services.verification import verify_audit_trail, verify_evidence
from app.store import models as m
from app.sync import login
from tests.integration.sync.conftest import (
    PASSWORD,
    Platform,
    environment_for_subprocess,
    every_stored_file_is_whole,
    local_versions,
    open_case_ids,
    queue_messages,
    start_platform,
    sync,
)
from tests.support.file_keyring import FileKeyring


def _matches_platform(desk: Desk, platform: Platform) -> None:
    expected = {case_id: change["version"] for case_id, change in platform.feed().items()}
    assert local_versions(desk) == expected
    with desk.unit_of_work(read_only=True) as uow:
        assert verify_evidence(uow).ok
        assert verify_audit_trail(uow).intact
        waiting = uow.session.execute(
            select(m.Evidence.evidence_id)
            .join(m.Case)
            .where(m.Evidence.stored.is_(False), m.Case.in_queue.is_(True))
        ).all()
    assert waiting == []
    assert every_stored_file_is_whole(desk)


def _count_on_platform(platform: Platform, case_ids: list[str], text: str) -> dict[str, int]:
    return {
        case_id: [message["text"] for message in platform.case(case_id)["messages"]].count(text)
        for case_id in case_ids
    }


def test_lost_responses_never_apply_an_action_twice(
    signed_in: Desk, platform: Platform, credentials
) -> None:
    sync(signed_in, platform, credentials)
    case_ids = queue_messages(signed_in, 6, "已收到，请稍候。")
    platform.faults("lost_response=0.6")
    summary = sync(signed_in, platform, credentials)
    lost = platform.server.faults.injected.get("lost_response", 0)
    platform.faults("off")
    assert lost > 0
    assert summary.actions_pushed == 6
    assert _count_on_platform(platform, case_ids, "已收到，请稍候。") == dict.fromkeys(case_ids, 1)
    sync(signed_in, platform, credentials)
    _matches_platform(signed_in, platform)


def test_errors_throttling_truncation_and_repeated_pages_are_survived(
    signed_in: Desk, platform: Platform, credentials
) -> None:
    platform.faults("error=0.15,throttle=0.1,truncate=0.15,duplicate_page=0.3")
    summary = sync(signed_in, platform, credentials)
    injected = dict(platform.server.faults.injected)
    platform.faults("off")
    assert {"error", "throttle", "truncate", "duplicate_page"} <= set(injected), injected
    assert summary.errors == ()
    _matches_platform(signed_in, platform)


class _RecordingCancel(threading.Event):
    """A cancel event that writes down every wait instead of sleeping through it."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(-1.0 if timeout is None else timeout)
        return False


def test_retry_after_is_honoured(desk: Desk, credentials, tmp_path: Path) -> None:
    """Requests throttled with Retry-After: 1 wait exactly that second before the retry."""
    server = start_platform(tmp_path / "small", cases=3)
    platform = Platform(server)
    try:
        login(desk, platform.url, "mediator1", PASSWORD, credentials)
        platform.faults("throttle=0.4")
        cancel = _RecordingCancel()
        sync(desk, platform, credentials, workers=1, cancel=cancel)
        throttled = platform.server.faults.injected.get("throttle", 0)
        platform.faults("off")
        assert throttled >= 2
        # Every throttle was answered with Retry-After: 1, and nothing else failed.
        assert cancel.waits == [1.0] * throttled
        _matches_platform(desk, platform)
    finally:
        server.stop()


def test_stalled_answers_time_out_and_are_retried(
    signed_in: Desk, platform: Platform, credentials
) -> None:
    platform.faults("delay=0.3,delay_ms=3000")
    summary = sync(signed_in, platform, credentials, timeout=0.5)
    stalled = platform.server.faults.injected.get("delay", 0)
    platform.faults("off")
    assert stalled > 0
    assert summary.errors == ()
    _matches_platform(signed_in, platform)


def _run_sync_process(home: Path, keyring: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli.main", "sync", "--json"],
        env=environment_for_subprocess(home, keyring),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_a_sync_killed_at_random_points_loses_nothing_and_applies_nothing_twice(
    tmp_path: Path, platform: Platform, monkeypatch
) -> None:
    home, keyring = tmp_path / "home", tmp_path / "keyring.json"
    env = environment_for_subprocess(home, keyring)
    # This process opens the same desk: it must see the same keyring (the audit chain key).
    monkeypatch.setenv("MEDIATION_DESK_TEST_KEYRING", str(keyring))
    files = KeyringCredentialStore(FileKeyring())
    login_run = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli.main",
            "login",
            "--platform",
            platform.url,
            "--user",
            "mediator1",
            "--password-stdin",
        ],
        input=PASSWORD.encode(),
        env=env,
        capture_output=True,
        check=False,
    )
    assert login_run.returncode == 0, login_run.stderr
    rng = random.Random(11)
    platform.faults("delay=0.2,delay_ms=150,lost_response=0.3")
    text = "调解员：双方请留意平台消息。"

    def kill_a_sync(longest: float = 3.0) -> None:
        process = _run_sync_process(home, keyring)
        time.sleep(rng.uniform(0.5, longest))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def open_cases_here() -> int:
        desk = Desk.open(home, credentials=files)
        try:
            return len(open_case_ids(desk, 5))
        finally:
            desk.close()

    # Killed while pulling, until at least some pages have landed.
    # A loaded machine may take seconds just to start Python, so each miss allows longer.
    for attempt in range(12):
        kill_a_sync(longest=3.0 * (1 + attempt))
        if open_cases_here() >= 5:
            break
    assert open_cases_here() >= 5, "no page landed in twelve runs"
    desk = Desk.open(home, credentials=files)
    try:
        queued = queue_messages(desk, 5, text)
    finally:
        desk.close()
    # Killed while pushing (and pulling what the pushes changed, and downloading).
    for _ in range(6):
        kill_a_sync()
    platform.faults("off")
    final = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "sync", "--json"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert final.returncode == 0, final.stderr
    assert json.loads(final.stdout)["errors"] == []
    with sqlite3.connect(home / "desk.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    desk = Desk.open(home, credentials=files)
    try:
        _matches_platform(desk, platform)
        with desk.unit_of_work(read_only=True) as uow:
            states = {item.case_id: item.state for item in list_outbox(uow)}
    finally:
        desk.close()
    assert states == dict.fromkeys(queued, "sent")
    assert _count_on_platform(platform, queued, text) == dict.fromkeys(queued, 1)
    leftovers = list((home / "evidence" / "tmp").rglob("*"))
    assert all(path.suffix == ".part" or path.is_dir() for path in leftovers)


def test_a_platform_restored_from_a_backup_gets_a_full_reconcile(
    tmp_path: Path, desk: Desk, credentials
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = tmp_path / "platform"
    server = start_platform(data, cases=20, port=port)
    platform = Platform(server)
    backup = tmp_path / "backup"
    try:
        login(desk, platform.url, "mediator1", PASSWORD, credentials)
        sync(desk, platform, credentials)
        server.stop()
        shutil.copytree(data, backup)
        server = start_platform(data, cases=20, port=port)
        platform = Platform(server)
        for case_id in open_case_ids(desk, 4):
            platform.admin("POST", "/edits", json={"case_id": case_id, "kind": "buyer_message"})
        sync(desk, platform, credentials)
        newer = local_versions(desk)
        server.stop()
        shutil.rmtree(data)
        shutil.copytree(backup, data)  # the platform goes back in time
        server = start_platform(data, cases=20, port=port)
        platform = Platform(server)
        summary = sync(desk, platform, credentials)
        assert summary.full_reconcile
        _matches_platform(desk, platform)
        assert local_versions(desk) != newer
        with desk.unit_of_work(read_only=True) as uow:
            kept = uow.session.execute(select(m.CaseSnapshot.case_id, m.CaseSnapshot.version)).all()
        for case_id, version in newer.items():
            assert (case_id, version) in kept  # the newer versions are still kept locally
        again = sync(desk, platform, credentials)
        assert not again.full_reconcile and again.cases_updated == 0
    finally:
        server.stop()
