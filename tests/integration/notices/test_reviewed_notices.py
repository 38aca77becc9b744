"""A notice through the review desk (app/notices/reviewed.py): the drafter submits it,
a supervisor approves it unsigned and publishes the platform's copy after gating it on
their own desk. Refused, with nothing queued: another role, a document that is not a
notice or not approved, a copy not downloaded, a copy that leaks a personal datum."""

from __future__ import annotations

from typing import Any

import pytest

from app.desk import Desk
from app.errors import NotFound, PermissionDenied, ValidationError
from app.notices import NoticeBlocked
from app.notices.reviewed import publish_reviewed_notice, submit_notice
from app.review.service import approve_document
from app.services.outbox import list_outbox
from app.store import models as m
from reports import extract_pdf_text
from tests.integration.documents.stored_cases import MEDIATOR, SUPERVISOR
from tests.integration.notices.stored_notices import CASE, LEAKY_FINDINGS, draft, ruling_case


def _sign_in(desk: Desk, username: str) -> None:
    with desk.unit_of_work() as uow:
        uow.session.add(m.SyncState(platform_url="https://platform.test", username=username))
        uow.commit()


def _on_platform(desk: Desk, document_id: str, kind: str, sha256: str, size: int) -> None:
    """The row a sync stores for a document the platform holds, its PDF downloaded."""
    with desk.unit_of_work() as uow:
        uow.session.add(
            m.Document(
                case_id=CASE,
                document_id=document_id,
                kind=kind,
                sha256=sha256,
                size=size,
                created_at=uow.clock.now(),
                created_by=MEDIATOR,
                status="submitted",
                reviews=[],
                stored=True,
            )
        )
        uow.commit()


def _queued(desk: Desk, action_type: str) -> list[Any]:
    with desk.unit_of_work(read_only=True) as uow:
        return [i for i in list_outbox(uow, CASE) if i.action_type == action_type]


def test_the_drafter_submits_the_notice_once_and_a_supervisor_publishes_the_approved_copy(
    desk: Desk, clock: Any, tmp_path: Any
) -> None:
    ruling_case(desk, clock, tmp_path)
    notice = draft(desk).notice
    _sign_in(desk, "li.na")
    with desk.unit_of_work() as uow:
        first = submit_notice(uow, CASE, actor_id=MEDIATOR)
    with desk.unit_of_work() as uow:
        again = submit_notice(uow, CASE, actor_id=MEDIATOR)
    assert first.id == again.id
    assert first.body == {"type": "submit_document", "kind": "notice", "sha256": notice.sha256}
    # The drafter may not publish it.
    _on_platform(desk, "D5", "notice", notice.sha256, notice.size)
    with desk.unit_of_work() as uow, pytest.raises(PermissionDenied):
        publish_reviewed_notice(uow, CASE, "D5", extract_pdf_text, actor_id=MEDIATOR)

    with desk.unit_of_work() as uow:
        uow.session.query(m.SyncState).delete()
        uow.commit()
    _sign_in(desk, "wang.qiang")
    # Not approved yet, nor an approval waiting: refused.
    with desk.unit_of_work() as uow, pytest.raises(ValidationError, match="approve it first"):
        publish_reviewed_notice(uow, CASE, "D5", extract_pdf_text, actor_id=SUPERVISOR)
    assert _queued(desk, "publish_notice") == []

    def countersign(*_: Any) -> Any:
        raise AssertionError("a notice is not signed")

    with desk.unit_of_work() as uow:
        approval = approve_document(uow, CASE, "D5", "", countersign)
    assert "sha256" not in approval.outbox.body
    with desk.unit_of_work() as uow:
        published = publish_reviewed_notice(uow, CASE, "D5", extract_pdf_text, actor_id=SUPERVISOR)
    assert published.body == {"type": "publish_notice", "document_id": "D5"}
    assert [i.id for i in _queued(desk, "publish_notice")] == [published.id]
    # The approval was queued first, so it reaches the platform first.
    assert approval.outbox.id < published.id


def test_a_ruling_a_missing_copy_or_a_leaking_copy_is_not_published(
    desk: Desk, clock: Any, tmp_path: Any
) -> None:
    ruling_case(desk, clock, tmp_path, LEAKY_FINDINGS)
    _sign_in(desk, "wang.qiang")
    with desk.unit_of_work(read_only=True) as uow:
        (ruling,) = uow.session.query(m.DecisionDocument).all()
        ruling_sha, ruling_size = ruling.sha256, ruling.size
    _on_platform(desk, "D1", "ruling", ruling_sha, ruling_size)
    with desk.unit_of_work() as uow, pytest.raises(ValidationError, match="not a notice"):
        publish_reviewed_notice(uow, CASE, "D1", extract_pdf_text, actor_id=SUPERVISOR)
    # The ruling's own PDF as if it were the notice: its findings name the buyer.
    _on_platform(desk, "D2", "notice", ruling_sha, ruling_size)
    with desk.unit_of_work() as uow:
        uow.session.query(m.Document).filter(m.Document.document_id == "D2").update(
            {"status": "approved"}
        )
        uow.commit()
    with desk.unit_of_work() as uow, pytest.raises(NoticeBlocked) as blocked:
        publish_reviewed_notice(uow, CASE, "D2", extract_pdf_text, actor_id=SUPERVISOR)
    assert "13800138000" not in blocked.value.text("en")
    _on_platform(desk, "D3", "notice", "0" * 64, 100)
    with desk.unit_of_work() as uow:
        uow.session.query(m.Document).filter(m.Document.document_id == "D3").update(
            {"status": "approved"}
        )
        uow.commit()
    with desk.unit_of_work() as uow, pytest.raises(NotFound):
        publish_reviewed_notice(uow, CASE, "D3", extract_pdf_text, actor_id=SUPERVISOR)
    assert _queued(desk, "publish_notice") == []


def test_the_commands_submit_and_publish_the_reviewed_notice(
    desk: Desk, clock: Any, tmp_path: Any, capsys: Any
) -> None:
    import json

    from app.cli.main import main

    ruling_case(desk, clock, tmp_path)
    notice = draft(desk).notice
    _sign_in(desk, "li.na")
    home = str(desk.paths.home)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--home", home, "--lang", "en", *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, err = run("notice", "submit", CASE, "--json")
    assert code == 0, err
    submitted = json.loads(out)
    assert submitted["sha256"] == notice.sha256 and submitted["state"] == "pending"
    code, out, err = run("notice", "submit", CASE)
    assert code == 0 and f"#{submitted['outbox_id']}" in out, err  # the same entry

    _on_platform(desk, "D5", "notice", notice.sha256, notice.size)
    code, _, err = run("notice", "publish", CASE, "--document", "D5")
    assert code == 5 and "supervisor" in err, err  # a mediator may not
    with desk.unit_of_work() as uow:
        uow.session.query(m.SyncState).delete()
        uow.commit()
    _sign_in(desk, "wang.qiang")
    code, _, err = run("notice", "publish", CASE, "--document", "D5")
    assert code == 2 and "approve it first" in err, err
    with desk.unit_of_work() as uow:
        approve_document(uow, CASE, "D5", "")
    code, out, err = run("notice", "publish", CASE, "--document", "D5", "--json")
    assert code == 0, err
    assert json.loads(out)["queued"] is True and json.loads(out)["document_id"] == "D5"
    assert len(_queued(desk, "publish_notice")) == 1


def test_neither_way_publishes_while_an_appeal_has_the_case_under_review_again(
    desk: Desk, clock: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A party appealed: the case is under review again with its decision still on it, and
    the decision may change — so neither the desk's own notice nor the reviewed copy is
    published, and nothing is queued. The same case once decided again publishes."""
    from app.contract.case_document import CaseDocument
    from app.notices import reviewed, service

    ruling_case(desk, clock, tmp_path)
    notice = draft(desk).notice
    _sign_in(desk, "wang.qiang")
    _on_platform(desk, "D5", "notice", notice.sha256, notice.size)
    original = service.case_document

    def appealed(uow: Any, case_id: str) -> CaseDocument:
        data = original(uow, case_id).to_json_dict()
        data["case"]["status"] = "under_review"
        data["decision"] = {
            "id": "DEC-D1",
            "kind": "ruling",
            "decided_at": "2026-03-10T10:00:00+08:00",
            "outcome": "partial",
        }
        return CaseDocument.model_validate(data)

    monkeypatch.setattr(service, "case_document", appealed)
    monkeypatch.setattr(reviewed, "case_document", appealed)
    for publish in (
        lambda uow: service.publish_notice(uow, CASE, extract_pdf_text, actor_id=SUPERVISOR),
        lambda uow: publish_reviewed_notice(uow, CASE, "D5", extract_pdf_text, actor_id=SUPERVISOR),
    ):
        with desk.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
            publish(uow)
        assert "under review again after an appeal" in refused.value.text("en")
        assert "重新进入复核" in refused.value.text("zh-Hans")
    assert _queued(desk, "publish_notice") == []

    monkeypatch.setattr(service, "case_document", original)
    with desk.unit_of_work() as uow:
        service.publish_notice(uow, CASE, extract_pdf_text, actor_id=SUPERVISOR)
    assert len(_queued(desk, "publish_notice")) == 1
