"""The supervisor's review: who may review, the queue, approve and return.

The platform's case document lists the documents it holds for a case (``documents``:
``D1``, ``D2``…, each with who created it, its status and its reviews). A supervisor
reviews a **submitted** one: approves it or returns it with comments. Both go through
the outbox (``review_document``), so they work offline and reach the platform exactly
once. What the platform is sure to refuse is refused here first, naming the rule:

- only a signed-in **supervisor** reviews (a mediator's desk, or a desk nobody signed in
  on, cannot approve or return);
- **four eyes**: nobody reviews a document they created — checked here on the
  document's ``created_by`` and again by the platform;
- only a document that is awaiting review (``submitted``) can be reviewed, and once.

Approval countersigns. Signing is not the core's job: :func:`approve_document` takes a
``countersign`` port (the entry points hand in the real one, from ``reports``). Without
one it records the approval of the document's current hash as it stands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Bundle

from app import audit
from app.documents import DecisionRecord, document_record, list_documents
from app.errors import NotFound, PermissionDenied, ValidationError
from app.review.diff import RecordDiff, diff_records
from app.review.similar import Consistency, draft_decision, similar_cases
from app.services.identity import SignedInUser, signed_in_user
from app.services.outbox import OutboxItem, list_outbox, queue_action
from app.services.workflow_service import script_library
from app.stats.events import CASE_APPEALED
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import Label, Sayable, words
from app.workflow import WorkingDayCalendar, default_calendar, script_id_for_case

#: Working days a supervisor has for a review when the case's script does not say.
DEFAULT_REVIEW_DAYS = 2
#: The longest comments a return carries (the platform's text limit is larger).
MAX_COMMENTS = 4000
#: The history event a party's appeal comes as (platform API 1.1).
APPEAL_EVENT = CASE_APPEALED
#: The platform documents an approval countersigns (a notice is approved unsigned).
SIGNED_KINDS = ("ruling", "settlement_agreement")


@dataclass(frozen=True)
class Review:
    """One review a platform document received."""

    by: str
    at: datetime
    verdict: str  # approve / return
    comments: str | None


@dataclass(frozen=True)
class PlatformDocument:
    """A document the platform holds for a case, as the desk last synced it."""

    case_id: str
    document_id: str
    kind: str
    sha256: str
    size: int
    created_at: datetime
    created_by: str
    status: str
    reviews: tuple[Review, ...]


@dataclass(frozen=True)
class Appeal:
    at: datetime
    by: str
    text: str | None


@dataclass(frozen=True)
class ReviewItem:
    """One line of the review queue: a case with a document awaiting review."""

    case_id: str
    title: str
    category: str
    reason: str
    document: PlatformDocument
    submitted_at: datetime
    review_deadline: datetime
    working_days_left: int
    returned_before: int  # earlier versions of this kind that were returned
    appeal: Appeal | None  # an appeal since the last approval brings the case back
    queued: str | None  # a verdict already waiting in the outbox (approve / return)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "title": self.title,
            "category": self.category,
            "reason": self.reason,
            "document_id": self.document.document_id,
            "kind": self.document.kind,
            "sha256": self.document.sha256,
            "created_by": self.document.created_by,
            "submitted_at": self.submitted_at.isoformat(),
            "review_deadline": self.review_deadline.isoformat(),
            "working_days_left": self.working_days_left,
            "overdue": self.working_days_left < 0,
            "returned_before": self.returned_before,
            "appeal": None
            if self.appeal is None
            else {"at": self.appeal.at.isoformat(), "by": self.appeal.by, "text": self.appeal.text},
            "queued": self.queued,
        }


@dataclass(frozen=True)
class Approval:
    """What a countersign port gives back: the countersigned PDF's SHA-256, stored where
    the outbox finds it to upload before the action goes."""

    sha256: str


#: The countersign port: given the unit of work, the user and the document under review,
#: countersign it and return the new file's hash (``reports`` implements it).
Countersign = Callable[[UnitOfWork, SignedInUser, PlatformDocument], Approval]


@dataclass(frozen=True)
class VerdictQueued:
    """A review verdict waiting in the outbox (or already there: ``created`` False)."""

    case_id: str
    document_id: str
    verdict: str
    sha256: str  # the hash the verdict is about: the reviewed or the countersigned PDF
    outbox: OutboxItem
    created: bool


# -- reading -----------------------------------------------------------------------------


def _document(row: m.Document) -> PlatformDocument:
    reviews = tuple(
        Review(
            by=str(item.get("by", "")),
            at=datetime.fromisoformat(str(item["at"])),
            verdict=str(item.get("verdict", "")),
            comments=item.get("comments"),
        )
        for item in row.reviews or []
    )
    return PlatformDocument(
        case_id=row.case_id,
        document_id=row.document_id,
        kind=row.kind,
        sha256=row.sha256,
        size=row.size,
        created_at=row.created_at,
        created_by=row.created_by,
        status=row.status,
        reviews=reviews,
    )


def platform_documents(uow: UnitOfWork, case_id: str) -> tuple[PlatformDocument, ...]:
    """Every document the platform holds for the case, oldest first, with its reviews
    (the comments a supervisor returned a draft with are here after the next sync)."""
    if uow.session.get(m.Case, case_id) is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    rows = uow.session.execute(
        select(m.Document)
        .where(m.Document.case_id == case_id)
        .order_by(m.Document.created_at, m.Document.id)
    ).scalars()
    return tuple(_document(row) for row in rows)


def platform_document(uow: UnitOfWork, case_id: str, document_id: str) -> PlatformDocument:
    for document in platform_documents(uow, case_id):
        if document.document_id == document_id:
            return document
    raise NotFound(words("review.no_document", case_id=case_id, document_id=document_id))


def review_step(case: m.Case) -> Any:
    """The case's script's supervisor-review step (its checklist and deadline), or None.
    Typed ``Any``: the workflow engine's public API does not name its step type."""
    return _review_step(case.category, case.reason, tuple(str(f) for f in case.flags or []))


def _review_step(category: str, reason: str, flags: tuple[str, ...]) -> Any:
    try:
        script_id = script_id_for_case(category, reason, list(flags))
    except (KeyError, ValueError):
        return None
    return _review_step_of_script(script_id)


@lru_cache(maxsize=64)
def _review_step_of_script(script_id: str) -> Any:
    try:
        script = script_library().current(script_id)
    except (KeyError, ValueError):
        return None
    return next((step for step in script.steps if step.stage == "supervisor_review"), None)


def review_checklist(uow: UnitOfWork, case_id: str) -> tuple[Sayable, ...]:
    """What the supervisor checks, from the case's workflow script."""
    case = uow.session.get(m.Case, case_id)
    if case is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    step = review_step(case)
    return () if step is None else tuple(item.text for item in step.checklist)


def latest_appeal(uow: UnitOfWork, case_id: str) -> Appeal | None:
    """A party's appeal after the last approval of the case (None when there is none)."""
    events = uow.session.execute(
        select(m.HistoryEvent.event, m.HistoryEvent.at, m.HistoryEvent.actor, m.HistoryEvent.text)
        .where(
            m.HistoryEvent.case_id == case_id,
            m.HistoryEvent.event.in_((APPEAL_EVENT, "document.approved")),
        )
        .order_by(m.HistoryEvent.position)
    ).all()
    appeal: Appeal | None = None
    for event, at, actor, text in events:
        appeal = Appeal(at, actor, text) if event == APPEAL_EVENT else None
    return appeal


def review_queue(
    uow: UnitOfWork, now: datetime | None = None, calendar: WorkingDayCalendar | None = None
) -> tuple[ReviewItem, ...]:
    """Cases with a document awaiting review, oldest submission first, each with its
    review deadline in working days (the script's supervisor-review step)."""
    now = now or uow.clock.now()
    calendar = calendar or default_calendar()
    rows = uow.session.execute(
        select(m.Document, _QueueCase)
        .join(m.Case, m.Case.id == m.Document.case_id)
        .where(m.Document.status == "submitted")
        .order_by(m.Document.created_at, m.Document.case_id, m.Document.document_id)
    ).all()
    queued = _queued_verdicts(uow)
    case_ids = sorted({case.id for _, case in rows})
    # One query each for every case's documents and appeals (not one per line).
    documents: dict[str, list[PlatformDocument]] = {}
    for chunk in _chunks(case_ids):
        for other in uow.session.execute(
            select(m.Document)
            .where(m.Document.case_id.in_(chunk))
            .order_by(m.Document.created_at, m.Document.id)
        ).scalars():
            documents.setdefault(other.case_id, []).append(_document(other))
    appeals = _latest_appeals(uow, case_ids)
    items: list[ReviewItem] = []
    for row, case in rows:
        document = _document(row)
        step = _review_step(case.category, case.reason, tuple(str(f) for f in case.flags or []))
        days = (step.deadline_working_days if step else None) or DEFAULT_REVIEW_DAYS
        deadline = calendar.deadline(document.created_at, days)
        earlier = [
            other
            for other in documents.get(case.id, [])
            if other.kind == document.kind and other.created_at <= document.created_at
        ]
        items.append(
            ReviewItem(
                case_id=case.id,
                title=case.title,
                category=case.category,
                reason=case.reason,
                document=document,
                submitted_at=document.created_at,
                review_deadline=deadline,
                working_days_left=calendar.working_days_left(now, deadline),
                returned_before=sum(
                    1 for other in earlier if any(r.verdict == "return" for r in other.reviews)
                ),
                appeal=appeals.get(case.id),
                queued=queued.get((case.id, document.document_id)),
            )
        )
    return tuple(items)


_QueueCase: Bundle[Any] = Bundle(
    "case", m.Case.id, m.Case.title, m.Case.category, m.Case.reason, m.Case.flags
)


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[start : start + size] for start in range(0, len(values), size)]


def _latest_appeals(uow: UnitOfWork, case_ids: list[str]) -> dict[str, Appeal]:
    """Each case's appeal since its last approval (see :func:`latest_appeal`)."""
    found: dict[str, Appeal | None] = {}
    for chunk in _chunks(case_ids):
        events = uow.session.execute(
            select(
                m.HistoryEvent.case_id,
                m.HistoryEvent.event,
                m.HistoryEvent.at,
                m.HistoryEvent.actor,
                m.HistoryEvent.text,
            )
            .where(
                m.HistoryEvent.case_id.in_(chunk),
                m.HistoryEvent.event.in_((APPEAL_EVENT, "document.approved")),
            )
            .order_by(m.HistoryEvent.case_id, m.HistoryEvent.position)
        ).all()
        for case_id, event, at, actor, text in events:
            found[case_id] = Appeal(at, actor, text) if event == APPEAL_EVENT else None
    return {case_id: appeal for case_id, appeal in found.items() if appeal is not None}


def _queued_verdicts(uow: UnitOfWork) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for item in list_outbox(uow, states=("pending", "held", "failed")):
        if item.action_type == "review_document":
            found[(item.case_id, str(item.body.get("document_id")))] = str(item.body["verdict"])
    return found


def current_draft(uow: UnitOfWork, case_id: str) -> tuple[str, DecisionRecord] | None:
    """The newest decision document this desk holds for the case and its record."""
    versions = list_documents(uow, case_id)
    if not versions:
        return None
    newest = versions[-1]
    return newest.document_id, document_record(uow, case_id, newest.document_id)


def document_diff(uow: UnitOfWork, case_id: str, document_id: str | None = None) -> RecordDiff:
    """What changed in a decision document (default: the newest) since the version it
    supersedes; a first version lists everything it says."""
    versions = {version.document_id: version for version in list_documents(uow, case_id)}
    if document_id is None:
        if not versions:
            raise NotFound(words("review.no_drafts", case_id=case_id))
        document_id = list(versions)[-1]
    version = versions.get(document_id)
    if version is None:
        raise NotFound(words("documents.not_found", case_id=case_id, document_id=document_id))
    after = document_record(uow, case_id, document_id)
    before = (
        document_record(uow, case_id, version.supersedes)
        if version.supersedes in versions
        else None
    )
    return diff_records(before, after)


def consistency(uow: UnitOfWork, case_id: str) -> Consistency:
    """Past decided cases like this one, and where this desk's newest draft sits."""
    draft = current_draft(uow, case_id)
    return similar_cases(
        uow, case_id, None if draft is None else draft_decision(draft[1], draft[0])
    )


# -- the rules -----------------------------------------------------------------------------


def reviewer(uow: UnitOfWork, action: Sayable) -> SignedInUser:
    """The signed-in supervisor, or a refusal naming the rule."""
    user = signed_in_user(uow)
    if user is None:
        raise PermissionDenied(words("review.needs_supervisor_sign_in", action=action))
    if user.role != "supervisor":
        raise PermissionDenied(
            words("review.only_supervisors", action=action, role=Label("Role", user.role))
        )
    return user


def check_four_eyes(user: SignedInUser, document: PlatformDocument, action: Sayable) -> None:
    """Nobody reviews a document they created."""
    if document.created_by == user.actor:
        raise PermissionDenied(
            words(
                "review.four_eyes",
                action=action,
                case_id=document.case_id,
                document_id=document.document_id,
                user=user.username,
            )
        )


def _reviewable(
    uow: UnitOfWork, case_id: str, document_id: str, verdict: str
) -> tuple[SignedInUser, PlatformDocument, VerdictQueued | None]:
    action = Label("Verdict", verdict)
    user = reviewer(uow, action)
    document = platform_document(uow, case_id, document_id)
    check_four_eyes(user, document, action)
    waiting = _waiting_verdict(uow, case_id, document_id)
    if waiting is not None:
        if waiting.verdict == verdict:
            return user, document, waiting
        raise ValidationError(
            words(
                "review.already_queued",
                case_id=case_id,
                document_id=document_id,
                verdict=Label("Verdict", waiting.verdict),
            )
        )
    if document.status != "submitted":
        raise ValidationError(
            words(
                "review.not_awaiting_review",
                case_id=case_id,
                document_id=document_id,
                status=Label("DocumentStatus", document.status),
            )
        )
    return user, document, None


def _waiting_verdict(uow: UnitOfWork, case_id: str, document_id: str) -> VerdictQueued | None:
    for item in list_outbox(uow, case_id, ("pending", "held", "failed")):
        if item.action_type == "review_document" and item.body.get("document_id") == document_id:
            return VerdictQueued(
                case_id,
                document_id,
                str(item.body["verdict"]),
                str(item.body.get("sha256") or ""),
                item,
                created=False,
            )
    return None


# -- acting -----------------------------------------------------------------------------------


def return_document(
    uow: UnitOfWork, case_id: str, document_id: str, comments: str
) -> VerdictQueued:
    """Return a submitted document to its drafter with ``comments`` (required): queued
    for the next sync as ``review_document`` ``return``, with an audit event. Returning
    it again before the sync gives back the queued return. Commits."""
    cleaned = comments.strip()
    if not cleaned:
        raise ValidationError(words("review.comments_required", document_id=document_id))
    if len(cleaned) > MAX_COMMENTS:
        raise ValidationError(
            words("review.comments_too_long", length=len(cleaned), limit=MAX_COMMENTS)
        )
    user, document, waiting = _reviewable(uow, case_id, document_id, "return")
    if waiting is not None:
        return waiting
    body = {
        "type": "review_document",
        "document_id": document_id,
        "verdict": "return",
        "comments": cleaned,
    }
    item = queue_action(uow, case_id, body, user.actor)
    _audit(uow, user, document, "review.returned", document.sha256, {"comments": cleaned})
    uow.commit()
    return VerdictQueued(case_id, document_id, "return", document.sha256, item, created=True)


def reopened_on_appeal(document: PlatformDocument) -> bool:
    """An approved document that an appeal sent back to review: it already carries the
    supervisor's countersignature, so approving it again confirms it as it is (a return
    sends it back to its author for a new version, signed and countersigned anew)."""
    return document.status == "submitted" and any(r.verdict == "approve" for r in document.reviews)


def approve_document(
    uow: UnitOfWork,
    case_id: str,
    document_id: str,
    comments: str = "",
    countersign: Countersign | None = None,
) -> VerdictQueued:
    """Approve a submitted document: countersign it through the ``countersign`` port and
    queue ``review_document`` ``approve`` with the countersigned hash — or, without a
    port, the approval of the document's current hash. A document reopened by an appeal
    (:func:`reopened_on_appeal`) is confirmed as it is: nothing is countersigned again;
    a notice is approved unsigned.
    Approving again before the sync gives back the queued approval. Commits."""
    user, document, waiting = _reviewable(uow, case_id, document_id, "approve")
    if waiting is not None:
        return waiting
    body: dict[str, Any] = {
        "type": "review_document",
        "document_id": document_id,
        "verdict": "approve",
        "comments": comments.strip(),
    }
    sha256 = document.sha256
    confirming = reopened_on_appeal(document)
    # A notice is not signed: approving it lets a supervisor publish it.
    countersigned = countersign is not None and not confirming and document.kind in SIGNED_KINDS
    if countersign is not None and countersigned:
        sha256 = countersign(uow, user, document).sha256
        body["sha256"] = sha256
    item = queue_action(uow, case_id, body, user.actor)
    _audit(
        uow,
        user,
        document,
        "review.approved",
        sha256,
        {
            "countersigned": countersigned,
            "reviewed_sha256": document.sha256,
            "confirmed_on_appeal": confirming,
        },
    )
    uow.commit()
    return VerdictQueued(case_id, document_id, "approve", sha256, item, created=True)


def _audit(
    uow: UnitOfWork,
    user: SignedInUser,
    document: PlatformDocument,
    action: str,
    sha256: str,
    extra: dict[str, Any],
) -> None:
    audit.record(
        uow.session,
        at=uow.clock.now(),
        actor=user.actor,
        action=action,
        case_id=document.case_id,
        changes={"document_id": document.document_id, "sha256": sha256, **extra},
    )


@dataclass(frozen=True)
class AwaitingReview:
    """The desk's queue for a supervisor: the cases with a document awaiting review (a
    :class:`app.services.queue.CaseSet`)."""

    def condition(self, dialect: str) -> Any:
        return (
            select(m.Document.id)
            .where(m.Document.case_id == m.Case.id, m.Document.status == "submitted")
            .exists()
        )
