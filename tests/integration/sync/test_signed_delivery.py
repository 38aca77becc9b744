"""A signed ruling reaches the platform exactly once through the outbox, lost answers and
all: uploaded (``PUT /documents/{sha256}``) and submitted (``submit_document``) with the
mediator-signed form's hash; queuing it again queues nothing; signing it again is refused."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest

from app.desk import Desk
from app.documents import record_to_json
from app.documents.records import record_digest
from app.documents.signing import deliver_signed_document, sign_document
from app.errors import ConflictError
from app.store import models as m
from reports import render_record
from reports.signing.pki import init_demo_pki
from reports.signing.sign import PdfSigningKey
from tests.integration.sync.conftest import Platform, open_case_ids, sync
from tests.unit.reports.rendered import record_of

PW = b"delivery"


def _drafted(desk: Desk, case_id: str) -> bytes:
    """A drafted ruling row for a case the platform assigned to mediator1 (drafting itself
    is tested with the workflow in tests/integration/documents)."""
    record = record_of("ruling")
    rendered = render_record(record)
    with desk.unit_of_work() as uow:
        with uow.evidence.staging() as staging:
            uow.evidence.commit([staging.stage_bytes(rendered.data)])
        uow.session.add(
            m.DecisionDocument(
                case_id=case_id,
                document_id="R1",
                version=1,
                kind="ruling",
                language="zh-Hans",
                state="draft",
                sha256=hashlib.sha256(rendered.data).hexdigest(),
                size=len(rendered.data),
                page_count=rendered.page_count,
                document_date=record.case.document_date,
                record=record_to_json(record),
                record_sha256=record_digest(record),
                layout=rendered.layout_json(),
                created_at=uow.clock.now(),
                created_by="user:mediator1",
            )
        )
        uow.commit()
    return rendered.data


def test_a_signed_ruling_reaches_the_platform_once_through_lost_answers(
    signed_in: Desk, platform: Platform, credentials, tmp_path: Path
) -> None:
    sync(signed_in, platform, credentials)
    case_id = open_case_ids(signed_in, 1)[0]
    _drafted(signed_in, case_id)
    init_demo_pki("示例调解中心", tmp_path / "pki", PW)
    key = PdfSigningKey((tmp_path / "pki" / "mediator1.p12").read_bytes(), PW)
    with signed_in.unit_of_work() as uow:
        signature = sign_document(uow, case_id, "R1", key, actor_id="user:mediator1")
    with signed_in.unit_of_work() as uow:
        first = deliver_signed_document(uow, case_id, "R1", actor_id="user:mediator1")
    with signed_in.unit_of_work() as uow:
        again = deliver_signed_document(uow, case_id, "R1", actor_id="user:mediator1")
    assert first.queued and not again.queued and again.outbox_id == first.outbox_id
    assert first.action_type == "submit_document" and first.sha256 == signature.sha256
    with signed_in.unit_of_work() as uow, pytest.raises(ConflictError):
        sign_document(uow, case_id, "R1", key, actor_id="user:mediator1")  # never twice

    platform.faults("lost_response=0.6")
    summary = sync(signed_in, platform, credentials)
    lost = platform.server.faults.injected.get("lost_response", 0)
    platform.faults("off")
    assert lost > 0 and summary.actions_pushed == 1

    documents = platform.case(case_id).get("documents") or []
    assert [(d["kind"], d["sha256"], d["status"]) for d in documents] == [
        ("ruling", signature.sha256, "submitted")
    ]
    stored = httpx.get(
        f"{platform.url}/api/v1/documents/{signature.sha256}",
        headers={"Authorization": f"Bearer {platform.token()}"},
    )
    assert stored.status_code == 200
    assert hashlib.sha256(stored.content).hexdigest() == signature.sha256
    sync(signed_in, platform, credentials)  # nothing left to send, nothing sent again
    assert len(platform.case(case_id).get("documents") or []) == 1


def test_the_platforms_decision_after_approval_carries_the_rulings_remedies_and_sanctions(
    signed_in: Desk, platform: Platform, credentials, tmp_path: Path
) -> None:
    """``submit_document`` carries the decision the signed PDF states: outcome, each
    remedy with payer, payee and amount, the sanctions, and the appeal window."""
    import uuid

    from app.documents.records import Ruling
    from app.workflow import default_calendar

    sync(signed_in, platform, credentials)
    case_id = open_case_ids(signed_in, 2)[1]
    _drafted(signed_in, case_id)
    record = record_of("ruling")
    assert isinstance(record, Ruling) and record.remedies and record.sanctions
    init_demo_pki("示例调解中心", tmp_path / "pki", PW)
    key = PdfSigningKey((tmp_path / "pki" / "mediator1.p12").read_bytes(), PW)
    with signed_in.unit_of_work() as uow:
        sign_document(uow, case_id, "R1", key, actor_id="user:mediator1")
        delivered = deliver_signed_document(uow, case_id, "R1", actor_id="user:mediator1")
        submitted_at = uow.clock.now()
    sync(signed_in, platform, credentials)
    (listed,) = platform.case(case_id).get("documents") or []
    answer = httpx.post(
        f"{platform.url}/api/v1/cases/{case_id}/actions",
        json={
            "type": "review_document",
            "document_id": listed["id"],
            "verdict": "approve",
            "comments": "",
        },
        headers={
            "Authorization": f"Bearer {platform.token('supervisor1')}",
            "Idempotency-Key": str(uuid.uuid4()),
            "If-Match": f'"v{platform.case(case_id)["case"]["version"]}"',
        },
    )
    assert answer.status_code == 200, answer.text
    decision = platform.case(case_id)["decision"]
    assert delivered.sha256 == decision["document_sha256"]
    assert decision["outcome"] == record.outcome.code
    ids = {party.role: party.party_id for party in record.case.parties}
    assert decision["remedies"] == [
        {
            "remedy": entry.remedy,
            "payer": "platform" if entry.payer_role == "platform" else ids[entry.payer_role],
            "payee": ids[entry.payee_role],
            **(
                {}
                if entry.amount is None
                else {"amount": {"value": entry.amount.value, "currency": entry.amount.currency}}
            ),
        }
        for entry in record.remedies
    ]
    assert decision["sanctions"] == [item.code for item in record.sanctions]
    # The window the document states (working days from delivery), counted from the
    # submission plus the review's two working days: never shorter than the document's.
    until = default_calendar().deadline(submitted_at, record.appeal.working_days + 2)
    assert decision["appeal_until"] == until.isoformat()
