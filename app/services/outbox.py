"""The outbox: actions taken on the desk, kept until the platform has them.

Every action gets its idempotency key when it is queued, once, so a retry after a lost
answer can never become a second action. It also records the case version it was based
on; the platform refuses it (409) if the case moved on, and the mediator decides.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import select, update

from app import audit
from app.contract.case_document import parse_case_document
from app.contract.wire import ACTION_ADAPTER
from app.errors import NotFound, ValidationError
from app.store import models as m
from app.store.case_writer import describe_changes, snapshot_bytes
from app.store.unit_of_work import UnitOfWork


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
    """Check an action against the sync API's rules and queue it for the next sync.

    The caller commits; the audit trail records the action in the same transaction.
    """
    case = uow.session.get(m.Case, case_id)
    if case is None:
        raise NotFound(f"No case {case_id} in the local store.")
    try:
        action = ACTION_ADAPTER.validate_python(body)
    except PydanticValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"][1:]) or "action"
        raise ValidationError(f"{case_id}: {where}: {first['msg']}") from None
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
        raise NotFound(f"No case {case_id} in the local store.")
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
    uow: UnitOfWork, case_id: str, decision: Literal["rebase", "discard"], actor: str
) -> ConflictView:
    """Re-base the held actions on the current version and send them, or discard them.

    Never silent: the choice goes to the audit trail with the actions it affected.
    """
    view = conflict_details(uow, case_id)
    if not uow.session.get(m.Case, case_id).in_conflict:  # type: ignore[union-attr]
        raise ValidationError(f"{case_id} is not in conflict; nothing to resolve.")
    ids = [item.id for item in view.held]
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
    uow.session.execute(update(m.Case).where(m.Case.id == case_id).values(in_conflict=False))
    audit.record(
        uow.session,
        at=uow.clock.now(),
        actor=actor,
        action=f"conflict.{decision}",
        case_id=case_id,
        changes={"outbox_ids": ids, "version": view.local_version},
    )
    return view
