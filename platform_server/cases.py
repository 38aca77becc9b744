"""Cases on the platform: storing versions, who sees what, and the changes feed.

Every change to a case goes through :func:`save_new_version` (or :func:`insert_case`):
it validates the document it is about to serve, bumps the version, appends a change
with the next global seq, and moves each affected user's feed row — all in the caller's
write transaction, so a change is recorded whole or not at all.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.contract.case_document import CaseDocumentError, parse_case_document
from app.contract.problems import say_problems
from platform_server.db import CaseRow, ChangeRow, DocumentRef, FeedRow, User, next_seq
from platform_server.errors import ApiError

Doc = dict[str, Any]

MAX_LIMIT = 500
DEFAULT_LIMIT = 100


class DocumentInvalid(Exception):
    """A change would have produced a document that breaks the schema (a server bug)."""


def dumps(document: Doc) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def check_document(data: bytes) -> None:
    """Refuse to store anything the API could not serve as a valid case document."""
    try:
        parse_case_document(data)
    except CaseDocumentError as exc:
        raise DocumentInvalid(say_problems(exc.problems, "en", limit=5)) from None


def case_offset(document: Doc) -> timezone:
    """The UTC offset the case's own times are written in (a case in Beijing stays +08:00)."""
    created = datetime.fromisoformat(document["case"]["created_at"])
    offset = created.utcoffset() or timedelta(0)
    return timezone(offset)


def now_text(document: Doc, at: float | None = None) -> str:
    moment = datetime.fromtimestamp(at if at is not None else time.time(), UTC)
    return moment.astimezone(case_offset(document)).isoformat(timespec="seconds")


def supervisors(session: Session) -> list[str]:
    return list(session.scalars(select(User.username).where(User.role == "supervisor")))


def awaiting_review(document: Doc) -> bool:
    """A document or a notice awaits a supervisor: a document submitted for review, an
    approved notice not yet published, or a decided case whose notice is due
    (:func:`notice_due`) — publishing is a supervisor's step too."""
    return notice_due(document) or any(
        item.get("status") == "submitted"
        or (item.get("kind") == "notice" and item.get("status") == "approved")
        for item in document.get("documents") or []
    )


# Decisions whose notice is published (结果公示); a settlement only by a supervisor's
# written exception (SPC 法释〔2016〕19号 art. 4).
PUBLISHED_DECISIONS = ("ruling", "dismissal")


def notice_due(document: Doc) -> bool:
    """A decided case whose public notice no supervisor has published yet.

    A ruling or a dismissal stays due until a notice of the case is published — closed
    or not, since a notice often follows the decision becoming final. A settlement is
    normally not published, but a supervisor may make a written exception while it is
    still being carried out: it is due until the case is closed. A withdrawn case never
    is."""
    decision = document.get("decision")
    status = document["case"]["status"]
    if not decision or status == "withdrawn":
        return False
    if any(
        item.get("kind") == "notice" and item.get("status") == "published"
        for item in document.get("documents") or []
    ):
        return False
    if decision.get("kind") in PUBLISHED_DECISIONS:
        return True
    return decision.get("kind") == "settlement" and status != "closed"


def viewers(
    status: str, assigned_to: str | None, review: bool, supervisor_names: Iterable[str]
) -> set[str]:
    """Who sees a case: its assignee (unless withdrawn), and every supervisor while it
    is under review or holds a document or notice awaiting a supervisor
    (:func:`awaiting_review`)."""
    seen: set[str] = set()
    if assigned_to and status != "withdrawn":
        seen.add(assigned_to)
    if status == "under_review" or review:
        seen.update(supervisor_names)
    return seen


def can_see(row: CaseRow, username: str, role: str) -> bool:
    if row.assigned_to == username and row.status != "withdrawn":
        return True
    return role == "supervisor" and (row.status == "under_review" or row.awaiting_review)


def _move_feeds(session: Session, row: CaseRow, seq: int) -> None:
    wanted = viewers(row.status, row.assigned_to, row.awaiting_review, supervisors(session))
    existing = session.scalars(select(FeedRow).where(FeedRow.case_id == row.id)).all()
    known = set()
    for feed in existing:
        known.add(feed.username)
        if feed.username in wanted:
            feed.seq, feed.deleted = seq, False
        elif not feed.deleted:
            feed.seq, feed.deleted = seq, True  # a tombstone: the case left this view
    for username in sorted(wanted - known):
        session.add(FeedRow(username=username, case_id=row.id, seq=seq, deleted=False))


def _record(session: Session, row: CaseRow, actor: str, kind: str, at: float) -> int:
    seq = next_seq(session)
    session.add(
        ChangeRow(seq=seq, case_id=row.id, version=row.version, at=at, actor=actor, kind=kind)
    )
    row.updated_seq = seq
    session.flush()
    _move_feeds(session, row, seq)
    return seq


def _refs(session: Session, case_id: str, document: Doc) -> None:
    for item in document.get("documents") or []:
        if session.get(DocumentRef, (item["sha256"], case_id)) is None:
            session.add(DocumentRef(sha256=item["sha256"], case_id=case_id))


def insert_case(
    session: Session,
    document: Doc,
    *,
    actor: str = "platform",
    kind: str = "case.created",
    extra: dict[str, Any] | None = None,
    data: bytes | None = None,
    validate: bool = True,
) -> CaseRow:
    """Add a case as given (its version is kept), recording one change."""
    data = data if data is not None else dumps(document)
    if validate:
        check_document(data)
    info = document["case"]
    row = CaseRow(
        id=info["id"],
        version=info["version"],
        document=data,
        status=info["status"],
        assigned_to=info.get("assigned_to"),
        awaiting_review=awaiting_review(document),
        extra=extra or {},
        updated_seq=0,
    )
    session.add(row)
    session.flush()
    _refs(session, row.id, document)
    _record(session, row, actor, kind, time.time())
    return row


def replace_case(session: Session, row: CaseRow, document: Doc, actor: str, kind: str) -> None:
    """Overwrite a case with a document from outside (a bundle import with --replace).

    The version still moves forward, or clients holding the newer one would ignore it."""
    if document["case"]["version"] <= row.version:
        document["case"]["version"] = row.version + 1
    data = dumps(document)
    check_document(data)
    info = document["case"]
    row.version = info["version"]
    row.document = data
    row.status = info["status"]
    row.assigned_to = info.get("assigned_to")
    row.awaiting_review = awaiting_review(document)
    _refs(session, row.id, document)
    _record(session, row, actor, kind, time.time())


def load(row: CaseRow) -> Doc:
    loaded: Doc = json.loads(row.document)
    return loaded


def save_new_version(
    session: Session, row: CaseRow, document: Doc, *, actor: str, kind: str, at: float
) -> int:
    """Store ``document`` as the case's next version; returns the new version."""
    document["case"]["version"] = row.version + 1
    document["case"]["updated_at"] = now_text(document, at)
    data = dumps(document)
    check_document(data)
    row.version += 1
    row.document = data
    row.status = document["case"]["status"]
    row.assigned_to = document["case"].get("assigned_to")
    row.awaiting_review = awaiting_review(document)
    _refs(session, row.id, document)
    _record(session, row, actor, kind, at)
    return row.version


def lock_case(session: Session, case_id: str) -> CaseRow | None:
    """The case row, locked for this write transaction."""
    return session.scalars(
        select(CaseRow).where(CaseRow.id == case_id).with_for_update()
    ).one_or_none()


def mutate(
    session: Session,
    case_id: str,
    change: Callable[[Doc], str | None],
    *,
    actor: str,
    at: float | None = None,
) -> int | None:
    """Apply ``change`` to a case's document and save it; ``change`` returns the change
    kind, or None to leave the case untouched. Returns the new version or None."""
    row = lock_case(session, case_id)
    if row is None:
        return None
    document = load(row)
    kind = change(document)
    if kind is None:
        return None
    return save_new_version(session, row, document, actor=actor, kind=kind, at=at or time.time())


# ---------------------------------------------------------------------------------------
# The changes feed

# Opaque to clients; "c1." and the seq in hex, so that the OpenAPI pattern describes
# exactly the cursors this server accepts.
CURSOR_PATTERN = r"^(c1\.[0-9a-f]{1,15})?$"
_CURSOR = re.compile(CURSOR_PATTERN)


def encode_cursor(seq: int) -> str:
    return f"c1.{seq:x}"


def decode_cursor(cursor: str | None) -> int:
    if cursor is None or cursor == "":
        return 0
    if _CURSOR.fullmatch(cursor) is None:
        raise ApiError("bad_request", "The cursor is not one this server handed out.")
    return int(cursor[3:], 16)


@dataclass(frozen=True)
class FeedEntry:
    seq: int
    case_id: str
    version: int
    deleted: bool
    document: bytes | None


def read_feed(
    session: Session, username: str, after: int, limit: int
) -> tuple[list[FeedEntry], bool]:
    """Up to ``limit`` entries after seq ``after`` and whether the stream ends there."""
    rows = session.execute(
        select(FeedRow.seq, FeedRow.case_id, FeedRow.deleted, CaseRow.version, CaseRow.document)
        .join(CaseRow, CaseRow.id == FeedRow.case_id)
        .where(FeedRow.username == username, FeedRow.seq > after)
        .order_by(FeedRow.seq)
        .limit(limit + 1)
    ).all()
    entries = [
        FeedEntry(seq, case_id, version, deleted, None if deleted else document)
        for seq, case_id, deleted, version, document in rows[:limit]
    ]
    return entries, len(rows) <= limit


def last_seq(session: Session) -> int:
    """The highest sequence number the feed has handed out to anyone."""
    return int(session.execute(select(func.max(FeedRow.seq))).scalar() or 0)


def read_entries_before(session: Session, username: str, upto: int, count: int) -> list[FeedEntry]:
    """The last ``count`` entries at or before seq ``upto`` (for repeated-page faults)."""
    rows = session.execute(
        select(FeedRow.seq, FeedRow.case_id, FeedRow.deleted, CaseRow.version, CaseRow.document)
        .join(CaseRow, CaseRow.id == FeedRow.case_id)
        .where(FeedRow.username == username, FeedRow.seq <= upto)
        .order_by(FeedRow.seq.desc())
        .limit(count)
    ).all()
    return [
        FeedEntry(seq, case_id, version, deleted, None if deleted else document)
        for seq, case_id, deleted, version, document in reversed(rows)
    ]


def render_page(entries: list[FeedEntry], next_cursor: str, end_of_stream: bool) -> bytes:
    """The page's JSON, assembled from the stored document bytes without re-encoding."""
    parts: list[bytes] = [b'{"changes":[']
    for index, entry in enumerate(entries):
        if index:
            parts.append(b",")
        head = b'{"seq":%d,"case_id":%s,"version":%d,"deleted":%s' % (
            entry.seq,
            json.dumps(entry.case_id).encode(),
            entry.version,
            b"true" if entry.deleted else b"false",
        )
        parts.append(head)
        if entry.document is not None:
            parts.append(b',"document":')
            parts.append(entry.document)
        parts.append(b"}")
    parts.append(
        b'],"next_cursor":%s,"end_of_stream":%s}'
        % (json.dumps(next_cursor).encode(), b"true" if end_of_stream else b"false")
    )
    return b"".join(parts)
