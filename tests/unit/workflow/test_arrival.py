"""Where a case starts: an open complaint at the first step, a case already under way at
the step its platform status and history match, with what came before done on the
platform (pure engine, no database)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from app.contract.case_document import CaseStatus, choices
from app.workflow import (
    PLATFORM_ACTOR,
    AuditEntry,
    PlatformAction,
    ScriptLibrary,
    WorkingDayCalendar,
    facts_from_document,
    perform,
    script_id_for_case,
    start_where_the_case_is,
    status,
    steps_before,
)
from app.workflow.calendar import CHINA_TIME
from app.workflow.facts import CaseFacts
from app.workflow.rule_values import case_values

from .cases import MEDIATOR, SUPERVISOR, Walk, case_document

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=CHINA_TIME)
UNDER_WAY = ("in_mediation", "awaiting_buyer", "awaiting_merchant")
OFFER = {
    "id": "O1",
    "proposed_by": "P2",
    "at": "2026-03-01T10:00:00+08:00",
    "remedy": "partial_refund",
    "amount": {"value": 30000, "currency": "CNY"},
    "status": "proposed",
}


@pytest.fixture(scope="module")
def library() -> ScriptLibrary:
    return ScriptLibrary.load()


@pytest.fixture(scope="module")
def calendar() -> WorkingDayCalendar:
    return WorkingDayCalendar.load()


def facts(**document: Any) -> CaseFacts:
    return facts_from_document(case_document(**document))


def arrive(library: ScriptLibrary, case: CaseFacts) -> tuple[Any, tuple[Any, ...]]:
    script = library.current(script_id_for_case(case.category, case.reason, case.flags))
    return start_where_the_case_is(script, case, MEDIATOR, NOW)


def test_an_open_complaint_starts_at_the_first_step_as_before(library: ScriptLibrary) -> None:
    state, effects = arrive(library, facts(status="open"))
    assert state.step_id == "intake_review"
    assert [(h.kind, h.actor) for h in state.history] == [("start", MEDIATOR.id)]
    assert [e.action for e in effects if isinstance(e, AuditEntry)] == ["workflow.started"]


def test_a_case_synced_in_mediation_starts_at_contacting_the_parties(
    library: ScriptLibrary,
) -> None:
    state, effects = arrive(library, facts(status="in_mediation"))
    assert state.step_id == "contact_parties"
    done, started = state.history
    assert (done.kind, done.actor, done.detail["steps"]) == (
        "done_on_platform",
        PLATFORM_ACTOR,
        ["intake_review"],
    )
    assert (started.kind, started.actor) == ("start", MEDIATOR.id)
    audit = [e for e in effects if isinstance(e, AuditEntry)]
    assert [(e.action, e.actor) for e in audit] == [
        ("workflow.done_on_platform", "platform"),
        ("workflow.started", MEDIATOR.id),
    ]
    assert audit[0].changes["status"] == "in_mediation"
    assert audit[1].changes["platform_status"] == "in_mediation"
    # The platform already has the case in mediation: nothing is sent to tell it so.
    assert [e for e in effects if isinstance(e, PlatformAction)] == []
    # Intake is not asked again: nothing of it is missing, and its answers are not needed.
    assert state.answers == {}


@pytest.mark.parametrize("platform_status", UNDER_WAY)
def test_a_case_waiting_for_a_party_starts_where_contact_or_evidence_stands(
    library: ScriptLibrary, platform_status: str
) -> None:
    waiting, _ = arrive(library, facts(status=platform_status))
    assert waiting.step_id == "contact_parties"
    answered, _ = arrive(
        library, facts(status=platform_status, history=["case.opened", "merchant.responded"])
    )
    assert answered.step_id == "evidence_description"  # quality, not as described
    assert answered.history[0].detail["steps"] == ["intake_review", "contact_parties"]


@pytest.mark.parametrize(
    ("category", "reason", "expected"),
    [
        ("quality", "not_as_described", "evidence_description"),
        ("quality", "counterfeit", "evidence_counterfeit"),
        ("quality", "defective", "evidence_defect"),
        ("logistics", "lost_parcel", "evidence_lost"),
        ("logistics", "damaged_in_transit", "evidence_damaged"),
        ("logistics", "late_delivery", "evidence_delivery"),
        ("payment", "payment_error", "evidence_payment"),
    ],
)
def test_the_evidence_step_a_case_arrives_at_is_its_reasons(
    library: ScriptLibrary, category: str, reason: str, expected: str
) -> None:
    state, _ = arrive(
        library,
        facts(
            category=category,
            reason=reason,
            status="awaiting_merchant",
            history=["merchant.responded"],
        ),
    )
    assert state.step_id == expected
    # The way it came is the reason's own, never another reason's evidence step.
    assert state.history[0].detail["steps"] == ["intake_review", "contact_parties"]


def test_a_case_with_an_offer_on_the_table_starts_at_the_parties_answers(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = facts(status="in_mediation", offers=[OFFER], history=["offer.proposed"])
    state, _ = arrive(library, case)
    assert state.step_id == "responses"
    script = library.current("quality")
    assert status(script, state, case, NOW, calendar, "en").offers[0].id == "O1"


def test_a_case_under_review_starts_at_the_supervisors_review(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    case = facts(status="under_review", history=["document.submitted"])
    state, _ = arrive(library, case)
    assert state.step_id == "supervisor_review"
    assert state.history[0].detail["steps"] == [
        "intake_review",
        "contact_parties",
        "evidence_description",
        "ruling_draft",
    ]
    # The drafting was done on the platform, not by this supervisor: the four-eyes rule
    # does not stand in their way.
    script = library.current("quality")
    reviewed, _ = perform(
        script, state, case, "answer", {"verdict": "approve"}, SUPERVISOR, NOW, calendar=calendar
    )
    assert reviewed.answer("supervisor_review", "verdict") == "approve"
    current = status(script, state, case, NOW, calendar, "en")
    assert current.done_on_platform == (
        "Intake review",
        "Contact both parties",
        "Verify: not as described",
        "Draft the ruling",
    )


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"status": "closed"}, "closed"),
        ({"status": "withdrawn"}, "closed"),
        ({"status": "resolved", "history": ["notice.published"]}, "appeal_window"),
        ({"status": "resolved", "decision": "settlement"}, "settlement"),
        ({"status": "resolved", "decision": "ruling"}, "signed_ruling"),
        ({"status": "resolved", "offers": [{**OFFER, "status": "accepted"}]}, "settlement"),
    ],
)
def test_a_finished_case_starts_where_its_ending_stands(
    library: ScriptLibrary, document: dict[str, Any], expected: str
) -> None:
    if "decision" in document:
        document = {**document, "decision": _decision(document["decision"], "buyer_favour")}
    state, effects = arrive(library, facts(**document))
    assert state.step_id == expected
    assert [e for e in effects if isinstance(e, PlatformAction)] == []


def _decision(kind: str, outcome: str) -> dict[str, Any]:
    return {
        "id": "D1",
        "kind": kind,
        "decided_at": "2026-03-01T10:00:00+08:00",
        "outcome": outcome,
    }


def test_a_ruling_made_on_the_platform_closes_with_the_platforms_outcome(
    library: ScriptLibrary, calendar: WorkingDayCalendar
) -> None:
    # The ruling was drafted on the platform: there is no answer "ruling_draft.outcome" on
    # this desk, so closing says what the platform decided.
    decided = facts(status="resolved", decision=_decision("ruling", "merchant_favour"))
    case = Walk(library, calendar, decided, NOW, where_the_case_is=True)
    assert case.state.step_id == "signed_ruling"
    case.signed()
    case.fill()
    case.do("notice")
    case.fill({"publish": "yes"})
    case.do("appeal_window")
    case.fill({"appeal_filed": "no", "decision_carried_out": "yes"})
    case.pass_deadline()
    case.do("close")
    [close] = case.platform_actions("close")
    assert close.body["outcome"] == "merchant_favour"


def test_every_bundled_script_says_where_every_platform_status_arrives(
    library: ScriptLibrary,
) -> None:
    """Each status other than open has an entry without a rule (the fallback), so no case
    under way falls back to the first step and is asked its intake again."""
    for script in library:
        fallback = {
            status for arrival in script.arrivals if arrival.when is None
            for status in arrival.statuses
        }  # fmt: skip
        assert fallback == set(choices(CaseStatus)) - {"open"}, script.id


def test_the_way_to_a_step_is_the_shortest_the_case_can_have_taken(
    library: ScriptLibrary,
) -> None:
    script = library.current("logistics")
    assert steps_before(script, "intake_review") == ()
    assert steps_before(script, "proposal") == ("intake_review", "contact_parties")
    lost = facts(category="logistics", reason="lost_parcel")
    values = case_values(lost, (), NOW)
    assert steps_before(script, "ruling_draft", values) == (
        "intake_review",
        "contact_parties",
        "evidence_lost",
    )
