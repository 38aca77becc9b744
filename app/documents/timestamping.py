"""The timestamp added at the next sync to a signature made offline (issue 13, item 3).

A signature made without a timestamp authority is PAdES B-B: its time is the computer's
own. At the next sync, before anything names its signed form to the platform, the sync
hands the form to a :class:`DocumentStamper` (``reports.signing.timestamping``): a
document timestamp from the platform's TSA and the validation material (certificates,
CRL) in one incremental update — B-LT, verifiable offline later. The new bytes become
the document's signed form *in place of* the untimestamped one:

- the signature's row now names the timestamped form (its SHA-256, size and level); the
  form it replaced stays in the content store and is named in the audit event
  ``document.timestamped`` (``from`` → ``sha256``);
- queued actions that name the replaced form and were **never attempted** (attempts 0:
  no request for them ever left the desk) are rewritten to name the new one, in the same
  transaction;
- a form that any attempted or sent action names is **never** timestamped: the platform
  may already hold it, and a retry must upload exactly what the first attempt named.
  Such a form stays B-B (still valid, its time the computer's).

So a retry can never timestamp twice (the row says B-LT after the first commit; a lost
answer of the TSA stores nothing), nor upload a different file for an action already
tried. The core never imports pyHanko: the stamper is handed in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import select

from app import audit
from app.documents.signing import _read_checked, _signature_rows
from app.store import models as m
from app.store.unit_of_work import UnitOfWork

# Levels that still want a timestamp: no trusted time on the newest signature.
UNTIMESTAMPED = ("B-B",)
TimestampRequest = Callable[[bytes], bytes]  # DER TimeStampReq -> DER TimeStampResp


@dataclass(frozen=True)
class StampedBytes:
    """A signed form with a document timestamp (and its validation material) added."""

    data: bytes
    timestamp_at: datetime
    level: str  # "B-LT": the material is in the document


class DocumentStamper(Protocol):
    """Adds a document timestamp to a signed PDF, asking ``tsa`` for the token; raises
    :class:`app.errors.TimestampUnavailable` when the authority gives none (and lets the
    sync's own errors from ``tsa`` through)."""

    def stamp(self, data: bytes, tsa: TimestampRequest) -> StampedBytes: ...


@dataclass(frozen=True)
class WaitingForm:
    """A document's newest signed form that has no trusted time yet."""

    case_id: str
    document_id: str
    sha256: str
    level: str


@dataclass(frozen=True)
class Timestamped:
    case_id: str
    document_id: str
    replaced: str
    sha256: str
    timestamp_at: datetime
    level: str
    actions_rewritten: tuple[int, ...]


def forms_waiting_for_a_timestamp(uow: UnitOfWork) -> list[WaitingForm]:
    """Every document whose newest signed form is untimestamped and not yet named by an
    action that was attempted or sent (those stay as they are)."""
    newest: dict[tuple[str, str], m.DocumentSignature] = {}
    for row in uow.session.execute(
        select(m.DocumentSignature).order_by(m.DocumentSignature.sequence)
    ).scalars():
        newest[(row.case_id, row.document_id)] = row
    waiting = [
        WaitingForm(row.case_id, row.document_id, row.sha256, row.level)
        for row in newest.values()
        if row.level in UNTIMESTAMPED
    ]
    return [form for form in waiting if not _tried(uow, form.case_id, form.sha256)]


def read_waiting_form(uow: UnitOfWork, form: WaitingForm) -> bytes:
    """The bytes of a waiting form, checked against its SHA-256."""
    rows = _signature_rows(uow, form.case_id, form.document_id)
    return _read_checked(uow, rows[-1], form.case_id, form.document_id)


def record_timestamp(
    uow: UnitOfWork, form: WaitingForm, stamped: StampedBytes, *, actor_id: str
) -> Timestamped | None:
    """Keep ``stamped`` as the document's signed form in place of ``form``; rewrite the
    never-attempted actions naming it; audit; commit. None (nothing kept) when the form
    is no longer the newest, or an action naming it was tried in the meantime."""
    rows = _signature_rows(uow, form.case_id, form.document_id)
    if not rows or rows[-1].sha256 != form.sha256 or rows[-1].level not in UNTIMESTAMPED:
        return None
    if _tried(uow, form.case_id, form.sha256):
        return None
    if not stamped.data.startswith(read_waiting_form(uow, form)):
        raise ValueError("a document timestamp must be an incremental update of the form")
    row = rows[-1]
    sha256 = hashlib.sha256(stamped.data).hexdigest()
    with uow.evidence.staging() as staging:
        added = uow.evidence.commit([staging.stage_bytes(stamped.data)])
    try:
        rewritten = []
        for entry in _naming(uow, form.case_id, form.sha256):
            entry.body = {**entry.body, "sha256": sha256}
            rewritten.append(entry.id)
        previous_level = row.level
        row.sha256 = sha256
        row.size = len(stamped.data)
        row.level = stamped.level
        uow.session.flush()
        audit.record(
            uow.session,
            at=uow.clock.now(),
            actor=actor_id,
            action="document.timestamped",
            case_id=form.case_id,
            changes={
                "document_id": form.document_id,
                "role": row.role,
                "from": form.sha256,
                "sha256": sha256,
                "level_before": previous_level,
                "level": stamped.level,
                "timestamp_at": stamped.timestamp_at.isoformat(),
                "outbox_rewritten": rewritten,
            },
        )
        uow.commit()
    except BaseException:
        for digest in added:
            uow.evidence.discard(digest)
        raise
    return Timestamped(
        form.case_id,
        form.document_id,
        form.sha256,
        sha256,
        stamped.timestamp_at,
        stamped.level,
        tuple(rewritten),
    )


def _entries(uow: UnitOfWork, case_id: str, sha256: str) -> list[m.OutboxEntry]:
    return [
        entry
        for entry in uow.session.execute(
            select(m.OutboxEntry).where(m.OutboxEntry.case_id == case_id)
        ).scalars()
        if entry.body.get("sha256") == sha256
    ]


def _tried(uow: UnitOfWork, case_id: str, sha256: str) -> bool:
    """True when an action naming ``sha256`` was attempted or sent: the platform may hold
    that very form, so it must stay what the action names."""
    return any(
        entry.attempts > 0 or entry.state == "sent" for entry in _entries(uow, case_id, sha256)
    )


def _naming(uow: UnitOfWork, case_id: str, sha256: str) -> list[m.OutboxEntry]:
    """The actions naming ``sha256`` that no request ever carried (rewritable)."""
    return [
        entry
        for entry in _entries(uow, case_id, sha256)
        if entry.attempts == 0 and entry.state in ("pending", "held")
    ]
