"""Public notices in the store: drafting a version, previewing, publishing through the gate.

A notice is kept like a decision document (``decision_documents``, kind ``notice``,
ids ``N<version>``, versions counted with the case's other documents): the PDF in the
content-addressed store, a row with the record it was rendered from, and an audit event.
A new draft supersedes the previous notice only, never a ruling.

- :func:`draft_notice` builds the notice from the latest decision drafted on this desk
  (on a desk that drafted none, a supervisor's, from the decision the platform
  recorded: :mod:`app.notices.platform_decision`), renders it with the renderer it is
  handed, stores it and commits.
- :func:`notice_preview` builds the same notice without storing it, with the texts it
  was made from, for the desk's side-by-side view.
- :func:`publish_notice` is a supervisor's action: it re-reads the stored PDF, runs the
  publication gate over its own text, and only then queues ``publish_notice`` in the
  outbox (the PDF is uploaded before the action on the next sync) and commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from app import audit
from app.contract.case_document import CaseDocument
from app.contract.language import Language
from app.documents.assembly import DocumentNotReady
from app.documents.records import DecisionRecord, record_from_json
from app.documents.rendering import RenderedDocument
from app.documents.service import refuse_a_changed_record, store_version
from app.errors import IntegrityError, NotFound, PermissionDenied, ValidationError
from app.notices.assembly import (
    DEFAULT_VALIDITY_DAYS,
    NoticeIdentity,
    SettledCaseNotPublished,
    build_notice,
    source_texts,
)
from app.notices.gate import GateFinding, NoticeBlocked, TextExtractor, check_pdf
from app.notices.platform_decision import PlatformDecision, platform_decision
from app.notices.records import NoticeRecord, notice_digest, notice_from_json, notice_to_json
from app.services.anonymize_service import case_document
from app.services.identity import signed_in_user
from app.services.outbox import OutboxItem, queue_action
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import Label, words
from app.workflow import CHINA_TIME

NOTICE_KIND = "notice"
DECISION_KINDS = ("ruling", "dismissal", "settlement")
NoticeRenderer = Callable[[NoticeRecord], RenderedDocument]


@dataclass(frozen=True)
class NoticeVersion:
    """One stored version of the case's public notice."""

    case_id: str
    notice_id: str
    version: int
    language: str
    state: str  # draft, publish_queued (sent on the next sync), superseded
    sha256: str
    size: int
    page_count: int
    publication_date: date
    valid_until: date
    source_document_id: str
    source_kind: str
    settled_override: bool
    redactions: int  # how many removals the anonymizer made
    created_at: datetime
    created_by: str

    def to_json_dict(self) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "notice_id": self.notice_id,
            "version": self.version,
            "language": self.language,
            "state": self.state,
            "sha256": self.sha256,
            "size": self.size,
            "page_count": self.page_count,
            "publication_date": self.publication_date.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "source_document_id": self.source_document_id,
            "source_kind": self.source_kind,
            "settled_override": self.settled_override,
            "redactions": self.redactions,
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
        }


@dataclass(frozen=True)
class NoticeDraft:
    notice: NoticeVersion
    created: bool  # False: nothing had changed, this is the current version
    findings: tuple[GateFinding, ...]  # what the gate would refuse now (empty: publishable)


@dataclass(frozen=True)
class NoticePreview:
    """What would be published, beside what it was made from: the record (published
    texts, every redaction with its place) and the decision's own texts by field."""

    record: NoticeRecord
    sources: Mapping[str, str]
    settled: bool  # a settlement: publishing needs a supervisor's written override


@dataclass(frozen=True)
class PublishResult:
    notice: NoticeVersion
    outbox: OutboxItem


def draft_notice(
    uow: UnitOfWork,
    case_id: str,
    render: NoticeRenderer,
    extract: TextExtractor,
    *,
    actor_id: str,
    override_reason: str | None = None,
    language: Language | None = None,
    publication_date: date | None = None,
) -> NoticeDraft:
    """Draft the next version of the case's notice, run the gate over it, and commit.

    Refused for a case settled by mediation unless a supervisor gives a written reason
    (``override_reason``), which goes to the audit trail."""
    now = uow.clock.now()
    refuse_a_changed_record(uow, case_id)
    case = case_document(uow, case_id)
    source_row = _decision(uow, case_id, case)
    decision = source_row.decision
    reason = _override(uow, case_id, decision, override_reason)
    language = language or case.case.language
    publication_date = publication_date or now.astimezone(CHINA_TIME).date()
    rows = _all_rows(uow, case_id)
    current = _current_notice(rows)
    if current is not None and current.language == language:
        same = _build(decision, source_row, case, _identity_of(current, publication_date), reason)
        if notice_to_json(same) == current.record:
            data = _read(uow, current)
            return NoticeDraft(_version(current), False, check_pdf(data, case, extract))
    version = max((row.version for row in rows), default=0) + 1
    identity = NoticeIdentity(
        notice_id=f"N{version}",
        version=version,
        supersedes=current.sha256 if current else None,
        publication_date=publication_date,
        language=language,
    )
    record = _build(decision, source_row, case, identity, reason)
    rendered = render(record)
    findings = check_pdf(rendered.data, case, extract)
    changes: dict[str, object] = {
        "source_document_id": source_row.document_id,
        "source_sha256": source_row.sha256,
        "redactions": len(record.redactions),
        "gate": [finding.to_json_dict() for finding in findings],
    }
    if reason is not None:
        changes["settled_override_reason"] = reason
    row = store_version(
        uow,
        rendered,
        current,
        case_id=case_id,
        document_id=identity.notice_id,
        version=version,
        kind=NOTICE_KIND,
        language=language,
        document_date=publication_date,
        record=notice_to_json(record),
        record_sha256=notice_digest(record),
        at=now,
        actor_id=actor_id,
        action="notice.drafted",
        changes=changes,
    )
    return NoticeDraft(_version(row), True, findings)


def notice_preview(
    uow: UnitOfWork, case_id: str, *, language: Language | None = None
) -> NoticePreview:
    """The notice as it would be drafted now, with the texts it is made from. Reads only.
    A settled case is previewed as if overridden, and says so (``settled``)."""
    case = case_document(uow, case_id)
    source = _decision(uow, case_id, case)
    decision = source.decision
    language = language or case.case.language
    settled = decision.kind == "settlement"
    identity = NoticeIdentity(
        "preview", 0, None, uow.clock.now().astimezone(CHINA_TIME).date(), language
    )
    record = build_notice(decision, source.sha256, case, identity, settled_override=settled)
    return NoticePreview(record, source_texts(decision, language, case), settled)


def list_notices(uow: UnitOfWork, case_id: str) -> tuple[NoticeVersion, ...]:
    """Every version of the case's notice, oldest first."""
    if uow.session.get(m.Case, case_id) is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    return tuple(_version(row) for row in _all_rows(uow, case_id) if row.kind == NOTICE_KIND)


def read_notice(uow: UnitOfWork, case_id: str, notice_id: str | None = None) -> bytes:
    """The stored PDF of a notice version (default: the current one), checked against
    its SHA-256."""
    rows = [row for row in _all_rows(uow, case_id) if row.kind == NOTICE_KIND]
    row = (
        _current_notice(rows)
        if notice_id is None
        else next((r for r in rows if r.document_id == notice_id), None)
    )
    if row is None:
        raise NotFound(words("notices.none_drafted", case_id=case_id))
    return _read(uow, row)


def publish_notice(
    uow: UnitOfWork,
    case_id: str,
    extract: TextExtractor,
    *,
    actor_id: str,
    override_reason: str | None = None,
) -> PublishResult:
    """Run the gate over the current notice's own PDF and queue ``publish_notice``.

    A supervisor's action: refused, with nothing queued, for a signed-in user of another
    role; for a notice older than the latest decision; for a settled case without a
    written reason; and — naming each field and kind, never the value — when the PDF
    still holds a personal datum of the case. Commits (a blocked attempt is kept in the
    audit trail too)."""
    require_supervisor(uow)
    case = case_document(uow, case_id)
    refuse_while_appealed(case)
    rows = _all_rows(uow, case_id)
    current = _current_notice(rows)
    if current is None:
        raise ValidationError(words("notices.none_drafted", case_id=case_id))
    if current.state == "publish_queued":
        raise ValidationError(
            words("notices.already_queued", case_id=case_id, notice_id=current.document_id)
        )
    record = notice_from_json(current.record)
    source_row = _decision(uow, case_id, case)
    decision = source_row.decision
    if source_row.sha256 != record.source_sha256:
        raise ValidationError(
            words(
                "notices.stale",
                case_id=case_id,
                notice_id=current.document_id,
                document_id=source_row.document_id,
            )
        )
    reason = _override(uow, case_id, decision, override_reason)
    data = _read(uow, current)
    refuse_a_leaking_notice(
        uow, case_id, data, case, extract, document_id=current.document_id, actor_id=actor_id
    )
    now = uow.clock.now()
    item = queue_action(
        uow, case_id, {"type": "publish_notice", "sha256": current.sha256}, actor_id
    )
    current.state = "publish_queued"
    changes: dict[str, object] = {
        "document_id": current.document_id,
        "sha256": current.sha256,
        "outbox_id": item.id,
    }
    if reason is not None:
        changes["settled_override_reason"] = reason
    audit.record(
        uow.session,
        at=now,
        actor=actor_id,
        action="notice.publish_queued",
        case_id=case_id,
        changes=changes,
    )
    uow.commit()
    return PublishResult(_version(current), item)


# -- internals ---------------------------------------------------------------------------


def refuse_a_leaking_notice(
    uow: UnitOfWork,
    case_id: str,
    data: bytes,
    case: CaseDocument,
    extract: TextExtractor,
    *,
    document_id: str,
    actor_id: str,
) -> None:
    """The publication gate over the PDF about to be published: when it finds anything,
    keep the refusal in the audit trail (what and where, never the value), commit, and
    raise :class:`NoticeBlocked`. The one gate every way of publishing passes."""
    findings = check_pdf(data, case, extract)
    if not findings:
        return
    audit.record(
        uow.session,
        at=uow.clock.now(),
        actor=actor_id,
        action="notice.blocked",
        case_id=case_id,
        changes={
            "document_id": document_id,
            "sha256": hashlib.sha256(data).hexdigest(),
            "gate": [finding.to_json_dict() for finding in findings],
        },
    )
    uow.commit()
    raise NoticeBlocked(case_id, findings)


def require_supervisor(uow: UnitOfWork) -> None:
    """Publishing is a supervisor's action: refused for a signed-in user of another role."""
    user = signed_in_user(uow)
    if user is not None and user.role != "supervisor":
        raise PermissionDenied(words("notices.supervisor_only", role=Label("Role", user.role)))


def refuse_while_appealed(case: CaseDocument) -> None:
    """A decided case back under review — a party appealed — may yet change its decision:
    its notice waits until the review decides again (confirmed or changed)."""
    if case.case.status == "under_review" and case.decision is not None:
        raise ValidationError(words("notices.under_appeal", case_id=case.case.id))


def _override(
    uow: UnitOfWork, case_id: str, decision: DecisionRecord | PlatformDecision, reason: str | None
) -> str | None:
    """The written reason for publishing a settled case, checked; None for other cases."""
    if decision.kind != "settlement":
        return None
    if reason is None or not reason.strip():
        raise SettledCaseNotPublished(words("notices.settled_not_published", case_id=case_id))
    require_supervisor(uow)
    return reason.strip()


def _build(
    decision: DecisionRecord | PlatformDecision,
    source: _Source,
    case: CaseDocument,
    identity: NoticeIdentity,
    reason: str | None,
) -> NoticeRecord:
    return build_notice(
        decision, source.sha256, case, identity, settled_override=reason is not None
    )


@dataclass(frozen=True)
class _Source:
    """What a notice reports: a decision document drafted on this desk (its record), or
    the decision the platform recorded on the case."""

    document_id: str
    sha256: str
    decision: DecisionRecord | PlatformDecision


def _decision(uow: UnitOfWork, case_id: str, case: CaseDocument) -> _Source:
    """The latest decision document drafted on this desk that is not superseded; on a
    desk that drafted none (a supervisor's), the decision the platform recorded."""
    rows = [
        row
        for row in _all_rows(uow, case_id)
        if row.kind in DECISION_KINDS and row.state != "superseded"
    ]
    if rows:
        row = rows[-1]
        return _Source(row.document_id, row.sha256, record_from_json(row.record))
    recorded = platform_decision(case)
    if recorded is None:
        raise DocumentNotReady(words("notices.no_decision", case_id=case_id))
    return _Source(recorded.document_id, recorded.sha256, recorded)


def _current_notice(rows: list[m.DecisionDocument]) -> m.DecisionDocument | None:
    return next(
        (row for row in reversed(rows) if row.kind == NOTICE_KIND and row.state != "superseded"),
        None,
    )


def _identity_of(row: m.DecisionDocument, publication_date: date) -> NoticeIdentity:
    return NoticeIdentity(
        row.document_id,
        row.version,
        row.record.get("supersedes"),
        publication_date,
        row.language,  # type: ignore[arg-type]
        int(row.record.get("validity_days", DEFAULT_VALIDITY_DAYS)),
    )


def _all_rows(uow: UnitOfWork, case_id: str) -> list[m.DecisionDocument]:
    return list(
        uow.session.execute(
            select(m.DecisionDocument)
            .where(m.DecisionDocument.case_id == case_id)
            .order_by(m.DecisionDocument.version)
        ).scalars()
    )


def _read(uow: UnitOfWork, row: m.DecisionDocument) -> bytes:
    if not uow.evidence.has(row.sha256):
        raise IntegrityError(
            words("documents.file_missing", case_id=row.case_id, document_id=row.document_id)
        )
    with uow.evidence.open(row.sha256) as source:
        data = source.read(row.size + 1)
    if len(data) != row.size or hashlib.sha256(data).hexdigest() != row.sha256:
        raise IntegrityError(
            words("documents.altered", case_id=row.case_id, document_id=row.document_id)
        )
    return data


def _version(row: m.DecisionDocument) -> NoticeVersion:
    record = row.record
    return NoticeVersion(
        case_id=row.case_id,
        notice_id=row.document_id,
        version=row.version,
        language=row.language,
        state=row.state,
        sha256=row.sha256,
        size=row.size,
        page_count=row.page_count,
        publication_date=row.document_date,
        valid_until=date.fromisoformat(record["valid_until"]),
        source_document_id=record["source_document_id"],
        source_kind=record["source_kind"],
        settled_override=bool(record["settled_override"]),
        redactions=len(record.get("redactions", [])),
        created_at=row.created_at,
        created_by=row.created_by,
    )
