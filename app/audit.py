"""The audit trail: every change to a case, chained so edits, deletions and rewrites show.

Each event's digest covers the previous event's digest and the event's own content
(sequence number, time, actor, action, case and what changed), serialised canonically.
Changing, inserting or deleting any event breaks the chain from that point on.

A plain hash chain can be recomputed by anyone who can write the database. So the chain
is **keyed**: each event's digest is an HMAC-SHA-256 under the desk's chain key, a random
secret kept in the OS keyring (never in the database; see :mod:`app.security`). Someone
with write access to the database but not to the user's keyring cannot produce a digest
that verifies. Events recorded before the chain was keyed (or on a computer without a
keyring) are plain SHA-256 links, and verification says so.

Deleting the newest events and rewinding the head row is caught by **anchors**: the head
(sequence number and digest) recorded outside the database — in the keyring when a
desk closes, on the platform at every sync, and in every signed document. Every anchor
must still be on the chain.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session

from app.store.models import AuditEvent, AuditHead, DeskMeta, table_of
from app.vocabulary import Words, words

GENESIS = "0" * 64
_HEAD_ID = 1
LEGACY = "sha256"
KEYED = "hmac-sha256"
# Where a unit of work leaves the way to the chain key for record() (see UnitOfWork).
KEY_SOURCE = "audit_key_source"


@dataclass(frozen=True)
class ChainKey:
    """The desk's secret for the audit chain; its id (a hash prefix) names it in events."""

    secret: bytes

    @property
    def key_id(self) -> str:
        return hashlib.sha256(b"mediation-desk audit key\0" + self.secret).hexdigest()[:16]

    @classmethod
    def generate(cls) -> ChainKey:
        return cls(secrets.token_bytes(32))

    def to_text(self) -> str:
        return self.secret.hex()

    @classmethod
    def from_text(cls, text: str) -> ChainKey:
        return cls(bytes.fromhex(text))


KeySource = Callable[[], ChainKey | None]


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _body(
    prev_hash: str,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    case_id: str | None,
    changes: dict[str, Any],
) -> bytes:
    return _canonical(
        {
            "prev": prev_hash,
            "seq": seq,
            "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "case": case_id,
            "changes": changes,
        }
    ).encode("utf-8")


def event_hash(*fields: Any) -> str:
    """The plain SHA-256 link of an event (the chain's form before it was keyed); the
    fields are those of :func:`_body`: prev hash, seq, at, actor, action, case, changes."""
    return hashlib.sha256(_body(*fields)).hexdigest()


def keyed_hash(key: ChainKey, *fields: Any) -> str:
    """The HMAC-SHA-256 link of an event under the desk's chain key (fields as above)."""
    return hmac.new(key.secret, _body(*fields), hashlib.sha256).hexdigest()


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
    """Append one event in the caller's transaction (committed or rolled back with it).

    The event is keyed when the unit of work can reach the desk's chain key.
    """
    connection = session.connection()
    heads = table_of(AuditHead)
    known = session.info.get(_HEAD_IN_TRANSACTION)
    if known is not None and known[0] is session.get_transaction():
        # This transaction already holds the head row's lock and knows its value.
        last_seq, last_hash = known[1], known[2]
    else:
        # Lock the head row so concurrent writers (PostgreSQL) append one after the
        # other; on SQLite, BEGIN IMMEDIATE already serialises writers.
        head = connection.execute(
            select(heads.c.last_seq, heads.c.last_hash)
            .where(heads.c.id == _HEAD_ID)
            .with_for_update()
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
    source: KeySource | None = session.info.get(KEY_SOURCE)
    key = source() if source is not None else None
    if key is None:
        digest = event_hash(last_hash, seq, at, actor, action, case_id, changes)
    else:
        digest = keyed_hash(key, last_hash, seq, at, actor, action, case_id, changes)
    event = {
        "seq": seq,
        "case_id": case_id,
        "at": at,
        "actor": actor,
        "action": action,
        "changes": changes,
        "prev_hash": last_hash,
        "hash": digest,
        "scheme": LEGACY if key is None else KEYED,
        "key_id": None if key is None else key.key_id,
    }
    connection.execute(insert(table_of(AuditEvent)), [event])
    connection.execute(
        update(heads).where(heads.c.id == _HEAD_ID).values(last_seq=seq, last_hash=digest)
    )
    session.info[_HEAD_IN_TRANSACTION] = (session.get_transaction(), seq, digest)
    return AuditRecord(seq=seq, hash=digest)


# The head as this session's transaction last wrote it, so a transaction that records
# several events reads the head row once. Forgotten when any transaction (or savepoint)
# of the session ends, so a rolled-back savepoint never leaves a head that was undone.
_HEAD_IN_TRANSACTION = "audit_head_in_transaction"


@event.listens_for(Session, "after_transaction_end")
def _forget_head(session: Session, _transaction: Any) -> None:
    session.info.pop(_HEAD_IN_TRANSACTION, None)


# -- the desk's identity and its anchors ---------------------------------------------------


def chain_is_keyed(session: Session) -> bool:
    """True once any event of the chain is sealed with a key."""
    return (
        session.execute(select(AuditEvent.seq).where(AuditEvent.scheme == KEYED).limit(1)).first()
        is not None
    )


def desk_id(session: Session) -> str | None:
    """This store's identity (made by migration 0004); names its key and its anchors."""
    row = session.get(DeskMeta, "desk_id")
    return row.value if row is not None else None


@dataclass(frozen=True)
class AuditAnchor:
    """The chain's head recorded outside the database: it must stay on the chain."""

    desk_id: str
    seq: int
    digest: str
    at: datetime
    source: str = "local"  # where it was kept: "keyring", "platform", "document:<id>"

    def to_json_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "digest": self.digest, "at": self.at.isoformat()}

    @classmethod
    def from_json_dict(cls, desk: str, data: dict[str, Any], source: str) -> AuditAnchor:
        return cls(
            desk_id=desk,
            seq=int(data["seq"]),
            digest=str(data["digest"]),
            at=datetime.fromisoformat(str(data["at"])),
            source=source,
        )


def current_anchor(uow: Any) -> AuditAnchor | None:
    """The chain's head now, as an anchor to keep elsewhere (None for an empty trail)."""
    session: Session = uow.session
    identity = desk_id(session)
    head = session.get(AuditHead, _HEAD_ID)
    if identity is None or head is None or head.last_seq == 0:
        return None
    last = session.get(AuditEvent, head.last_seq)
    at = last.at if last is not None else datetime.now(UTC)
    return AuditAnchor(identity, head.last_seq, head.last_hash, at)


# -- verification ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    """What verification found. ``intact`` only when every link, key and anchor holds."""

    events: int
    intact: bool
    broken_at: int | None = None
    problem: Words | None = None
    # The time of the last event that verified: nothing after it can be trusted.
    trusted_until: datetime | None = None
    # Events that are plain SHA-256 links (before keying, or written without a keyring):
    # consistent, but someone with write access could have recomputed them.
    unkeyed: int = 0
    keyed_from: int | None = None
    anchors_checked: int = 0


class _Broken(Exception):
    def __init__(self, seq: int, problem: Words) -> None:
        super().__init__(seq)
        self.seq = seq
        self.problem = problem


def verify_chain(
    session: Session,
    key: ChainKey | None = None,
    anchors: Iterable[AuditAnchor] = (),
    batch: int = 5000,
) -> ChainReport:
    """Recompute every link in order; report the first event that does not fit.

    ``key`` is the desk's chain key (from the keyring); keyed events cannot be verified
    without it. ``anchors`` are heads recorded outside the database.
    """
    wanted = {anchor.seq: anchor for anchor in anchors}
    prev_hash, count, last_seq = GENESIS, 0, 0
    trusted_until: datetime | None = None
    unkeyed, keyed_from = 0, None
    checked: set[int] = set()
    try:
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
                expected = count + 1
                if event.seq != expected:
                    raise _Broken(expected, words("audit.missing_event", seq=expected))
                if event.prev_hash != prev_hash:
                    raise _Broken(event.seq, words("audit.unlinked", seq=event.seq))
                keyed_from = _check_event(event, prev_hash, key, keyed_from)
                if event.scheme != KEYED:
                    unkeyed += 1
                anchor = wanted.get(event.seq)
                if anchor is not None:
                    checked.add(event.seq)
                    if anchor.digest != event.hash:
                        raise _Broken(event.seq, _anchor_words("audit.anchor_differs", anchor))
                prev_hash, count, last_seq = event.hash, expected, event.seq
                trusted_until = event.at
            session.expunge_all()
        for seq in sorted(set(wanted) - checked):
            raise _Broken(count + 1, _anchor_words("audit.rewound", wanted[seq], count=count))
        head = session.get(AuditHead, _HEAD_ID)
        if head is not None and (head.last_seq != count or head.last_hash != prev_hash):
            raise _Broken(
                count + 1, words("audit.head_mismatch", count=count, recorded=head.last_seq)
            )
    except _Broken as broken:
        return ChainReport(
            count,
            False,
            broken.seq,
            broken.problem,
            trusted_until,
            unkeyed,
            keyed_from,
            len(checked),
        )
    return ChainReport(count, True, None, None, trusted_until, unkeyed, keyed_from, len(checked))


def _check_event(
    event: AuditEvent, prev_hash: str, key: ChainKey | None, keyed_from: int | None
) -> int | None:
    """Check one event's own digest; returns where the keyed part of the chain began."""
    fields = (prev_hash, event.seq, event.at, event.actor, event.action, event.case_id)
    if event.scheme == KEYED:
        if key is None or event.key_id != key.key_id:
            raise _Broken(event.seq, words("audit.key_unavailable", seq=event.seq))
        if keyed_hash(key, *fields, event.changes) != event.hash:
            raise _Broken(event.seq, words("audit.changed", seq=event.seq))
        return keyed_from or event.seq
    if event.scheme != LEGACY:
        raise _Broken(event.seq, words("audit.changed", seq=event.seq))
    if keyed_from is not None:
        # Once keyed, always keyed: a plain link after keyed ones is a rewrite.
        raise _Broken(event.seq, words("audit.downgraded", seq=event.seq))
    if event_hash(*fields, event.changes) != event.hash:
        raise _Broken(event.seq, words("audit.changed", seq=event.seq))
    return None


def _anchor_words(key: str, anchor: AuditAnchor, **more: object) -> Words:
    return words(
        key,
        seq=anchor.seq,
        at=anchor.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        source=words(f"audit.anchor_source.{anchor.source.split(':')[0]}"),
        **more,
    )


def events_for_case(session: Session, case_id: str) -> list[AuditEvent]:
    return list(
        session.execute(
            select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.seq)
        ).scalars()
    )
