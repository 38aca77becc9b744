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

Record verification compares these with the document like every other derived column.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.contract.case_document import FINISHED_STATUSES, CaseDocument
from app.stats.events import FINISHING_EVENTS, REOPENING_EVENTS
from app.stats.places import place_of

MALICIOUS_FLAG = "suspected_malicious"


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
    return {
        "finished_at": finished_at(document),
        "buyer_province": place.province,
        "buyer_city": place.city,
        "merchant_shop_id": merchant.shop.shop_id if merchant and merchant.shop else None,
        "flagged_malicious": MALICIOUS_FLAG in (document.case.flags or ()),
    }
