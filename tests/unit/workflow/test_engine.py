"""The engine on its own: answers, missing items, effects, offers, roles and deadlines."""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime

import pytest

from app.contract.case_document import Money, parse_case_document
from app.errors import PermissionDenied, ValidationError
from app.services.queue import due_state
from app.vocabulary import Sayable
from app.workflow import (
    Actor,
    AuditEntry,
    PlatformAction,
    ScriptLibrary,
    WorkflowState,
    case_overdue,
    deadline_words,
    link_offer,
    perform,
    start,
    status,
)
from app.workflow.calendar import CHINA_TIME, WorkingDayCalendar
from app.workflow.facts import facts_from_document
from app.workflow.rule_values import case_values
from app.workflow.rules import parse_rule

from ...conftest import EXAMPLES
from .cases import MEDIATOR, SUPERVISOR, Walk, case_document, facts_for

START = datetime(2026, 3, 2, 9, 0, tzinfo=CHINA_TIME)


@pytest.fixture(scope="module")
def library() -> ScriptLibrary:
    return ScriptLibrary.load()


@pytest.fixture(scope="module")
def calendar() -> WorkingDayCalendar:
    return WorkingDayCalendar.load()


def new_case(
    library: ScriptLibrary,
    calendar: WorkingDayCalendar,
    category: str = "quality",
    reason: str = "not_as_described",
    **facts: object,
) -> Walk:
    return Walk(library, calendar, facts_for(category, reason, **facts), START)  # type: ignore[arg-type]


# ---------------------------------------------------------------- answers


def test_answers_typed_on_the_command_line_are_read_by_question_type(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = new_case(library, calendar, "after_sales", "return_refused")
    case.fill()
    case.do("contact_parties")
    case.fill()
    case.do("evidence_after_sales")
    case.do(
        "answer",
        {
            "request_date": "2026-02-28",
            "within_return_period": "是",
            "item_intact": "TRUE",
            "exempt_category": "否",
            "false_evidence": "from_merchant",
        },
    )
    answers = case.state.answers["evidence_after_sales"]
    assert answers["request_date"] == date(2026, 2, 28)
    assert answers["within_return_period"] is True
    assert answers["item_intact"] is True
    assert answers["exempt_category"] is False
    assert answers["false_evidence"] == "from_merchant"


def test_an_amount_is_kept_in_minor_units_of_the_orders_currency(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = new_case(library, calendar, "service", "rude_service")
    case.fill()
    case.do("contact_parties")
    case.fill()
    case.do("evidence_service")
    case.do("answer", {"misleading_answer": "yes", "loss_amount": "1,299.50"})
    assert case.state.answer("evidence_service", "loss_amount") == Money(
        value=129950, currency="CNY"
    )


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"complete": "maybe"}, "'maybe' is not yes or no"),
        ({"completely": "yes"}, "This step has no 'completely'"),
        ({"missing_items": " "}, "write at least 1 characters"),
    ],
)
def test_answers_that_do_not_fit_are_refused_naming_the_question(
    library: ScriptLibrary, calendar: WorkingDayCalendar, answers: dict[str, str], message: str
) -> None:
    case = new_case(library, calendar)
    with pytest.raises(ValidationError, match=message):
        case.do("answer", answers)
    assert case.state.answers == {}


def test_bad_dates_amounts_and_choices_are_refused(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = new_case(library, calendar, "logistics", "late_delivery")
    case.fill()
    case.do("contact_parties")
    case.fill()
    case.do("evidence_delivery")
    with pytest.raises(ValidationError, match="'2026/03/05' is not a date"):
        case.do("answer", {"promised_date": "2026/03/05"})
    with pytest.raises(ValidationError, match="is in the future"):
        case.do("answer", {"actual_date": "2030-01-01"})
    with pytest.raises(ValidationError, match="'weather' is not one of the options"):
        case.do("answer", {"delay_cause": "weather"})


def test_error_messages_follow_the_requested_language(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    # The engine raises words; the language is the reader's, chosen when they are said
    # (the desk's on the desk, the locale's on the command line).
    case = new_case(library, calendar)
    facts = case.facts
    with pytest.raises(ValidationError) as refused_answer:
        perform(case.script, case.state, facts, "answer", {"complete": "也许"}, MEDIATOR, START)
    assert "不是是/否" in refused_answer.value.text("zh-Hans")
    assert "'也许' is not yes or no" in refused_answer.value.text("en")
    with pytest.raises(ValidationError) as refused_move:
        perform(case.script, case.state, facts, "contact_parties", {}, MEDIATOR, START)
    assert "無法執行「受理，聯絡雙方」，尚缺" in refused_move.value.text("zh-Hant")
    assert "无法执行“受理，联系双方”，尚缺" in refused_move.value.text("zh-Hans")
    assert "Cannot do 'Accept and contact both parties' yet" in refused_move.value.text("en")


# ---------------------------------------------------------------- what is missing


def test_a_case_cannot_advance_while_required_items_are_missing_and_the_error_names_them(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = new_case(library, calendar, evidence=[("photo", "P1")])  # no order record
    case.do("answer", {"complete": "yes", "within_scope": "yes", "safety_signs": "no"})
    with pytest.raises(ValidationError) as caught:
        case.do("contact_parties")
    message = str(caught.value)
    assert "not answered: Are there signs of a malicious complaint" in message
    assert "not ticked: Order checked in the order record" in message
    assert "evidence missing: Order record" in message
    assert case.state.step_id == "intake_review"


def test_required_evidence_must_come_from_the_right_party(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    # Photos exist, but only the merchant's: the buyer's photos of what arrived are missing.
    evidence = [("order_record", "platform"), ("listing_snapshot", "platform"), ("photo", "P2")]
    case = new_case(library, calendar, evidence=evidence)
    case.fill()
    case.do("contact_parties")
    case.fill()
    case.do("evidence_description")
    case.fill()
    current = case.status()
    assert current.missing == ("evidence missing: Photo or Video (from the buyer)",)
    assert not next(t for t in current.transitions if t.id == "proposal").allowed


def test_status_lists_everything_the_command_shows(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = new_case(library, calendar)
    current = status(case.script, case.state, case.facts, START, calendar, "zh-Hant")
    assert (current.step_id, current.title, current.role) == (
        "intake_review",
        "受理審核",
        "mediator",
    )
    assert "核對投訴能否受理" in current.instructions
    assert [q.id for q in current.questions][:2] == ["complete", "within_scope"]
    assert current.checklist[0].checked is False
    assert {a.id for a in current.actions} == {"message", "request_evidence"}
    assert current.deadline == datetime(2026, 3, 4, 18, 0, tzinfo=CHINA_TIME)
    assert (current.overdue, current.working_days_left) == (False, 2)
    as_json = json.loads(json.dumps(current.to_json_dict(), ensure_ascii=False))
    assert as_json["transitions"][0]["id"] == "contact_parties"
    assert as_json["deadline"] == "2026-03-04T18:00:00+08:00"


def test_an_overdue_step_is_reported(library: ScriptLibrary, calendar: WorkingDayCalendar) -> None:
    case = new_case(library, calendar)
    later = datetime(2026, 3, 5, 9, 0, tzinfo=CHINA_TIME)
    current = status(case.script, case.state, case.facts, later, calendar, "en")
    assert current.overdue
    assert current.working_days_left == -1


def test_a_deadline_that_runs_into_2027_warns_that_the_calendar_is_provisional(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    entered = datetime(2026, 12, 30, 10, 0, tzinfo=CHINA_TIME)
    state, _ = start(library.current("quality"), "DSP-1", MEDIATOR, entered)
    current = status(
        library.current("quality"),
        state,
        facts_for("quality", "defective"),
        entered,
        calendar,
        "en",
    )
    # 31 Dec is working day 1; 1–3 Jan 2027 are off; Monday 4 Jan is day 2.
    assert current.deadline == datetime(2027, 1, 4, 18, 0, tzinfo=CHINA_TIME)
    assert current.warnings == (
        "The 2027 holiday schedule is provisional; this deadline may move.",
    )


# ---------------------------------------------------------------- effects


def test_every_answer_tick_and_move_is_an_audit_entry(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = new_case(library, calendar)
    case.fill()
    case.do("contact_parties")
    actions = [e.action for e in case.effects if isinstance(e, AuditEntry)]
    assert actions == [
        "workflow.started",
        "workflow.answered",
        "workflow.checklist",
        "workflow.transition",
    ]
    answered = case.audit("workflow.answered")[0]
    assert answered.changes["answers"]["complete"] is True
    assert answered.actor == MEDIATOR.id
    moved = case.audit("workflow.transition")[0]
    assert moved.changes == {
        "from": "intake_review",
        "to": "contact_parties",
        "transition": "contact_parties",
    }
    assert [(h.kind, h.step) for h in case.state.history] == [
        ("start", "intake_review"),
        ("answer", "intake_review"),
        ("check", "intake_review"),
        ("transition", "intake_review"),
    ]


def test_platform_actions_become_outbox_entries_shaped_like_the_api(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    # Friday 26 Sep 2025, before the golden week: evidence due 3 working days later.
    case = Walk(
        library,
        calendar,
        facts_for("quality", "counterfeit"),
        datetime(2025, 9, 26, 8, 0, tzinfo=CHINA_TIME),
    )
    case.do(
        "request_evidence",
        {"from": "merchant", "kinds": "document,photo", "text": "请提供进货凭证和品牌授权。"},
    )
    case.do("message", {"to": "both", "text": "平台已受理，请双方在3个工作日内补充证据。"})
    [request] = case.platform_actions("request_evidence")
    # 26 Sep (Fri) +1 = 28 Sep (make-up Sunday), +2 = 29 Sep, +3 = 30 Sep.
    assert request.body == {
        "from": "P2",
        "kinds": ["document", "photo"],
        "text": "请提供进货凭证和品牌授权。",
        "due_at": "2025-09-30T18:00:00+08:00",
    }
    [message] = case.platform_actions("message")
    assert message.body == {
        "to": ["P1", "P2"],
        "channel": "platform",
        "text": "平台已受理，请双方在3个工作日内补充证据。",
    }
    assert [a.changes["type"] for a in case.audit("workflow.platform_action")] == [
        "request_evidence",
        "message",
    ]


def test_a_platform_action_the_step_does_not_allow_is_refused(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = new_case(library, calendar)
    with pytest.raises(
        ValidationError,
        match=r"There is no action 'propose_offer' in this step\. Available: answer",
    ):
        case.do("propose_offer", {"remedy": "refund", "amount": "1.00", "text": "x"})


# ---------------------------------------------------------------- offers


def at_proposal(library: ScriptLibrary, calendar: WorkingDayCalendar, **facts: object) -> Walk:
    case = new_case(library, calendar, **facts)
    case.fill()
    case.do("contact_parties")
    case.fill()
    case.do("evidence_description")
    case.fill()
    case.do("proposal")
    case.fill()
    return case


@pytest.mark.parametrize(
    ("offer", "message"),
    [
        (
            {"remedy": "refund", "amount": "1300.00"},
            "a refund cannot exceed the total paid, CNY 1,299.00",
        ),
        ({"remedy": "return_and_refund", "amount": "1299.01"}, "cannot exceed the total paid"),
        ({"remedy": "partial_refund", "amount": "1299.00"}, "must be less than the total paid"),
        (
            {"remedy": "refund", "amount": "100.00 USD"},
            "must be in the order's currency CNY, not USD",
        ),
        ({"remedy": "refund"}, "this remedy needs an amount"),
        ({"remedy": "exchange", "amount": "10.00"}, "carries no amount"),
        ({"remedy": "refund", "amount": "12.345"}, "at most 2 decimal places"),
        ({"remedy": "refund", "amount": "-5"}, "is not an amount"),
    ],
)
def test_offers_are_checked_against_the_order(
    library: ScriptLibrary, calendar: WorkingDayCalendar, offer: dict[str, str], message: str
) -> None:
    case = at_proposal(library, calendar)
    with pytest.raises(ValidationError, match=message):
        case.do("propose_offer", {**offer, "text": "方案"})
    assert case.state.local_offers == ()


def test_a_full_refund_and_an_exchange_are_acceptable_offers(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = at_proposal(library, calendar)
    case.do("propose_offer", {"remedy": "refund", "amount": "1299.00", "text": "全额退款"})
    case.do("propose_offer", {"remedy": "exchange", "text": "换货", "expires_in": "5"})
    first, second = case.platform_actions("propose_offer")
    assert first.body["amount"] == {"value": 129900, "currency": "CNY"}
    assert "amount" not in second.body
    assert (first.local_offer_id, second.local_offer_id) == ("L1", "L2")


def test_a_merchants_own_offer_accepted_by_the_buyer_on_the_platform_settles_the_case(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    offer = {
        "id": "O1",
        "proposed_by": "P2",
        "at": "2026-03-01T10:00:00+08:00",
        "remedy": "partial_refund",
        "amount": {"value": 25980, "currency": "CNY"},
        "status": "proposed",
        "responses": [{"party": "P1", "at": "2026-03-01T12:00:00+08:00", "decision": "accept"}],
    }
    case = at_proposal(library, calendar, offers=[offer])
    case.do("responses")
    assert {t.id for t in case.status().transitions if t.allowed} == {"settlement"}


def test_responses_from_the_platform_and_by_phone_meet_once_the_offer_is_linked(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = at_proposal(library, calendar)
    case.do(
        "propose_offer", {"remedy": "partial_refund", "amount": "300.00", "text": "部分退款300元"}
    )
    case.do("responses")
    case.do("record_response", {"party": "merchant", "decision": "accept", "text": "电话同意"})
    [by_phone] = case.platform_actions("record_response")
    assert (by_phone.body["offer_id"], by_phone.local_offer_id) == (
        "L1",
        "L1",
    )  # not yet on the platform

    # The outbox pushed the offer; the platform calls it O7 and the buyer accepted there.
    case.state = link_offer(case.state, "L1", "O7")
    platform_offer = {
        "id": "O7",
        "proposed_by": "user:li.na",
        "at": "2026-03-03T10:00:00+08:00",
        "remedy": "partial_refund",
        "amount": {"value": 30000, "currency": "CNY"},
        "status": "proposed",
        "responses": [{"party": "P1", "at": "2026-03-03T12:00:00+08:00", "decision": "accept"}],
    }
    case.facts = facts_for("quality", "not_as_described", offers=[platform_offer])
    offers = case.status().offers
    assert [(o.id, o.on_platform, o.settled) for o in offers] == [("O7", True, True)]
    case.do("settlement")
    assert case.state.step_id == "settlement"


def test_a_response_to_an_unknown_offer_is_refused(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = at_proposal(library, calendar)
    case.do("propose_offer", {"remedy": "refund", "amount": "1299.00", "text": "全额退款"})
    case.do("responses")
    with pytest.raises(ValidationError, match="There is no offer 'O99'"):
        case.do("record_response", {"offer": "O99", "party": "buyer", "decision": "accept"})


# ---------------------------------------------------------------- roles


def at_review(library: ScriptLibrary, calendar: WorkingDayCalendar, drafter: Actor) -> Walk:
    case = new_case(library, calendar, "payment", "payment_error")
    case.fill()
    case.do("contact_parties")
    case.fill()
    case.do("evidence_payment")
    case.fill({"mediation_possible": "no"})
    case.do("ruling_draft")
    case.fill({"outcome": "buyer_favour", "remedy": "refund", "remedy_amount": "1299.00"})
    case.state, _ = perform(
        case.script,
        case.state,
        case.facts,
        "submit_for_review",
        {},
        drafter,
        case.now,
        calendar=calendar,
    )
    return case


def test_a_mediator_cannot_do_the_supervisors_review(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = at_review(library, calendar, MEDIATOR)
    with pytest.raises(PermissionDenied, match="must be done by a supervisor"):
        perform(
            case.script,
            case.state,
            case.facts,
            "answer",
            {"verdict": "approve"},
            MEDIATOR,
            case.now,
        )


def test_nobody_approves_a_ruling_they_drafted(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    drafting_supervisor = Actor("user:zhao.min", "supervisor")
    case = at_review(library, calendar, drafting_supervisor)
    with pytest.raises(PermissionDenied, match="four-eyes rule"):
        perform(
            case.script,
            case.state,
            case.facts,
            "approve",
            {"verdict": "approve"},
            drafting_supervisor,
            case.now,
        )
    state, _ = perform(
        case.script, case.state, case.facts, "answer", {"verdict": "approve"}, SUPERVISOR, case.now
    )
    assert state.answer("supervisor_review", "verdict") == "approve"


def test_a_ruling_amount_above_the_total_paid_is_refused(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = new_case(library, calendar, "payment", "payment_error")
    case.fill()
    case.do("contact_parties")
    case.fill()
    case.do("evidence_payment")
    case.fill({"mediation_possible": "no"})
    case.do("ruling_draft")
    with pytest.raises(ValidationError, match="a refund cannot exceed the total paid"):
        case.do("answer", {"remedy": "refund", "remedy_amount": "2000.00"})


def test_a_declined_complaint_is_closed_with_its_reason_and_takes_no_more_actions(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = new_case(library, calendar)
    reason = "订单在平台外交易，不属于受理范围。"
    answers = {
        "complete": "yes",
        "within_scope": "no",
        "safety_signs": "no",
        "malicious_signs": "no",
        "not_accepted_reason": reason,
    }
    with pytest.raises(ValidationError, match="not ticked: Order checked in the order record"):
        case.do("decline", answers)
    assert case.state.answers == {}  # a refused move records nothing, answers included
    case.do("answer", answers)
    case.do("check", {item.id: "yes" for item in case.status().checklist})
    case.do("decline")
    [close] = case.platform_actions("close")
    assert close.body == {"outcome": "dismissed", "note": reason}
    with pytest.raises(ValidationError, match="workflow has ended"):
        case.do("answer", {"complete": "yes"})


# ---------------------------------------------------------------- persistence and facts


def test_the_state_survives_a_round_trip_through_json(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = at_proposal(library, calendar)
    case.do("propose_offer", {"remedy": "partial_refund", "amount": "300.00", "text": "部分退款"})
    case.do("responses")
    case.do("record_response", {"party": "buyer", "decision": "reject"})
    stored = json.dumps(case.state.to_json_dict(), ensure_ascii=False)
    assert WorkflowState.from_json_dict(json.loads(stored)) == case.state


def test_facts_are_read_from_the_example_bundle() -> None:
    with zipfile.ZipFile(EXAMPLES / "DSP-2026-004711.zip") as bundle:
        document = parse_case_document(bundle.read("case.json"))
    facts = facts_from_document(document, local_evidence_kinds=["audio"])
    assert (facts.category, facts.reason, facts.currency) == ("quality", "not_as_described", "CNY")
    assert facts.order_total == Money(value=129900, currency="CNY")
    assert facts.evidence_kinds("buyer") == {"photo", "appraisal_report"}
    assert "audio" in facts.evidence_kinds("platform")
    assert facts.delivered_at == datetime.fromisoformat("2026-10-05T14:22:00+08:00")
    [offer] = facts.offers
    assert (offer.proposer_role, offer.responses[0].role, offer.responses[0].decision) == (
        "merchant",
        "buyer",
        "reject",
    )
    assert facts.merchant_disputes_last_year == 31


def test_a_document_with_an_unlisted_submitter_counts_as_the_platform() -> None:
    document = case_document(evidence=[("document", "user:li.na")])
    assert facts_from_document(document).evidence_kinds("platform") == {"document"}


def test_a_time_without_a_zone_is_refused(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    with pytest.raises(ValueError, match="time zone"):
        start(library.current("quality"), "DSP-1", MEDIATOR, datetime(2026, 3, 2, 9, 0))


def test_effects_are_plain_frozen_data() -> None:
    effect = PlatformAction("set_status", {"status": "resolved", "note": "x"})
    with pytest.raises(AttributeError):
        effect.type = "close"  # type: ignore[misc]


def test_ticking_nothing_says_which_items_there_are(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = new_case(library, calendar)
    with pytest.raises(
        ValidationError, match=r"Name the items to tick, as ITEM=yes\..*order_verified"
    ):
        case.do("check", {})
    case.do("check", {"order_verified": "yes", "claim_clear": "yes"})
    case.do("check", {"claim_clear": "no"})
    assert case.state.checked["intake_review"] == {"order_verified"}
    assert case.audit("workflow.checklist")[-1].changes == {
        "step": "intake_review",
        "ticked": [],
        "unticked": ["claim_clear"],
    }


# ---------------------------------------------------------------- the two clocks of a case


def test_the_steps_deadline_and_the_cases_time_limit_are_both_in_the_status(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    # The step has two working days left, but the platform's time limit for the case
    # passed yesterday: the status says both, and neither hides the other.
    facts = facts_from_document(case_document(due_at="2026-03-01T18:00:00+08:00"))
    state, _ = start(library.current("quality"), facts.case_id, MEDIATOR, START)
    current = status(library.current("quality"), state, facts, START, calendar, "en")
    assert (current.overdue, current.working_days_left) == (False, 2)
    assert current.case_due_at == datetime(2026, 3, 1, 18, 0, tzinfo=CHINA_TIME)
    assert current.case_overdue is True
    as_json = current.to_json_dict()
    assert as_json["deadline"] == "2026-03-04T18:00:00+08:00"
    assert (as_json["case_due_at"], as_json["case_overdue"]) == ("2026-03-01T18:00:00+08:00", True)
    step, case = deadline_words(current, lambda moment: moment.strftime("%d %b %H:%M"))
    assert step.text("en") == "Step deadline: 04 Mar 18:00, 2 working day(s) left"
    assert case.text("en") == "Case time limit: 01 Mar 18:00 — OVERDUE"
    assert case.text("zh-Hans") == "案件处理时限：01 Mar 18:00——已逾期"


def test_a_case_without_a_time_limit_says_so_beside_the_steps_deadline(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = new_case(library, calendar)
    current = case.status()
    assert (current.case_due_at, current.case_overdue) == (None, False)
    step, limit = deadline_words(current, str)
    assert step.text("en").startswith("Step deadline: ")
    assert limit.text("en") == "Case time limit: none set by the platform"


@pytest.mark.parametrize("platform_status", ["open", "in_mediation", "resolved", "closed"])
@pytest.mark.parametrize("due_at", [None, "2026-03-01T18:00:00+08:00", "2026-03-09T18:00:00+08:00"])
def test_the_cases_overdue_is_the_queues_overdue(platform_status: str, due_at: str | None) -> None:
    facts = facts_from_document(case_document(status=platform_status, due_at=due_at))
    queue_says = due_state(facts.due_at, facts.status, START)
    assert case_overdue(facts, START) is (queue_says == "overdue")


def test_a_scripts_own_text_is_said_in_the_readers_language_inside_the_engines_words(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    drafting_supervisor = Actor("user:zhao.min", "supervisor")
    case = at_review(library, calendar, drafting_supervisor)
    with pytest.raises(PermissionDenied) as refused:
        perform(case.script, case.state, case.facts, "answer", {}, drafting_supervisor, case.now)
    title = case.script.step("ruling_draft").title
    assert isinstance(title, Sayable)
    assert f"「{title.text('zh-Hant')}」" in refused.value.text("zh-Hant")
    assert f"'{title.text('en')}'" in refused.value.text("en")


def test_rules_can_ask_whether_the_cases_time_limit_has_passed() -> None:
    overdue = facts_from_document(case_document(due_at="2026-03-01T18:00:00+08:00"))
    in_time = facts_from_document(case_document(due_at="2026-03-09T18:00:00+08:00"))
    rule = parse_rule("case.overdue and case.status == 'open'")
    assert rule.holds(case_values(overdue, (), START))
    assert not rule.holds(case_values(in_time, (), START))
