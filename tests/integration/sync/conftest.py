"""The reference platform on loopback, a desk, and a keyring for the sync tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.desk import Desk
from app.security.credentials import KeyringCredentialStore
from app.services.outbox import enqueue_action
from app.store import models as m
from app.sync import SyncSummary, login, run_sync
from app.sync.retry import RetryPolicy
from platform_server.config import PlatformConfig
from platform_server.server import RunningServer, start_in_thread
from tests.support.memory_keyring import MemoryKeyring

PASSWORD = "correct horse battery staple"
# Retries fast enough for tests; Retry-After from the server (1 s) is still honoured.
FAST = RetryPolicy(attempts=12, base_delay=0.05, max_delay=0.5, max_retry_after=2.0)


@dataclass
class Platform:
    server: RunningServer

    @property
    def url(self) -> str:
        return self.server.base_url

    def admin(self, method: str, path: str, **kwargs: Any) -> Any:
        answer = httpx.request(
            method,
            f"{self.url}/admin{path}",
            headers={"X-Admin-Token": self.server.admin_token},
            timeout=30,
            **kwargs,
        )
        assert answer.status_code < 300, answer.text
        return answer.json()

    def faults(self, spec: str) -> None:
        self.server.faults.configure(spec)

    def token(self, user: str = "mediator1") -> str:
        answer = httpx.post(
            f"{self.url}/api/v1/session", json={"username": user, "password": PASSWORD}
        )
        return str(answer.json()["token"])

    def feed(self, user: str = "mediator1") -> dict[str, dict[str, Any]]:
        """The latest visible version of every case, read straight from the platform."""
        headers = {"Authorization": f"Bearer {self.token(user)}"}
        seen: dict[str, dict[str, Any]] = {}
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": 500}
            if cursor:
                params["cursor"] = cursor
            page = httpx.get(
                f"{self.url}/api/v1/changes", params=params, headers=headers, timeout=30
            ).json()
            for change in page["changes"]:
                seen[change["case_id"]] = change
            cursor = page["next_cursor"]
            if page["end_of_stream"]:
                return {
                    case_id: change for case_id, change in seen.items() if not change["deleted"]
                }

    def case(self, case_id: str, user: str = "mediator1") -> dict[str, Any]:
        answer = httpx.get(
            f"{self.url}/api/v1/cases/{case_id}",
            headers={"Authorization": f"Bearer {self.token(user)}"},
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())


def start_platform(
    data: Path, *, cases: int = 30, seed: int = 5, port: int = 0, **options: Any
) -> RunningServer:
    config = PlatformConfig(
        data_dir=data,
        port=port,
        cases=cases,
        seed=seed,
        demo_password=PASSWORD,
        party_delay=options.pop("party_delay", 3600.0),
        **options,
    )
    return start_in_thread(config)


@pytest.fixture()
def platform(tmp_path: Path) -> Iterator[Platform]:
    server = start_platform(tmp_path / "platform")
    try:
        yield Platform(server)
    finally:
        server.stop()


@pytest.fixture()
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture()
def credentials(keyring_backend: MemoryKeyring) -> KeyringCredentialStore:
    return KeyringCredentialStore(keyring_backend)


@pytest.fixture()
def signed_in(desk: Desk, platform: Platform, credentials: KeyringCredentialStore) -> Desk:
    login(desk, platform.url, "mediator1", PASSWORD, credentials)
    return desk


def sync(
    desk: Desk, platform: Platform, credentials: KeyringCredentialStore, **options: Any
) -> SyncSummary:
    options.setdefault("policy", FAST)
    options.setdefault("timeout", 10.0)
    return run_sync(desk, platform.url, "mediator1", credentials, **options)


def local_versions(desk: Desk) -> dict[str, int]:
    from sqlalchemy import select

    from app.store import models as m

    with desk.unit_of_work(read_only=True) as uow:
        rows = uow.session.execute(
            select(m.Case.id, m.Case.version).where(m.Case.in_queue.is_(True))
        )
        return {case_id: version for case_id, version in rows}


def every_stored_file_is_whole(desk: Desk) -> bool:
    """No partial file is ever visible: every object's bytes hash to its name."""
    import hashlib

    for path in (desk.evidence.root / "objects").iterdir():
        if hashlib.sha256(path.read_bytes()).hexdigest() != path.name:
            return False
    return True


def environment_for_subprocess(home: Path, keyring_file: Path) -> dict[str, str]:
    return {
        **os.environ,
        "MEDIATION_DESK_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "tests.support.file_keyring.FileKeyring",
        "MEDIATION_DESK_TEST_KEYRING": str(keyring_file),
        "PYTHONPATH": str(Path(__file__).resolve().parents[3]),
    }


ACTIVE = ("open", "awaiting_buyer", "awaiting_merchant", "in_mediation")


def open_case_ids(desk: Desk, count: int) -> list[str]:
    """Up to ``count`` cases the mediator can still act on (not closed, withdrawn or under review)."""
    with desk.unit_of_work(read_only=True) as uow:
        found = uow.session.execute(
            select(m.Case.id).where(m.Case.status.in_(ACTIVE)).order_by(m.Case.id)
        )
        return list(found.scalars())[:count]


def queue_messages(desk: Desk, count: int, text: str) -> list[str]:
    case_ids = open_case_ids(desk, count)
    assert len(case_ids) == count, "not enough open cases on the desk"
    with desk.unit_of_work() as uow:
        for case_id in case_ids:
            body = {"type": "message", "to": ["P1"], "channel": "platform", "text": text}
            enqueue_action(uow, case_id, body, "user:mediator1")
        uow.commit()
    return case_ids
