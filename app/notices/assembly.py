"""Building a notice from the decision it reports: pure, no store, no PDF.

:func:`build_notice` takes the stored record of the latest ruling, dismissal or
settlement agreement — or, on a desk that did not draft it, the decision the platform
recorded (:mod:`app.notices.platform_decision`) — and the case document (whose known
data the anonymizer removes), and writes every text the notice publishes through
:func:`app.anonymize.anonymize`.
A settlement is refused (SPC 法释〔2016〕19号 art. 4: cases settled by mediation are not
published) unless the caller says a supervisor overrode it with a written reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.anonymize import anonymize
from app.contract.case_document import CaseDocument
from app.contract.language import Language
from app.documents.records import Cited, DecisionRecord, Dismissal, Ruling, SettlementAgreement
from app.errors import ValidationError
from app.notices.platform_decision import PlatformDecision, platform_texts
from app.notices.records import NoticeRecord, NoticeRedaction
from app.vocabulary import words

# How long a notice stays up, in days from its publication date (the platform's policy).
DEFAULT_VALIDITY_DAYS = 90


class SettledCaseNotPublished(ValidationError):
    """A case settled by mediation is not published without a supervisor's override."""


@dataclass(frozen=True)
class NoticeIdentity:
    """Which version of the case's notice the record will be."""

    notice_id: str
    version: int
    supersedes: str | None
    publication_date: date
    language: Language
    validity_days: int = DEFAULT_VALIDITY_DAYS


def build_notice(
    decision: DecisionRecord | PlatformDecision,
    decision_sha256: str,
    case: CaseDocument,
    identity: NoticeIdentity,
    *,
    settled_override: bool = False,
) -> NoticeRecord:
    """The notice of ``decision`` — a record drafted on this desk, or the decision the
    platform recorded on ``case`` — every published text anonymized against ``case``."""
    if decision.kind == "settlement" and not settled_override:
        raise SettledCaseNotPublished(words("notices.settled_not_published", case_id=case.case.id))
    if isinstance(decision, PlatformDecision):
        return _platform_notice(decision, case, identity)
    record = decision.case
    merchant = record.party("merchant")
    texts = source_texts(decision, identity.language, case)
    out, redactions = _anonymized(case, texts, identity.language)
    shop = None
    if merchant is not None:
        shop = merchant.shop_name or (
            merchant.legal_name if merchant.person_kind == "organisation" else None
        )
    return NoticeRecord(
        case_id=record.case_id,
        notice_id=identity.notice_id,
        version=identity.version,
        supersedes=identity.supersedes,
        language=identity.language,
        publication_date=identity.publication_date,
        validity_days=identity.validity_days,
        valid_until=identity.publication_date + timedelta(days=identity.validity_days),
        source_document_id=record.document_id,
        source_kind=decision.kind,
        source_sha256=decision_sha256,
        category=record.category,
        reason=record.reason,
        buyer=out["buyer"],
        shop_name=shop,
        goods=out["goods"],
        # A dismissal's outcome is its basis (malicious, out_of_scope), said by the template.
        outcome=Cited(decision.basis, "") if isinstance(decision, Dismissal) else decision.outcome,
        rules_relied_on=()
        if isinstance(decision, SettlementAgreement)
        else decision.rules_relied_on,
        summary=out["summary"],
        reasoning=out["reasoning"],
        settled_override=isinstance(decision, SettlementAgreement),
        redactions=redactions,
    )


def _anonymized(
    case: CaseDocument, texts: dict[str, str], language: Language
) -> tuple[dict[str, str], tuple[NoticeRedaction, ...]]:
    published = anonymize(case, {k: v for k, v in texts.items() if v.strip()}, language=language)
    out = {name: published.texts.get(name, "") for name in texts}
    redactions = tuple(
        NoticeRedaction(
            field=r.field,
            start=r.published_start,
            end=r.published_end,
            kind=r.kind,
            rule=r.rule,
            confidence=r.confidence,
            replacement=r.replacement,
            source_start=r.start,
            source_end=r.end,
        )
        for r in published.redactions
    )
    return out, redactions


def _platform_notice(
    decision: PlatformDecision, case: CaseDocument, identity: NoticeIdentity
) -> NoticeRecord:
    """The notice of a decision this desk did not draft: what the platform recorded."""
    language = identity.language
    out, redactions = _anonymized(case, platform_texts(case, language), language)
    merchant = next((party for party in case.parties if party.role == "merchant"), None)
    shop = None
    if merchant is not None:
        shop = (merchant.shop.name if merchant.shop else None) or (
            merchant.legal_name if merchant.person_kind == "organisation" else None
        )
    return NoticeRecord(
        case_id=case.case.id,
        notice_id=identity.notice_id,
        version=identity.version,
        supersedes=identity.supersedes,
        language=language,
        publication_date=identity.publication_date,
        validity_days=identity.validity_days,
        valid_until=identity.publication_date + timedelta(days=identity.validity_days),
        source_document_id=decision.document_id,
        source_kind=decision.kind,
        source_sha256=decision.sha256,
        category=case.case.category,
        reason=case.case.reason,
        buyer=out["buyer"],
        shop_name=shop,
        goods=out["goods"],
        outcome=decision.outcome_cited(language),
        rules_relied_on=decision.rules_cited(language),
        summary="",
        reasoning="",
        settled_override=decision.kind == "settlement",
        redactions=redactions,
    )


def source_texts(
    decision: DecisionRecord | PlatformDecision, language: Language, case: CaseDocument
) -> dict[str, str]:
    """The texts of the decision a notice publishes, by notice field, as written (before
    the anonymizer): for the desk's side-by-side preview."""
    if isinstance(decision, PlatformDecision):
        return platform_texts(case, language)
    buyer = decision.case.party("buyer")
    return {
        "buyer": buyer.name if buyer else "",
        "goods": _goods(decision, language),
        "summary": _summary(decision),
        "reasoning": _reasoning(decision),
    }


def _goods(decision: DecisionRecord, language: Language) -> str:
    """The goods in general terms: the titles of the order's lines, without SKUs,
    prices or quantities."""
    titles = list(dict.fromkeys(line.title.strip() for line in decision.case.order.items))
    return ("、" if language != "en" else "; ").join(title for title in titles if title)


def _summary(decision: DecisionRecord) -> str:
    if isinstance(decision, Ruling):
        return decision.findings_of_fact
    if isinstance(decision, Dismissal):
        return decision.findings_of_fact or ""
    return decision.summary or decision.terms.text or ""


def _reasoning(decision: DecisionRecord) -> str:
    if isinstance(decision, Ruling | Dismissal):
        return decision.reasoning
    return ""
