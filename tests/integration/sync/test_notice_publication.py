"""A notice queued for publication on a supervisor's desk reaches the reference platform:
the PDF is uploaded (PUT /documents/{sha256}) before the ``publish_notice`` action that
names it, and the platform records a published notice with those bytes."""

from __future__ import annotations

import hashlib

import httpx
from sqlalchemy import select

from app.services.outbox import enqueue_action, list_outbox
from app.store import models as m
from app.sync import login, run_sync
from tests.integration.sync.conftest import FAST, PASSWORD


def _under_review(desk) -> str:  # type: ignore[no-untyped-def]
    with desk.unit_of_work(read_only=True) as uow:
        return str(
            uow.session.execute(
                select(m.Case.id).where(m.Case.status == "under_review").order_by(m.Case.id)
            )
            .scalars()
            .first()
        )


def test_the_notice_pdf_is_uploaded_before_the_action_that_publishes_it(
    desk, platform, credentials
) -> None:
    login(desk, platform.url, "supervisor1", PASSWORD, credentials)
    run_sync(desk, platform.url, "supervisor1", credentials, policy=FAST, timeout=10.0)
    case_id = _under_review(desk)
    assert case_id != "None", "the demo data has a case under review"
    data = b"%PDF-1.7\n% a notice drafted on this desk\n%%EOF\n"
    sha = hashlib.sha256(data).hexdigest()
    with desk.evidence.staging() as staging:
        desk.evidence.commit([staging.stage_bytes(data)])
    with desk.unit_of_work() as uow:
        enqueue_action(uow, case_id, {"type": "publish_notice", "sha256": sha}, "user:supervisor1")
    url = f"{platform.url}/api/v1/documents/{sha}"
    headers = {"Authorization": f"Bearer {platform.token('supervisor1')}"}
    assert httpx.get(url, headers=headers).status_code == 404  # not on the platform yet
    summary = run_sync(desk, platform.url, "supervisor1", credentials, policy=FAST, timeout=10.0)
    assert summary.actions_pushed == 1, summary
    assert httpx.get(url, headers=headers).content == data
    published = [
        item for item in platform.case(case_id, "supervisor1")["documents"] if item["sha256"] == sha
    ]
    assert [(item["kind"], item["status"]) for item in published] == [("notice", "published")]
    with desk.unit_of_work(read_only=True) as uow:
        [item] = [i for i in list_outbox(uow, case_id) if i.action_type == "publish_notice"]
    assert item.state == "sent"
