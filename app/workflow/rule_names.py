"""The names a script's rules may use, with their types, checked when a script loads.

Facts of the case (``case.reason``, ``offer.settled`` …) are the same for every rule;
each step adds its own answers and ticks, and every step's answers are visible as
``answers.<step>.<question>``. Where-to-start rules (``[[arrivals]]``) see the facts
only: nothing has been answered yet and no step has been entered.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.contract.case_document import (
    HISTORY_EVENTS,
    CaseStatus,
    Category,
    Channel,
    DecisionKind,
    EvidenceKind,
    Flag,
    PartyRole,
    Priority,
    Reason,
    Remedy,
    ShipmentStatus,
    choices,
)
from app.contract.language import LANGUAGES
from app.workflow.rules import NameInfo
from app.workflow.script_model import Question, Step


def _enum(literal: Any) -> frozenset[str]:
    return frozenset(choices(literal))


_DECISIONS = frozenset({"accept", "reject"})

FACT_NAMES: dict[str, NameInfo] = {
    "case.category": NameInfo("str", _enum(Category)),
    "case.reason": NameInfo("str", _enum(Reason)),
    "case.flags": NameInfo("list", _enum(Flag)),
    "case.priority": NameInfo("str", _enum(Priority)),
    "case.channel": NameInfo("str", _enum(Channel)),
    "case.language": NameInfo("str", frozenset(LANGUAGES)),
    "case.status": NameInfo("str", _enum(CaseStatus)),
    "case.overdue": NameInfo("bool"),
    "claim.remedy": NameInfo("str", _enum(Remedy)),
    "claim.amount": NameInfo("int"),
    "order.total": NameInfo("int"),
    "order.shipping_fee": NameInfo("int"),
    "order.delivered": NameInfo("bool"),
    "order.days_since_delivery": NameInfo("int"),
    "order.shipment_status": NameInfo("str", _enum(ShipmentStatus)),
    "parties.roles": NameInfo("list", _enum(PartyRole)),
    "evidence.kinds": NameInfo("list", _enum(EvidenceKind)),
    "evidence.buyer": NameInfo("list", _enum(EvidenceKind)),
    "evidence.merchant": NameInfo("list", _enum(EvidenceKind)),
    "evidence.platform": NameInfo("list", _enum(EvidenceKind)),
    "merchant.credit_score": NameInfo("int"),
    "merchant.disputes_last_year": NameInfo("int"),
    "merchant.sanctions_last_year": NameInfo("int"),
    "history.events": NameInfo("list", frozenset(HISTORY_EVENTS)),
    "decision.kind": NameInfo("str", _enum(DecisionKind)),
    "document.signed_by_mediator": NameInfo("bool"),
    "document.countersigned": NameInfo("bool"),
    "document.signatures_valid": NameInfo("bool"),
    "offer.count": NameInfo("int"),
    "offer.settled": NameInfo("bool"),
    "offer.rejected": NameInfo("bool"),
    "offer.pending": NameInfo("bool"),
    "offer.latest_remedy": NameInfo("str", _enum(Remedy)),
    "offer.latest_amount": NameInfo("int"),
    "offer.buyer_decision": NameInfo("str", _DECISIONS),
    "offer.merchant_decision": NameInfo("str", _DECISIONS),
}
STEP_NAMES: dict[str, NameInfo] = {
    "step.overdue": NameInfo("bool"),
    "step.working_days_used": NameInfo("int"),
}


def answer_info(question: Question) -> NameInfo:
    """How a rule sees the answer to ``question``."""
    if question.type == "yes_no":
        return NameInfo("bool")
    if question.type == "amount":
        return NameInfo("int")
    if question.type == "date":
        return NameInfo("date")
    if question.type == "choice":
        ids = frozenset(question.option_ids())
        return NameInfo("list", ids) if question.multiple else NameInfo("str", ids)
    return NameInfo("str")


def names_for_step(script_steps: Iterable[Step], step: Step) -> dict[str, NameInfo]:
    """Every name a rule in ``step`` may use: facts, the step's deadline, this step's
    answers and ticks, and ``answers.<step>.<question>`` for any step of the script."""
    known = {**FACT_NAMES, **STEP_NAMES}
    for other in script_steps:
        for question in other.questions:
            known[f"answers.{other.id}.{question.id}"] = answer_info(question)
    for question in step.questions:
        known[f"answer.{question.id}"] = answer_info(question)
    for item in step.checklist:
        known[f"checked.{item.id}"] = NameInfo("bool")
    return known
