"""Offline work meets platform changes: re-based when harmless, held as a conflict when not."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.cli.main import main
from app.desk import Desk
from app.services.outbox import enqueue_action, list_conflicts, list_outbox, resolve_conflict
from app.services.queue import QueueQuery, fetch_page
from app.store import models as m
from app.sync import SyncProgress
from tests.integration.sync.conftest import (
    Platform,
    local_versions,
    open_case_ids,
    queue_messages,
    sync,
)


def _act_as(platform: Platform, user: str, case_id: str, body: dict[str, Any]) -> int:
    version = platform.case(case_id, "mediator1")["case"]["version"]
    answer = httpx.post(
        f"{platform.url}/api/v1/cases/{case_id}/actions",
        json=body,
        headers={
            "Authorization": f"Bearer {platform.token(user)}",
            "Idempotency-Key": str(uuid.uuid4()),
            "If-Match": f'"v{version}"',
        },
    )
    assert answer.status_code == 200, answer.text
    return int(answer.json()["case_version"])


def _queue(desk: Desk, case_id: str, body: dict[str, Any]) -> None:
    with desk.unit_of_work() as uow:
        enqueue_action(uow, case_id, body, "user:mediator1")
        uow.commit()


def _state(desk: Desk, case_id: str) -> tuple[bool, list[str]]:
    with desk.unit_of_work(read_only=True) as uow:
        case = uow.session.get(m.Case, case_id)
        assert case is not None
        return case.in_conflict, [item.state for item in list_outbox(uow, case_id)]


def test_a_harmless_platform_change_rebases_the_waiting_action(
    signed_in: Desk, platform: Platform, credentials
) -> None:
    sync(signed_in, platform, credentials)
    [case_id] = queue_messages(signed_in, 1, "请补充发货凭证。")
    platform.admin("POST", "/edits", json={"case_id": case_id, "kind": "buyer_message"})
    summary = sync(signed_in, platform, credentials)
    assert summary.actions_pushed == 1 and summary.conflicts == 0
    assert _state(signed_in, case_id) == (False, ["sent"])
    assert [msg["text"] for msg in platform.case(case_id)["messages"]].count(
        "请补充发货凭证。"
    ) == 1


def test_a_conflicting_change_holds_the_action_and_keeps_both_versions(
    signed_in: Desk, platform: Platform, credentials, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(signed_in, platform, credentials)
    [case_id] = open_case_ids(signed_in, 1)
    base = local_versions(signed_in)[case_id]
    current = platform.case(case_id)["case"]["status"]
    theirs = "in_mediation" if current != "in_mediation" else "awaiting_buyer"
    _queue(
        signed_in,
        case_id,
        {"type": "set_status", "status": "awaiting_merchant", "note": "等待商家举证"},
    )
    # The same case changed on the platform meanwhile (its own web desk).
    _act_as(
        platform,
        "mediator1",
        case_id,
        {"type": "set_status", "status": theirs, "note": "平台调整"},
    )

    summary = sync(signed_in, platform, credentials)
    assert summary.conflicts == 1 and summary.actions_pushed == 0
    assert _state(signed_in, case_id) == (True, ["held"])
    assert platform.case(case_id)["case"]["status"] == theirs  # nothing overwritten
    with signed_in.unit_of_work(read_only=True) as uow:
        versions = set(
            uow.session.execute(
                select(m.CaseSnapshot.version).where(m.CaseSnapshot.case_id == case_id)
            ).scalars()
        )
        [view] = list_conflicts(uow)
    assert {base, base + 1} <= versions
    assert view.platform_changes["case.status"] == [current, theirs]

    # The command line shows it, and the mediator decides.
    assert main(["--home", str(signed_in.paths.home), "sync", "conflicts", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["conflicts"]
    assert [(c["case_id"], c["held"][0]["type"]) for c in shown] == [(case_id, "set_status")]
    assert main(["--home", str(signed_in.paths.home), "cases", "show", case_id]) == 0
    assert "CONFLICT" in capsys.readouterr().out

    with signed_in.unit_of_work() as uow:
        resolve_conflict(uow, case_id, "rebase", "user:mediator1")
        uow.commit()
    summary = sync(signed_in, platform, credentials)
    assert summary.actions_pushed == 1
    assert platform.case(case_id)["case"]["status"] == "awaiting_merchant"
    assert _state(signed_in, case_id) == (False, ["sent"])


def test_a_409_at_push_time_is_resolved_by_fetching_the_current_version(
    signed_in: Desk, platform: Platform, credentials
) -> None:
    sync(signed_in, platform, credentials)
    [harmless] = queue_messages(signed_in, 1, "平台已收到双方材料。")
    edited = False

    def edit_between_pull_and_push(progress: SyncProgress) -> None:
        nonlocal edited
        if progress.phase == "cases" and not edited:
            edited = True
            platform.admin("POST", "/edits", json={"case_id": harmless, "kind": "merchant_message"})

    summary = sync(signed_in, platform, credentials, progress=edit_between_pull_and_push)
    assert edited and summary.actions_pushed == 1 and summary.conflicts == 0
    texts = [msg["text"] for msg in platform.case(harmless)["messages"]]
    assert texts.count("平台已收到双方材料。") == 1


def test_a_case_that_leaves_the_queue_keeps_the_local_work(
    signed_in: Desk, platform: Platform, credentials
) -> None:
    sync(signed_in, platform, credentials)
    [case_id] = queue_messages(signed_in, 1, "稍后联系您。")
    platform.admin("POST", f"/cases/{case_id}/assign", json={"to": "mediator2"})
    summary = sync(signed_in, platform, credentials)
    assert summary.cases_removed == 1 and summary.actions_pushed == 0
    assert _state(signed_in, case_id) == (True, ["held"])
    with signed_in.unit_of_work(read_only=True) as uow:
        shown = {case.id for case in fetch_page(uow, QueueQuery(), limit=1000).cases}
        kept = uow.session.get(m.Case, case_id)
        assert kept is not None and not kept.in_queue
    assert case_id not in shown


def test_a_case_that_comes_back_into_view_is_in_the_queue_again(
    signed_in: Desk, platform: Platform, credentials
) -> None:
    sync(signed_in, platform, credentials)
    with signed_in.unit_of_work(read_only=True) as uow:
        case_id = fetch_page(uow, QueueQuery(), limit=1).cases[0].id
    platform.admin("POST", f"/cases/{case_id}/assign", json={"to": "mediator2"})
    assert sync(signed_in, platform, credentials).cases_removed == 1
    platform.admin("POST", f"/cases/{case_id}/assign", json={"to": "mediator1"})
    sync(signed_in, platform, credentials)
    with signed_in.unit_of_work(read_only=True) as uow:
        shown = {case.id for case in fetch_page(uow, QueueQuery(), limit=1000).cases}
        stored = uow.session.get(m.Case, case_id)
        assert stored is not None and stored.in_queue
        assert stored.version == platform.case(case_id)["case"]["version"]
    assert case_id in shown


def test_a_case_withdrawn_meanwhile_holds_the_work_until_the_mediator_discards_it(
    signed_in: Desk, platform: Platform, credentials
) -> None:
    sync(signed_in, platform, credentials)
    [case_id] = queue_messages(signed_in, 1, "请于明日前回复。")
    platform.admin("POST", "/edits", json={"case_id": case_id, "kind": "withdraw"})
    summary = sync(signed_in, platform, credentials)
    assert summary.conflicts == 1 and summary.actions_pushed == 0
    assert _state(signed_in, case_id) == (True, ["held"])
    with signed_in.unit_of_work() as uow:
        resolve_conflict(uow, case_id, "discard", "user:mediator1")
        uow.commit()
    assert sync(signed_in, platform, credentials).actions_pushed == 0
    assert _state(signed_in, case_id) == (False, ["discarded"])
