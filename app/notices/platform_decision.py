"""The decision as the platform records it, for a desk that did not draft it.

A supervisor's desk publishes the notices of cases decided elsewhere: the ruling was
drafted on a mediator's desk and approved, or the case was dismissed by closing it. The
platform does not carry a decision document's record (docs/review.md), only the case
document's ``decision`` (kind, outcome, remedies) and the approved PDF. So the notice of
such a case says what the platform recorded — the case, the goods, the shop, the buyer's
pseudonym, the outcome with the remedies decided (who pays whom, how much) — and refers
to the decision document for the rules; the facts found and the reasons are printed
only by a desk that holds the record.

Pure: the case document in, plain data out.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from app.contract.case_document import CaseDocument
from app.contract.language import Language
from app.documents.records import Cited
from app.notices.records import SourceKind
from app.vocabulary import Label, words
from app.vocabulary.money import format_money


@dataclass(frozen=True)
class DecidedRemedy:
    """A remedy of the decision: what, how much, who pays whom (by role)."""

    remedy: str  # a Remedy code
    amount: int | None
    currency: str | None
    payer_role: str
    payee_role: str

    def text(self, language: Language) -> str:
        amount = (
            format_money(self.amount, self.currency, language)
            if self.amount is not None and self.currency
            else ""
        )
        return (
            words(
                "notices.remedy",
                payer=Label("PartyRole", self.payer_role),
                payee=Label("PartyRole", self.payee_role),
                remedy=Label("Remedy", self.remedy),
                amount=amount,
            )
            .text(language)
            .strip()
        )


@dataclass(frozen=True)
class PlatformDecision:
    """A case's decision as the platform serves it: its kind and outcome, and what
    carries it — the approved document (its id and SHA-256), or, for a case closed
    without one (a dismissal by ``close``), the decision itself (its id, and the SHA-256
    of its JSON, so that a changed decision makes the notice stale)."""

    kind: SourceKind
    document_id: str
    sha256: str
    outcome: str  # an Outcome code
    remedies: tuple[DecidedRemedy, ...] = ()
    in_document: bool = True  # False: no document carries it (``document_id`` is the decision's)

    def outcome_cited(self, language: Language) -> Cited | None:
        """The outcome as the notice prints it, with the remedies decided (a dismissal's
        and a settlement's words are the template's)."""
        if self.kind == "dismissal":
            return Cited("dismissed", "")
        if self.kind == "settlement":
            return None
        parts = [Label("Outcome", self.outcome).text(language)]
        parts += [remedy.text(language) for remedy in self.remedies]
        separator = "; " if language == "en" else "；"
        return Cited(self.outcome, separator.join(part for part in parts if part))

    def rules_cited(self, language: Language) -> tuple[Cited, ...]:
        """The rules are the decision document's: the notice refers to it."""
        if self.kind == "settlement":
            return ()
        key = "notices.rules_in_decision" if self.in_document else "notices.rules_in_platform"
        text = words(key, document_id=self.document_id).text(language)
        return (Cited("decision_document" if self.in_document else "decision", text),)


def platform_decision(case: CaseDocument) -> PlatformDecision | None:
    """The decision the platform recorded on ``case``, or None if it has none."""
    decision = case.decision
    if decision is None:
        return None
    carrier = next(
        (
            item
            for item in reversed(case.documents or [])
            if decision.document_sha256 is not None and item.sha256 == decision.document_sha256
        ),
        None,
    )
    if carrier is not None:
        document_id, sha256 = carrier.id, carrier.sha256
    else:
        data = json.dumps(
            decision.model_dump(mode="json", exclude_none=True),
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        document_id, sha256 = decision.id, hashlib.sha256(data.encode("utf-8")).hexdigest()
    roles = {party.id: party.role for party in case.parties}
    remedies = tuple(
        DecidedRemedy(
            remedy.remedy,
            remedy.amount.value if remedy.amount else None,
            remedy.amount.currency if remedy.amount else None,
            roles.get(remedy.payer, "other"),
            roles.get(remedy.payee, "other"),
        )
        for remedy in decision.remedies or []
    )
    return PlatformDecision(
        decision.kind, document_id, sha256, decision.outcome, remedies, carrier is not None
    )


def platform_texts(case: CaseDocument, language: Language) -> dict[str, str]:
    """The texts of the case a notice of its platform decision publishes, by notice field,
    as written (before the anonymizer)."""
    buyer = next((party for party in case.parties if party.role == "buyer"), None)
    titles = list(dict.fromkeys(item.title.strip() for item in case.order.items))
    return {
        "buyer": (buyer.legal_name or buyer.display_name) if buyer else "",
        "goods": ("、" if language != "en" else "; ").join(t for t in titles if t),
        "summary": "",
        "reasoning": "",
    }
