"""Decision documents in the store: drafting a version, listing, reading, party copies.

- :func:`draft_document` builds the record the workflow is at (or the kind asked for),
  renders it with the renderer it is handed, keeps the PDF in the content-addressed
  store, a row with the record, and an audit event, supersedes the previous version,
  and commits. Drafting again with nothing changed gives back the current version.
- :func:`list_documents`, :func:`read_document`, :func:`document_record` read.
- :func:`export_document` gives the stored bytes (checked against their SHA-256) or,
  for one party, the same record rendered without the other side's contact data.
- :func:`drafting_state` says what the desk's Draft button may do now.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from app import audit
from app.contract.case_document import CaseDocument, parse_case_document
from app.contract.language import Language
from app.documents.assembly import (
    DocumentIdentity,
    DocumentNotReady,
    DraftSource,
    build_record,
    kind_at,
)
from app.documents.records import (
    DecisionRecord,
    DocumentKind,
    PartySide,
    Verification,
    for_party,
    record_digest,
    record_from_json,
    record_to_json,
)
from app.documents.rendering import RenderedDocument, Renderer
from app.errors import IntegrityError, NotFound
from app.services.record_check import verify_case_record
from app.services.workflow_service import script_library
from app.store import models as m
from app.store.case_writer import snapshot_bytes
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import words
from app.workflow import CHINA_TIME, WorkflowState

ID_PREFIX: dict[str, str] = {"ruling": "R", "settlement": "S", "dismissal": "D"}


@dataclass(frozen=True)
class DocumentVersion:
    """One stored version of a decision document."""

    case_id: str
    document_id: str
    version: int
    kind: str
    language: str
    state: str  # draft (the current one) or superseded
    sha256: str
    size: int
    page_count: int
    document_date: date
    created_at: datetime
    created_by: str
    supersedes: str | None
    superseded_at: datetime | None

    def to_json_dict(self) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "document_id": self.document_id,
            "version": self.version,
            "kind": self.kind,
            "language": self.language,
            "state": self.state,
            "sha256": self.sha256,
            "size": self.size,
            "page_count": self.page_count,
            "document_date": self.document_date.isoformat(),
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "supersedes": self.supersedes,
            "superseded_at": self.superseded_at.isoformat() if self.superseded_at else None,
        }


@dataclass(frozen=True)
class DraftResult:
    document: DocumentVersion
    created: bool  # False: nothing had changed, this is the current version


@dataclass(frozen=True)
class DraftingState:
    """What drafting would do now: the kind the workflow is at (None: no document is
    drafted at this step), and why it cannot yet (None: it can)."""

    kind: DocumentKind | None
    language: Language
    refusal: str | None


def draft_document(
    uow: UnitOfWork,
    case_id: str,
    render: Renderer,
    *,
    actor_id: str,
    kind: DocumentKind | None = None,
    language: Language | None = None,
    document_date: date | None = None,
) -> DraftResult:
    """Draft the next version of the case's decision document and commit it.

    Refused when the case's stored record fails verification: a document with legal
    weight is never made from a record someone changed outside the desk.
    """
    now = uow.clock.now()
    refuse_a_changed_record(uow, case_id)
    source = _source(uow, case_id, check_files=True)
    kind = kind or _kind_or_refuse(source)
    language = language or source.document.case.language
    document_date = document_date or now.astimezone(CHINA_TIME).date()
    rows = _rows(uow, case_id)
    # Notices (kind "notice", app.notices) share the case's version numbers, not this chain.
    current = next(
        (row for row in reversed(rows) if row.state == "draft" and row.kind != "notice"), None
    )
    if current is not None and current.kind == kind and current.language == language:
        same = build_record(kind, source, _identity_of(current, document_date, language))
        if record_to_json(same) == current.record:
            return DraftResult(_version(current), created=False)
    version = (rows[-1].version if rows else 0) + 1
    identity = DocumentIdentity(
        document_id=f"{ID_PREFIX[kind]}{version}",
        version=version,
        supersedes=current.sha256 if current else None,
        document_date=document_date,
        language=language,
    )
    record = build_record(kind, source, identity)
    rendered = render(record)
    row = store_version(
        uow,
        rendered,
        current,
        case_id=case_id,
        document_id=identity.document_id,
        version=version,
        kind=kind,
        language=language,
        document_date=document_date,
        record=record_to_json(record),
        record_sha256=record_digest(record),
        at=now,
        actor_id=actor_id,
        action="document.drafted",
        changes={"evidence_manifest_sha256": record.case.evidence_manifest_sha256},
    )
    return DraftResult(_version(row), created=True)


def refuse_a_changed_record(uow: UnitOfWork, case_id: str) -> None:
    """Refuse to make a document from a case record someone changed outside the desk."""
    problems = verify_case_record(uow, case_id)
    if problems:
        raise IntegrityError(
            words(
                "records.refuse_draft",
                case_id=case_id,
                field=problems[0].field,
                problem=problems[0].problem,
            )
        )


def store_version(
    uow: UnitOfWork,
    rendered: RenderedDocument,
    current: m.DecisionDocument | None,
    *,
    case_id: str,
    document_id: str,
    version: int,
    kind: str,
    language: str,
    document_date: date,
    record: dict[str, Any],
    record_sha256: str,
    at: datetime,
    actor_id: str,
    action: str,
    changes: dict[str, object],
) -> m.DecisionDocument:
    """Keep a new document version — the hash-named file, its row, the version it
    supersedes marked so, an audit event — and commit. The one way every kind of
    document (decisions, notices) is stored; a failure leaves no file behind."""
    data = rendered.data
    row = m.DecisionDocument(
        case_id=case_id,
        document_id=document_id,
        version=version,
        kind=kind,
        language=language,
        state="draft",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        page_count=rendered.page_count,
        document_date=document_date,
        record=record,
        record_sha256=record_sha256,
        layout=rendered.layout_json(),
        created_at=at,
        created_by=actor_id,
        supersedes=current.document_id if current else None,
    )
    with uow.evidence.staging() as staging:
        added = uow.evidence.commit([staging.stage_bytes(data)])
    try:
        uow.session.add(row)
        if current is not None:
            current.state = "superseded"
            current.superseded_at = row.created_at
        uow.session.flush()
        audit.record(
            uow.session,
            at=row.created_at,
            actor=row.created_by,
            action=action,
            case_id=row.case_id,
            changes={
                "document_id": row.document_id,
                "version": row.version,
                "kind": row.kind,
                "language": row.language,
                "sha256": row.sha256,
                "record_sha256": row.record_sha256,
                "supersedes": current.document_id if current else None,
                **changes,
            },
        )
        uow.commit()
    except BaseException:
        for digest in added:
            uow.evidence.discard(digest)
        raise
    return row


def list_documents(uow: UnitOfWork, case_id: str) -> tuple[DocumentVersion, ...]:
    """Every version of the case's decision documents, oldest first."""
    if uow.session.get(m.Case, case_id) is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    return tuple(_version(row) for row in _rows(uow, case_id) if row.kind != "notice")


def document_record(uow: UnitOfWork, case_id: str, document_id: str) -> DecisionRecord:
    """The record a stored version was rendered from."""
    return record_from_json(_row(uow, case_id, document_id).record)


def read_document(uow: UnitOfWork, case_id: str, document_id: str) -> bytes:
    """The stored PDF, checked against its SHA-256 on every read."""
    row = _row(uow, case_id, document_id)
    if not uow.evidence.has(row.sha256):
        raise IntegrityError(
            words("documents.file_missing", case_id=case_id, document_id=document_id)
        )
    with uow.evidence.open(row.sha256) as source:
        data = source.read(row.size + 1)
    if len(data) != row.size or hashlib.sha256(data).hexdigest() != row.sha256:
        raise IntegrityError(words("documents.altered", case_id=case_id, document_id=document_id))
    return data


def export_document(
    uow: UnitOfWork,
    case_id: str,
    document_id: str,
    render: Renderer,
    party: PartySide | None = None,
) -> bytes:
    """The document as stored — its newest signed form once signed — or one party's copy:
    the same record rendered without the other side's ID number, phone, email and
    address."""
    if party is None:
        from app.documents.signing import signed_form  # signing builds on this module

        signed = signed_form(uow, case_id, document_id)
        return signed if signed is not None else read_document(uow, case_id, document_id)
    read_document(uow, case_id, document_id)  # a copy is only made of an intact original
    return render(for_party(document_record(uow, case_id, document_id), party)).data


def drafting_state(uow: UnitOfWork, case_id: str) -> DraftingState:
    """What the Draft button may do now. Reads only (evidence files are not re-hashed
    here; drafting does that)."""
    source = _source(uow, case_id, check_files=False)
    language = source.document.case.language
    try:
        kind = _kind_or_refuse(source)
        build_record(
            kind,
            source,
            DocumentIdentity("check", 1, None, uow.clock.now().date(), language),
        )
    except DocumentNotReady as refusal:
        return DraftingState(kind_at(source), language, refusal.text())
    return DraftingState(kind, language, None)


# -- internals ---------------------------------------------------------------------------


def _kind_or_refuse(source: DraftSource) -> DocumentKind:
    kind = kind_at(source)
    if kind is None:
        step = source.script.step(source.state.step_id)
        raise DocumentNotReady(words("documents.nothing_to_draft", step=step.title))
    return kind


def _source(uow: UnitOfWork, case_id: str, *, check_files: bool) -> DraftSource:
    session = uow.session
    raw = snapshot_bytes(session, case_id)
    if raw is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    document: CaseDocument = parse_case_document(raw)
    workflow = session.get(m.WorkflowRecord, case_id)
    if workflow is None:
        raise DocumentNotReady(words("documents.no_workflow", case_id=case_id))
    state = WorkflowState.from_json_dict(workflow.state)
    script = script_library().get(state.script_id, state.script_version)
    states: dict[str, Verification] = {}
    for row in session.execute(select(m.Evidence).where(m.Evidence.case_id == case_id)).scalars():
        if not row.stored:
            states[row.evidence_id] = "not_downloaded"
        elif check_files:
            states[row.evidence_id] = uow.evidence.check(row.sha256, row.size)
        else:
            states[row.evidence_id] = "verified"
    users = {user.username: user.display_name for user in session.execute(select(m.User)).scalars()}
    return DraftSource(document, state, script, states, users, uow.clock.now())


def _identity_of(
    row: m.DecisionDocument, document_date: date, language: Language
) -> DocumentIdentity:
    previous = row.record.get("case", {}).get("supersedes")
    return DocumentIdentity(row.document_id, row.version, previous, document_date, language)


def _rows(uow: UnitOfWork, case_id: str) -> list[m.DecisionDocument]:
    return list(
        uow.session.execute(
            select(m.DecisionDocument)
            .where(m.DecisionDocument.case_id == case_id)
            .order_by(m.DecisionDocument.version)
        ).scalars()
    )


def _row(uow: UnitOfWork, case_id: str, document_id: str) -> m.DecisionDocument:
    row = uow.session.execute(
        select(m.DecisionDocument).where(
            m.DecisionDocument.case_id == case_id,
            m.DecisionDocument.document_id == document_id,
        )
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(words("documents.not_found", case_id=case_id, document_id=document_id))
    return row


def _version(row: m.DecisionDocument) -> DocumentVersion:
    return DocumentVersion(
        case_id=row.case_id,
        document_id=row.document_id,
        version=row.version,
        kind=row.kind,
        language=row.language,
        state=row.state,
        sha256=row.sha256,
        size=row.size,
        page_count=row.page_count,
        document_date=row.document_date,
        created_at=row.created_at,
        created_by=row.created_by,
        supersedes=row.supersedes,
        superseded_at=row.superseded_at,
    )
