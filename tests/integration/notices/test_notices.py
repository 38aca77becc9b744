"""Public notices on a real store: built from the latest decision through the anonymizer,
kept as versions beside the decision documents, refused for settled cases without a
supervisor's written override, and published only through the gate over the PDF's own
text (read back here with poppler's ``pdftotext``, a second, independent extractor)."""

from __future__ import annotations

import dataclasses
import hashlib
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.desk import Desk
from app.documents import draft_document, list_documents
from app.errors import PermissionDenied, ValidationError
from app.notices import NoticeBlocked, SettledCaseNotPublished, notice_from_json
from app.notices.service import (
    list_notices,
    notice_preview,
    publish_notice,
    read_notice,
)
from app.services.outbox import list_outbox
from app.store import models as m
from reports import extract_pdf_text, render_notice, render_record
from reports.notice_pdf import notice_template
from reports.templates import Template
from tests.integration.documents.stored_cases import MEDIATOR, SUPERVISOR
from tests.integration.notices.stored_notices import (
    CASE,
    LEAKY_FINDINGS,
    ORDER_ID,
    TRACKING,
    TRANSACTION,
    draft,
    ruling_case,
    settled_case,
)

# Every personal datum of the case, in each spelling a reader could search for.
PERSONAL = (
    "张三", "張三", "冬天的风", "冬天的風", "13800138000", "138 0013 8000", "zhangsan@example.com",
    "110101199003071234", "110101 19900307 1234", "景山前街", "0571-88886666", "88886666",
    "service@nuandong.example", "文一西路", ORDER_ID, TRACKING, TRANSACTION,
)  # fmt: skip


def _pdftotext(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "notice.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _sign_in(desk: Desk, username: str) -> None:
    with desk.unit_of_work() as uow:
        uow.session.add(m.SyncState(platform_url="https://platform.test", username=username))
        uow.commit()


def _publications(uow):  # type: ignore[no-untyped-def]
    return [item for item in list_outbox(uow, CASE) if item.action_type == "publish_notice"]


def _audit(desk: Desk, action: str) -> list[dict[str, object]]:
    with desk.unit_of_work(read_only=True) as uow:
        return [
            dict(changes)
            for changes in uow.session.execute(
                select(m.AuditEvent.changes).where(m.AuditEvent.action == action)
            ).scalars()
        ]


@pytest.fixture()
def leaky_ruling(desk: Desk, clock: FixedClock, tmp_path: Path) -> None:
    ruling_case(desk, clock, tmp_path, LEAKY_FINDINGS)


def test_a_notice_is_a_stored_version_with_a_hash_named_file_a_row_and_an_audit_event(
    desk, leaky_ruling
) -> None:
    result = draft(desk)
    notice = result.notice
    assert result.created and notice.notice_id == "N2" and notice.version == 2
    assert (notice.source_document_id, notice.source_kind, notice.state) == (
        "R1",
        "ruling",
        "draft",
    )
    stored = desk.evidence.path_of(notice.sha256)
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == notice.sha256
    with desk.unit_of_work(read_only=True) as uow:
        assert read_notice(uow, CASE) == stored.read_bytes()
        assert [n.notice_id for n in list_notices(uow, CASE)] == ["N2"]
        # The decision documents' list and chain do not see the notice.
        assert [d.document_id for d in list_documents(uow, CASE)] == ["R1"]
    [event] = _audit(desk, "notice.drafted")
    assert event["sha256"] == notice.sha256 and event["source_document_id"] == "R1"
    assert event["gate"] == [] and result.findings == ()


def test_the_published_pdf_holds_no_personal_datum_of_anyone_in_the_case(
    desk, leaky_ruling, tmp_path
) -> None:
    draft(desk)
    with desk.unit_of_work(read_only=True) as uow:
        data = read_notice(uow, CASE)
    text = _pdftotext(data, tmp_path)
    compact = "".join(text.split())
    for value in PERSONAL:
        assert value not in text and "".join(value.split()) not in compact, value
    # What a notice publishes is there: the surname, the shop, the outcome, the rules.
    for kept in ("张某", "暖冬服饰旗舰店", "部分支持", "消费者权益保护法", CASE, "北京市东城区"):
        assert kept in compact, kept


def test_every_redaction_is_kept_with_its_kind_rule_and_place_but_never_the_value(
    desk, leaky_ruling
) -> None:
    draft(desk)
    with desk.unit_of_work(read_only=True) as uow:
        row = uow.session.execute(
            select(m.DecisionDocument).where(m.DecisionDocument.kind == "notice")
        ).scalar_one()
        record = notice_from_json(row.record)
        stored = repr(row.record)
    kinds = {r.kind for r in record.redactions if r.field == "summary"}
    assert {"person_name", "phone", "resident_id", "address", "order_number"} <= kinds
    for r in record.redactions:
        assert record.texts[r.field][r.start : r.end] == r.replacement
    for value in PERSONAL:
        assert value not in stored, value


def test_drafting_again_unchanged_keeps_the_notice_and_a_new_ruling_makes_a_new_one(
    desk, clock, leaky_ruling
) -> None:
    first = draft(desk).notice
    again = draft(desk)
    assert not again.created and again.notice == first
    # The mediator changes the ruling: the next ruling draft supersedes R1, not the notice.
    with desk.unit_of_work() as uow:
        state = uow.session.get(m.WorkflowRecord, CASE)
        assert state is not None
        answers = dict(state.state)
        step = dict(answers["answers"])
        ruling_step = next(k for k, v in step.items() if "findings_of_fact" in v)
        step[ruling_step] = {**step[ruling_step], "findings_of_fact": "经查，商品与描述不符。"}
        state.state = {**answers, "answers": step}
        uow.commit()
    with desk.unit_of_work() as uow:
        ruling = draft_document(uow, CASE, render_record, actor_id=MEDIATOR).document
    assert ruling.document_id == "R3"  # versions count with the notice's
    with desk.unit_of_work(read_only=True) as uow:
        assert [n.state for n in list_notices(uow, CASE)] == ["draft"]
    _sign_in(desk, "wang.qiang")
    with desk.unit_of_work() as uow, pytest.raises(ValidationError) as stale:
        publish_notice(uow, CASE, extract_pdf_text, actor_id=SUPERVISOR)
    assert "R3" in stale.value.text("en")
    second = draft(desk).notice
    assert second.notice_id == "N4" and second.source_document_id == "R3"
    with desk.unit_of_work(read_only=True) as uow:
        assert [(n.notice_id, n.state) for n in list_notices(uow, CASE)] == [
            ("N2", "superseded"),
            ("N4", "draft"),
        ]


def test_a_settled_case_is_not_published_without_a_supervisors_written_reason(
    desk, clock, tmp_path
) -> None:
    settled_case(desk, clock, tmp_path)
    with pytest.raises(SettledCaseNotPublished) as refused:
        draft(desk)
    assert "art. 4" in refused.value.text("en")
    with pytest.raises(SettledCaseNotPublished):
        draft(desk, override_reason="   ")
    with desk.unit_of_work(read_only=True) as uow:
        assert list_notices(uow, CASE) == ()
    _sign_in(desk, "li.na")  # a mediator may not override
    with pytest.raises(PermissionDenied):
        draft(desk, override_reason="典型案例，具有警示意义")
    with desk.unit_of_work(read_only=True) as uow:
        assert list_notices(uow, CASE) == ()


def test_a_supervisors_override_publishes_a_settled_case_and_the_audit_trail_keeps_the_reason(
    desk, clock, tmp_path
) -> None:
    settled_case(desk, clock, tmp_path)
    _sign_in(desk, "wang.qiang")
    reason = "同类纠纷多发，经主管批准作为典型案例公示"
    notice = draft(desk, override_reason=reason).notice
    assert notice.settled_override and notice.source_kind == "settlement"
    with desk.unit_of_work() as uow, pytest.raises(SettledCaseNotPublished):
        publish_notice(uow, CASE, extract_pdf_text, actor_id=SUPERVISOR)
    with desk.unit_of_work() as uow:
        publish_notice(uow, CASE, extract_pdf_text, actor_id=SUPERVISOR, override_reason=reason)
    assert _audit(desk, "notice.drafted")[0]["settled_override_reason"] == reason
    assert _audit(desk, "notice.publish_queued")[0]["settled_override_reason"] == reason
    with desk.unit_of_work(read_only=True) as uow:
        text = extract_pdf_text(read_notice(uow, CASE))
    assert "经主管书面批准例外予以公示" in "".join(text.split())


def test_publishing_queues_the_action_with_the_notices_hash_for_a_supervisor(
    desk, leaky_ruling
) -> None:
    notice = draft(desk).notice
    _sign_in(desk, "wang.qiang")
    with desk.unit_of_work() as uow:
        result = publish_notice(uow, CASE, extract_pdf_text, actor_id=SUPERVISOR)
    assert result.notice.state == "publish_queued"
    with desk.unit_of_work(read_only=True) as uow:
        [item] = _publications(uow)
    assert item.body == {"type": "publish_notice", "sha256": notice.sha256}
    assert _audit(desk, "notice.publish_queued")[0]["outbox_id"] == item.id
    with desk.unit_of_work() as uow, pytest.raises(ValidationError):
        publish_notice(uow, CASE, extract_pdf_text, actor_id=SUPERVISOR)  # queued already


def test_a_mediator_cannot_publish_and_nothing_is_queued(desk, leaky_ruling) -> None:
    draft(desk)
    _sign_in(desk, "li.na")
    with desk.unit_of_work() as uow, pytest.raises(PermissionDenied) as refused:
        publish_notice(uow, CASE, extract_pdf_text, actor_id=MEDIATOR)
    assert "supervisor" in refused.value.text("en")
    with desk.unit_of_work(read_only=True) as uow:
        assert _publications(uow) == []


def _leaky_template(sentence: str) -> Template:
    clean = notice_template("zh-Hans")
    data = {**clean._data, "text": {**clean._data["text"], "objection": sentence}}
    return Template("zh-Hans", data)


@pytest.mark.parametrize(
    ("sentence", "field", "kind"),
    [
        ("如有异议请致电19912345678联系。", "detector", "phone"),  # nobody's in the case
        ("如有异议请致电138-0013-8000联系。", "parties[0].contact.phone", "phone"),
        ("异议请寄送張三收。", "parties[0].legal_name", "person_name"),
    ],
)
def test_the_gate_blocks_a_pdf_whose_template_leaks_although_the_input_was_clean(
    desk, clock, tmp_path, sentence, field, kind
) -> None:
    ruling_case(desk, clock, tmp_path)  # clean findings
    leaky = _leaky_template(sentence)
    with desk.unit_of_work() as uow:
        from app.notices.service import draft_notice

        result = draft_notice(
            uow,
            CASE,
            lambda record: render_notice(record, leaky),
            extract_pdf_text,
            actor_id=MEDIATOR,
        )
    # The record (the input of the PDF) is clean; the PDF is not.
    with desk.unit_of_work(read_only=True) as uow:
        preview = notice_preview(uow, CASE)
    assert all(sentence not in text for text in preview.record.texts.values())
    assert (field, kind) in {(f.field, f.kind) for f in result.findings}
    _sign_in(desk, "wang.qiang")
    with desk.unit_of_work() as uow, pytest.raises(NoticeBlocked) as blocked:
        publish_notice(uow, CASE, extract_pdf_text, actor_id=SUPERVISOR)
    message = blocked.value.text("en") + blocked.value.text("zh-Hans")
    assert field in message
    for value in ("19912345678", "13800138000", "138-0013-8000", "張三", "张三"):
        assert value not in message
    with desk.unit_of_work(read_only=True) as uow:
        assert _publications(uow) == []
        assert [n.state for n in list_notices(uow, CASE)] == ["draft"]
    [event] = _audit(desk, "notice.blocked")
    assert {
        "field": field,
        "kind": kind,
        "found_by": "known" if field != "detector" else "detector",
    } in event["gate"]  # type: ignore[operator]


def test_the_preview_shows_the_published_text_beside_its_source(desk, leaky_ruling) -> None:
    with desk.unit_of_work(read_only=True) as uow:
        preview = notice_preview(uow, CASE)
    assert preview.sources["summary"] == LEAKY_FINDINGS
    assert "13800138000" not in preview.record.summary
    assert not preview.settled
    phone = next(r for r in preview.record.redactions if r.kind == "phone")
    assert preview.record.summary[phone.start : phone.end] == phone.replacement


def test_the_notice_renders_the_same_bytes_for_the_same_record(desk, leaky_ruling) -> None:
    draft(desk)
    with desk.unit_of_work(read_only=True) as uow:
        row = uow.session.execute(
            select(m.DecisionDocument).where(m.DecisionDocument.kind == "notice")
        ).scalar_one()
        record = notice_from_json(row.record)
        pdf = read_notice(uow, CASE)
    assert render_notice(record).data == pdf
    other = dataclasses.replace(record, version=record.version + 1)
    assert render_notice(other).data != pdf
