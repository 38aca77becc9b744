"""What the desk's review panel shows of a case: the draft, the case file, the
evidence list, the checklist, the diff and the similar cases, read in one unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.documents import list_documents
from app.errors import NotFound, PermissionDenied
from app.review.diff import RecordDiff
from app.review.service import (
    Appeal,
    PlatformDocument,
    check_four_eyes,
    consistency,
    document_diff,
    latest_appeal,
    platform_documents,
    review_checklist,
    reviewer,
)
from app.review.similar import Consistency
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import Label, Sayable, words


@dataclass(frozen=True)
class EvidenceLine:
    evidence_id: str
    kind: str
    title: str
    submitted_by: str
    submitted_at: datetime
    stored: bool  # the desk holds the bytes (checked against their SHA-256 on open)


@dataclass(frozen=True)
class ReviewView:
    """Everything the review panel shows for one case, read in one unit of work."""

    case_id: str
    title: str
    status: str
    documents: tuple[PlatformDocument, ...]
    under_review: PlatformDocument | None  # the newest document awaiting review
    document_stored: bool  # its PDF is in this desk's store (preview possible)
    checklist: tuple[Sayable, ...]
    evidence: tuple[EvidenceLine, ...]
    diff: RecordDiff | None  # None: this desk holds no draft record of the case
    consistency: Consistency
    appeal: Appeal | None
    refusal: Sayable | None  # why this desk may not review it (role, four eyes), else None


def review_view(uow: UnitOfWork, case_id: str) -> ReviewView:
    """The case as a reviewer opens it: documents with their reviews, the script's
    checklist, the evidence list, what changed since the previous draft, similar cases,
    an appeal, and whether this desk may approve or return."""
    case = uow.session.get(m.Case, case_id)
    if case is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    documents = platform_documents(uow, case_id)
    waiting = [document for document in documents if document.status == "submitted"]
    under_review = waiting[-1] if waiting else None
    refusal: Sayable | None = None
    try:
        user = reviewer(uow, Label("Verdict", "approve"))
        if under_review is not None:
            check_four_eyes(user, under_review, Label("Verdict", "approve"))
    except PermissionDenied as refused:
        refusal = refused.message if isinstance(refused.message, Sayable) else None
    evidence = tuple(
        EvidenceLine(
            row.evidence_id,
            row.kind,
            row.title or row.filename,
            row.submitted_by,
            row.submitted_at,
            row.stored,
        )
        for row in uow.session.execute(
            select(m.Evidence)
            .where(m.Evidence.case_id == case_id)
            .order_by(m.Evidence.submitted_at, m.Evidence.id)
        ).scalars()
    )
    diff = document_diff(uow, case_id) if list_documents(uow, case_id) else None
    return ReviewView(
        case_id=case_id,
        title=case.title,
        status=case.status,
        documents=documents,
        under_review=under_review,
        document_stored=under_review is not None and uow.evidence.has(under_review.sha256),
        checklist=review_checklist(uow, case_id),
        evidence=evidence,
        diff=diff,
        consistency=consistency(uow, case_id),
        appeal=latest_appeal(uow, case_id),
        refusal=refusal,
    )
