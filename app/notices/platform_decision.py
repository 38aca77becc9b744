"""The decision as the platform records it, for a desk that did not draft it.

A supervisor's desk publishes the notices of cases decided elsewhere: the ruling was
drafted on a mediator's desk and approved, or the case was dismissed by closing it. The
platform does not carry a decision document's record (docs/review.md), only the case
document's ``decision`` (kind, outcome, remedies) and the approved PDF. So the notice of
such a case says what the platform recorded — the case, the goods, the shop, the buyer's
pseudonym, the outcome — and refers to the decision document for the rules; the facts
found and the reasons are printed only by a desk that holds the record.

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

    def outcome_cited(self, language: Language) -> Cited:
        """The outcome as the notice prints it (a dismissal's words are the template's)."""
        if self.kind == "dismissal":
            return Cited("dismissed", "")
        return Cited(self.outcome, Label("Outcome", self.outcome).text(language))

    def rules_cited(self, language: Language) -> tuple[Cited, ...]:
        """The rules are the decision document's: the notice refers to it."""
        if self.kind == "settlement":
            return ()
        text = words("notices.rules_in_decision", document_id=self.document_id).text(language)
        return (Cited("decision_document", text),)


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
    return PlatformDecision(decision.kind, document_id, sha256, decision.outcome)


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
