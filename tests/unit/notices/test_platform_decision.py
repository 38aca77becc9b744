"""A notice of a decision this desk did not draft: built from what the platform recorded
on the case document (kind, outcome, remedies, the document that carries it)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import pytest

from app.contract.case_document import CaseDocument
from app.notices import NoticeIdentity, SettledCaseNotPublished, build_notice
from app.notices.platform_decision import platform_decision
from reports import extract_pdf_text, render_notice
from tests.unit.documents.walks import rich_document

IDENTITY = NoticeIdentity("N1", 1, None, date(2026, 12, 1), "zh-Hans")
PDF_SHA = hashlib.sha256(b"the approved ruling").hexdigest()


def _decided(kind: str, outcome: str, **decision: Any) -> CaseDocument:
    data = rich_document().to_json_dict()
    data["case"]["status"] = "resolved"
    data["decision"] = {
        "id": "DEC-1",
        "kind": kind,
        "decided_at": "2026-11-20T10:00:00+08:00",
        "outcome": outcome,
        **decision,
    }
    data["documents"] = [
        {
            "id": "D2",
            "kind": "ruling",
            "sha256": PDF_SHA,
            "size": 1000,
            "created_at": "2026-11-19T10:00:00+08:00",
            "created_by": "mediator1",
            "status": "approved",
            "reviews": [],
        }
    ]
    return CaseDocument.model_validate(data)


def test_a_ruling_approved_on_the_platform_is_reported_with_its_document_and_remedies() -> None:
    case = _decided(
        "ruling",
        "buyer_favour",
        document_sha256=PDF_SHA,
        remedies=[
            {
                "remedy": "refund",
                "amount": {"value": 19900, "currency": "CNY"},
                "payer": "P2",
                "payee": "P1",
            }
        ],
    )
    decision = platform_decision(case)
    assert decision is not None and (decision.document_id, decision.sha256) == ("D2", PDF_SHA)
    record = build_notice(decision, decision.sha256, case, IDENTITY)
    assert (record.source_kind, record.source_document_id) == ("ruling", "D2")
    assert record.buyer == "张某" and "张三" not in record.buyer
    assert record.outcome is not None
    assert record.outcome.text == "支持买家；商家向买家退款 ¥199.00"
    assert [rule.text for rule in record.rules_relied_on] == ["见本案决定文书 D2"]
    assert record.summary == record.reasoning == ""
    assert {r.field for r in record.redactions} == {"buyer"}


def test_a_dismissal_closed_without_a_document_is_named_by_its_decision() -> None:
    case = _decided("dismissal", "dismissed")
    decision = platform_decision(case)
    assert decision is not None and decision.document_id == "DEC-1"
    changed = _decided("dismissal", "withdrawn")
    other = platform_decision(changed)
    assert other is not None and other.sha256 != decision.sha256  # a changed decision is stale
    record = build_notice(decision, decision.sha256, case, IDENTITY)
    text = "".join(extract_pdf_text(render_notice(record).data).split())
    assert "处理结果驳回投诉" in text and "所依据的规则见平台对本案的决定DEC-1" in text
    # Without findings or reasons the notice's only heading is numbered first.
    assert "一、异议方式" in text and "三、" not in text


def test_a_settlement_recorded_by_the_platform_needs_the_supervisors_override() -> None:
    case = _decided("settlement", "partial")
    decision = platform_decision(case)
    assert decision is not None
    with pytest.raises(SettledCaseNotPublished):
        build_notice(decision, decision.sha256, case, IDENTITY)
    record = build_notice(decision, decision.sha256, case, IDENTITY, settled_override=True)
    assert record.settled_override and record.outcome is None and record.rules_relied_on == ()


def test_a_case_without_a_decision_has_none_to_report() -> None:
    assert platform_decision(rich_document()) is None
