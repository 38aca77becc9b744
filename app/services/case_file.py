"""The case file: everything about one case, as plain frozen data.

Used by ``mediation-desk cases show`` and by the desk's case view. Every string here
that came from the platform or a party is untrusted: show it as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select

from app.contract.case_document import Money
from app.contract.content_store import FileState
from app.errors import IntegrityError, NotFound
from app.services.queue import CaseSummary, case_summary
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import Label, Sayable, words

Integrity = Literal["verified", "altered", "missing", "unreadable", "not_downloaded", "unchecked"]


@dataclass(frozen=True)
class ShopView:
    shop_id: str
    name: str
    credit_score: int | None
    open_disputes: int | None
    disputes_last_year: int | None
    sanctions_last_year: int | None


@dataclass(frozen=True)
class PartyView:
    party_id: str
    role: str
    display_name: str
    legal_name: str | None
    person_kind: str | None
    phone: str | None
    email: str | None
    address: str | None
    id_number: str | None
    shop: ShopView | None


@dataclass(frozen=True)
class OrderItemView:
    sku: str
    title: str
    quantity: int
    unit_price: Money
    listing_evidence_id: str | None


@dataclass(frozen=True)
class ShipmentEventView:
    at: datetime
    status: str
    location: str | None
    text: str | None


@dataclass(frozen=True)
class OrderView:
    order_id: str
    placed_at: datetime
    paid_at: datetime | None
    payment_method: str | None
    transaction_id: str | None
    total_paid: Money
    shipping_fee: Money | None
    discount: Money | None
    carrier: str | None
    tracking_number: str | None
    items: tuple[OrderItemView, ...]
    shipment_events: tuple[ShipmentEventView, ...]


@dataclass(frozen=True)
class MessageView:
    message_id: str
    at: datetime
    sender: str
    sender_name: str
    recipients: tuple[str, ...]
    channel: str
    text: str
    attachments: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceView:
    case_id: str
    evidence_id: str
    kind: str
    title: str | None
    description: str | None
    filename: str
    media_type: str
    size: int
    sha256: str
    submitted_by: str
    submitted_by_name: str
    submitted_at: datetime
    captured_at: datetime | None
    compare_with: str | None
    integrity: Integrity


@dataclass(frozen=True)
class ResponseView:
    party: str
    party_name: str
    at: datetime
    decision: str
    text: str | None


@dataclass(frozen=True)
class OfferView:
    offer_id: str
    proposed_by: str
    proposed_by_name: str
    at: datetime
    remedy: str
    amount: Money | None
    text: str | None
    expires_at: datetime | None
    status: str
    responses: tuple[ResponseView, ...]


@dataclass(frozen=True)
class HistoryView:
    at: datetime
    actor: str
    actor_name: str
    event: str
    text: str | None


@dataclass(frozen=True)
class DecisionView:
    decision_id: str
    kind: str
    decided_at: datetime
    outcome: str
    remedies: tuple[dict[str, Any], ...]
    sanctions: tuple[str, ...]
    document_sha256: str | None
    appeal_until: datetime | None


@dataclass(frozen=True)
class DocumentView:
    document_id: str
    kind: str
    sha256: str
    size: int
    created_at: datetime
    created_by: str
    status: str
    reviews: tuple[dict[str, Any], ...]


TimelineKind = Literal["message", "shipment", "offer", "response", "history"]


@dataclass(frozen=True)
class TimelineEntry:
    """One line of the merged timeline: messages, shipment events, offers, history.

    ``summary`` says itself in the reader's language (codes become labels, amounts are
    formatted the one way); what a party wrote stays as they wrote it.
    """

    at: datetime
    kind: TimelineKind
    actor: str
    summary: Sayable | str  # a str is someone's own words, the same in every language
    ref: str | None  # message, offer or evidence id this entry stands for


@dataclass(frozen=True)
class CaseDetail:
    summary: CaseSummary
    created_at: datetime
    channel: str
    description: str
    claim_remedy: str
    claim_text: str
    assigned_to: str | None
    parties: tuple[PartyView, ...]
    order: OrderView
    messages: tuple[MessageView, ...]
    evidence: tuple[EvidenceView, ...]
    offers: tuple[OfferView, ...]
    history: tuple[HistoryView, ...]
    decision: DecisionView | None
    documents: tuple[DocumentView, ...]
    timeline: tuple[TimelineEntry, ...]

    def party_name(self, actor: str) -> str:
        return _actor_name({party.party_id: party for party in self.parties}, actor)

    def evidence_item(self, evidence_id: str) -> EvidenceView:
        for item in self.evidence:
            if item.evidence_id == evidence_id:
                return item
        raise NotFound(
            words("cases.no_such_evidence", case_id=self.summary.id, evidence_id=evidence_id)
        )


def _actor_name(parties: dict[str, PartyView], actor: str) -> str:
    party = parties.get(actor)
    if party is not None:
        return party.display_name
    if actor.startswith("user:"):
        return actor[5:]
    return actor


def _money(value: int | None, currency: str | None) -> Money | None:
    return None if value is None or currency is None else Money(value=value, currency=currency)


def get_case(uow: UnitOfWork, case_id: str, *, check_files: bool = False) -> CaseDetail:
    """The whole case file. ``check_files`` re-hashes every evidence file (slower)."""
    session = uow.session
    summary = case_summary(uow, case_id)
    case = session.get(m.Case, case_id)
    assert case is not None
    parties = {
        party.party_id: PartyView(
            party_id=party.party_id,
            role=party.role,
            display_name=party.display_name,
            legal_name=party.legal_name,
            person_kind=party.person_kind,
            phone=party.phone,
            email=party.email,
            address=party.address,
            id_number=party.id_number,
            shop=ShopView(
                party.shop_id,
                party.shop_name or "",
                party.credit_score,
                party.open_disputes,
                party.disputes_last_year,
                party.sanctions_last_year,
            )
            if party.shop_id
            else None,
        )
        for party in session.execute(
            select(m.Party).where(m.Party.case_id == case_id).order_by(m.Party.id)
        ).scalars()
    }

    def name(actor: str) -> str:
        return _actor_name(parties, actor)

    order_row = session.get(m.Order, case_id)
    assert order_row is not None
    items = tuple(
        OrderItemView(
            i.sku,
            i.title,
            i.quantity,
            Money(value=i.unit_price, currency=i.currency),
            i.listing_evidence_id,
        )
        for i in session.execute(
            select(m.OrderItem).where(m.OrderItem.case_id == case_id).order_by(m.OrderItem.position)
        ).scalars()
    )
    events = tuple(
        ShipmentEventView(e.at, e.status, e.location, e.text)
        for e in session.execute(
            select(m.ShipmentEvent)
            .where(m.ShipmentEvent.case_id == case_id)
            .order_by(m.ShipmentEvent.position)
        ).scalars()
    )
    order = OrderView(
        order_id=order_row.order_id,
        placed_at=order_row.placed_at,
        paid_at=order_row.paid_at,
        payment_method=order_row.payment_method,
        transaction_id=order_row.transaction_id,
        total_paid=Money(value=order_row.total_paid, currency=order_row.currency),
        shipping_fee=_money(order_row.shipping_fee, order_row.currency),
        discount=_money(order_row.discount, order_row.currency),
        carrier=order_row.carrier,
        tracking_number=order_row.tracking_number,
        items=items,
        shipment_events=events,
    )
    messages = tuple(
        MessageView(
            msg.message_id,
            msg.at,
            msg.sender,
            name(msg.sender),
            tuple(msg.recipients or ()),
            msg.channel,
            msg.text,
            tuple(msg.attachments or ()),
        )
        for msg in session.execute(
            select(m.Message)
            .where(m.Message.case_id == case_id)
            .order_by(m.Message.at, m.Message.id)
        ).scalars()
    )
    evidence = tuple(
        EvidenceView(
            case_id=case_id,
            evidence_id=e.evidence_id,
            kind=e.kind,
            title=e.title,
            description=e.description,
            filename=e.filename,
            media_type=e.media_type,
            size=e.size,
            sha256=e.sha256,
            submitted_by=e.submitted_by,
            submitted_by_name=name(e.submitted_by),
            submitted_at=e.submitted_at,
            captured_at=e.captured_at,
            compare_with=e.compare_with,
            integrity=_integrity(uow, e, check_files),
        )
        for e in session.execute(
            select(m.Evidence).where(m.Evidence.case_id == case_id).order_by(m.Evidence.id)
        ).scalars()
    )
    offers = tuple(
        OfferView(
            o.offer_id,
            o.proposed_by,
            name(o.proposed_by),
            o.at,
            o.remedy,
            _money(o.amount, o.currency),
            o.text,
            o.expires_at,
            o.status,
            tuple(
                ResponseView(r.party, name(r.party), r.at, r.decision, r.text) for r in o.responses
            ),
        )
        for o in session.execute(
            select(m.Offer).where(m.Offer.case_id == case_id).order_by(m.Offer.at, m.Offer.id)
        ).scalars()
    )
    history = tuple(
        HistoryView(h.at, h.actor, name(h.actor), h.event, h.text)
        for h in session.execute(
            select(m.HistoryEvent)
            .where(m.HistoryEvent.case_id == case_id)
            .order_by(m.HistoryEvent.position)
        ).scalars()
    )
    decision_row = session.get(m.Decision, case_id)
    decision = (
        DecisionView(
            decision_row.decision_id,
            decision_row.kind,
            decision_row.decided_at,
            decision_row.outcome,
            tuple(decision_row.remedies or ()),
            tuple(decision_row.sanctions or ()),
            decision_row.document_sha256,
            decision_row.appeal_until,
        )
        if decision_row
        else None
    )
    documents = tuple(
        DocumentView(
            d.document_id,
            d.kind,
            d.sha256,
            d.size,
            d.created_at,
            d.created_by,
            d.status,
            tuple(d.reviews or ()),
        )
        for d in session.execute(
            select(m.Document).where(m.Document.case_id == case_id).order_by(m.Document.id)
        ).scalars()
    )
    return CaseDetail(
        summary=summary,
        created_at=case.created_at,
        channel=case.channel,
        description=case.description,
        claim_remedy=case.claim_remedy,
        claim_text=case.claim_text,
        assigned_to=case.assigned_to,
        parties=tuple(parties.values()),
        order=order,
        messages=messages,
        evidence=evidence,
        offers=offers,
        history=history,
        decision=decision,
        documents=documents,
        timeline=build_timeline(messages, events, offers, history),
    )


def _integrity(uow: UnitOfWork, row: m.Evidence, check: bool) -> Integrity:
    if not row.stored:
        return "not_downloaded"
    if not check:
        return "unchecked"
    state: FileState = uow.evidence.check(row.sha256, row.size)
    return state


def build_timeline(
    messages: tuple[MessageView, ...],
    shipment: tuple[ShipmentEventView, ...],
    offers: tuple[OfferView, ...],
    history: tuple[HistoryView, ...],
) -> tuple[TimelineEntry, ...]:
    """Messages, shipment events, offers (and their answers) and history in time order."""
    entries: list[TimelineEntry] = []
    entries += [
        TimelineEntry(msg.at, "message", msg.sender_name, msg.text, msg.message_id)
        for msg in messages
    ]
    entries += [
        TimelineEntry(
            e.at,
            "shipment",
            e.location or "",
            _with_text(Label("ShipmentStatus", e.status), e.text),
            None,
        )
        for e in shipment
    ]
    for offer in offers:
        remedy: Sayable = Label("Remedy", offer.remedy)
        if offer.amount:
            remedy = words("timeline.remedy_amount", remedy=remedy, amount=offer.amount)
        entries.append(
            TimelineEntry(
                offer.at,
                "offer",
                offer.proposed_by_name,
                _with_text(remedy, offer.text),
                offer.offer_id,
            )
        )
        entries += [
            TimelineEntry(
                r.at,
                "response",
                r.party_name,
                _with_text(Label("ResponseDecision", r.decision), r.text),
                offer.offer_id,
            )
            for r in offer.responses
        ]
    entries += [
        TimelineEntry(
            h.at, "history", h.actor_name, _with_text(Label("HistoryEvent", h.event), h.text), None
        )
        for h in history
    ]
    # Stable sort: entries at the same moment keep the order of the lists above.
    entries.sort(key=lambda entry: entry.at)
    return tuple(entries)


def _with_text(what: Sayable, text: str | None) -> Sayable:
    """``what`` followed by what someone wrote about it, if anything."""
    return words("timeline.with_text", what=what, text=text) if text else what


def read_evidence(uow: UnitOfWork, item: EvidenceView) -> bytes:
    """The evidence bytes, checked against the recorded size and SHA-256 on every open."""
    import hashlib

    if not uow.evidence.has(item.sha256):
        raise IntegrityError(
            words("cases.evidence_missing", case_id=item.case_id, evidence_id=item.evidence_id)
        )
    with uow.evidence.open(item.sha256) as source:
        data = source.read(item.size + 1)
    if len(data) != item.size or hashlib.sha256(data).hexdigest() != item.sha256:
        raise IntegrityError(
            words("cases.evidence_altered", case_id=item.case_id, evidence_id=item.evidence_id)
        )
    return data
