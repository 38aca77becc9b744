"""The outbox: actions taken on the desk, kept until the platform has them.

Every action gets its idempotency key when it is queued, once, so a retry after a lost
answer can never become a second action. It also records the case version it was based
on; the platform refuses it (409) if the case moved on, and the mediator decides.

What the platform would refuse and the desk can foresee is refused here, at once, with
nothing queued: an action on a finished case, a party who is not in the case, an offer
above what the buyer paid, an action the user's role may not take. The platform's own
refusal stays the last line of defence.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import select, update

from app import audit
from app.contract.case_document import FINISHED_STATUSES, Money, parse_case_document
from app.contract.wire import (
    ACTION_ADAPTER,
    ACTION_ROLES,
    Action,
    MessageAction,
    ProposeOfferAction,
    RecordResponseAction,
    RequestEvidenceAction,
    ReviewDocumentAction,
    SubmitDocumentAction,
    action_problems,
)
from app.errors import NotFound, PermissionDenied, ValidationError
from app.services.identity import signed_in_user
from app.store import models as m
from app.store.case_writer import describe_changes, snapshot_bytes
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import Label, words
from app.workflow import check_remedy_amount


@dataclass(frozen=True)
class OutboxItem:
    id: int
    case_id: str
    action_type: str
    body: dict[str, Any]
    base_version: int
    idempotency_key: str
    state: str
    created_at: datetime
    created_by: str
    attempts: int
    last_error: str | None
    result: dict[str, Any] | None


def _item(row: m.OutboxEntry) -> OutboxItem:
    return OutboxItem(
        id=row.id,
        case_id=row.case_id,
        action_type=row.action_type,
        body=dict(row.body),
        base_version=row.base_version,
        idempotency_key=row.idempotency_key,
        state=row.state,
        created_at=row.created_at,
        created_by=row.created_by,
        attempts=row.attempts,
        last_error=row.last_error,
        result=dict(row.result) if row.result else None,
    )


def enqueue_action(uow: UnitOfWork, case_id: str, body: dict[str, Any], actor: str) -> OutboxItem:
    """Check an action, queue it for the next sync and commit (audit event included)."""
    item = queue_action(uow, case_id, body, actor)
    uow.commit()
    return item


def queue_action(uow: UnitOfWork, case_id: str, body: dict[str, Any], actor: str) -> OutboxItem:
    """Check an action and queue it in the caller's transaction (for services that queue
    actions as part of a larger change, such as a workflow step); the caller commits."""
    case = uow.session.get(m.Case, case_id)
    if case is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    try:
        action = ACTION_ADAPTER.validate_python(body)
    except PydanticValidationError as exc:
        first = action_problems(exc)[0]
        where = first.where or "action"
        raise ValidationError(
            words("outbox.invalid_action", case_id=case_id, field=where, reason=first.what)
        ) from None
    refuse_what_the_platform_would(uow, case, action)
    clean = action.model_dump(mode="json", by_alias=True, exclude_none=True)
    now = uow.clock.now()
    row = m.OutboxEntry(
        case_id=case_id,
        idempotency_key=str(uuid.uuid4()),
        action_type=clean["type"],
        body=clean,
        base_version=case.version,
        created_at=now,
        created_by=actor,
        state="pending",
        attempts=0,
    )
    uow.session.add(row)
    uow.session.flush()
    audit.record(
        uow.session,
        at=now,
        actor=actor,
        action="outbox.queued",
        case_id=case_id,
        changes={"outbox_id": row.id, "type": clean["type"], "base_version": case.version},
    )
    return _item(row)


def refuse_what_the_platform_would(uow: UnitOfWork, case: m.Case, action: Action) -> None:
    """Refuse, naming the rule, an action the platform is sure to refuse."""
    kind = Label("ActionType", action.type)
    # A notice is published after the decision, on a resolved or closed case; on a
    # resolved one it may also go through review first (app/notices/reviewed.py).
    notice_review = case.status == "resolved" and (
        (isinstance(action, SubmitDocumentAction) and action.kind == "notice")
        or isinstance(action, ReviewDocumentAction)
    )
    if case.status in FINISHED_STATUSES and action.type != "publish_notice" and not notice_review:
        raise ValidationError(
            words(
                "outbox.case_finished",
                case_id=case.id,
                action=kind,
                status=Label("CaseStatus", case.status),
            )
        )
    user = signed_in_user(uow)
    allowed = ACTION_ROLES[action.type]
    if user is not None and user.role not in allowed:
        raise PermissionDenied(
            words(
                "outbox.role_may_not",
                action=kind,
                role=Label("Role", user.role),
                allowed=[Label("Role", role) for role in sorted(allowed)],
            )
        )
    parties = {
        party_id: role
        for party_id, role in uow.session.execute(
            select(m.Party.party_id, m.Party.role).where(m.Party.case_id == case.id)
        )
    }
    named: list[str] = []
    if isinstance(action, MessageAction):
        named = list(action.to)
    elif isinstance(action, RequestEvidenceAction):
        named = [action.from_]
    elif isinstance(action, RecordResponseAction):
        named = [action.party]
    strangers = [party for party in named if party not in parties]
    if strangers:
        raise ValidationError(
            words(
                "outbox.not_a_party",
                case_id=case.id,
                parties=strangers,
                known=[f"{pid} ({Label('PartyRole', role)})" for pid, role in parties.items()],
            )
        )
    if isinstance(action, ProposeOfferAction):
        order = uow.session.get(m.Order, case.id)
        if order is not None:
            # The one rule for what a remedy may cost, the workflow's: a refund up to the
            # total paid, a partial refund below it, compensation without a ceiling.
            paid = Money(value=order.total_paid, currency=order.currency)
            problems = check_remedy_amount(action.remedy, action.amount, paid)
            if problems:
                raise ValidationError(
                    words(
                        "outbox.offer_refused",
                        remedy=Label("Remedy", action.remedy),
                        problem=problems[0],
                    )
                )


def list_outbox(
    uow: UnitOfWork, case_id: str | None = None, states: tuple[str, ...] | None = None
) -> list[OutboxItem]:
    query = select(m.OutboxEntry).order_by(m.OutboxEntry.id)
    if case_id is not None:
        query = query.where(m.OutboxEntry.case_id == case_id)
    if states:
        query = query.where(m.OutboxEntry.state.in_(states))
    return [_item(row) for row in uow.session.execute(query).scalars()]


@dataclass(frozen=True)
class ConflictView:
    """What a mediator needs to decide a conflict: their held work and what changed."""

    case_id: str
    local_version: int
    held: tuple[OutboxItem, ...]
    # base version of the held work → what the platform changed since
    platform_changes: dict[str, Any]


def list_conflicts(uow: UnitOfWork) -> list[ConflictView]:
    ids = uow.session.execute(
        select(m.Case.id).where(m.Case.in_conflict.is_(True)).order_by(m.Case.id)
    ).scalars()
    return [conflict_details(uow, case_id) for case_id in ids]


def conflict_details(uow: UnitOfWork, case_id: str) -> ConflictView:
    case = uow.session.get(m.Case, case_id)
    if case is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    held = tuple(list_outbox(uow, case_id, ("held", "failed")))
    changes: dict[str, Any] = {}
    if held:
        base = min(item.base_version for item in held)
        old = snapshot_bytes(uow.session, case_id, base)
        new = snapshot_bytes(uow.session, case_id)
        if old is not None and new is not None and base != case.version:
            changes = describe_changes(parse_case_document(old), parse_case_document(new))
    return ConflictView(case_id, case.version, held, changes)


def resolve_conflict(
    uow: UnitOfWork,
    case_id: str,
    decision: Literal["rebase", "discard"],
    actor: str,
    action_ids: Sequence[int] | None = None,
) -> ConflictView:
    """Re-base held actions on the current version and send them, or discard them: all
    of them, or only ``action_ids``. The case leaves conflict when nothing is held any
    more. Never silent: each choice goes to the audit trail with the actions it
    affected. Commits."""
    view = conflict_details(uow, case_id)
    case = uow.session.get(m.Case, case_id)
    assert case is not None  # conflict_details checked
    if not case.in_conflict:
        raise ValidationError(words("outbox.not_in_conflict", case_id=case_id))
    held_ids = [item.id for item in view.held]
    if action_ids is None:
        ids = held_ids
    else:
        unknown = sorted(set(action_ids) - set(held_ids))
        if unknown:
            raise ValidationError(
                words("outbox.not_held", case_id=case_id, ids=unknown, held=held_ids)
            )
        ids = [item_id for item_id in held_ids if item_id in set(action_ids)]
    if decision == "rebase":
        values: dict[str, Any] = {
            "state": "pending",
            "base_version": view.local_version,
            "last_error": None,
            "next_attempt_at": None,
        }
    else:
        values = {"state": "discarded"}
    if ids:
        uow.session.execute(update(m.OutboxEntry).where(m.OutboxEntry.id.in_(ids)).values(**values))
    still_held = [item_id for item_id in held_ids if item_id not in ids]
    if not still_held:
        case.in_conflict = False
    audit.record(
        uow.session,
        at=uow.clock.now(),
        actor=actor,
        action=f"conflict.{decision}",
        case_id=case_id,
        changes={"outbox_ids": ids, "version": view.local_version, "still_held": still_held},
    )
    uow.commit()
    return ConflictView(
        case_id,
        view.local_version,
        tuple(item for item in view.held if item.id in ids),
        view.platform_changes,
    )
