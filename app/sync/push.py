"""Pushing the mediator's waiting actions to the platform.

Actions go in order, case by case, with the idempotency key they were given when queued
and the version they were based on. A lost answer is retried with the same key (the
platform answers the first result again); a 409 brings the case's current version in
and either re-bases the action or holds it as a conflict; a refusal marks the action
failed and holds the ones after it.
"""

from __future__ import annotations

import hashlib
from functools import partial
from typing import Any

from sqlalchemy import select, update

from app import audit
from app.contract.case_document import CaseDocumentError, parse_case_document
from app.services.workflow_service import link_pushed_offer
from app.store import models as m
from app.sync.client import Refused, Retryable, VersionConflict
from app.sync.context import SyncContext
from app.sync.reconcile import apply_platform_version
from app.vocabulary import Label, words

# A case whose version keeps moving under our actions is held after this many re-bases.
MAX_REBASES = 3


def push(ctx: SyncContext, held: frozenset[str] = frozenset()) -> None:
    """Send every pending action, oldest first, case by case; the cases in ``held``
    wait (their signed document could not be timestamped yet: app.sync.stamps)."""
    with ctx.desk.unit_of_work(read_only=True) as uow:
        case_ids = list(
            dict.fromkeys(
                uow.session.execute(
                    select(m.OutboxEntry.case_id)
                    .where(m.OutboxEntry.state == "pending")
                    .order_by(m.OutboxEntry.id)
                ).scalars()
            )
        )
    for case_id in case_ids:
        ctx.check_cancel()
        try:
            _push_case(ctx, case_id)
        except Retryable as exc:
            ctx.problem(
                "failed",
                case_id,
                "outbox",
                words("sync.problem.not_sent", case=case_id, reason=exc.message),
            )


def _next_entry(ctx: SyncContext, case_id: str) -> tuple[int, str, dict[str, Any], int] | None:
    with ctx.desk.unit_of_work(read_only=True) as uow:
        row = uow.session.execute(
            select(
                m.OutboxEntry.id,
                m.OutboxEntry.idempotency_key,
                m.OutboxEntry.body,
                m.OutboxEntry.base_version,
            )
            .where(m.OutboxEntry.case_id == case_id, m.OutboxEntry.state == "pending")
            .order_by(m.OutboxEntry.id)
            .limit(1)
        ).first()
    return None if row is None else (row[0], row[1], dict(row[2]), row[3])


def _push_case(ctx: SyncContext, case_id: str) -> None:
    conflicts_handled = 0
    while (entry := _next_entry(ctx, case_id)) is not None:
        ctx.check_cancel()
        entry_id, key, body, base_version = entry
        _count_attempt(ctx, entry_id)
        try:
            _upload_document(ctx, body)
            answer = ctx.retrying(partial(ctx.client.post_action, case_id, body, key, base_version))
        except VersionConflict:
            conflicts_handled += 1
            if conflicts_handled > MAX_REBASES or not _take_current_version(ctx, case_id):
                return  # held as a conflict: the mediator decides
            continue  # re-based onto the current version: send again
        except Refused as exc:
            _refused(ctx, case_id, entry_id, str(body.get("type", "")), exc)
            return
        _sent(ctx, case_id, entry_id, answer)
        ctx.tally.pushed += 1
        ctx.progress(phase="push", actions_done=ctx.tally.pushed)


# Actions that name a PDF the platform must already hold (PUT /documents/{sha256} first):
# the signed decision documents and the notice a supervisor publishes.
_NAMES_A_DOCUMENT = ("submit_document", "review_document", "publish_notice")


def _upload_document(ctx: SyncContext, body: dict[str, Any]) -> None:
    """Upload the signed document an action names, from the content store, before the
    action. The upload is idempotent by its hash: a retry after a lost answer stores
    nothing twice, and the action's own idempotency key keeps it from applying twice."""
    sha256 = body.get("sha256")
    if body.get("type") not in _NAMES_A_DOCUMENT or not isinstance(sha256, str):
        return
    with ctx.desk.unit_of_work(read_only=True) as uow:
        if not uow.evidence.has(sha256):
            raise Refused(
                404, "not_found", str(words("signatures.sync.document_missing", sha256=sha256))
            )
        with uow.evidence.open(sha256) as source:
            data = source.read()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise Refused(
            422, "integrity", str(words("signatures.sync.document_missing", sha256=sha256))
        )
    ctx.retrying(partial(ctx.client.put_document, sha256, data))


def _count_attempt(ctx: SyncContext, entry_id: int) -> None:
    with ctx.desk.unit_of_work() as uow:
        uow.session.execute(
            update(m.OutboxEntry)
            .where(m.OutboxEntry.id == entry_id)
            .values(attempts=m.OutboxEntry.attempts + 1)
        )
        uow.commit()


def _take_current_version(ctx: SyncContext, case_id: str) -> bool:
    """After a 409: store the platform's current version; True if the action may go again."""
    _, raw = ctx.retrying(lambda: ctx.client.get_case(case_id))
    try:
        document = parse_case_document(raw)
    except CaseDocumentError as exc:
        ctx.quarantine(case_id, f"case {case_id}", str(exc))
        return False
    with ctx.desk.unit_of_work() as uow:
        applied = apply_platform_version(uow, document, raw, ctx.actor)
        uow.commit()
    if applied.conflict:
        ctx.tally.conflicts.add(case_id)
        return False
    return True


def _refused(ctx: SyncContext, case_id: str, entry_id: int, action: str, exc: Refused) -> None:
    reason = exc.text()
    with ctx.desk.unit_of_work() as uow:
        uow.session.execute(
            update(m.OutboxEntry)
            .where(m.OutboxEntry.id == entry_id)
            .values(state="failed", last_error=reason)
        )
        later = list(
            uow.session.execute(
                select(m.OutboxEntry.id).where(
                    m.OutboxEntry.case_id == case_id,
                    m.OutboxEntry.state == "pending",
                    m.OutboxEntry.id > entry_id,
                )
            ).scalars()
        )
        if later:
            uow.session.execute(
                update(m.OutboxEntry)
                .where(m.OutboxEntry.id.in_(later))
                .values(state="held", last_error=words("sync.push.waits_for_refused").text())
            )
        uow.session.execute(update(m.Case).where(m.Case.id == case_id).values(in_conflict=True))
        audit.record(
            uow.session,
            at=uow.clock.now(),
            actor=ctx.actor,
            action="outbox.refused",
            case_id=case_id,
            changes={"outbox_id": entry_id, "error": exc.platform_message, "held": later},
        )
        uow.commit()
    ctx.tally.conflicts.add(case_id)
    ctx.problem(
        "failed",
        case_id,
        f"action {entry_id} ({action})",
        words(
            "sync.problem.refused",
            case=case_id,
            action=Label("ActionType", action),
            reason=exc.message,
        ),
    )


def _sent(ctx: SyncContext, case_id: str, entry_id: int, answer: dict[str, Any]) -> None:
    new_version = int(answer["case_version"])
    with ctx.desk.unit_of_work() as uow:
        entry = uow.session.get(m.OutboxEntry, entry_id)
        assert entry is not None
        entry.state = "sent"
        entry.sent_at = uow.clock.now()
        entry.result = answer
        entry.last_error = None
        platform_offer = (answer.get("result") or {}).get("offer_id")
        if (
            entry.action_type == "propose_offer"
            and entry.local_offer_id
            and isinstance(platform_offer, str)
        ):
            link_pushed_offer(uow, case_id, entry.local_offer_id, platform_offer)
        # Our own next actions on this case follow from the version this one made.
        uow.session.execute(
            update(m.OutboxEntry)
            .where(
                m.OutboxEntry.case_id == case_id,
                m.OutboxEntry.state == "pending",
                m.OutboxEntry.base_version == entry.base_version,
            )
            .values(base_version=new_version)
        )
        audit.record(
            uow.session,
            at=uow.clock.now(),
            actor=ctx.actor,
            action="outbox.sent",
            case_id=case_id,
            changes={
                "outbox_id": entry_id,
                "type": entry.action_type,
                "case_version": new_version,
            },
        )
        uow.commit()
