"""Whole cases walked through the engine, script by script (pure engine, no database)."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.errors import ValidationError
from app.workflow import ScriptLibrary
from app.workflow.calendar import CHINA_TIME, WorkingDayCalendar

from .cases import REASONS_BY_CATEGORY, Walk, facts_for, propose, rule, settle, to_evidence

START = datetime(2026, 3, 2, 9, 0, tzinfo=CHINA_TIME)


@pytest.fixture(scope="module")
def library() -> ScriptLibrary:
    return ScriptLibrary.load()


@pytest.fixture(scope="module")
def calendar() -> WorkingDayCalendar:
    return WorkingDayCalendar.load()


def walk(
    library: ScriptLibrary,
    calendar: WorkingDayCalendar,
    category: str,
    reason: str,
    **facts: object,
) -> Walk:
    return Walk(library, calendar, facts_for(category, reason, **facts), START)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("category", "reason"),
    [(category, reason) for category, reasons in REASONS_BY_CATEGORY.items() for reason in reasons],
)
def test_every_category_and_reason_settles_when_both_parties_accept(
    library: ScriptLibrary, calendar: WorkingDayCalendar, category: str, reason: str
) -> None:
    case = walk(library, calendar, category, reason)
    to_evidence(case)
    propose(case)
    settle(case)
    assert case.state.step_id == "closed"
    assert case.visited[-3:] == ["responses", "settlement", "closed"]
    [close] = case.platform_actions("close")
    assert close.body["outcome"] == "partial"
    [transition] = [a for a in case.audit("workflow.transition") if a.changes["to"] == "closed"]
    assert transition.changes["decision"] == "settlement"
    # A settled case is not published and never reaches the ruling track.
    assert "ruling_draft" not in case.visited and "notice" not in case.visited


@pytest.mark.parametrize("category", list(REASONS_BY_CATEGORY))
def test_every_category_goes_to_a_ruling_when_a_party_rejects_the_offer(
    library: ScriptLibrary, calendar: WorkingDayCalendar, category: str
) -> None:
    case = walk(library, calendar, category, REASONS_BY_CATEGORY[category][0])
    to_evidence(case)
    propose(case)
    case.do("record_response", {"party": "merchant", "decision": "accept"})
    case.do("record_response", {"party": "buyer", "decision": "reject", "text": "金额太少"})
    allowed = {t.id for t in case.status().transitions if t.allowed}
    assert allowed == {"revise_offer", "ruling_draft"}
    case.do("ruling_draft")
    rule(case, outcome="partial")
    assert case.state.step_id == "closed"
    assert case.visited[-7:] == [
        "responses",
        "ruling_draft",
        "supervisor_review",
        "signed_ruling",
        "notice",
        "appeal_window",
        "closed",
    ]
    [close] = case.platform_actions("close")
    assert close.body["outcome"] == "partial"
    assert [a.body["status"] for a in case.platform_actions("set_status")] == [
        "in_mediation",
        "under_review",
        "resolved",
    ]
    reviews = [
        a for a in case.audit("workflow.transition") if a.changes["from"] == "supervisor_review"
    ]
    assert [r.actor for r in reviews] == ["user:wang.qiang"]


def test_silence_past_the_answer_deadline_also_leads_to_a_ruling(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = walk(library, calendar, "logistics", "lost_parcel")
    to_evidence(case)
    propose(case, remedy="refund", amount="1299.00")
    case.do("record_response", {"party": "buyer", "decision": "accept"})
    with pytest.raises(ValidationError, match="deadline to answer must have passed"):
        case.do("ruling_draft")
    case.pass_deadline()
    case.do("ruling_draft")
    assert case.state.step_id == "ruling_draft"


def test_a_rejected_offer_can_be_revised_and_then_settled(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = walk(library, calendar, "price_promotion", "coupon_not_applied")
    to_evidence(case)
    propose(case, remedy="price_difference", amount="50.00")
    case.do("record_response", {"party": "buyer", "decision": "reject"})
    case.do("revise_offer")
    case.do(
        "propose_offer",
        {"remedy": "price_difference", "amount": "80.00", "text": "退还优惠券差额80元"},
    )
    case.do("responses")
    assert case.status().offers[-1].amount == "CNY 80.00"
    settle(case)
    assert case.state.step_id == "closed"


def test_an_appeal_sends_the_ruling_back_for_examination(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = walk(library, calendar, "after_sales", "repair_refused")
    to_evidence(case)
    case.do("ruling_draft", {"mediation_possible": "no"})
    case.fill({"outcome": "buyer_favour", "remedy": "repair"})
    case.do("submit_for_review")
    case.fill({"verdict": "approve"})
    case.do("approve")
    case.fill()
    case.do("notice")
    case.fill({"publish": "no"})
    case.do("appeal_window")
    case.fill({"appeal_filed": "yes"})
    case.do("re_examine")
    assert case.state.step_id == "ruling_draft"
    # The earlier draft is kept to work on; the review starts afresh.
    assert case.state.answer("ruling_draft", "remedy") == "repair"
    case.do("submit_for_review")
    assert case.state.answers.get("supervisor_review", {}) == {}


def test_a_malicious_complaint_ends_in_a_dismissal_with_reasons(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = walk(library, calendar, "after_sales", "return_refused", flags=["suspected_malicious"])
    assert case.state.script_id == "malicious_complaint"
    case.fill()
    case.do("contact_parties")
    case.fill({"complainant_heard": "yes"})
    case.do("evidence")
    case.fill({"malicious_established": "yes", "indicators": "extortion,item_swapped"})
    case.do("dismissal_draft")
    reasons = (
        "买家在聊天中以差评相要挟索要额外赔偿，退回的商品序列号与出库记录不符，"
        "申辩称商品系原样退回，但未提供任何证据。"
    )
    case.fill({"grounds": "extortion,item_swapped", "reasoning": reasons})
    case.do("submit_for_review")
    case.fill({"verdict": "approve"})
    case.do("approve")
    case.fill()
    case.do("appeal_window")
    case.fill({"appeal_filed": "no", "decision_carried_out": "yes"})
    case.pass_deadline()
    case.do("close")

    assert case.state.step_id == "closed"
    [close] = case.platform_actions("close")
    assert close.body == {"outcome": "dismissed", "note": reasons}
    [closing] = [a for a in case.audit("workflow.transition") if a.changes["to"] == "closed"]
    assert closing.changes["decision"] == "dismissal"
    assert case.state.answer("dismissal_draft", "grounds") == ("extortion", "item_swapped")


def test_an_unfounded_suspicion_goes_back_to_the_cases_own_category(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = walk(library, calendar, "logistics", "lost_parcel", flags=["suspected_malicious"])
    case.fill()
    case.do("contact_parties")
    case.fill({"complainant_heard": "yes"})
    case.do("evidence")
    case.fill({"malicious_established": "no"})
    case.do("back_to_category")
    assert (case.state.script_id, case.state.step_id) == ("logistics", "intake_review")
    [switch] = case.audit("workflow.script_switched")
    assert switch.changes["from_script"] == "malicious_complaint"
    assert switch.changes["to_script"] == "logistics"


def test_a_safety_hazard_is_escalated_the_same_day_and_can_still_settle(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = walk(library, calendar, "quality", "safety_hazard")
    assert case.state.script_id == "safety_hazard"
    assert case.status().deadline == datetime(2026, 3, 3, 18, 0, tzinfo=CHINA_TIME)
    case.fill({"injury": "yes"})
    case.do("urgent_escalation")
    case.fill({"regulator_referral": "yes"})
    case.do("contact_parties")
    case.fill()
    case.do("evidence_safety")
    case.fill({"causation": "yes"})
    propose(case, remedy="compensation", amount="3000.00")  # statutory damages may exceed the price
    settle(case)
    assert case.visited[:3] == ["intake_review", "urgent_escalation", "contact_parties"]
    assert case.state.step_id == "closed"


def test_a_quality_case_that_reveals_a_hazard_moves_to_the_safety_script(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = walk(library, calendar, "quality", "defective")
    case.fill({"safety_signs": "yes"})
    assert not next(t for t in case.status().transitions if t.id == "contact_parties").allowed
    case.do("to_safety")
    assert (case.state.script_id, case.state.step_id) == ("safety_hazard", "intake_review")
