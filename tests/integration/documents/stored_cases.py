"""Cases imported into a real store and walked with the workflow service, for the
documents tests: the same steps a mediator takes on the desk."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from typing import Any

from app.clock import FixedClock
from app.desk import Desk
from app.services.case_import import import_bundle
from app.services.workflow_service import workflow_do, workflow_status
from app.store import models as m
from app.workflow import WorkflowStatus
from tests.support.bundles import write_zip
from tests.unit.documents.walks import FINDINGS, REASONING, rich_document
from tests.unit.workflow.cases import propose, to_evidence

MEDIATOR, SUPERVISOR = "user:li.na", "user:wang.qiang"
# What a quality case usually holds: short enough for a three-page ruling.
EVIDENCE = (
    ("order_record", "platform"),
    ("transaction_record", "platform"),
    ("listing_snapshot", "platform"),
    ("logistics_record", "platform"),
    ("photo", "P1"),
    ("chat_log", "P1"),
    ("appraisal_report", "P1"),
    ("video", "P2"),
    ("chat_log", "P2"),
)
RULING_ANSWERS = {
    "findings_of_fact": FINDINGS,
    "reasoning": REASONING,
    "rules_relied_on": "platform_rules,consumer_protection_law",
    "outcome": "partial",
    "remedy": "partial_refund",
    "remedy_amount": "500.00",
    "remedy_due_days": "within_5",
    "sanctions": "warning",
}


class StoredWalk:
    """One case on a real desk, moved on with ``workflow_do`` as the desk's mediator."""

    def __init__(self, desk: Desk, clock: FixedClock, case_id: str) -> None:
        self.desk, self.clock, self.case_id = desk, clock, case_id

    @property
    def now(self) -> datetime:
        return self.clock.now()

    def status(self) -> WorkflowStatus:
        with self.desk.unit_of_work(read_only=True) as uow:
            return workflow_status(uow, self.case_id, "en")

    @property
    def state(self) -> WorkflowStatus:
        return self.status()

    def do(self, action: str, answers: dict[str, str] | None = None) -> None:
        self.clock.advance(hours=2)
        actor = SUPERVISOR if self.status().role == "supervisor" else MEDIATOR
        with self.desk.unit_of_work() as uow:
            workflow_do(uow, self.case_id, action, dict(answers or {}), actor, "en")

    def fill(self, overrides: dict[str, str] | None = None) -> None:
        from tests.unit.workflow.cases import fill_step

        fill_step(self, overrides)


def import_case(desk: Desk, tmp_path: Path, case_id: str = "DSP-2026-004711", **facts: Any) -> None:
    facts.setdefault("evidence", EVIDENCE)
    document = rich_document(**facts).to_json_dict()
    document["case"]["id"] = case_id
    files = {}
    for item in document["evidence"]:
        data = f"{case_id} {item['id']} {item['kind']}".encode()
        item["size"], item["sha256"] = len(data), hashlib.sha256(data).hexdigest()
        files[item["id"]] = data
    bundle = write_zip(tmp_path / f"{case_id}.zip", document, files)
    with desk.unit_of_work() as uow:
        for username, name, role in (
            ("li.na", "李娜", "mediator"),
            ("wang.qiang", "王强", "supervisor"),
        ):
            if uow.session.get(m.User, username) is None:
                uow.session.add(m.User(username=username, display_name=name, role=role))
        uow.commit()
    with desk.unit_of_work() as uow:
        import_bundle(uow, bundle, MEDIATOR)


def walk_to_ruling_draft(
    desk: Desk, clock: FixedClock, case_id: str, *, answered: bool = True
) -> StoredWalk:
    walk = StoredWalk(desk, clock, case_id)
    to_evidence(walk)
    propose(walk)
    walk.do("record_response", {"party": "merchant", "decision": "accept"})
    walk.do("record_response", {"party": "buyer", "decision": "reject", "text": "金额太少"})
    walk.do("ruling_draft")
    if answered:
        walk.do("answer", RULING_ANSWERS)
    return walk


def walk_to_settlement(desk: Desk, clock: FixedClock, case_id: str) -> StoredWalk:
    walk = StoredWalk(desk, clock, case_id)
    to_evidence(walk)
    propose(walk)
    walk.do("record_response", {"party": "buyer", "decision": "accept", "text": "电话确认接受"})
    walk.do("record_response", {"party": "merchant", "decision": "accept"})
    walk.do("settlement")
    return walk
