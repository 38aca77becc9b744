"""Signing in, pulling, pushing, progress and cancel — against the real platform on loopback."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.desk import Desk
from app.errors import Offline, SessionExpired, SyncCancelled
from app.security.credentials import KeyringCredentialStore, platform_token_key
from app.services.outbox import enqueue_action, list_outbox
from app.services.verification import verify_audit_trail, verify_evidence
from app.store import models as m
from app.sync import SyncProgress, login, logout
from tests.integration.sync.conftest import (
    PASSWORD,
    Platform,
    every_stored_file_is_whole,
    local_versions,
    open_case_ids,
    start_platform,
    sync,
)
from tests.support.memory_keyring import MemoryKeyring


def test_the_token_lives_only_in_the_keyring(
    desk: Desk,
    platform: Platform,
    credentials: KeyringCredentialStore,
    keyring_backend: MemoryKeyring,
) -> None:
    login(desk, platform.url, "mediator1", PASSWORD, credentials)
    token = credentials.get(platform_token_key(platform.url, "mediator1", desk.desk_id))
    assert token
    sync(desk, platform, credentials)
    desk.close()
    for path in desk.paths.home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert token.encode() not in data, path
            assert PASSWORD.encode() not in data, path
    logout(desk, platform.url, "mediator1", credentials)
    assert keyring_backend.secrets == {}


def test_a_wrong_password_is_a_clear_error(desk: Desk, platform: Platform, credentials) -> None:
    with pytest.raises(SessionExpired, match="did not accept this user name and password"):
        login(desk, platform.url, "mediator1", "wrong", credentials)


def test_the_first_sync_brings_every_visible_case_and_file(
    signed_in: Desk, platform: Platform, credentials
) -> None:
    summary = sync(signed_in, platform, credentials)
    expected = {case_id: change["version"] for case_id, change in platform.feed().items()}
    assert local_versions(signed_in) == expected
    assert summary.cases_added == len(expected) > 0
    assert summary.files_downloaded > 0 and summary.errors == ()
    with signed_in.unit_of_work(read_only=True) as uow:
        assert verify_evidence(uow).files_checked == summary.files_downloaded
        assert verify_evidence(uow).ok
        assert verify_audit_trail(uow).intact
        not_stored = uow.session.execute(
            select(m.Evidence.id).where(m.Evidence.stored.is_(False))
        ).all()
    assert not_stored == []
    again = sync(signed_in, platform, credentials)
    assert (again.cases_added, again.cases_updated, again.files_downloaded) == (0, 0, 0)


def test_a_queued_message_reaches_the_platform_once(
    signed_in: Desk, platform: Platform, credentials
) -> None:
    sync(signed_in, platform, credentials)
    [case_id] = open_case_ids(signed_in, 1)
    with signed_in.unit_of_work() as uow:
        enqueue_action(
            uow,
            case_id,
            {"type": "message", "to": ["P1"], "channel": "platform", "text": "请在3日内补充照片。"},
            "user:mediator1",
        )
        uow.commit()
    summary = sync(signed_in, platform, credentials)
    assert summary.actions_pushed == 1
    sync(signed_in, platform, credentials)
    texts = [message["text"] for message in platform.case(case_id)["messages"]]
    assert texts.count("请在3日内补充照片。") == 1
    with signed_in.unit_of_work(read_only=True) as uow:
        [item] = list_outbox(uow, case_id)
        local = uow.session.get(m.Case, case_id)
        assert local is not None and local.version == platform.case(case_id)["case"]["version"]
    assert item.state == "sent"


def test_progress_is_reported_and_a_cancel_stops_cleanly(
    signed_in: Desk, platform: Platform, credentials
) -> None:
    cancel = threading.Event()
    seen: list[SyncProgress] = []

    def progress(state: SyncProgress) -> None:
        seen.append(state)
        if state.phase == "files" and state.files_done >= 3:
            cancel.set()

    with pytest.raises(SyncCancelled):
        sync(signed_in, platform, credentials, progress=progress, cancel=cancel, workers=1)
    assert any(state.phase == "cases" and state.cases_done > 0 for state in seen)
    files = [state for state in seen if state.phase == "files"]
    assert files and files[-1].bytes_total > 0 and files[-1].bytes_done <= files[-1].bytes_total
    assert every_stored_file_is_whole(signed_in)

    def waiting() -> set[str]:
        with signed_in.unit_of_work(read_only=True) as uow:
            evidence = uow.session.execute(
                select(m.Evidence.sha256).where(m.Evidence.stored.is_(False))
            )
            documents = uow.session.execute(
                select(m.Document.sha256).where(m.Document.stored.is_(False))
            )
            return set(evidence.scalars()) | set(documents.scalars())

    left = waiting()
    assert left, "the cancel should have left files for the next sync"
    summary = sync(signed_in, platform, credentials)
    assert summary.files_downloaded == len(left)
    assert waiting() == set()
    with signed_in.unit_of_work(read_only=True) as uow:
        assert verify_evidence(uow).ok


def test_no_network_is_one_clear_error_and_local_work_goes_on(
    desk: Desk, credentials, tmp_path: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with desk.unit_of_work() as uow:
        uow.session.add(m.SyncState(platform_url=url, username="mediator1"))
        uow.commit()
    credentials.set(platform_token_key(url, "mediator1", desk.desk_id), "some-token")
    from app.sync import run_sync

    with pytest.raises(Offline, match="cannot be reached"):
        run_sync(desk, url, "mediator1", credentials, timeout=2)
    from app.services.case_import import import_bundle
    from tests.support.bundles import WOOL_COAT

    with desk.unit_of_work() as uow:
        assert import_bundle(uow, WOOL_COAT, "user:mediator1").outcome == "added"


def test_an_expired_token_asks_to_log_in_again(desk: Desk, tmp_path: Path, credentials) -> None:
    server = start_platform(tmp_path / "short", cases=4, token_ttl_seconds=1.0)
    try:
        login(desk, server.base_url, "mediator1", PASSWORD, credentials)
        time.sleep(1.5)
        from app.sync import run_sync

        with pytest.raises(SessionExpired, match="Log in again"):
            run_sync(desk, server.base_url, "mediator1", credentials, timeout=5)
    finally:
        server.stop()


def test_what_a_sync_stores_is_private_whatever_the_umask(
    signed_in: Desk, platform: Platform, credentials
) -> None:
    import os

    previous = os.umask(0o022)
    try:
        summary = sync(signed_in, platform, credentials)
    finally:
        os.umask(previous)
    assert summary.files_downloaded > 0
    exposed = [path for path in signed_in.paths.home.rglob("*") if path.stat().st_mode & 0o077]
    assert exposed == []
