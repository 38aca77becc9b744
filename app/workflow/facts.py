"""The facts of a case that workflow rules may look at, as plain frozen data.

:func:`facts_from_document` reads them from a case document; the engine never sees the
document itself, so it can be driven by tests and by the store alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.contract.case_document import CaseDocument, Money

# Facts a checklist item may follow instead of a tick (``fact = "…"`` in a script): what
# the store recorded of the case's current decision document — its signature rows, and
# the verdict of verifying its newest signed form (app.documents.verifications).
CHECKLIST_FACTS = frozenset(
    {"document.signed_by_mediator", "document.countersigned", "document.signatures_valid"}
)

# Who stands behind an actor: a party's role, or the platform (which includes the desk's
# own mediators, "user:<name>").
SubmitterRole = str


@dataclass(frozen=True)
class PartyFact:
    id: str
    role: str
    display_name: str


@dataclass(frozen=True)
class EvidenceFact:
    id: str
    kind: str
    submitted_by: str
    submitter_role: SubmitterRole


@dataclass(frozen=True)
class OfferResponseFact:
    party: str
    role: str
    decision: str
    at: datetime
    text: str | None


@dataclass(frozen=True)
class OfferFact:
    """An offer as the platform records it."""

    id: str
    proposed_by: str
    proposer_role: SubmitterRole
    at: datetime
    remedy: str
    amount: Money | None
    status: str
    text: str | None
    responses: tuple[OfferResponseFact, ...]


@dataclass(frozen=True)
class CaseFacts:
    """What the workflow knows about a case."""

    case_id: str
    category: str
    reason: str
    channel: str
    language: str
    status: str
    priority: str
    flags: frozenset[str]
    created_at: datetime
    claim_remedy: str
    claim_amount: Money | None
    order_total: Money
    shipping_fee: Money | None
    delivered_at: datetime | None
    last_shipment_status: str | None
    parties: tuple[PartyFact, ...]
    evidence: tuple[EvidenceFact, ...]
    offers: tuple[OfferFact, ...]
    merchant_credit_score: int | None = None
    merchant_disputes_last_year: int | None = None
    merchant_sanctions_last_year: int | None = None
    due_at: datetime | None = None  # the case's own time limit, set by the platform
    history_events: frozenset[str] = frozenset()  # what the platform's history records
    decision_kind: str | None = None  # the platform's decision, once there is one
    decision_outcome: str | None = None
    # The case's current decision document, as the store recorded it: signed by the
    # mediator, countersigned by the supervisor, and its newest signed form verified as
    # approved (both signatures intact, valid and trusted). Not in the platform's
    # document: the workflow service adds them (app.documents.verifications.signature_state).
    document_signed_by_mediator: bool = False
    document_countersigned: bool = False
    document_signatures_valid: bool = False

    @property
    def currency(self) -> str:
        return self.order_total.currency

    def parties_with_role(self, role: str) -> tuple[PartyFact, ...]:
        return tuple(party for party in self.parties if party.role == role)

    def party(self, party_id: str) -> PartyFact | None:
        return next((party for party in self.parties if party.id == party_id), None)

    def role_of(self, actor: str) -> SubmitterRole:
        """The role behind an actor string: a party's role, else ``platform``."""
        found = self.party(actor)
        return found.role if found is not None else "platform"

    def evidence_kinds(self, role: str = "any") -> frozenset[str]:
        """Kinds of evidence present, from anyone or from parties with ``role``."""
        return frozenset(
            item.kind for item in self.evidence if role == "any" or item.submitter_role == role
        )


def facts_from_document(doc: CaseDocument, local_evidence_kinds: Iterable[str] = ()) -> CaseFacts:
    """The workflow facts of a case document.

    ``local_evidence_kinds`` are kinds of evidence the mediator has added on this desk
    and not yet pushed; they count as submitted by the platform.
    """
    parties = tuple(PartyFact(p.id, p.role, p.display_name) for p in doc.parties)
    roles = {party.id: party.role for party in parties}

    def role_of(actor: str) -> str:
        return roles.get(actor, "platform")

    evidence = [
        EvidenceFact(item.id, item.kind, item.submitted_by, role_of(item.submitted_by))
        for item in doc.evidence
    ]
    evidence += [
        EvidenceFact(f"local-{index}", kind, "platform", "platform")
        for index, kind in enumerate(local_evidence_kinds, start=1)
    ]
    offers = tuple(
        OfferFact(
            id=offer.id,
            proposed_by=offer.proposed_by,
            proposer_role=role_of(offer.proposed_by),
            at=offer.at,
            remedy=offer.remedy,
            amount=offer.amount,
            status=offer.status,
            text=offer.text,
            responses=tuple(
                OfferResponseFact(r.party, role_of(r.party), r.decision, r.at, r.text)
                for r in offer.responses or []
            ),
        )
        for offer in doc.offers
    )
    shipment = doc.order.shipment
    events = sorted(shipment.events, key=lambda event: event.at) if shipment else []
    delivered = [event.at for event in events if event.status == "delivered"]
    merchant_shop = next(
        (p.shop for p in doc.parties if p.role == "merchant" and p.shop is not None), None
    )
    return CaseFacts(
        case_id=doc.case.id,
        category=doc.case.category,
        reason=doc.case.reason,
        channel=doc.case.channel,
        language=doc.case.language,
        status=doc.case.status,
        priority=doc.case.priority or "normal",
        flags=frozenset(doc.case.flags or ()),
        created_at=doc.case.created_at,
        claim_remedy=doc.case.claim.remedy,
        claim_amount=doc.case.claim.amount,
        order_total=doc.order.total_paid,
        shipping_fee=doc.order.shipping_fee,
        delivered_at=delivered[-1] if delivered else None,
        last_shipment_status=events[-1].status if events else None,
        parties=parties,
        evidence=tuple(evidence),
        offers=offers,
        merchant_credit_score=merchant_shop.credit_score if merchant_shop else None,
        merchant_disputes_last_year=merchant_shop.disputes_last_year if merchant_shop else None,
        merchant_sanctions_last_year=merchant_shop.sanctions_last_year if merchant_shop else None,
        due_at=doc.case.due_at,
        history_events=frozenset(event.event for event in doc.history),
        decision_kind=doc.decision.kind if doc.decision else None,
        decision_outcome=doc.decision.outcome if doc.decision else None,
    )
