"""The supervisor's review against the reference platform on loopback: who may review,
the queue, returning with comments through the outbox, approving, four eyes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from app.clock import FixedClock
from app.desk import Desk
from app.errors import PermissionDenied, ValidationError
from app.review.service import (
    Approval,
    approve_document,
    platform_documents,
    return_document,
    review_queue,
)
from app.security.credentials import KeyringCredentialStore
from app.services.outbox import list_outbox
from app.store import models as m
from app.sync import login, run_sync
from tests.integration.sync.conftest import FAST, PASSWORD, Platform
from tests.support.memory_keyring import MemoryKeyring


@pytest.fixture()
def credentials() -> KeyringCredentialStore:
    return KeyringCredentialStore(MemoryKeyring())


def _desk(tmp_path: Path, clock: FixedClock, name: str) -> Desk:
    return Desk.open(tmp_path / name, clock=clock)


def _sign_in_and_sync(
    desk: Desk, platform: Platform, user: str, credentials: KeyringCredentialStore
) -> None:
    login(desk, platform.url, user, PASSWORD, credentials)
    summary = run_sync(desk, platform.url, user, credentials, policy=FAST, timeout=10.0)
    assert not summary.problems, summary.problems


def _sync(desk: Desk, platform: Platform, user: str, credentials: KeyringCredentialStore) -> None:
    run_sync(desk, platform.url, user, credentials, policy=FAST, timeout=10.0)


@pytest.fixture()
def supervisor(
    tmp_path: Path, clock: FixedClock, platform: Platform, credentials: KeyringCredentialStore
) -> Iterator[Desk]:
    desk = _desk(tmp_path, clock, "supervisor")
    _sign_in_and_sync(desk, platform, "supervisor1", credentials)
    yield desk
    desk.close()


def _outbox_size(desk: Desk) -> int:
    with desk.unit_of_work(read_only=True) as uow:
        return int(
            uow.session.execute(select(func.count()).select_from(m.OutboxEntry)).scalar_one()
        )


def test_the_queue_lists_every_submitted_document_oldest_first_with_its_deadline(
    supervisor: Desk, platform: Platform
) -> None:
    with supervisor.unit_of_work(read_only=True) as uow:
        queue = review_queue(uow)
    on_platform = {
        case_id
        for case_id, change in platform.feed("supervisor1").items()
        if any(d["status"] == "submitted" for d in change["document"].get("documents") or [])
    }
    assert queue and {item.case_id for item in queue} == on_platform
    submitted = [item.submitted_at for item in queue]
    assert submitted == sorted(submitted)
    for item in queue:
        assert item.document.status == "submitted"
        assert item.review_deadline > item.submitted_at
        # Two working days from submission (the scripts' supervisor-review step).
        assert item.review_deadline.weekday() < 5


def test_returning_needs_comments_and_queues_nothing_without_them(supervisor: Desk) -> None:
    with supervisor.unit_of_work(read_only=True) as uow:
        item = review_queue(uow)[0]
    with supervisor.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
        return_document(uow, item.case_id, item.document.document_id, "   ")
    assert "--comments" in refused.value.text("en")
    assert "修改意见" in refused.value.text("zh-Hans")
    assert _outbox_size(supervisor) == 0


def test_a_return_reaches_the_platform_once_and_the_mediator_reads_the_comments(
    supervisor: Desk,
    platform: Platform,
    credentials: KeyringCredentialStore,
    tmp_path: Path,
    clock: FixedClock,
) -> None:
    with supervisor.unit_of_work(read_only=True) as uow:
        item = review_queue(uow)[0]
    case_id, document_id = item.case_id, item.document.document_id
    comments = "事实部分需补充：请核对物流签收记录。"
    with supervisor.unit_of_work() as uow:
        first = return_document(uow, case_id, document_id, comments)
    with supervisor.unit_of_work() as uow:
        again = return_document(uow, case_id, document_id, comments)
    assert first.created and not again.created and again.outbox.id == first.outbox.id
    platform.faults("lost_response=0.5,error=0.2")
    try:
        _sync(supervisor, platform, "supervisor1", credentials)
    finally:
        platform.faults("off")
    _sync(supervisor, platform, "supervisor1", credentials)
    with supervisor.unit_of_work(read_only=True) as uow:
        (sent,) = list_outbox(uow, case_id)
    assert sent.state == "sent"
    mediator_user = item.document.created_by.removeprefix("user:")
    on_platform = platform.case(case_id, mediator_user)
    reviewed = next(d for d in on_platform["documents"] if d["id"] == document_id)
    assert reviewed["status"] == "returned"
    assert [r["comments"] for r in reviewed["reviews"]] == [comments]  # exactly once
    assert on_platform["case"]["status"] == "in_mediation"

    mediator = _desk(tmp_path, clock, "mediator")
    try:
        mediator_credentials = KeyringCredentialStore(MemoryKeyring())
        _sign_in_and_sync(mediator, platform, mediator_user, mediator_credentials)
        with mediator.unit_of_work(read_only=True) as uow:
            documents = platform_documents(uow, case_id)
        with mediator.unit_of_work() as write, pytest.raises(PermissionDenied) as refused:
            approve_document(write, case_id, document_id)
        returned = next(d for d in documents if d.document_id == document_id)
        assert returned.status == "returned"
        assert returned.reviews[0].comments == comments
        assert "Only a supervisor" in refused.value.text("en")
        assert "只有主管" in refused.value.text("zh-Hans")
        assert "只有主管" in refused.value.text("zh-Hant")
    finally:
        mediator.close()


def test_an_approval_carries_the_countersigned_hash_from_the_port(
    supervisor: Desk, platform: Platform, credentials: KeyringCredentialStore
) -> None:
    with supervisor.unit_of_work(read_only=True) as uow:
        item = next(i for i in review_queue(uow) if i.queued is None)
    seen = []

    def countersign(uow, user, document):  # type: ignore[no-untyped-def]
        seen.append((user.username, document.document_id, document.sha256))
        return Approval(sha256="ab" * 32)

    with supervisor.unit_of_work() as uow:
        queued = approve_document(
            uow, item.case_id, item.document.document_id, "同意", countersign=countersign
        )
    assert seen == [("supervisor1", item.document.document_id, item.document.sha256)]
    assert queued.outbox.body["sha256"] == "ab" * 32
    assert queued.outbox.body["verdict"] == "approve"
    # A return of the same document can no longer be queued beside the approval.
    with supervisor.unit_of_work() as uow, pytest.raises(ValidationError):
        return_document(uow, item.case_id, item.document.document_id, "再看看")


def test_an_approval_without_a_countersign_port_approves_the_current_hash(
    supervisor: Desk, platform: Platform, credentials: KeyringCredentialStore
) -> None:
    with supervisor.unit_of_work(read_only=True) as uow:
        item = next(i for i in review_queue(uow) if i.queued is None)
    with supervisor.unit_of_work() as uow:
        queued = approve_document(uow, item.case_id, item.document.document_id, "同意")
    assert queued.sha256 == item.document.sha256 and "sha256" not in queued.outbox.body
    _sync(supervisor, platform, "supervisor1", credentials)
    after = platform.case(item.case_id, item.document.created_by.removeprefix("user:"))
    statuses = {d["id"]: d["status"] for d in after["documents"]}
    assert statuses[item.document.document_id] == "approved"
    assert after["case"]["status"] == "resolved"


def test_four_eyes_is_refused_on_the_desk_and_by_the_platform(
    supervisor: Desk, platform: Platform, credentials: KeyringCredentialStore
) -> None:
    # A notice supervisor1 made on a case assigned to them: nobody reviews their own.
    feed = platform.feed("mediator1")
    case_id = next(
        cid for cid, c in feed.items() if c["document"]["case"]["status"] == "in_mediation"
    )
    moved = platform.admin("POST", f"/cases/{case_id}/assign", json={"to": "supervisor1"})
    token = platform.token("supervisor1")
    headers = {"Authorization": f"Bearer {token}"}
    pdf = b"%PDF-1.4\n% notice " + case_id.encode() + b"\n%%EOF\n"
    import hashlib

    sha = hashlib.sha256(pdf).hexdigest()
    put = httpx.put(
        f"{platform.url}/api/v1/documents/{sha}",
        timeout=60,
        content=pdf,
        headers={**headers, "Content-Type": "application/pdf"},
    )
    assert put.status_code in (200, 201), put.text
    submitted = httpx.post(
        f"{platform.url}/api/v1/cases/{case_id}/actions",
        timeout=60,
        json={"type": "submit_document", "kind": "notice", "sha256": sha},
        headers={
            **headers,
            "Idempotency-Key": "0f0e0d0c-0b0a-4908-8706-050403020100",
            "If-Match": f'"v{moved["version"]}"',
        },
    )
    assert submitted.status_code == 200, submitted.text
    document_id = submitted.json()["result"]["document_id"]
    _sync(supervisor, platform, "supervisor1", credentials)
    before = _outbox_size(supervisor)
    with supervisor.unit_of_work() as uow, pytest.raises(PermissionDenied) as refused:
        approve_document(uow, case_id, document_id)
    assert "Four-eyes rule" in refused.value.text("en")
    assert "四眼原则" in refused.value.text("zh-Hans")
    assert "四眼原則" in refused.value.text("zh-Hant")
    assert _outbox_size(supervisor) == before
    # The platform refuses it too, whatever a desk lets through.
    own = httpx.post(
        f"{platform.url}/api/v1/cases/{case_id}/actions",
        timeout=60,
        json={
            "type": "review_document",
            "document_id": document_id,
            "verdict": "approve",
            "comments": "",
        },
        headers={
            **headers,
            "Idempotency-Key": "1f0e0d0c-0b0a-4908-8706-050403020100",
            "If-Match": f'"v{submitted.json()["case_version"]}"',
        },
    )
    assert own.status_code == 403 and "four-eyes" in own.json()["message"]
