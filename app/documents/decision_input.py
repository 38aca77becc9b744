"""What a submitted decision document tells the platform about its decision.

``submit_document`` carries, for a ruling or a dismissal, the decision the platform
records once a supervisor approves the document (``DecisionInput`` of the wire
contract): its kind and outcome, each remedy (who pays whom, how much), the sanctions on
the merchant, and when the appeal window closes. :func:`decision_input` reads them from
the document's own record, so the platform's decision says what the signed PDF says.

- Payer and payee are the case's party ids (``P1``…) of the record's roles; the platform
  itself (an advance payout) is ``platform``.
- The appeal window: the record gives it in working days from delivery, which happens
  at the approval, after this submission. The desk counts the document's working days
  plus the supervisor-review step's days from the submission on the working-day
  calendar (18:00 China time), so a review within its deadline never shortens the
  window the document states.
- A remedy's own deadline also runs from delivery; it is not sent (the document states
  it, and the platform's decision has no delivery date to count from).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.documents.records import DecisionRecord, Dismissal, RemedyEntry, Ruling
from app.workflow import WorkingDayCalendar

#: Working days a supervisor has for the review (the scripts' supervisor-review step).
REVIEW_DAYS = 2


def decision_input(
    record: DecisionRecord, submitted_at: datetime, calendar: WorkingDayCalendar
) -> dict[str, Any] | None:
    """The ``decision`` of ``submit_document`` for ``record`` (None for a settlement
    agreement, which the platform records when the case is closed)."""
    if not isinstance(record, Ruling | Dismissal):
        return None
    decision: dict[str, Any] = {"kind": record.kind}
    if isinstance(record, Ruling):
        decision["outcome"] = record.outcome.code
        remedies = [_remedy(record, entry) for entry in record.remedies]
        if remedies:
            decision["remedies"] = remedies
        sanctions = list(dict.fromkeys(item.code for item in record.sanctions))
        if sanctions:
            decision["sanctions"] = sanctions
    else:
        decision["outcome"] = "dismissed"
    days = record.appeal.working_days + REVIEW_DAYS
    decision["appeal_until"] = calendar.deadline(submitted_at, days).isoformat()
    return decision


def _remedy(record: Ruling, entry: RemedyEntry) -> dict[str, Any]:
    remedy: dict[str, Any] = {
        "remedy": entry.remedy,
        "payer": _actor(record, entry.payer_role),
        "payee": _actor(record, entry.payee_role),
    }
    if entry.amount is not None:
        remedy["amount"] = {"value": entry.amount.value, "currency": entry.amount.currency}
    return remedy


def _actor(record: Ruling, role: str) -> str:
    if role == "platform":
        return "platform"
    party = record.case.party(role)
    # A record always names its buyer and merchant; another role pays or is paid only
    # through the platform.
    return party.party_id if party is not None else "platform"
