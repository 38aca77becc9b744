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


def test_the_supervisor_demo_countersigns_real_signatures_and_returns_reach_the_mediator(
    tmp_path: Path, clock: FixedClock
) -> None:
    """What ``demo --as supervisor`` sets up (ui/demo.py): the platform's rulings awaiting
    review signed by their mediators with the demo organisation's keys, the supervisor's
    desk with its key and the demo CA trusted. Approving one countersigns it (and it
    verifies, valid and trusted); returning another reaches the mediator's desk."""
    import hashlib

    import httpx

    from app.review.service import approve_document, platform_documents, return_document
    from reports.signing.countersign import desk_countersign
    from reports.signing.demo_kit import DemoSigning
    from reports.signing.verify import verify_with_store
    from ui.demo import MemoryCredentials

    signing = DemoSigning(tmp_path / "pki")
    server = start_platform(
        tmp_path / "platform", cases=40, review_stages=True, ruling_signer=signing.sign
    )
    try:
        platform = Platform(server)
        credentials = MemoryCredentials()
        home = tmp_path / "supervisor"
        desk = Desk.open(home, clock=clock, credentials=credentials)
        try:
            signing.set_up_desk(home, credentials, "supervisor1")
            login(desk, platform.url, "supervisor1", PASSWORD, credentials)
            run_sync(desk, platform.url, "supervisor1", credentials, policy=FAST, timeout=10.0)
            with desk.unit_of_work(read_only=True) as uow:
                queue = [i for i in review_queue(uow) if i.appeal is None]
            assert len(queue) >= 2
            approved, returned = queue[0], queue[1]
            with desk.unit_of_work() as uow:
                approval = approve_document(
                    uow,
                    approved.case_id,
                    approved.document.document_id,
                    "同意",
                    desk_countersign(desk),
                )
            comments = "请补充物流签收的核实情况。"
            with desk.unit_of_work() as uow:
                return_document(uow, returned.case_id, returned.document.document_id, comments)
            run_sync(desk, platform.url, "supervisor1", credentials, policy=FAST, timeout=10.0)
            served = httpx.get(
                f"{platform.url}/api/v1/documents/{approval.sha256}",
                timeout=60,
                headers={"Authorization": f"Bearer {platform.token('supervisor1')}"},
            )
            assert served.status_code == 200
            assert hashlib.sha256(served.content).hexdigest() == approval.sha256
            with desk.unit_of_work(read_only=True) as uow:
                verdict = verify_with_store(uow, home, served.content, final=True)
            assert verdict.problem is None, verdict.problem
            assert [(c.role, c.signer_username) for c in verdict.signatures] == [
                ("mediator", approved.document.created_by.removeprefix("user:")),
                ("supervisor", "supervisor1"),
            ]
            assert all(c.intact and c.valid and c.trusted for c in verdict.signatures)
        finally:
            desk.close()

        # The mediator's desk shows the supervisor's comments on the next sync.
        author = returned.document.created_by.removeprefix("user:")
        mediator_credentials = KeyringCredentialStore(MemoryKeyring())
        mediator = Desk.open(tmp_path / "mediator", clock=clock)
        try:
            login(mediator, platform.url, author, PASSWORD, mediator_credentials)
            run_sync(
                mediator, platform.url, author, mediator_credentials, policy=FAST, timeout=10.0
            )
            with mediator.unit_of_work(read_only=True) as uow:
                shown = {d.document_id: d for d in platform_documents(uow, returned.case_id)}
        finally:
            mediator.close()
        document = shown[returned.document.document_id]
        assert document.status == "returned"
        assert [r.comments for r in document.reviews if r.verdict == "return"] == [comments]
    finally:
        server.stop()
