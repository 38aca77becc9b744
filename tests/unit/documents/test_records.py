"""Records are built from the case and its workflow, and only once the workflow has
produced what they say."""

from __future__ import annotations

import hashlib

import pytest

from app.documents import (
    Dismissal,
    DocumentNotReady,
    Ruling,
    SettlementAgreement,
    for_party,
    kind_at,
    manifest_digest,
    record_from_json,
    record_to_json,
)
from tests.unit.documents.walks import (
    DOCUMENT_DATE,
    FINDINGS,
    at_dismissal_draft,
    at_ruling_draft,
    at_settlement,
    record_for,
    source_of,
)


def test_a_ruling_carries_the_case_the_evidence_and_the_decision() -> None:
    walk, document = at_ruling_draft()
    assert kind_at(source_of(walk, document)) == "ruling"
    record = record_for("ruling", walk, document)
    assert isinstance(record, Ruling)
    case = record.case
    assert (case.case_id, case.document_id, case.version) == ("DSP-2026-000123", "R1", 1)
    assert case.document_date == DOCUMENT_DATE
    assert [p.role for p in case.parties][:2] == ["buyer", "merchant"]
    assert case.party("buyer").id_number == "110101199003071234"  # type: ignore[union-attr]
    assert case.order.total_paid.value == 129900 and case.order.delivered_at is not None
    assert len(case.evidence) == len(document.evidence)
    assert {item.verification for item in case.evidence} == {"verified"}
    assert case.evidence_manifest_sha256 == manifest_digest(item.sha256 for item in case.evidence)
    assert record.findings_of_fact == FINDINGS
    assert [c.code for c in record.rules_relied_on] == ["platform_rules", "consumer_protection_law"]
    assert record.rules_relied_on[1].text == "《消费者权益保护法》"
    assert record.outcome.code == "partial"
    (remedy,) = record.remedies
    assert (remedy.remedy, remedy.payer_role, remedy.payee_role) == (
        "partial_refund",
        "merchant",
        "buyer",
    )
    assert remedy.amount is not None and remedy.amount.value == 50000
    assert remedy.due_working_days == 5
    assert [c.code for c in record.sanctions] == ["warning", "credit_deduction"]
    assert record.appeal.working_days == 10
    assert [o.offer_id for o in case.offers] == ["L1"]
    assert [a.decision for a in case.offers[0].answers] == ["accept", "reject"]
    assert any(step.event == "desk.propose_offer" for step in case.process)
    mediator, supervisor = case.signatories
    assert (mediator.username, mediator.name) == ("li.na", "李娜")
    assert supervisor.role == "supervisor" and supervisor.name is None


def test_the_record_is_said_in_the_documents_language() -> None:
    walk, document = at_ruling_draft()
    record = record_for("ruling", walk, document, language="en")
    assert isinstance(record, Ruling)
    assert record.case.language == "en"
    assert record.rules_relied_on[1].text == "Consumer Rights Protection Law"


def test_a_ruling_is_refused_naming_every_missing_answer() -> None:
    walk, document = at_ruling_draft(answered=False)
    with pytest.raises(DocumentNotReady) as refused:
        record_for("ruling", walk, document)
    text = refused.value.text("en")
    for label in ("Findings of fact", "Reasoning", "Rules and law relied on", "Decision", "Remedy"):
        assert label in text
    assert "查明的事实" in refused.value.text("zh-Hans")
    walk.do("answer", {"outcome": "merchant_favour"})
    with pytest.raises(DocumentNotReady) as refused:
        record_for("ruling", walk, document)
    assert "Remedy" not in refused.value.text("en")  # not needed when the buyer loses


def test_a_ruling_is_refused_before_the_drafting_step() -> None:
    walk, document = at_settlement()
    with pytest.raises(DocumentNotReady) as refused:
        record_for("ruling", walk, document)
    assert "Draft the ruling" in refused.value.text("en")


def test_a_settlement_agreement_carries_the_terms_and_each_acceptance() -> None:
    walk, document = at_settlement()
    assert kind_at(source_of(walk, document)) == "settlement"
    record = record_for("settlement", walk, document)
    assert isinstance(record, SettlementAgreement)
    assert record.terms.remedy == "partial_refund" and record.terms.amount is not None
    assert record.terms.amount.value == 30000
    buyer, merchant = record.acceptances
    assert (buyer.party_role, buyer.channel, buyer.recorded_by) == ("buyer", "mediator", "李娜")
    assert merchant.party_role == "merchant"
    assert buyer.at < merchant.at


def test_a_dismissal_carries_its_grounds_and_measures() -> None:
    walk, document = at_dismissal_draft()
    assert kind_at(source_of(walk, document)) == "dismissal"
    record = record_for("dismissal", walk, document)
    assert isinstance(record, Dismissal)
    assert record.basis == "malicious"
    assert [g.code for g in record.grounds] == ["item_swapped", "fabricated_evidence"]
    assert [m.code for m in record.complainant_measures] == ["warning"]


def test_a_dismissal_is_refused_without_its_grounds() -> None:
    walk, document = at_dismissal_draft(answered=False)
    with pytest.raises(DocumentNotReady) as refused:
        record_for("dismissal", walk, document)
    assert "Grounds for dismissal" in refused.value.text("en")


def test_the_evidence_manifest_is_sha256_over_the_hashes_one_per_line() -> None:
    hashes = [hashlib.sha256(str(n).encode()).hexdigest() for n in range(3)]
    expected = hashlib.sha256("".join(h + "\n" for h in hashes).encode()).hexdigest()
    assert manifest_digest(hashes) == expected
    assert manifest_digest(reversed(hashes)) != expected  # the order is part of it


def test_the_record_reads_back_from_json_unchanged() -> None:
    for walk, document, kind in (
        (*at_ruling_draft(), "ruling"),
        (*at_settlement(), "settlement"),
        (*at_dismissal_draft(), "dismissal"),
    ):
        record = record_for(kind, walk, document)  # type: ignore[arg-type]
        assert record_from_json(record_to_json(record)) == record


def test_a_party_copy_leaves_out_the_other_sides_contact_data_only() -> None:
    walk, document = at_ruling_draft()
    record = record_for("ruling", walk, document)
    copy = for_party(record, "buyer")
    buyer, merchant = copy.case.party("buyer"), copy.case.party("merchant")
    assert buyer == record.case.party("buyer")
    assert merchant is not None and merchant.withheld
    assert (merchant.id_number, merchant.phone, merchant.email, merchant.address) == (None,) * 4
    assert merchant.name == "杭州暖冬服饰有限公司" and merchant.role == "merchant"
    assert copy.case.copy_for == "buyer"


def test_a_complaint_declined_as_out_of_scope_gets_a_dismissal_with_its_reasons() -> None:
    from app.workflow import ScriptLibrary, default_calendar, facts_from_document
    from tests.unit.documents.walks import START, rich_document
    from tests.unit.workflow.cases import Walk

    document = rich_document()
    walk = Walk(ScriptLibrary.load(), default_calendar(), facts_from_document(document), START)
    reason = "该投诉涉及线下交易，不属于平台受理范围。"
    walk.fill({"within_scope": "no", "not_accepted_reason": reason})
    walk.do("decline")
    assert walk.state.step_id == "closed"
    assert kind_at(source_of(walk, document)) == "dismissal"
    record = record_for("dismissal", walk, document)
    assert isinstance(record, Dismissal)
    assert (record.basis, record.reasoning, record.grounds) == ("out_of_scope", reason, ())
