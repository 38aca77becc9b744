"""Writing a case document into the tables, and diffing two versions of it.

A new version replaces the case's rows wholesale (the platform's document is the truth
for its own parts); the desk's own work lives elsewhere (outbox, workflow record) and is
untouched. Rows are inserted in bulk: the importer's speed depends on it.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from app.contract.case_document import CaseDocument
from app.stats.case_facts import statistics_columns
from app.store import models as m
from app.store.search import search_tokens

CHILD_TABLES: tuple[type[m.Base], ...] = (
    m.Party,
    m.Order,
    m.OrderItem,
    m.ShipmentEvent,
    m.Message,
    m.Evidence,
    m.Offer,
    m.HistoryEvent,
    m.Decision,
    m.Document,
)


def _money(value: Any) -> int | None:
    return None if value is None else int(value.value)


def case_row(
    document: CaseDocument, document_sha256: str, source: str, received_at: datetime
) -> dict[str, Any]:
    info = document.case
    buyer = next((party for party in document.parties if party.role == "buyer"), None)
    merchant = next((party for party in document.parties if party.role == "merchant"), None)
    return {
        "id": info.id,
        "version": info.version,
        "created_at": info.created_at,
        "updated_at": info.updated_at,
        "channel": info.channel,
        "category": info.category,
        "reason": info.reason,
        "language": info.language,
        "status": info.status,
        "title": info.title,
        "description": info.description,
        "claim_remedy": info.claim.remedy,
        "claim_amount": _money(info.claim.amount),
        "claim_currency": info.claim.amount.currency if info.claim.amount else None,
        "claim_text": info.claim.text,
        "due_at": info.due_at,
        "assigned_to": info.assigned_to,
        "priority": info.priority or "normal",
        "flags": list(info.flags or []),
        "buyer_name": buyer.display_name if buyer else None,
        "merchant_name": (merchant.shop.name if merchant.shop else merchant.display_name)
        if merchant
        else None,
        **statistics_columns(document),
        "document_sha256": document_sha256,
        "source": source,
        "received_at": received_at,
    }


def searchable_texts(document: CaseDocument) -> list[str | None]:
    info = document.case
    texts: list[str | None] = [info.id, info.title, info.description, info.claim.text]
    for party in document.parties:
        texts += [party.display_name, party.legal_name, party.shop.name if party.shop else None]
    texts += [document.order.id, document.order.transaction_id]
    if document.order.shipment:
        texts.append(document.order.shipment.tracking_number)
    texts += [item.title for item in document.order.items]
    texts += [item.sku for item in document.order.items]
    return texts


def write_case(
    session: Session,
    document: CaseDocument,
    snapshot: bytes,
    *,
    source: str,
    received_at: datetime,
    stored_files: set[str],
    replace: bool,
    keep_snapshot: bool = False,
) -> str:
    """Store ``document`` (and its exact bytes as a snapshot) as the case's current version;
    returns the snapshot's SHA-256, which the caller's audit event records.

    ``stored_files`` holds the hashes whose bytes are already in the evidence store.
    ``keep_snapshot``: this exact version is already among the snapshots (a platform
    restored from a backup sent it again).
    """
    case_id = document.case.id
    sha = hashlib.sha256(snapshot).hexdigest()
    row = case_row(document, sha, source, received_at)
    connection = session.connection()
    tokens = search_tokens(searchable_texts(document))
    if replace:
        for model in CHILD_TABLES:
            table = m.table_of(model)
            connection.execute(delete(table).where(table.c.case_id == case_id))
        cases = m.table_of(m.Case)
        connection.execute(update(cases).where(cases.c.id == case_id).values(**row))
        search = m.table_of(m.CaseSearch)
        connection.execute(update(search).where(search.c.case_id == case_id).values(tokens=tokens))
    else:
        _insert_many(session, m.Case, [row])
        _insert_many(session, m.CaseSearch, [{"case_id": case_id, "tokens": tokens}])
    if not keep_snapshot:
        _insert_many(
            session,
            m.CaseSnapshot,
            [
                {
                    "case_id": case_id,
                    "version": document.case.version,
                    "sha256": sha,
                    "document": snapshot,
                    "received_at": received_at,
                    "source": source,
                }
            ],
        )
    _write_children(session, document, stored_files)
    return sha


# What the tables hold for one case, derived from its document: written on arrival, and
# compared with what is stored by record verification (app/services/record_check.py).
# Offers carry their responses under "responses" (they are inserted with the offer's id).
ChildRows = dict[type[m.Base], list[dict[str, Any]]]


def child_rows(document: CaseDocument, stored_files: set[str]) -> ChildRows:
    """The rows of every child table for ``document`` (evidence ``stored`` from the set)."""
    case_id = document.case.id
    order = document.order
    events = order.shipment.events if order.shipment else []
    rows: ChildRows = {
        m.Party: [
            {
                "case_id": case_id,
                "party_id": party.id,
                "role": party.role,
                "display_name": party.display_name,
                "legal_name": party.legal_name,
                "person_kind": party.person_kind,
                "phone": party.contact.phone if party.contact else None,
                "email": party.contact.email if party.contact else None,
                "address": party.contact.address if party.contact else None,
                "id_number": party.id_number,
                "shop_id": party.shop.shop_id if party.shop else None,
                "shop_name": party.shop.name if party.shop else None,
                "credit_score": party.shop.credit_score if party.shop else None,
                "open_disputes": party.shop.open_disputes if party.shop else None,
                "disputes_last_year": party.shop.disputes_last_year if party.shop else None,
                "sanctions_last_year": party.shop.sanctions_last_year if party.shop else None,
            }
            for party in document.parties
        ],
        m.Order: [
            {
                "case_id": case_id,
                "order_id": order.id,
                "placed_at": order.placed_at,
                "paid_at": order.paid_at,
                "payment_method": order.payment_method,
                "transaction_id": order.transaction_id,
                "currency": order.total_paid.currency,
                "total_paid": order.total_paid.value,
                "shipping_fee": _money(order.shipping_fee),
                "discount": _money(order.discount),
                "carrier": order.shipment.carrier if order.shipment else None,
                "tracking_number": order.shipment.tracking_number if order.shipment else None,
            }
        ],
        m.OrderItem: [
            {
                "case_id": case_id,
                "position": index,
                "sku": item.sku,
                "title": item.title,
                "quantity": item.quantity,
                "unit_price": item.unit_price.value,
                "currency": item.unit_price.currency,
                "listing_evidence_id": item.listing_evidence_id,
            }
            for index, item in enumerate(order.items)
        ],
        m.ShipmentEvent: [
            {
                "case_id": case_id,
                "position": index,
                "at": event.at,
                "status": event.status,
                "location": event.location,
                "text": event.text,
            }
            for index, event in enumerate(events)
        ],
        m.Message: [
            {
                "case_id": case_id,
                "message_id": message.id,
                "at": message.at,
                "sender": message.from_,
                "recipients": list(message.to or []),
                "channel": message.channel,
                "text": message.text,
                "attachments": list(message.attachments or []),
            }
            for message in document.messages
        ],
        m.Evidence: [
            {
                "case_id": case_id,
                "evidence_id": item.id,
                "kind": item.kind,
                "submitted_by": item.submitted_by,
                "submitted_at": item.submitted_at,
                "title": item.title,
                "description": item.description,
                "filename": item.filename,
                "media_type": item.media_type,
                "size": item.size,
                "sha256": item.sha256,
                "captured_at": item.captured_at,
                "compare_with": item.compare_with,
                "stored": item.sha256 in stored_files,
            }
            for item in document.evidence
        ],
        m.Offer: [
            {
                "case_id": case_id,
                "offer_id": offer.id,
                "proposed_by": offer.proposed_by,
                "at": offer.at,
                "remedy": offer.remedy,
                "amount": _money(offer.amount),
                "currency": offer.amount.currency if offer.amount else None,
                "text": offer.text,
                "expires_at": offer.expires_at,
                "status": offer.status,
                "responses": [
                    {
                        "position": index,
                        "party": response.party,
                        "at": response.at,
                        "decision": response.decision,
                        "text": response.text,
                    }
                    for index, response in enumerate(offer.responses or [])
                ],
            }
            for offer in document.offers
        ],
        m.HistoryEvent: [
            {
                "case_id": case_id,
                "position": index,
                "at": event.at,
                "actor": event.actor,
                "event": event.event,
                "text": event.text,
            }
            for index, event in enumerate(document.history)
        ],
        m.Decision: [],
        m.Document: [
            {
                "case_id": case_id,
                "document_id": doc.id,
                "kind": doc.kind,
                "sha256": doc.sha256,
                "size": doc.size,
                "created_at": doc.created_at,
                "created_by": doc.created_by,
                "status": doc.status,
                "reviews": [review.to_json_dict() for review in doc.reviews or []],
                "stored": doc.sha256 in stored_files,
            }
            for doc in document.documents or []
        ],
    }
    if document.decision is not None:
        decision = document.decision
        rows[m.Decision] = [
            {
                "case_id": case_id,
                "decision_id": decision.id,
                "kind": decision.kind,
                "decided_at": decision.decided_at,
                "outcome": decision.outcome,
                "remedies": [r.to_json_dict() for r in decision.remedies or []],
                "sanctions": list(decision.sanctions or []),
                "document_sha256": decision.document_sha256,
                "appeal_until": decision.appeal_until,
            }
        ]
    return rows


def _write_children(session: Session, document: CaseDocument, stored_files: set[str]) -> None:
    connection = session.connection()
    for model, rows in child_rows(document, stored_files).items():
        if model is not m.Offer:
            _insert_many(session, model, rows)
            continue
        offers = m.table_of(m.Offer)
        for offer in rows:
            responses = offer.pop("responses")
            offer_row_id = connection.execute(
                insert(offers).returning(offers.c.id), offer
            ).scalar_one()
            _insert_many(
                session,
                m.OfferResponse,
                [{"offer_row_id": offer_row_id, **response} for response in responses],
            )


def _insert_many(session: Session, model: type[m.Base], rows: list[dict[str, Any]]) -> None:
    # Core, not the ORM's bulk path: a third of the import time otherwise.
    if rows:
        session.connection().execute(insert(m.table_of(model)), rows)


def stored_version(session: Session, case_id: str) -> tuple[int, str] | None:
    """The version and document hash the store holds for a case, if any."""
    row = session.execute(
        select(m.Case.version, m.Case.document_sha256).where(m.Case.id == case_id)
    ).first()
    return None if row is None else (row[0], row[1])


def snapshot_bytes(session: Session, case_id: str, version: int | None = None) -> bytes | None:
    query = select(m.CaseSnapshot.document).where(m.CaseSnapshot.case_id == case_id)
    if version is None:
        query = query.order_by(m.CaseSnapshot.version.desc()).limit(1)
    else:
        query = query.where(m.CaseSnapshot.version == version)
    return session.execute(query).scalar_one_or_none()


def describe_changes(old: CaseDocument, new: CaseDocument) -> dict[str, Any]:
    """What changed between two versions, for the audit trail and the mediator.

    Fields of the case by name with old and new values; lists by what was added,
    removed or changed, by id.
    """
    changes: dict[str, Any] = {"version": [old.case.version, new.case.version]}
    old_case = old.case.to_json_dict()
    new_case = new.case.to_json_dict()
    for key in sorted(set(old_case) | set(new_case)):
        if key in ("version", "updated_at"):
            continue
        if old_case.get(key) != new_case.get(key):
            changes[f"case.{key}"] = [old_case.get(key), new_case.get(key)]
    for field in ("parties", "messages", "evidence", "offers", "documents"):
        before = {item["id"]: item for item in old.to_json_dict().get(field) or []}
        after = {item["id"]: item for item in new.to_json_dict().get(field) or []}
        added = sorted(set(after) - set(before))
        removed = sorted(set(before) - set(after))
        changed = sorted(key for key in set(after) & set(before) if after[key] != before[key])
        if added or removed or changed:
            changes[field] = {"added": added, "removed": removed, "changed": changed}
    for field in ("order", "history", "decision"):
        if old.to_json_dict().get(field) != new.to_json_dict().get(field):
            changes[field] = "changed"
    return changes
