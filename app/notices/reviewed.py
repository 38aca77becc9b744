"""A notice through the review desk, when the supervisor works in another data folder.

A notice is built from the decision record, which only the desk that drafted the ruling
holds (the platform carries the signed PDF, not its record). So when the mediator and
the supervisor work on two desks, the mediator's desk drafts the notice
(:func:`app.notices.service.draft_notice`, gated there) and submits it for review; the
supervisor approves it like any submitted document (no signature: a notice is not
signed) and publishes it — the supervisor's desk running the publication gate again over
**the platform's copy** it downloaded, before anything is queued.

- :func:`submit_notice` — the drafter's current notice, queued as ``submit_document``
  (kind ``notice``) through the outbox; the push uploads the PDF first.
- :func:`publish_reviewed_notice` — a supervisor's: the platform's notice document,
  approved (or its approval waiting in the outbox, which goes first), gated and queued as
  ``publish_notice`` with its ``document_id``.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from app import audit
from app.errors import IntegrityError, NotFound, ValidationError
from app.notices.gate import TextExtractor
from app.notices.service import (
    NOTICE_KIND,
    list_notices,
    read_notice,
    refuse_a_leaking_notice,
    refuse_while_appealed,
    require_supervisor,
)
from app.review.service import platform_document, platform_documents
from app.services.anonymize_service import case_document
from app.services.outbox import OutboxItem, list_outbox, queue_action
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import Label, words


def submit_notice(uow: UnitOfWork, case_id: str, *, actor_id: str) -> OutboxItem:
    """Queue the case's current notice for a supervisor's review (``submit_document``,
    kind ``notice``) and commit; the same notice is never queued twice."""
    notices = [n for n in list_notices(uow, case_id) if n.state != "superseded"]
    if not notices:
        raise ValidationError(words("notices.none_drafted", case_id=case_id))
    current = notices[-1]
    read_notice(uow, case_id, current.notice_id)  # the stored PDF, checked
    for item in list_outbox(uow, case_id, ("pending", "held", "failed", "sent")):
        if item.action_type == "submit_document" and item.body.get("sha256") == current.sha256:
            return item
    item = queue_action(
        uow,
        case_id,
        {"type": "submit_document", "kind": NOTICE_KIND, "sha256": current.sha256},
        actor_id,
    )
    audit.record(
        uow.session,
        at=uow.clock.now(),
        actor=actor_id,
        action="notice.submitted",
        case_id=case_id,
        changes={
            "document_id": current.notice_id,
            "sha256": current.sha256,
            "outbox_id": item.id,
        },
    )
    uow.commit()
    return item


def reviewed_notice(uow: UnitOfWork, case_id: str) -> str | None:
    """The platform's notice of the case that came through the review desk and is not
    published yet — submitted or approved — (its document id), or None. On a supervisor's
    desk it is what Publish publishes: the full notice the drafter's desk made."""
    documents = [
        document
        for document in platform_documents(uow, case_id)
        if document.kind == NOTICE_KIND and document.status in ("submitted", "approved")
    ]
    return documents[-1].document_id if documents else None


def publish_reviewed_notice(
    uow: UnitOfWork, case_id: str, document_id: str, extract: TextExtractor, *, actor_id: str
) -> OutboxItem:
    """Publish the platform's notice ``document_id``: a supervisor's action, refused with
    nothing queued for another role, for a document that is not a notice or not approved
    (nor its approval waiting), for a copy not downloaded or altered, and — naming each
    field and kind — when the copy still holds a personal datum. Commits (a blocked
    attempt is kept in the audit trail too)."""
    require_supervisor(uow)
    refuse_while_appealed(case_document(uow, case_id))
    document = platform_document(uow, case_id, document_id)
    if document.kind != NOTICE_KIND:
        raise ValidationError(
            words(
                "notices.reviewed.not_a_notice",
                document_id=document_id,
                kind=Label("DocumentKind", document.kind),
            )
        )
    waiting = list_outbox(uow, case_id, ("pending", "held", "failed"))
    for item in waiting:
        if item.action_type == "publish_notice" and item.body.get("document_id") == document_id:
            return item
    approval_waiting = any(
        item.action_type == "review_document"
        and item.body.get("document_id") == document_id
        and item.body.get("verdict") == "approve"
        for item in waiting
    )
    if document.status != "approved" and not approval_waiting:
        raise ValidationError(
            words(
                "notices.reviewed.not_approved",
                document_id=document_id,
                status=Label("DocumentStatus", document.status),
            )
        )
    data = _platform_copy(uow, case_id, document_id, document.sha256, document.size)
    refuse_a_leaking_notice(
        uow,
        case_id,
        data,
        case_document(uow, case_id),
        extract,
        document_id=document_id,
        actor_id=actor_id,
    )
    now = uow.clock.now()
    item = queue_action(
        uow, case_id, {"type": "publish_notice", "document_id": document_id}, actor_id
    )
    audit.record(
        uow.session,
        at=now,
        actor=actor_id,
        action="notice.publish_queued",
        case_id=case_id,
        changes={"document_id": document_id, "sha256": document.sha256, "outbox_id": item.id},
    )
    uow.commit()
    return item


def _platform_copy(
    uow: UnitOfWork, case_id: str, document_id: str, sha256: str, size: int
) -> bytes:
    stored = uow.session.execute(
        select(m.Document.stored).where(
            m.Document.case_id == case_id, m.Document.document_id == document_id
        )
    ).scalar_one_or_none()
    if not stored or not uow.evidence.has(sha256):
        raise NotFound(
            words("signatures.received.not_downloaded", case_id=case_id, document_id=document_id)
        )
    with uow.evidence.open(sha256) as source:
        data = source.read(size + 1)
    if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
        raise IntegrityError(
            words("signatures.received.altered", case_id=case_id, document_id=document_id)
        )
    return data
