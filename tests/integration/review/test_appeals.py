"""Appeals (API 1.1) on the reference platform, and the supervisor's desk that sees them."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx

from app.clock import FixedClock
from app.desk import Desk
from app.review.service import review_queue
from app.security.credentials import KeyringCredentialStore
from app.sync import login, run_sync
from tests.integration.sync.conftest import FAST, PASSWORD, Platform
from tests.support.memory_keyring import MemoryKeyring


def _act(platform: Platform, user: str, case_id: str, body: dict[str, Any]) -> httpx.Response:
    version = platform.case(case_id, user)["case"]["version"]
    return httpx.post(
        f"{platform.url}/api/v1/cases/{case_id}/actions",
        timeout=60,
        json=body,
        headers={
            "Authorization": f"Bearer {platform.token(user)}",
            "Idempotency-Key": str(uuid.uuid4()),
            "If-Match": f'"v{version}"',
        },
    )


def _admin(platform: Platform, path: str, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(
        f"{platform.url}/admin{path}",
        timeout=60,
        json=body,
        headers={"X-Admin-Token": platform.server.admin_token},
    )


def _approved_ruling(platform: Platform) -> tuple[str, str, str]:
    """A case whose submitted ruling supervisor1 has just approved: (case, doc, mediator)."""
    feed = platform.feed("supervisor1")
    case_id, change = next(
        (cid, c)
        for cid, c in sorted(feed.items())
        if any(
            d["status"] == "submitted" and d["kind"] == "ruling"
            for d in c["document"].get("documents") or []
        )
    )
    document = next(d for d in change["document"]["documents"] if d["status"] == "submitted")
    approved = _act(
        platform,
        "supervisor1",
        case_id,
        {
            "type": "review_document",
            "document_id": document["id"],
            "verdict": "approve",
            "comments": "同意",
        },
    )
    assert approved.status_code == 200, approved.text
    return case_id, document["id"], document["created_by"].removeprefix("user:")


def test_an_appeal_within_the_window_reopens_review_and_the_desk_shows_it(
    platform: Platform, tmp_path: Path, clock: FixedClock
) -> None:
    case_id, document_id, mediator = _approved_ruling(platform)
    resolved = platform.case(case_id, mediator)
    assert resolved["case"]["status"] == "resolved" and resolved["decision"]

    text = "买家不服：商家提供的物流签收记录并非本人签收。"
    appealed = _admin(platform, f"/cases/{case_id}/appeal", {"party": "P1", "text": text})
    assert appealed.status_code == 200, appealed.text
    after = platform.case(case_id, mediator)
    assert after["case"]["status"] == "under_review"
    assert after["history"][-1] == {
        "at": after["history"][-1]["at"],
        "actor": "P1",
        "event": "case.appealed",
        "text": text,
    }
    assert {d["id"]: d["status"] for d in after["documents"]}[document_id] == "submitted"

    # The supervisor's desk: the sync brings the appeal, the queue shows it beside the ruling.
    credentials = KeyringCredentialStore(MemoryKeyring())
    desk = Desk.open(tmp_path / "supervisor", clock=clock)
    try:
        login(desk, platform.url, "supervisor1", PASSWORD, credentials)
        run_sync(desk, platform.url, "supervisor1", credentials, policy=FAST, timeout=10.0)
        with desk.unit_of_work(read_only=True) as uow:
            (item,) = [i for i in review_queue(uow) if i.case_id == case_id]
        assert item.appeal is not None and item.appeal.text == text and item.appeal.by == "P1"
    finally:
        desk.close()

    # Approved again: the decision stands, and the history says it was upheld on appeal.
    again = _act(
        platform,
        "supervisor1",
        case_id,
        {
            "type": "review_document",
            "document_id": document_id,
            "verdict": "approve",
            "comments": "维持原裁决",
        },
    )
    assert again.status_code == 200, again.text
    final = platform.case(case_id, mediator)
    assert final["case"]["status"] == "resolved"
    assert final["decision"]["outcome"] == resolved["decision"]["outcome"]
    assert [e["event"] for e in final["history"][-2:]] == [
        "document.approved",
        "decision.upheld_on_appeal",
    ]


def test_after_the_window_an_appeal_is_refused_and_the_ruling_becomes_final(
    platform: Platform,
) -> None:
    case_id, _, mediator = _approved_ruling(platform)
    decided = platform.case(case_id, mediator)["decision"]["decided_at"]
    from datetime import datetime, timedelta

    early = (datetime.fromisoformat(decided) + timedelta(days=1)).isoformat()
    late = (datetime.fromisoformat(decided) + timedelta(days=30)).isoformat()
    not_yet = _admin(platform, f"/cases/{case_id}/finalise", {"at": early})
    assert not_yet.status_code == 200 and not_yet.json()["final"] is False
    refused = _admin(
        platform, f"/cases/{case_id}/appeal", {"party": "P2", "text": "不服", "at": late}
    )
    assert refused.status_code == 422 and "window" in refused.json()["message"]
    assert platform.case(case_id, mediator)["case"]["status"] == "resolved"
    final = _admin(platform, f"/cases/{case_id}/finalise", {"at": late})
    assert final.status_code == 200 and final.json()["status"] == "closed"
    closed = platform.case(case_id, mediator)
    assert closed["case"]["status"] == "closed"
    assert closed["history"][-1]["event"] == "decision.final"


def _upload(platform: Platform, user: str, label: str) -> str:
    """PUT a small PDF the platform keeps by hash; returns its SHA-256."""
    import hashlib

    pdf = b"%PDF-1.7\n% " + label.encode() + b" " + uuid.uuid4().hex.encode() + b"\n%%EOF\n"
    sha = hashlib.sha256(pdf).hexdigest()
    put = httpx.put(
        f"{platform.url}/api/v1/documents/{sha}",
        timeout=60,
        content=pdf,
        headers={
            "Authorization": f"Bearer {platform.token(user)}",
            "Content-Type": "application/pdf",
        },
    )
    assert put.status_code in (200, 201), put.text
    return sha


def _countersigned_ruling(platform: Platform) -> tuple[str, str, str, str]:
    """A submitted ruling supervisor1 approves with a countersigned PDF:
    (case, the mediator's document, the countersigned document, the mediator)."""
    feed = platform.feed("supervisor1")
    case_id, change = next(
        (cid, c)
        for cid, c in sorted(feed.items())
        if any(
            d["status"] == "submitted" and d["kind"] == "ruling"
            for d in c["document"].get("documents") or []
        )
    )
    document = next(d for d in change["document"]["documents"] if d["status"] == "submitted")
    countersigned = _upload(platform, "supervisor1", "countersigned")
    approved = _act(
        platform,
        "supervisor1",
        case_id,
        {
            "type": "review_document",
            "document_id": document["id"],
            "verdict": "approve",
            "comments": "同意",
            "sha256": countersigned,
        },
    )
    assert approved.status_code == 200, approved.text
    new_id = approved.json()["result"]["document_id"]
    return case_id, document["id"], new_id, document["created_by"].removeprefix("user:")


def test_a_countersigned_copy_keeps_its_author_and_an_appeal_confirms_it_as_it_is(
    platform: Platform,
) -> None:
    case_id, signed_id, countersigned_id, mediator = _countersigned_ruling(platform)
    resolved = platform.case(case_id, mediator)
    documents = {d["id"]: d for d in resolved["documents"]}
    assert documents[signed_id]["status"] == "superseded"
    countersigned = documents[countersigned_id]
    # The author stays the mediator; the supervisor is the one who approved it.
    assert countersigned["created_by"] == f"user:{mediator}"
    assert countersigned["status"] == "approved"
    assert [(r["by"], r["verdict"]) for r in countersigned["reviews"]] == [
        ("user:supervisor1", "approve")
    ]
    assert resolved["decision"]["document_sha256"] == countersigned["sha256"]

    appealed = _admin(platform, f"/cases/{case_id}/appeal", {"party": "P2", "text": "商家不服"})
    assert appealed.status_code == 200, appealed.text
    assert appealed.json()["document_id"] == countersigned_id
    reopened = {d["id"]: d for d in platform.case(case_id, mediator)["documents"]}
    assert reopened[countersigned_id]["status"] == "submitted"
    assert reopened[countersigned_id]["created_by"] == f"user:{mediator}"

    # It cannot be countersigned a second time…
    again = _act(
        platform,
        "supervisor1",
        case_id,
        {
            "type": "review_document",
            "document_id": countersigned_id,
            "verdict": "approve",
            "comments": "",
            "sha256": _upload(platform, "supervisor1", "twice"),
        },
    )
    assert again.status_code == 422 and "already countersigned" in again.text
    # …nor reviewed by its author (a mediator does not review).
    own = _act(
        platform,
        mediator,
        case_id,
        {
            "type": "review_document",
            "document_id": countersigned_id,
            "verdict": "approve",
            "comments": "",
        },
    )
    assert own.status_code == 403, own.text
    # Confirmed: the same supervisor may (they did not write it); the decision stands as
    # it was decided, and the history says it was upheld.
    confirmed = _act(
        platform,
        "supervisor1",
        case_id,
        {
            "type": "review_document",
            "document_id": countersigned_id,
            "verdict": "approve",
            "comments": "维持原裁决",
        },
    )
    assert confirmed.status_code == 200, confirmed.text
    final = platform.case(case_id, mediator)
    assert final["case"]["status"] == "resolved"
    assert final["decision"] == resolved["decision"]
    assert [d["status"] for d in final["documents"] if d["id"] == countersigned_id] == ["approved"]
    assert [e["event"] for e in final["history"][-2:]] == [
        "document.approved",
        "decision.upheld_on_appeal",
    ]


def test_an_appeal_that_returns_the_ruling_is_decided_by_the_new_version(
    platform: Platform,
) -> None:
    case_id, _, countersigned_id, mediator = _countersigned_ruling(platform)
    before = platform.case(case_id, mediator)["decision"]
    appealed = _admin(platform, f"/cases/{case_id}/appeal", {"party": "P1", "text": "买家不服"})
    assert appealed.status_code == 200, appealed.text
    returned = _act(
        platform,
        "supervisor1",
        case_id,
        {
            "type": "review_document",
            "document_id": countersigned_id,
            "verdict": "return",
            "comments": "申诉有理：请重新认定物流事实。",
        },
    )
    assert returned.status_code == 200, returned.text
    assert platform.case(case_id, mediator)["case"]["status"] == "in_mediation"

    # The author writes a new version; it is signed, submitted, countersigned anew.
    outcome = "merchant_favour" if before["outcome"] != "merchant_favour" else "buyer_favour"
    submitted = _act(
        platform,
        mediator,
        case_id,
        {
            "type": "submit_document",
            "kind": "ruling",
            "sha256": _upload(platform, mediator, "version after appeal"),
            "decision": {"kind": "ruling", "outcome": outcome},
        },
    )
    assert submitted.status_code == 200, submitted.text
    new_id = submitted.json()["result"]["document_id"]
    approved = _act(
        platform,
        "supervisor1",
        case_id,
        {
            "type": "review_document",
            "document_id": new_id,
            "verdict": "approve",
            "comments": "改判",
            "sha256": _upload(platform, "supervisor1", "countersigned after appeal"),
        },
    )
    assert approved.status_code == 200, approved.text
    after = platform.case(case_id, mediator)
    assert after["case"]["status"] == "resolved"
    assert after["decision"]["outcome"] == outcome and after["decision"]["id"] != before["id"]
    assert after["history"][-1]["event"] == "decision.changed_on_appeal"
    assert {d["id"]: d["status"] for d in after["documents"]}[countersigned_id] == "superseded"
    # Nothing is left open: after the new decision's window it becomes final.
    from datetime import datetime, timedelta

    late = (
        datetime.fromisoformat(after["decision"]["decided_at"]) + timedelta(days=30)
    ).isoformat()
    final = _admin(platform, f"/cases/{case_id}/finalise", {"at": late})
    assert final.status_code == 200 and final.json()["status"] == "closed", final.text


def test_on_the_desk_approving_a_ruling_reopened_by_an_appeal_confirms_it_without_signing(
    platform: Platform, tmp_path: Path, clock: FixedClock
) -> None:
    from app.review.service import approve_document, platform_document
    from app.services.outbox import list_outbox

    case_id, _, countersigned_id, mediator = _countersigned_ruling(platform)
    appealed = _admin(platform, f"/cases/{case_id}/appeal", {"party": "P2", "text": "不服"})
    assert appealed.status_code == 200, appealed.text
    calls: list[str] = []

    def countersign(uow: Any, user: Any, document: Any) -> Any:
        calls.append(document.document_id)
        raise AssertionError("an approved document is not countersigned again")

    credentials = KeyringCredentialStore(MemoryKeyring())
    desk = Desk.open(tmp_path / "supervisor", clock=clock)
    try:
        login(desk, platform.url, "supervisor1", PASSWORD, credentials)
        run_sync(desk, platform.url, "supervisor1", credentials, policy=FAST, timeout=10.0)
        with desk.unit_of_work() as uow:
            document = platform_document(uow, case_id, countersigned_id)
            assert document.created_by == f"user:{mediator}"
            queued = approve_document(uow, case_id, countersigned_id, "维持", countersign)
        assert calls == [] and queued.sha256 == document.sha256
        assert "sha256" not in queued.outbox.body
        run_sync(desk, platform.url, "supervisor1", credentials, policy=FAST, timeout=10.0)
        with desk.unit_of_work(read_only=True) as uow:
            assert {i.state for i in list_outbox(uow, case_id)} == {"sent"}
    finally:
        desk.close()
    final = platform.case(case_id, mediator)
    assert final["history"][-1]["event"] == "decision.upheld_on_appeal"
    assert final["case"]["status"] == "resolved"
