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
