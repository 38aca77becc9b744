"""The supervisor's demo platform holds rulings at every stage of review."""

from __future__ import annotations

from pathlib import Path

from app.clock import FixedClock
from app.desk import Desk
from app.review.service import review_queue
from app.security.credentials import KeyringCredentialStore
from app.sync import login, run_sync
from tests.integration.sync.conftest import FAST, PASSWORD, Platform, start_platform
from tests.support.memory_keyring import MemoryKeyring


def test_waiting_returned_published_and_appealed_rulings(tmp_path: Path, clock: FixedClock) -> None:
    server = start_platform(tmp_path / "platform", cases=40, review_stages=True)
    try:
        platform = Platform(server)
        documents = {
            case_id: change["document"]
            for user in ("mediator1", "mediator2")
            for case_id, change in platform.feed(user).items()
        }
        statuses = [
            (d["id"], d["status"], d.get("reviews") or [])
            for document in documents.values()
            for d in document.get("documents") or []
        ]
        assert any(s == "returned" and r and r[0].get("comments") for _, s, r in statuses)
        assert any(s == "published" for _, s, _ in statuses)
        appealed = [
            cid
            for cid, document in documents.items()
            if any(e["event"] == "case.appealed" for e in document["history"])
        ]
        assert len(appealed) == 1

        desk = Desk.open(tmp_path / "supervisor", clock=clock)
        try:
            credentials = KeyringCredentialStore(MemoryKeyring())
            login(desk, platform.url, "supervisor1", PASSWORD, credentials)
            run_sync(desk, platform.url, "supervisor1", credentials, policy=FAST, timeout=10.0)
            with desk.unit_of_work(read_only=True) as uow:
                queue = review_queue(uow)
        finally:
            desk.close()
        assert len(queue) >= 2
        assert [item.case_id for item in queue if item.appeal is not None] == appealed
    finally:
        server.stop()
