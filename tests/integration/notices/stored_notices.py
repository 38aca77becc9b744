"""Cases on a real store with a decision drafted, for the notice tests."""

from __future__ import annotations

from pathlib import Path

from app.clock import FixedClock
from app.desk import Desk
from app.documents import draft_document
from app.notices.service import NoticeDraft, draft_notice
from reports import extract_pdf_text, render_notice, render_record
from tests.integration.documents.stored_cases import (
    MEDIATOR,
    import_case,
    walk_to_ruling_draft,
    walk_to_settlement,
)

CASE = "DSP-2026-004711"
# What the mediator wrote in the findings, hiding the buyer's data the ways real text
# does: the phone glued to 汉字, the ID in groups, the address, the order number.
LEAKY_FINDINGS = (
    "经查，买家张三（电话13800138000）于2026年2月25日下单购买羊毛大衣一件，"
    "身份证号110101 19900307 1234，收货地址北京市东城区景山前街4号，"
    "订单号TB20260225883104，运单号ZT7881234567890。"
    "商品页快照载明“100%羊毛”，检测报告显示羊毛含量仅为32%。张先生要求退款。"
)


ORDER_ID, TRACKING, TRANSACTION = "TB20260225883104", "ZT7881234567890", "2026022522001417"


def import_realistic_case(desk: Desk, tmp_path: Path) -> None:
    """The documents tests' case, with an order, tracking and transaction number of the
    length real ones have (the gate must find those too)."""
    import tests.integration.documents.stored_cases as stored

    original = stored.rich_document

    def with_numbers(**facts: object):  # type: ignore[no-untyped-def]
        document = original(**facts)
        data = document.to_json_dict()
        data["order"]["id"] = ORDER_ID
        data["order"]["transaction_id"] = TRANSACTION
        data["order"]["shipment"]["tracking_number"] = TRACKING
        return type(document).model_validate(data)

    stored.rich_document = with_numbers  # type: ignore[assignment]
    try:
        import_case(desk, tmp_path, CASE)
    finally:
        stored.rich_document = original  # type: ignore[assignment]


def ruling_case(desk: Desk, clock: FixedClock, tmp_path: Path, findings: str | None = None) -> None:
    import_realistic_case(desk, tmp_path)
    walk = walk_to_ruling_draft(desk, clock, CASE, answered=False)
    from tests.integration.documents.stored_cases import RULING_ANSWERS

    answers = dict(RULING_ANSWERS)
    if findings is not None:
        answers["findings_of_fact"] = findings
    walk.do("answer", answers)
    with desk.unit_of_work() as uow:
        draft_document(uow, CASE, render_record, actor_id=MEDIATOR)


def settled_case(desk: Desk, clock: FixedClock, tmp_path: Path) -> None:
    import_realistic_case(desk, tmp_path)
    walk_to_settlement(desk, clock, CASE)
    with desk.unit_of_work() as uow:
        draft_document(uow, CASE, render_record, actor_id=MEDIATOR)


def draft(desk: Desk, **options: object) -> NoticeDraft:
    with desk.unit_of_work() as uow:
        return draft_notice(
            uow,
            CASE,
            render_notice,
            extract_pdf_text,
            actor_id=MEDIATOR,
            **options,  # type: ignore[arg-type]
        )
