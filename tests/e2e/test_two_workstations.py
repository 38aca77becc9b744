"""Two workstations, one platform: a ruling from draft to review, return, version 2,
approval, appeal and approval again — with the platform's faults on.

A mediator's desk and a supervisor's desk (two data folders, one test keyring each)
against one reference platform on loopback injecting errors, lost responses and
duplicate pages. Every action must arrive exactly once, and both desks must end equal to
the platform. Signing is not here yet: the mediator's submissions go through the
clearly marked stand-in (``tests/support/review_stand_in.py``) until issue 13 lands.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.desk import Desk
from app.documents import draft_document
from app.review.service import (
    approve_document,
    document_diff,
    platform_documents,
    return_document,
    review_queue,
)
from app.security.credentials import KeyringCredentialStore
from app.services.outbox import list_outbox
from app.services.workflow_service import workflow_do, workflow_status
from app.store import models as m
from app.store.case_writer import snapshot_bytes
from app.sync import login, run_sync
from app.workflow import CHINA_TIME, WorkflowStatus
from platform_server.seeding import import_bundle
from reports import render_record
from tests.integration.documents.stored_cases import EVIDENCE, RULING_ANSWERS
from tests.integration.sync.conftest import FAST, PASSWORD, Platform, start_platform
from tests.support.bundles import write_zip
from tests.support.memory_keyring import MemoryKeyring
from tests.support.review_stand_in import submit_drafted_document
from tests.unit.documents.walks import rich_document
from tests.unit.workflow.cases import fill_step, propose, to_evidence

CASE = "DSP-2026-770001"
FAULTS = "error=0.1,lost_response=0.1,duplicate_page=0.3"


class Workstation:
    """One desk in its own data folder, signed in as one platform user."""

    def __init__(self, home: Path, platform: Platform, user: str, clock: FixedClock) -> None:
        self.platform, self.user, self.clock = platform, user, clock
        self.desk = Desk.open(home, clock=clock)
        self.credentials = KeyringCredentialStore(MemoryKeyring())
        login(self.desk, platform.url, user, PASSWORD, self.credentials)

    def sync(self) -> None:
        """Sync until nothing waits in the outbox and the pull ends cleanly."""
        for _ in range(20):
            summary = run_sync(
                self.desk, self.platform.url, self.user, self.credentials, policy=FAST, timeout=10.0
            )
            with self.desk.unit_of_work(read_only=True) as uow:
                waiting = list_outbox(uow, states=("pending",))
                stuck = list_outbox(uow, states=("held", "failed"))
            assert not stuck, [(item.action_type, item.last_error) for item in stuck]
            if not waiting and not summary.failed:
                return
        raise AssertionError("the outbox never emptied")

    # the walk helpers (tests.unit.workflow.cases) drive any object with these
    @property
    def now(self) -> datetime:
        return self.clock.now()

    def status(self) -> WorkflowStatus:
        with self.desk.unit_of_work(read_only=True) as uow:
            return workflow_status(uow, CASE, "en")

    def do(self, action: str, answers: dict[str, str] | None = None) -> None:
        self.clock.advance(minutes=5)
        with self.desk.unit_of_work() as uow:
            workflow_do(uow, CASE, action, dict(answers or {}), f"user:{self.user}", "en")

    def fill(self, overrides: dict[str, str] | None = None) -> None:
        fill_step(self, overrides)

    def draft(self) -> str:
        with self.desk.unit_of_work() as uow:
            result = draft_document(uow, CASE, render_record, actor_id=f"user:{self.user}")
        assert result.created
        return result.document.document_id

    def stored(self, case_id: str) -> tuple[int, bytes] | None:
        with self.desk.unit_of_work(read_only=True) as uow:
            case = uow.session.get(m.Case, case_id)
            if case is None or not case.in_queue:
                return None
            raw = snapshot_bytes(uow.session, case_id)
            assert raw is not None
            return case.version, raw

    def close(self) -> None:
        self.desk.close()


@pytest.fixture()
def platform(tmp_path: Path) -> Iterator[Platform]:
    server = start_platform(tmp_path / "platform", cases=10)
    try:
        document = rich_document(evidence=EVIDENCE).to_json_dict()
        document["case"]["id"] = CASE
        document["case"]["assigned_to"] = "mediator1"
        files = {}
        for item in document["evidence"]:
            data = f"{CASE} {item['id']} {item['kind']}".encode()
            item["size"], item["sha256"] = len(data), hashlib.sha256(data).hexdigest()
            files[item["id"]] = data
        bundle = write_zip(tmp_path / f"{CASE}.zip", document, files)
        import_bundle(server.platform.db, server.platform.store, bundle)
        yield Platform(server)
    finally:
        server.stop()


def _platform_case(platform: Platform, user: str) -> tuple[int, bytes]:
    answer = httpx.get(
        f"{platform.url}/api/v1/cases/{CASE}",
        timeout=60,
        headers={"Authorization": f"Bearer {platform.token(user)}"},
    )
    assert answer.status_code == 200, answer.text
    return int(answer.json()["case"]["version"]), answer.content


def test_a_ruling_travels_between_two_desks_exactly_once_with_faults_on(
    platform: Platform, tmp_path: Path
) -> None:
    clock = FixedClock(datetime.now(CHINA_TIME))
    mediator = Workstation(tmp_path / "mediator", platform, "mediator1", clock)
    supervisor = Workstation(tmp_path / "supervisor", platform, "supervisor1", clock)
    platform.server.faults.configure(FAULTS, seed=15)
    try:
        mediator.sync()
        assert mediator.stored(CASE) is not None

        # The mediator works the case to a ruling, offline between syncs.
        to_evidence(mediator)
        propose(mediator)
        mediator.sync()  # the offer reaches the platform (and gets its id)
        mediator.do("record_response", {"party": "merchant", "decision": "accept"})
        mediator.do("record_response", {"party": "buyer", "decision": "reject", "text": "金额太少"})
        mediator.do("ruling_draft")
        mediator.do("answer", RULING_ANSWERS)
        first = mediator.draft()
        mediator.fill({"outcome": "partial"})
        mediator.do("submit_for_review")
        mediator.sync()
        submit_drafted_document(
            mediator.desk, platform.url, "mediator1", mediator.credentials, CASE, first
        )

        # The supervisor sees it in the queue and returns it with comments.
        supervisor.sync()
        with supervisor.desk.unit_of_work(read_only=True) as uow:
            (item,) = [i for i in review_queue(uow) if i.case_id == CASE]
        comments = "退款金额偏低：请说明为何不按实付金额的一半退款。"
        with supervisor.desk.unit_of_work() as uow:
            return_document(uow, CASE, item.document.document_id, comments)
        supervisor.sync()

        # The mediator's desk shows the comments; the workflow is back at drafting.
        mediator.sync()
        with mediator.desk.unit_of_work(read_only=True) as uow:
            returned = {d.document_id: d for d in platform_documents(uow, CASE)}
        assert returned[item.document.document_id].status == "returned"
        assert [r.comments for r in returned[item.document.document_id].reviews] == [comments]
        assert mediator.status().step_id == "ruling_draft"

        # Version 2: a bigger refund, drafted, submitted.
        mediator.do("answer", {**RULING_ANSWERS, "remedy_amount": "650.00"})
        second = mediator.draft()
        assert second != first
        with mediator.desk.unit_of_work(read_only=True) as uow:
            changes = {c.field: c for c in document_diff(uow, CASE, second).changes}
        assert changes["remedies[1].amount"].after == {"value": 65000, "currency": "CNY"}
        mediator.fill({"outcome": "partial"})
        mediator.do("submit_for_review")
        mediator.sync()
        submit_drafted_document(
            mediator.desk, platform.url, "mediator1", mediator.credentials, CASE, second
        )

        # The supervisor approves version 2.
        supervisor.sync()
        with supervisor.desk.unit_of_work(read_only=True) as uow:
            (item2,) = [i for i in review_queue(uow) if i.case_id == CASE]
        assert item2.document.document_id != item.document.document_id
        assert item2.returned_before == 1
        with supervisor.desk.unit_of_work() as uow:
            approve_document(uow, CASE, item2.document.document_id, "同意")
        supervisor.sync()

        # A party appeals within the window; the case is back in review; approved again.
        answer = httpx.post(
            f"{platform.url}/admin/cases/{CASE}/appeal",
            timeout=60,
            json={"party": "P2", "text": "商家不服：买家已使用商品。"},
            headers={"X-Admin-Token": platform.server.admin_token},
        )
        assert answer.status_code == 200, answer.text
        supervisor.sync()
        with supervisor.desk.unit_of_work(read_only=True) as uow:
            (appealed,) = [i for i in review_queue(uow) if i.case_id == CASE]
        assert appealed.appeal is not None and "已使用" in (appealed.appeal.text or "")
        with supervisor.desk.unit_of_work() as uow:
            approve_document(uow, CASE, appealed.document.document_id, "维持原裁决")
        supervisor.sync()
        mediator.sync()
        injected = platform.server.faults.state()["injected"]
    finally:
        platform.server.faults.configure("off")
    # The faults really happened, each kind (configure restarts the counts).
    assert all(injected.get(kind, 0) > 0 for kind in ("error", "lost_response", "duplicate_page"))
    try:
        supervisor.sync()
        mediator.sync()
        version, raw = _platform_case(platform, "mediator1")
        document: dict[str, Any] = json.loads(raw)
        events = Counter(entry["event"] for entry in document["history"])
        # Every action arrived exactly once.
        assert events["offer.proposed"] == 1
        assert events["offer.response_recorded"] == 2
        assert events["document.submitted"] == 2
        assert events["document.returned"] == 1
        assert events["document.approved"] == 2
        assert events["case.appealed"] == 1
        assert events["decision.upheld_on_appeal"] == 1
        assert document["case"]["status"] == "resolved"
        assert document["decision"]["remedies"][0]["amount"]["value"] == 65000
        # Both desks end equal to the platform: each holds its exact version. The decided
        # case stays in the supervisor's view until its notice is published (docs/notices.md).
        stored = mediator.stored(CASE)
        assert stored is not None and stored[0] == version
        assert json.loads(stored[1]) == document
        held = supervisor.stored(CASE)
        assert held is not None and held[0] == version and json.loads(held[1]) == document
        assert CASE in platform.feed("supervisor1")
        for desk in (mediator, supervisor):
            with desk.desk.unit_of_work(read_only=True) as uow:
                states = set(
                    uow.session.execute(
                        select(m.OutboxEntry.state).where(m.OutboxEntry.case_id == CASE)
                    ).scalars()
                )
            assert states <= {"sent"}
    finally:
        mediator.close()
        supervisor.close()
