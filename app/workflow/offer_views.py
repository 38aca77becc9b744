"""Offers as the rules see them: the platform's and the desk's merged, oldest first.

An offer proposed on the desk stays a local one (``L1``, ``L2`` …) until the platform
has it; a response taken by phone counts at once. Whoever proposes an offer accepts it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from app.contract.case_document import Money
from app.workflow.facts import CaseFacts
from app.workflow.state import WorkflowState


@dataclass(frozen=True)
class OfferView:
    """An offer with the latest decision of each side, merged from platform and desk."""

    id: str
    remedy: str
    amount: Money | None
    proposer_role: str
    at: datetime
    status: str
    decisions: Mapping[str, str]
    on_platform: bool

    @property
    def active(self) -> bool:
        return self.status not in ("withdrawn", "expired")

    @property
    def settled(self) -> bool:
        if self.status == "accepted":
            return True
        return (
            self.decisions.get("buyer") == "accept" and self.decisions.get("merchant") == "accept"
        )

    @property
    def rejected(self) -> bool:
        return self.status == "rejected" or "reject" in (
            self.decisions.get("buyer"),
            self.decisions.get("merchant"),
        )


def offer_views(state: WorkflowState | None, facts: CaseFacts) -> tuple[OfferView, ...]:
    """Every offer in the case, oldest first: the platform's, and the desk's not yet there
    (``state`` None: a case that has no workflow state yet, so no offers of the desk's)."""
    local_offers = state.local_offers if state is not None else ()
    local_responses = state.local_responses if state is not None else ()
    linked = {offer.local_id: offer.platform_id for offer in local_offers if offer.platform_id}
    decisions: dict[str, list[tuple[datetime, str, str]]] = {}
    for platform_offer in facts.offers:
        for response in platform_offer.responses:
            decisions.setdefault(platform_offer.id, []).append(
                (response.at, response.role, response.decision)
            )
    for local in local_responses:
        offer_id = linked.get(local.offer_id, local.offer_id)
        decisions.setdefault(offer_id, []).append((local.at, local.role, local.decision))

    def latest(offer_id: str, proposer_role: str) -> dict[str, str]:
        found: dict[str, str] = {}
        if proposer_role in ("buyer", "merchant"):
            found[proposer_role] = "accept"  # whoever proposes accepts their own offer
        for _, role, decision in sorted(decisions.get(offer_id, []), key=lambda item: item[0]):
            found[role] = decision
        return found

    views = [
        OfferView(
            id=offer.id,
            remedy=offer.remedy,
            amount=offer.amount,
            proposer_role=offer.proposer_role,
            at=offer.at,
            status=offer.status,
            decisions=latest(offer.id, offer.proposer_role),
            on_platform=True,
        )
        for offer in facts.offers
    ]
    platform_ids = {offer.id for offer in facts.offers}
    for offer in local_offers:
        if offer.platform_id is not None and offer.platform_id in platform_ids:
            continue
        offer_id = offer.platform_id or offer.local_id
        views.append(
            OfferView(
                id=offer_id,
                remedy=offer.remedy,
                amount=offer.amount,
                proposer_role="platform",
                at=offer.at,
                status="proposed",
                decisions=latest(offer_id, "platform"),
                on_platform=False,
            )
        )
    return tuple(sorted(views, key=lambda view: view.at))
