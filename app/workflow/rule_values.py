"""The values a script's rules are evaluated against, and the deadlines they depend on.

:func:`case_values` are the facts of the case (the same for every step, and all a
where-to-start rule sees); :func:`rule_values` adds the current step's own: its answers
and ticks, every step's answers, and how its deadline stands.
"""

from __future__ import annotations

from datetime import datetime

from app.contract.case_document import FINISHED_STATUSES, Money
from app.workflow.answers import AnswerValue
from app.workflow.calendar import CHINA_TIME, WorkingDayCalendar, default_calendar
from app.workflow.facts import CaseFacts
from app.workflow.offer_views import OfferView, offer_views
from app.workflow.rules import Value
from app.workflow.script_model import Script, Step
from app.workflow.state import WorkflowState

# A case in one of these is done: its time limit no longer runs (as in the queue).


def step_deadline(
    step: Step, state: WorkflowState, calendar: WorkingDayCalendar
) -> datetime | None:
    """When ``step``, entered at ``state.step_entered_at``, is due (None for a final step)."""
    if step.deadline_working_days is None:
        return None
    return calendar.deadline(state.step_entered_at, step.deadline_working_days)


def deadline_of(
    script: Script, state: WorkflowState, calendar: WorkingDayCalendar | None = None
) -> datetime | None:
    """When the current step is due (None for a final step)."""
    return step_deadline(script.step(state.step_id), state, calendar or default_calendar())


def case_overdue(facts: CaseFacts, now: datetime) -> bool:
    """Whether the case's own time limit (``due_at``, set by the platform) has passed while
    the case is still in progress — the queue's rule (``app.services.queue``)."""
    return facts.due_at is not None and facts.status not in FINISHED_STATUSES and facts.due_at < now


def _plain(value: AnswerValue | None) -> Value:
    return value.value if isinstance(value, Money) else value


def case_values(facts: CaseFacts, offers: tuple[OfferView, ...], now: datetime) -> dict[str, Value]:
    """The facts of the case as rules name them (``case.reason``, ``offer.settled`` …)."""
    values: dict[str, Value] = {
        "case.category": facts.category,
        "case.reason": facts.reason,
        "case.flags": tuple(sorted(facts.flags)),
        "case.priority": facts.priority,
        "case.channel": facts.channel,
        "case.language": facts.language,
        "case.status": facts.status,
        "case.overdue": case_overdue(facts, now),
        "claim.remedy": facts.claim_remedy,
        "claim.amount": facts.claim_amount.value if facts.claim_amount else None,
        "order.total": facts.order_total.value,
        "order.shipping_fee": facts.shipping_fee.value if facts.shipping_fee else None,
        "order.delivered": facts.delivered_at is not None,
        "order.days_since_delivery": (now - facts.delivered_at).days
        if facts.delivered_at
        else None,
        "order.shipment_status": facts.last_shipment_status,
        "parties.roles": tuple(sorted({party.role for party in facts.parties})),
        "evidence.kinds": tuple(sorted(facts.evidence_kinds())),
        "evidence.buyer": tuple(sorted(facts.evidence_kinds("buyer"))),
        "evidence.merchant": tuple(sorted(facts.evidence_kinds("merchant"))),
        "evidence.platform": tuple(sorted(facts.evidence_kinds("platform"))),
        "merchant.credit_score": facts.merchant_credit_score,
        "merchant.disputes_last_year": facts.merchant_disputes_last_year,
        "merchant.sanctions_last_year": facts.merchant_sanctions_last_year,
        "history.events": tuple(sorted(facts.history_events)),
        "decision.kind": facts.decision_kind,
        "document.signed_by_mediator": facts.document_signed_by_mediator,
        "document.countersigned": facts.document_countersigned,
        "document.signatures_valid": facts.document_signatures_valid,
    }
    active = [view for view in offers if view.active]
    newest = active[-1] if active else None
    values.update(
        {
            "offer.count": len(active),
            "offer.settled": any(view.settled for view in active),
            "offer.rejected": bool(newest and newest.rejected and not newest.settled),
            "offer.pending": bool(newest and not newest.settled and not newest.rejected),
            "offer.latest_remedy": newest.remedy if newest else None,
            "offer.latest_amount": newest.amount.value if newest and newest.amount else None,
            "offer.buyer_decision": newest.decisions.get("buyer") if newest else None,
            "offer.merchant_decision": newest.decisions.get("merchant") if newest else None,
        }
    )
    return values


def rule_values(
    script: Script,
    step: Step,
    state: WorkflowState,
    facts: CaseFacts,
    now: datetime,
    calendar: WorkingDayCalendar,
) -> dict[str, Value]:
    """Every value a rule in ``step`` may name, as the case stands at ``now``."""
    values = case_values(facts, offer_views(state, facts), now)
    deadline = step_deadline(step, state, calendar)
    entered = state.step_entered_at.astimezone(CHINA_TIME).date()
    values["step.overdue"] = deadline is not None and now > deadline
    values["step.working_days_used"] = calendar.working_days_between(
        entered, now.astimezone(CHINA_TIME).date()
    )
    for other in script.steps:
        for question in other.questions:
            values[f"answers.{other.id}.{question.id}"] = _plain(
                state.answer(other.id, question.id)
            )
    for question in step.questions:
        values[f"answer.{question.id}"] = _plain(state.answer(step.id, question.id))
    ticked = state.checked.get(step.id, frozenset())
    for item in step.checklist:
        values[f"checked.{item.id}"] = item.is_ticked(ticked, values)
    return values
