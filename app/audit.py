"""The audit trail: every change to a case, hash-chained so edits and deletions show.

Each event's hash covers the previous event's hash and the event's own content
(sequence number, time, actor, action, case and what changed), serialised canonically.
Changing, inserting or deleting any event breaks the chain from that point on; deleting
the newest events is caught by the head row, which records the last link.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.store.models import AuditEvent, AuditHead, table_of

GENESIS = "0" * 64
_HEAD_ID = 1


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    case_id: str | None,
    changes: dict[str, Any],
) -> str:
    body = _canonical(
        {
            "prev": prev_hash,
            "seq": seq,
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "case": case_id,
            "changes": changes,
        }
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    hash: str


def record(
    session: Session,
    *,
    at: datetime,
    actor: str,
    action: str,
    case_id: str | None,
    changes: dict[str, Any],
) -> AuditRecord:
    """Append one event in the caller's transaction (committed or rolled back with it)."""
    connection = session.connection()
    heads = table_of(AuditHead)
    # Lock the head row so concurrent writers (PostgreSQL) append one after the other;
    # on SQLite, BEGIN IMMEDIATE already serialises writers.
    head = connection.execute(
        select(heads.c.last_seq, heads.c.last_hash).where(heads.c.id == _HEAD_ID).with_for_update()
    ).first()
    if head is None:
        connection.execute(insert(heads).values(id=_HEAD_ID, last_seq=0, last_hash=GENESIS))
        last_seq, last_hash = 0, GENESIS
    else:
        last_seq, last_hash = head
    # JSON round trip: what is hashed must be exactly what the database gives back.
    changes = json.loads(_canonical(changes))
    at = at.astimezone(UTC)
    seq = last_seq + 1
    digest = event_hash(last_hash, seq, at, actor, action, case_id, changes)
    event = {
        "seq": seq,
        "case_id": case_id,
        "at": at,
        "actor": actor,
        "action": action,
        "changes": changes,
        "prev_hash": last_hash,
        "hash": digest,
    }
    connection.execute(insert(table_of(AuditEvent)), [event])
    connection.execute(
        update(heads).where(heads.c.id == _HEAD_ID).values(last_seq=seq, last_hash=digest)
    )
    return AuditRecord(seq=seq, hash=digest)


@dataclass(frozen=True)
class ChainReport:
    events: int
    intact: bool
    broken_at: int | None = None
    problem: str | None = None


def verify_chain(session: Session, batch: int = 5000) -> ChainReport:
    """Recompute every link in order; report the first event that does not fit."""
    prev_hash = GENESIS
    expected_seq = 1
    count = 0
    last_seq = 0
    while True:
        rows = (
            session.execute(
                select(AuditEvent)
                .where(AuditEvent.seq > last_seq)
                .order_by(AuditEvent.seq)
                .limit(batch)
            )
            .scalars()
            .all()
        )
        if not rows:
            break
        for event in rows:
            if event.seq != expected_seq:
                return ChainReport(count, False, expected_seq, f"event {expected_seq} is missing")
            if event.prev_hash != prev_hash:
                return ChainReport(count, False, event.seq, "does not link to the event before it")
            digest = event_hash(
                prev_hash,
                event.seq,
                event.at,
                event.actor,
                event.action,
                event.case_id,
                event.changes,
            )
            if digest != event.hash:
                return ChainReport(
                    count, False, event.seq, "its content was changed after it was recorded"
                )
            prev_hash = event.hash
            expected_seq += 1
            count += 1
            last_seq = event.seq
        session.expunge_all()
    head = session.get(AuditHead, _HEAD_ID)
    if head is not None and (head.last_seq != count or head.last_hash != prev_hash):
        return ChainReport(
            count,
            False,
            count + 1,
            f"the trail ends at event {count} but {head.last_seq} were recorded",
        )
    return ChainReport(count, True)


def events_for_case(session: Session, case_id: str) -> list[AuditEvent]:
    return list(
        session.execute(
            select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.seq)
        ).scalars()
    )
