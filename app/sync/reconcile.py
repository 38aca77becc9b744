"""Bringing a platform version of a case into the store, next to the mediator's work.

A newer version that does not touch what the mediator's waiting actions depend on is
taken as it is, and the actions are re-based onto it (a new message from the buyer does
not make the mediator's reply wrong). One that does — the case was reassigned, closed,
its offers changed under a pending response — holds the actions and marks the case in
conflict: both versions stay stored, and the mediator decides.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from app import audit
from app.contract.case_document import CaseDocument, parse_case_document
from app.review.follow import follow_review
from app.services.workflow_service import start_workflow
from app.store import models as m
from app.store.case_writer import describe_changes, snapshot_bytes, write_case
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import words

# What each action type depends on: if the platform changed any of it, the action may be
# wrong now. Keys are the names describe_changes() reports.
DEPENDS_ON: dict[str, tuple[str, ...]] = {
    "message": (),
    "request_evidence": (),
    "propose_offer": ("offers", "case.status", "decision"),
    "record_response": ("offers",),
    "set_status": ("case.status",),
    "close": ("case.status", "decision"),
    "submit_document": ("documents", "decision", "case.status"),
    "review_document": ("documents",),
    "publish_notice": ("documents",),
}
# Changes that make any waiting action questionable.
ALWAYS_CONFLICTING = ("case.assigned_to",)
FINAL_STATUSES = ("closed", "withdrawn")


def conflicting_reasons(action_type: str, changes: dict[str, Any]) -> list[str]:
    """Why an action based on the old version may be wrong after ``changes``; empty if not."""
    reasons = [
        key for key in (*ALWAYS_CONFLICTING, *DEPENDS_ON.get(action_type, ())) if key in changes
    ]
    status = changes.get("case.status")
    if status and status[1] in FINAL_STATUSES and "case.status" not in reasons:
        reasons.append("case.status")
    return reasons


@dataclass(frozen=True)
class Applied:
    outcome: str  # "added", "updated", "unchanged", "restored"
    conflict: bool
    missing_files: int


def apply_platform_version(
    uow: UnitOfWork, document: CaseDocument, raw: bytes, actor: str, *, allow_older: bool = False
) -> Applied:
    """Store one version from the platform (in the caller's transaction).

    A version not newer than the stored one is a no-op, unless ``allow_older`` (a full
    reconcile after the platform was restored from a backup), when the platform is the
    truth again and the older version replaces the newer one — which stays in the
    snapshots.
    """
    session = uow.session
    case_id = document.case.id
    current = session.get(m.Case, case_id)
    now = uow.clock.now()
    if current is not None and document.case.version <= current.version:
        same = hashlib.sha256(raw).hexdigest() == current.document_sha256
        if not current.in_queue:
            current.in_queue = True
        if document.case.version == current.version or same or not allow_older:
            return Applied("unchanged", current.in_conflict, 0)
    old_raw = snapshot_bytes(session, case_id) if current is not None else None
    existing_snapshot = session.execute(
        select(m.CaseSnapshot.sha256).where(
            m.CaseSnapshot.case_id == case_id, m.CaseSnapshot.version == document.case.version
        )
    ).scalar_one_or_none()
    if existing_snapshot is not None and existing_snapshot != hashlib.sha256(raw).hexdigest():
        raise ValueError(
            words(
                "sync.reconcile.version_reused", version=document.case.version, case_id=case_id
            ).text()
        )
    if current is not None and not current.in_queue:
        # Back in this user's view (reassigned back, a ruling submitted again, a decided
        # case whose notice a supervisor must publish): shown in the queue again.
        current.in_queue = True
    stored_files = {item.sha256 for item in document.evidence if uow.evidence.has(item.sha256)}
    stored_files |= {doc.sha256 for doc in document.documents or [] if uow.evidence.has(doc.sha256)}
    snapshot_sha = write_case(
        session,
        document,
        raw,
        source="platform",
        received_at=now,
        stored_files=stored_files,
        replace=current is not None,
        keep_snapshot=existing_snapshot is not None,
    )
    missing = sum(1 for item in document.evidence if item.sha256 not in stored_files)
    if current is None:
        audit.record(
            session,
            at=now,
            actor=actor,
            action="case.synced",
            case_id=case_id,
            changes={
                "version": [None, document.case.version],
                # The audit chain (keyed) vouches for the exact document stored.
                "document_sha256": snapshot_sha,
                "document_version": document.case.version,
            },
        )
        start_workflow(uow, document, actor)
        return Applied("added", False, missing)
    assert old_raw is not None
    old = parse_case_document(old_raw)
    changes = describe_changes(old, document)
    changes |= {"document_sha256": snapshot_sha, "document_version": document.case.version}
    restored = document.case.version < old.case.version
    audit.record(
        session,
        at=now,
        actor=actor,
        action="case.restored_from_platform" if restored else "case.synced",
        case_id=case_id,
        changes=changes,
    )
    if not restored:
        follow_review(uow, old, document)  # a returned draft takes the workflow back
    conflict = _rebase_or_hold(uow, case_id, document.case.version, actor)
    return Applied("restored" if restored else "updated", conflict, missing)


def _rebase_or_hold(uow: UnitOfWork, case_id: str, new_version: int, actor: str) -> bool:
    """Re-base waiting actions onto ``new_version``, or hold them if it conflicts."""
    session = uow.session
    waiting = list(
        session.execute(
            select(m.OutboxEntry)
            .where(m.OutboxEntry.case_id == case_id, m.OutboxEntry.state == "pending")
            .order_by(m.OutboxEntry.id)
        ).scalars()
    )
    case = session.get(m.Case, case_id)
    assert case is not None
    if not waiting:
        return case.in_conflict
    new_raw = snapshot_bytes(session, case_id, new_version)
    assert new_raw is not None
    new = parse_case_document(new_raw)
    reasons: dict[int, list[str]] = {}
    for entry in waiting:
        if entry.base_version == new_version:
            continue
        base_raw = snapshot_bytes(session, case_id, entry.base_version)
        if base_raw is None:
            reasons[entry.id] = [words("sync.reconcile.base_unknown").text()]
            continue
        changes = describe_changes(parse_case_document(base_raw), new)
        found = conflicting_reasons(entry.action_type, changes)
        if found:
            reasons[entry.id] = found
    now = uow.clock.now()
    if reasons:
        ids = [entry.id for entry in waiting]
        session.execute(update(m.OutboxEntry).where(m.OutboxEntry.id.in_(ids)).values(state="held"))
        for entry in waiting:
            if entry.id in reasons:
                entry.last_error = words(
                    "sync.reconcile.platform_changed", what=reasons[entry.id]
                ).text()
        case.in_conflict = True
        audit.record(
            session,
            at=now,
            actor=actor,
            action="sync.conflict",
            case_id=case_id,
            changes={
                "held": ids,
                "reasons": {str(k): v for k, v in reasons.items()},
                "version": new_version,
            },
        )
        return True
    rebased = [entry.id for entry in waiting if entry.base_version != new_version]
    if rebased:
        session.execute(
            update(m.OutboxEntry)
            .where(m.OutboxEntry.id.in_(rebased))
            .values(base_version=new_version)
        )
        audit.record(
            session,
            at=now,
            actor=actor,
            action="outbox.rebased",
            case_id=case_id,
            changes={"outbox_ids": rebased, "version": new_version},
        )
    return case.in_conflict


def remove_from_queue(uow: UnitOfWork, case_id: str, actor: str, reason: str) -> bool:
    """The case left this user's view: hide it, keep it and any local work; True if it was shown."""
    case = uow.session.get(m.Case, case_id)
    if case is None or not case.in_queue:
        return False
    case.in_queue = False
    waiting = list(
        uow.session.execute(
            select(m.OutboxEntry.id).where(
                m.OutboxEntry.case_id == case_id, m.OutboxEntry.state == "pending"
            )
        ).scalars()
    )
    if waiting:
        # Unsent work on a case the user can no longer act on: keep it, flag it.
        uow.session.execute(
            update(m.OutboxEntry)
            .where(m.OutboxEntry.id.in_(waiting))
            .values(state="held", last_error=words("sync.reconcile.not_yours").text())
        )
        case.in_conflict = True
    audit.record(
        uow.session,
        at=uow.clock.now(),
        actor=actor,
        action="case.left_queue",
        case_id=case_id,
        changes={"reason": reason, "held": waiting},
    )
    return True
