"""Whole cases walked through the guided workflow from the command line.

For every category, one case to a settlement and one to a ruling; a suspected malicious
complaint to a reasoned dismissal. Each step goes through ``mediation-desk workflow do``
on a real store, with the audit trail and the outbox checked at the end.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import delete, select

from app.cli.main import main
from app.clock import FixedClock
from app.desk import Desk
from app.documents import verifications
from app.documents.verifications import SignatureState
from app.store import models as m
from app.workflow.calendar import CHINA_TIME
from tests.support.bundles import write_zip
from tests.unit.workflow.cases import (
    REASONS_BY_CATEGORY,
    case_document,
    fill_step,
    propose,
    rule,
    settle,
    to_evidence,
)

MEDIATOR, SUPERVISOR = "li.na", "wang.qiang"
START = datetime(2026, 3, 2, 9, 0, tzinfo=CHINA_TIME)


def _namespace(value: Any) -> Any:
    if isinstance(value, dict):
        return SimpleNamespace(**{key: _namespace(item) for key, item in value.items()})
    if isinstance(value, list):
        return [_namespace(item) for item in value]
    return value


class CliWalk:
    """Drives one case with ``mediation-desk workflow`` commands, as a mediator would."""

    def __init__(
        self, home: Path, case_id: str, clock: FixedClock, capsys: pytest.CaptureFixture[str]
    ) -> None:
        self.home = home
        self.case_id = case_id
        self.clock = clock
        self.capsys = capsys
        self.visited: list[str] = []

    @property
    def now(self) -> datetime:
        return self.clock.now()

    def _run(self, *args: str) -> dict[str, Any]:
        code = main(["--home", str(self.home), *args, "--json", "--lang", "en"])
        out, err = self.capsys.readouterr()
        assert code == 0, err
        return dict(json.loads(out))

    def status(self) -> Any:
        current = self._run("workflow", "status", self.case_id)
        if not self.visited or self.visited[-1] != current["step_id"]:
            self.visited.append(current["step_id"])
        return _namespace(current)

    @property
    def state(self) -> Any:
        return SimpleNamespace(step_id=self.status().step_id)

    def do(self, action: str, answers: dict[str, str] | None = None) -> None:
        self.clock.advance(hours=2)
        _sign_in_as(self.home, SUPERVISOR if self.status().role == "supervisor" else MEDIATOR)
        pairs = [f"--answer={key}={value}" for key, value in (answers or {}).items()]
        current = self._run("workflow", "do", self.case_id, action, *pairs)
        if self.visited[-1] != current["step_id"]:
            self.visited.append(current["step_id"])

    def fill(self, overrides: dict[str, str] | None = None) -> None:
        fill_step(self, overrides)

    def pass_deadline(self) -> None:
        deadline = datetime.fromisoformat(self.status().deadline)
        self.clock.advance(seconds=(deadline - self.now).total_seconds() + 3600)


def _sign_in_as(home: Path, username: str) -> None:
    """The desk acts as its one signed-in user; a supervisor reviews on their own desk."""
    desk = Desk.open(home)
    try:
        with desk.unit_of_work() as uow:
            uow.session.execute(delete(m.SyncState))
            uow.session.add(m.SyncState(platform_url="https://platform.example", username=username))
            uow.commit()
    finally:
        desk.close()


@pytest.fixture()
def desk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, FixedClock]:
    clock = FixedClock(START)
    monkeypatch.setattr("app.desk.SystemClock", lambda: clock)
    home = tmp_path / "home"
    desk = Desk.open(home)
    with desk.unit_of_work() as uow:
        uow.session.add(m.User(username=MEDIATOR, display_name="李娜", role="mediator"))
        uow.session.add(m.User(username=SUPERVISOR, display_name="王强", role="supervisor"))
        uow.commit()
    desk.close()
    _sign_in_as(home, MEDIATOR)
    return home, clock


def _import_case(home: Path, tmp_path: Path, capsys, case_id: str, **facts: Any) -> None:
    document = case_document(**facts).to_json_dict()
    document["case"]["id"] = case_id
    files = {}
    for item in document["evidence"]:
        data = f"{case_id} {item['id']} {item['kind']}".encode()
        item["size"], item["sha256"] = len(data), hashlib.sha256(data).hexdigest()
        files[item["id"]] = data
    bundle = write_zip(tmp_path / f"{case_id}.zip", document, files)
    assert main(["--home", str(home), "cases", "import", str(bundle)]) == 0
    capsys.readouterr()


def _outbox(home: Path, case_id: str) -> list[tuple[str, dict[str, Any]]]:
    desk = Desk.open(home)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            rows = uow.session.execute(
                select(m.OutboxEntry.action_type, m.OutboxEntry.body)
                .where(m.OutboxEntry.case_id == case_id)
                .order_by(m.OutboxEntry.id)
            ).all()
            return [(kind, dict(body)) for kind, body in rows]
    finally:
        desk.close()


def _audit_is_intact(home: Path, capsys) -> list[str]:
    assert main(["--home", str(home), "audit", "verify", "--json"]) == 0
    capsys.readouterr()
    desk = Desk.open(home)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            return list(uow.session.execute(select(m.AuditEvent.action)).scalars())
    finally:
        desk.close()


@pytest.mark.parametrize("category", list(REASONS_BY_CATEGORY))
def test_a_case_of_every_category_settles_through_the_commands(
    desk_home, tmp_path, capsys, category
) -> None:
    home, clock = desk_home
    case_id = f"DSP-2026-S{list(REASONS_BY_CATEGORY).index(category):05d}"
    _import_case(
        home, tmp_path, capsys, case_id, category=category, reason=REASONS_BY_CATEGORY[category][0]
    )
    case = CliWalk(home, case_id, clock, capsys)
    to_evidence(case)
    propose(case)
    settle(case)
    assert case.status().step_id == "closed"
    assert case.visited[-3:] == ["responses", "settlement", "closed"]
    sent = _outbox(home, case_id)
    kinds = [kind for kind, _ in sent]
    assert kinds.count("propose_offer") == 1 and kinds.count("record_response") == 2
    assert sent[-1][0] == "close" and sent[-1][1]["outcome"] == "partial"
    offer = next(body for kind, body in sent if kind == "propose_offer")
    assert offer["amount"] == {"value": 30000, "currency": "CNY"}
    actions = _audit_is_intact(home, capsys)
    assert actions.count("workflow.transition") >= 5
    assert actions.count("outbox.queued") == len(sent)


@pytest.fixture()
def signed_in_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """The signature items follow the store's signed document (signing, countersigning
    and verifying for real: tests/integration/signatures/test_workflow_facts.py); these
    walks are about the commands, so the store's answer is given."""
    monkeypatch.setattr(
        verifications,
        "signature_state",
        lambda _uow, _case_id: SignatureState("R1", True, True, True),
    )


@pytest.mark.parametrize("category", list(REASONS_BY_CATEGORY))
def test_a_case_of_every_category_reaches_a_ruling_through_the_commands(
    desk_home, tmp_path, capsys, category, signed_in_store
) -> None:
    home, clock = desk_home
    case_id = f"DSP-2026-R{list(REASONS_BY_CATEGORY).index(category):05d}"
    _import_case(
        home, tmp_path, capsys, case_id, category=category, reason=REASONS_BY_CATEGORY[category][0]
    )
    case = CliWalk(home, case_id, clock, capsys)
    to_evidence(case)
    propose(case)
    case.do("record_response", {"party": "merchant", "decision": "accept"})
    case.do("record_response", {"party": "buyer", "decision": "reject", "text": "金额太少"})
    case.do("ruling_draft")
    rule(case, outcome="partial")
    assert case.status().step_id == "closed"
    assert {"ruling_draft", "supervisor_review", "signed_ruling", "appeal_window"} <= set(
        case.visited
    )
    statuses = [body["status"] for kind, body in _outbox(home, case_id) if kind == "set_status"]
    assert statuses == ["in_mediation", "under_review", "resolved"]
    _audit_is_intact(home, capsys)


def test_the_supervisor_step_refuses_a_mediator_and_the_four_eyes_rule_holds(
    desk_home, tmp_path, capsys
) -> None:
    home, clock = desk_home
    _import_case(home, tmp_path, capsys, "DSP-2026-F00001", category="quality", reason="defective")
    case = CliWalk(home, "DSP-2026-F00001", clock, capsys)
    to_evidence(case)
    propose(case)
    case.do("record_response", {"party": "buyer", "decision": "reject"})
    case.do("ruling_draft")
    case.fill({"outcome": "partial"})
    case.do("submit_for_review")
    assert case.status().role == "supervisor"
    _sign_in_as(home, MEDIATOR)
    code = main(
        [
            "--home",
            str(home),
            "workflow",
            "do",
            "DSP-2026-F00001",
            "approve",
            "--answer",
            "verdict=approve",
        ]
    )
    _, err = capsys.readouterr()
    assert code == 5 and err.strip()


def test_a_malicious_complaint_ends_in_a_dismissal_with_reasons(
    desk_home, tmp_path, capsys, signed_in_store
) -> None:
    home, clock = desk_home
    _import_case(
        home,
        tmp_path,
        capsys,
        "DSP-2026-M00001",
        category="after_sales",
        reason="return_refused",
        flags=["suspected_malicious"],
    )
    case = CliWalk(home, "DSP-2026-M00001", clock, capsys)
    assert case.status().script_id == "malicious_complaint"
    case.fill()
    case.do("contact_parties")
    case.fill({"complainant_heard": "yes"})
    case.do("evidence")
    case.fill({"malicious_established": "yes", "indicators": "extortion,item_swapped"})
    case.do("dismissal_draft")
    reasons = "买家以差评相要挟索要额外赔偿，退回的商品序列号与出库记录不符。"
    case.fill({"grounds": "extortion,item_swapped", "reasoning": reasons})
    case.do("submit_for_review")
    case.fill({"verdict": "approve"})
    case.do("approve")
    case.fill()
    case.do("appeal_window")
    case.fill({"appeal_filed": "no", "decision_carried_out": "yes"})
    case.pass_deadline()
    case.do("close")
    assert case.status().step_id == "closed"
    closes = [body for kind, body in _outbox(home, "DSP-2026-M00001") if kind == "close"]
    assert closes == [{"type": "close", "outcome": "dismissed", "note": reasons}]


def test_a_broken_answer_is_refused_by_name_and_records_nothing(
    desk_home, tmp_path, capsys
) -> None:
    home, _clock = desk_home
    _import_case(
        home, tmp_path, capsys, "DSP-2026-B00001", category="logistics", reason="lost_parcel"
    )
    before = _audit_is_intact(home, capsys)
    code = main(
        [
            "--home",
            str(home),
            "workflow",
            "do",
            "DSP-2026-B00001",
            "answer",
            "--answer",
            "complete=maybe",
        ]
    )
    _, err = capsys.readouterr()
    assert code == 2 and "complete" in err
    code = main(["--home", str(home), "workflow", "do", "DSP-2026-B00001", "contact_parties"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "Not answered" in err or "not answered" in err, err
    assert _audit_is_intact(home, capsys) == before


# ---------------------------------------------------------------- where a case starts, and reads


@pytest.fixture()
def language_restored() -> Any:
    """The commands set the process's language from --lang; put it back afterwards."""
    from app.vocabulary import current_language, set_language

    before = current_language()
    yield
    set_language(before)


def _count(home: Path, model: Any) -> int:
    from sqlalchemy import func

    desk = Desk.open(home)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            return int(uow.session.execute(select(func.count()).select_from(model)).scalar_one())
    finally:
        desk.close()


def _audit_rows(home: Path, case_id: str) -> list[tuple[str, str]]:
    desk = Desk.open(home)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            rows = uow.session.execute(
                select(m.AuditEvent.action, m.AuditEvent.actor)
                .where(m.AuditEvent.case_id == case_id)
                .order_by(m.AuditEvent.seq)
            ).all()
            return [(action, actor) for action, actor in rows]
    finally:
        desk.close()


def _status_json(home: Path, capsys: pytest.CaptureFixture[str], case_id: str) -> dict[str, Any]:
    code = main(["--home", str(home), "workflow", "status", case_id, "--json", "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return dict(json.loads(out))


def test_a_case_synced_while_in_mediation_starts_at_the_matching_step(
    desk_home, capsys, language_restored
) -> None:
    from app.contract.case_document import document_to_json_bytes
    from app.sync.reconcile import apply_platform_version

    home, _clock = desk_home
    # Taken over from a colleague: the platform has it in mediation already.
    document = case_document(
        status="in_mediation", history=["case.opened", "case.intake_reviewed", "case.reassigned"]
    )
    desk = Desk.open(home)
    try:
        with desk.unit_of_work() as uow:
            apply_platform_version(uow, document, document_to_json_bytes(document), "user:li.na")
            uow.commit()
    finally:
        desk.close()
    current = _status_json(home, capsys, document.case.id)
    assert current["step_id"] == "contact_parties"
    assert current["done_on_platform"] == ["Intake review"]
    assert _audit_rows(home, document.case.id)[-2:] == [
        ("workflow.done_on_platform", "platform"),
        ("workflow.started", "user:li.na"),
    ]
    assert _outbox(home, document.case.id) == []  # the platform is not told what it knows


def test_a_case_imported_while_under_review_starts_at_the_review(
    desk_home, tmp_path, capsys, language_restored
) -> None:
    home, _clock = desk_home
    _import_case(
        home,
        tmp_path,
        capsys,
        "DSP-2026-U00001",
        category="payment",
        reason="payment_error",
        status="under_review",
        history=["document.submitted"],
    )
    current = _status_json(home, capsys, "DSP-2026-U00001")
    assert (current["step_id"], current["role"]) == ("supervisor_review", "supervisor")
    assert current["done_on_platform"][0] == "Intake review"
    assert ("workflow.done_on_platform", "platform") in _audit_rows(home, "DSP-2026-U00001")


def test_reading_the_status_writes_nothing_even_for_a_case_stored_before_workflows(
    desk_home, tmp_path, capsys, language_restored
) -> None:
    home, clock = desk_home
    _import_case(home, tmp_path, capsys, "DSP-2026-W00001", category="quality", reason="defective")
    desk = Desk.open(home)
    try:  # as an older desk stored it: no workflow record
        with desk.unit_of_work() as uow:
            uow.session.execute(delete(m.WorkflowRecord))
            uow.commit()
    finally:
        desk.close()
    before = (_count(home, m.AuditEvent), _count(home, m.OutboxEntry))
    first = _status_json(home, capsys, "DSP-2026-W00001")
    clock.advance(hours=30)
    again = _status_json(home, capsys, "DSP-2026-W00001")
    assert main(["--home", str(home), "workflow", "status", "DSP-2026-W00001"]) == 0
    capsys.readouterr()
    assert _count(home, m.WorkflowRecord) == 0
    assert (_count(home, m.AuditEvent), _count(home, m.OutboxEntry)) == before
    assert first["step_id"] == again["step_id"] == "intake_review"
    assert first["deadline"] == again["deadline"]  # from its arrival, not from each read
    # Acting stores the start and the action together, and commits.
    code = main(
        ["--home", str(home), "workflow", "do", "DSP-2026-W00001", "answer", "--answer",
         "complete=yes", "--json"]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    assert _count(home, m.WorkflowRecord) == 1
    assert [action for action, _ in _audit_rows(home, "DSP-2026-W00001")][-2:] == [
        "workflow.started",
        "workflow.answered",
    ]
    assert _status_json(home, capsys, "DSP-2026-W00001")["deadline"] == first["deadline"]


def test_the_status_shows_the_steps_deadline_and_the_cases_time_limit_together(
    desk_home, tmp_path, capsys, language_restored
) -> None:
    home, _clock = desk_home
    # Opened two days ago with a time limit that passed yesterday; the step just began.
    _import_case(
        home,
        tmp_path,
        capsys,
        "DSP-2026-D00001",
        category="logistics",
        reason="late_delivery",
        due_at="2026-03-01T18:00:00+08:00",
    )
    current = _status_json(home, capsys, "DSP-2026-D00001")
    assert (current["overdue"], current["working_days_left"]) == (False, 2)
    assert (current["case_due_at"], current["case_overdue"]) == ("2026-03-01T18:00:00+08:00", True)
    assert main(["--home", str(home), "workflow", "status", "DSP-2026-D00001", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Step deadline: 2026-03-04T18:00+08:00, 2 working day(s) left" in out
    assert "Case time limit: 2026-03-01T18:00+08:00 — OVERDUE" in out
    assert (
        main(["--home", str(home), "workflow", "status", "DSP-2026-D00001", "--lang", "zh-Hant"])
        == 0
    )
    out = capsys.readouterr().out
    assert "步驟期限：2026-03-04T18:00+08:00，還剩 2 個工作日" in out
    assert "案件處理時限：2026-03-01T18:00+08:00——已逾期" in out


def test_a_refusal_is_said_in_the_language_asked_for(
    desk_home, tmp_path, capsys, language_restored
) -> None:
    home, _clock = desk_home
    _import_case(
        home, tmp_path, capsys, "DSP-2026-L00001", category="service", reason="rude_service"
    )
    argv = ["--home", str(home), "workflow", "do", "DSP-2026-L00001", "contact_parties"]
    assert main([*argv, "--lang", "zh-Hant"]) == 2
    assert "無法執行「受理，聯絡雙方」，尚缺：未回答：" in capsys.readouterr().err
    assert main([*argv, "--lang", "en"]) == 2
    assert "Cannot do 'Accept and contact both parties' yet. Missing: not answered:" in (
        capsys.readouterr().err
    )
