"""Cases walked to each document's drafting step with the pure engine, and their records."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from app.contract.case_document import CaseDocument
from app.documents.assembly import DocumentIdentity, DraftSource, build_record
from app.documents.records import DecisionRecord, DocumentKind
from app.workflow import ScriptLibrary, default_calendar, facts_from_document
from app.workflow.calendar import CHINA_TIME
from tests.unit.workflow.cases import Walk, case_document, propose, to_evidence

START = datetime(2026, 3, 2, 9, 0, tzinfo=CHINA_TIME)
DOCUMENT_DATE = date(2026, 11, 22)
FINDINGS = (
    "经查，买家于2026年2月25日下单购买羊毛大衣一件，实付金额1,299.00元。商品页快照载明“100%羊毛”，"
    "而买家提交的检测报告显示羊毛含量仅为32%。商家未能提供相反证据。"
)
REASONING = (
    "商品实际成分与商品页描述明显不符，构成描述不符。依据平台规则及《消费者权益保护法》的相关规定，"
    "商家应承担相应责任；考虑到买家希望保留商品，部分退款较为适当。"
)
_LIBRARY = ScriptLibrary.load()


def rich_document(**changes: Any) -> CaseDocument:
    """A case document with contact data, an ID number and real hashes."""
    import hashlib

    data = case_document(**changes).to_json_dict()
    buyer, merchant = data["parties"][0], data["parties"][1]
    buyer.update(
        legal_name="张三",
        person_kind="natural_person",
        id_number="110101199003071234",
        contact={
            "phone": "13800138000",
            "email": "zhangsan@example.com",
            "address": "北京市东城区景山前街4号",
        },
    )
    merchant.update(
        legal_name="杭州暖冬服饰有限公司",
        person_kind="organisation",
        id_number="91330100MA2XXXXX1X",
        contact={
            "phone": "0571-88886666",
            "email": "service@nuandong.example",
            "address": "浙江省杭州市余杭区文一西路969号",
        },
    )
    for item in data["evidence"]:
        item["sha256"] = hashlib.sha256(item["id"].encode()).hexdigest()
    return CaseDocument.model_validate(data)


def _walk(document: CaseDocument) -> Walk:
    return Walk(_LIBRARY, default_calendar(), facts_from_document(document), START)


def at_ruling_draft(
    document: CaseDocument | None = None, *, answered: bool = True
) -> tuple[Walk, CaseDocument]:
    document = document or rich_document()
    walk = _walk(document)
    to_evidence(walk)
    propose(walk)
    walk.do("record_response", {"party": "merchant", "decision": "accept"})
    walk.do("record_response", {"party": "buyer", "decision": "reject", "text": "金额太少"})
    walk.do("ruling_draft")
    if answered:
        walk.do(
            "answer",
            {
                "findings_of_fact": FINDINGS,
                "reasoning": REASONING,
                "rules_relied_on": "platform_rules,consumer_protection_law",
                "outcome": "partial",
                "remedy": "partial_refund",
                "remedy_amount": "500.00",
                "remedy_due_days": "within_5",
                "sanctions": "warning,credit_deduction",
            },
        )
    return walk, document


def at_settlement(document: CaseDocument | None = None) -> tuple[Walk, CaseDocument]:
    document = document or rich_document()
    walk = _walk(document)
    to_evidence(walk)
    propose(walk)
    walk.do("record_response", {"party": "buyer", "decision": "accept", "text": "电话确认接受"})
    walk.do("record_response", {"party": "merchant", "decision": "accept"})
    walk.do("settlement")
    return walk, document


def at_dismissal_draft(*, answered: bool = True) -> tuple[Walk, CaseDocument]:
    document = rich_document(
        category="after_sales", reason="return_refused", flags=["suspected_malicious"]
    )
    walk = _walk(document)
    walk.fill()
    walk.do("contact_parties")
    walk.fill({"complainant_heard": "yes"})
    walk.do("evidence")
    walk.fill({"malicious_established": "yes"})
    walk.do("dismissal_draft")
    if answered:
        walk.do(
            "answer",
            {
                "grounds": "item_swapped,fabricated_evidence",
                "findings_of_fact": "经核实，买家退回的商品序列号与发货记录不一致，退回的是另一件旧商品。",
                "reasoning": "物流记录与商家的开箱视频相互印证，买家未能作出合理解释，其投诉属于恶意投诉。",
                "rules_relied_on": "platform_rules,civil_code",
                "complainant_measures": "warning",
            },
        )
    return walk, document


def source_of(walk: Walk, document: CaseDocument) -> DraftSource:
    states = {item.id: "verified" for item in document.evidence}
    return DraftSource(
        document=document,
        state=walk.state,
        script=walk.script,
        evidence_states=states,  # type: ignore[arg-type]
        user_names={"li.na": "李娜", "wang.qiang": "王强"},
        now=walk.now + timedelta(hours=1),
    )


def record_for(
    kind: DocumentKind,
    walk: Walk,
    document: CaseDocument,
    language: str = "zh-Hans",
    version: int = 1,
) -> DecisionRecord:
    identity = DocumentIdentity(
        f"{kind[0].upper()}{version}", version, None, DOCUMENT_DATE, language
    )  # type: ignore[arg-type]
    return build_record(kind, source_of(walk, document), identity)
