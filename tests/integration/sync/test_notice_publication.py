"""A notice queued for publication on a supervisor's desk reaches the reference platform:
the PDF is uploaded (PUT /documents/{sha256}) before the ``publish_notice`` action that
names it, and the platform records a published notice with those bytes."""

from __future__ import annotations

import hashlib
import subprocess
import uuid

import httpx
from sqlalchemy import select

from app.notices.queue import NoticesToPublish
from app.notices.service import draft_notice, list_notices, publish_notice
from app.services.outbox import enqueue_action, list_outbox
from app.services.queue import QueueQuery, fetch_page
from app.store import models as m
from app.sync import login, run_sync
from reports import extract_pdf_text, render_notice
from tests.integration.sync.conftest import FAST, PASSWORD
from tests.support.personal_data import leaks, personal_literals


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


def _close_as_dismissed(platform, case_id: str) -> None:  # type: ignore[no-untyped-def]
    document = platform.case(case_id, "mediator1")
    answer = httpx.post(
        f"{platform.url}/api/v1/cases/{case_id}/actions",
        json={"type": "close", "outcome": "dismissed", "note": "malicious complaint"},
        headers={
            "Authorization": f"Bearer {platform.token('mediator1')}",
            "Idempotency-Key": str(uuid.uuid4()),
            "If-Match": f'"v{document["case"]["version"]}"',
        },
    )
    assert answer.status_code == 200, answer.text


def _notices_to_publish(desk) -> list[str]:  # type: ignore[no-untyped-def]
    with desk.unit_of_work(read_only=True) as uow:
        page = fetch_page(uow, QueueQuery(cases=NoticesToPublish()))
        return [summary.id for summary in page.cases]


def test_a_supervisor_publishes_the_notice_of_a_case_decided_elsewhere_and_it_leaves_the_queue(
    desk, platform, credentials, tmp_path
) -> None:
    case_id = sorted(
        case_id
        for case_id, change in platform.feed("mediator1").items()
        if change["document"]["case"]["status"] == "in_mediation"
    )[0]
    _close_as_dismissed(platform, case_id)
    login(desk, platform.url, "supervisor1", PASSWORD, credentials)
    run_sync(desk, platform.url, "supervisor1", credentials, policy=FAST, timeout=10.0)
    assert case_id in _notices_to_publish(desk)

    with desk.unit_of_work() as uow:
        drafted = draft_notice(
            uow, case_id, render_notice, extract_pdf_text, actor_id="user:supervisor1"
        )
    assert drafted.created and drafted.findings == ()
    assert drafted.notice.source_kind == "dismissal"
    with desk.unit_of_work() as uow:
        published = publish_notice(uow, case_id, extract_pdf_text, actor_id="user:supervisor1")
    assert case_id not in _notices_to_publish(desk)  # queued: not offered twice

    summary = run_sync(desk, platform.url, "supervisor1", credentials, policy=FAST, timeout=10.0)
    assert summary.actions_pushed == 1 and summary.cases_removed == 1, summary
    on_platform = platform.case(case_id, "mediator1")
    [notice] = [d for d in on_platform["documents"] if d["kind"] == "notice"]
    assert (notice["sha256"], notice["status"]) == (published.notice.sha256, "published")
    headers = {"Authorization": f"Bearer {platform.token('supervisor1')}"}
    data = httpx.get(f"{platform.url}/api/v1/documents/{notice['sha256']}", headers=headers)
    assert hashlib.sha256(data.content).hexdigest() == notice["sha256"]
    path = tmp_path / "notice.pdf"
    path.write_bytes(data.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert case_id in text
    literals = personal_literals(on_platform)
    assert "parties[0].legal_name" in leaks(str(on_platform["parties"]), literals)  # it sees
    assert leaks(text, literals) == []
    # The case left the supervisor's view: hidden from the queue, its notice kept.
    with desk.unit_of_work(read_only=True) as uow:
        stored = uow.session.get(m.Case, case_id)
        assert stored is not None and not stored.in_queue
        assert [n.state for n in list_notices(uow, case_id)] == ["publish_queued"]
    assert case_id not in _notices_to_publish(desk)
