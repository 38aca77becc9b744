"""What the statistics need from a case document that its tables do not say directly,
derived once when the case is written (like the queue's ``buyer_name``) so that every
figure is a plain SQL aggregate over indexed columns of ``cases``.

- ``finished_at``: when the case last became finished — the first settlement, close,
  withdrawal, decision on appeal or decision (``decided_at``) after intake, or after its
  last reopening (an appeal or a reopen, :mod:`app.stats.events`). A finished case with
  none of these takes the time of its last history event (else ``updated_at``). None
  while the case is in progress.
- ``buyer_province``, ``buyer_city``: read from the buyer's address (:mod:`app.stats.places`).
- ``merchant_shop_id``: the merchant's shop, the key "merchants with the most disputes"
  groups by (the shop's name may change; its id does not).
- ``flagged_malicious``: the case carries the flag ``suspected_malicious`` (a column of
  its own so the statistics' covering index can hold it; JSON cannot be indexed on
  PostgreSQL).
- ``opened_day``, ``finished_day``: the China day (days since 1970-01-01, UTC+8) of
  ``created_at`` and of ``finished_at`` — what the periods filter on and the charts
  group by, as plain integers an index can be grouped along (:func:`day_number`).
- ``decision_kind``, ``decision_outcome``, ``sanctions_imposed``: the decision's kind and
  outcome and how many sanctions it imposed (None without a decision), as the
  ``decisions`` table has them, so the covering index of finished cases holds them.

Record verification compares these with the document like every other derived column.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from app.contract.case_document import FINISHED_STATUSES, CaseDocument
from app.stats.events import FINISHING_EVENTS, REOPENING_EVENTS
from app.stats.places import place_of

MALICIOUS_FLAG = "suspected_malicious"
_EPOCH = date(1970, 1, 1)
# China time (UTC+8, no daylight saving): the days the statistics count in.
_CHINA = timezone(timedelta(hours=8))


def day_number(moment: datetime | None) -> int | None:
    """The day ``moment`` falls on in China, as days since 1970-01-01 (None for None)."""
    if moment is None:
        return None
    return (moment.astimezone(_CHINA).date() - _EPOCH).days


def day_of(number: int) -> date:
    """The date of a day number."""
    return date.fromordinal(_EPOCH.toordinal() + number)


def finished_at(document: CaseDocument) -> datetime | None:
    """When the case last became finished (None while it is in progress)."""
    info = document.case
    if info.status not in FINISHED_STATUSES:
        return None
    reopened = [event.at for event in document.history if event.event in REOPENING_EVENTS]
    start = max(reopened) if reopened else info.created_at
    candidates = [
        event.at
        for event in document.history
        if event.event in FINISHING_EVENTS and event.at >= start
    ]
    decision = document.decision
    if decision is not None and decision.decided_at >= start:
        candidates.append(decision.decided_at)
    if candidates:
        return min(candidates)
    later = [event.at for event in document.history if event.at >= start]
    return max(later) if later else max(info.updated_at, start)


def statistics_columns(document: CaseDocument) -> dict[str, Any]:
    """The case row's columns for the statistics."""
    buyer = next((party for party in document.parties if party.role == "buyer"), None)
    merchant = next((party for party in document.parties if party.role == "merchant"), None)
    address = buyer.contact.address if buyer is not None and buyer.contact else None
    place = place_of(address)
    finished = finished_at(document)
    decision = document.decision
    return {
        "finished_at": finished,
        "opened_day": day_number(document.case.created_at),
        "finished_day": day_number(finished),
        "buyer_province": place.province,
        "buyer_city": place.city,
        "merchant_shop_id": merchant.shop.shop_id if merchant and merchant.shop else None,
        "flagged_malicious": MALICIOUS_FLAG in (document.case.flags or ()),
        "decision_kind": decision.kind if decision is not None else None,
        "decision_outcome": decision.outcome if decision is not None else None,
        "sanctions_imposed": len(decision.sanctions or []) if decision is not None else None,
    }
