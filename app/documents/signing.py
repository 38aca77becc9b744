"""Signing decision documents: the mediator's signature and the supervisor's countersignature.

The core never imports the signing library: the entry points hand the services a
:class:`DocumentSigner` (``reports.signing.PdfSigningKey``) holding one user's key, the way
drafting is handed a renderer. The services here decide *whether* and *where* to sign,
keep each signed form (a new hash-named file, an incremental update of the one before,
never overwriting it), a row and an audit event, and commit.

- :func:`sign_document` — the mediator's signature, which certifies the document (the
  signer allows only later signatures).
- :func:`countersign_document` — the supervisor's, in an incremental update; refused for
  the person who drafted or signed the document (four eyes).
- :func:`countersign_received_copy` — the same countersignature on a supervisor's own
  desk, on the platform's copy of the mediator-signed PDF (the review's approval).
- :func:`signed_form` — the newest signed bytes (what ``documents export`` writes).
- :func:`document_signatures` — the signatures the store recorded.

Each signature carries the chain's head at signing time in its signed ``/Reason``
(:mod:`app.documents.signed_anchors`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from sqlalchemy import select

from app import audit
from app.documents.decision_input import decision_input
from app.documents.records import record_from_json
from app.documents.service import read_document
from app.documents.signed_anchors import anchor_text
from app.errors import (
    ConflictError,
    IntegrityError,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from app.services.identity import signed_in_user
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import words
from app.workflow import default_calendar

Role = Literal["mediator", "supervisor"]
Level = Literal["B-B", "B-T", "B-LT"]
SEQUENCE: dict[Role, int] = {"mediator": 1, "supervisor": 2}


@dataclass(frozen=True)
class SignerIdentity:
    """Who a signing key belongs to, as its certificate says."""

    username: str
    name: str
    role: str  # the certificate's title: mediator or supervisor


@dataclass(frozen=True)
class SignatureRequest:
    """What to sign and where: the current form, the field reserved for this signature,
    its rectangle on a page, the words of the visible block, and the signed reason."""

    data: bytes
    field_name: str
    page: int
    rect: tuple[float, float, float, float]
    role: Role
    language: str
    certify: bool
    reason: str
    at: datetime
    # Empty signature fields to add with a certifying signature (the countersignature's):
    # after certification, filling a field is allowed, adding one is a change.
    reserve: tuple[tuple[str, int, tuple[float, float, float, float]], ...] = ()


@dataclass(frozen=True)
class SignedBytes:
    data: bytes
    signed_at: datetime
    level: Level


class DocumentSigner(Protocol):
    """One user's signing key, loaded: signs a request, says whose it is."""

    @property
    def identity(self) -> SignerIdentity: ...

    def sign(self, request: SignatureRequest) -> SignedBytes: ...


@dataclass(frozen=True)
class DocumentSignature:
    """One signature the store recorded on a document version."""

    case_id: str
    document_id: str
    sequence: int
    role: str
    field_name: str
    signer_username: str
    signer_name: str
    signed_at: datetime
    level: str
    signed_from: str
    sha256: str
    size: int
    audit_seq: int | None
    audit_digest: str | None

    def to_json_dict(self) -> dict[str, object]:
        return {
            "case_id": self.case_id,
            "document_id": self.document_id,
            "sequence": self.sequence,
            "role": self.role,
            "field_name": self.field_name,
            "signer": self.signer_username,
            "signer_name": self.signer_name,
            "signed_at": self.signed_at.isoformat(),
            "level": self.level,
            "signed_from": self.signed_from,
            "sha256": self.sha256,
            "size": self.size,
            "audit_head": None
            if self.audit_seq is None
            else {"seq": self.audit_seq, "digest": self.audit_digest},
        }


def sign_document(
    uow: UnitOfWork,
    case_id: str,
    document_id: str,
    signer: DocumentSigner,
    *,
    actor_id: str,
) -> DocumentSignature:
    """The mediator's certifying signature on a current draft; commits. Signing an already
    signed document again is refused (a retry never signs twice)."""
    return _sign(uow, case_id, document_id, signer, actor_id=actor_id, role="mediator")


def countersign_document(
    uow: UnitOfWork,
    case_id: str,
    document_id: str,
    signer: DocumentSigner,
    *,
    actor_id: str,
) -> DocumentSignature:
    """The supervisor's countersignature, an incremental update of the mediator's signed
    form; commits. Refused before the mediator signed, for the person who drafted or
    signed the document, and for a key whose certificate is not a supervisor's."""
    return _sign(uow, case_id, document_id, signer, actor_id=actor_id, role="supervisor")


def document_signatures(
    uow: UnitOfWork, case_id: str, document_id: str
) -> tuple[DocumentSignature, ...]:
    return tuple(_signature(row) for row in _signature_rows(uow, case_id, document_id))


def signed_form(uow: UnitOfWork, case_id: str, document_id: str) -> bytes | None:
    """The newest signed form of a document version (checked against its SHA-256), or
    None while it is unsigned."""
    rows = _signature_rows(uow, case_id, document_id)
    if not rows:
        return None
    return _read_checked(uow, rows[-1], case_id, document_id)


def signature_facts(
    uow: UnitOfWork, case_id: str, document_id: str
) -> tuple[str, tuple[str, ...]] | None:
    """What the store knows of a document, for verifying a copy of it: the evidence
    manifest digest its record carries and the roles that signed it here (None: this
    desk does not hold the document)."""
    row = uow.session.execute(
        select(m.DecisionDocument).where(
            m.DecisionDocument.case_id == case_id,
            m.DecisionDocument.document_id == document_id,
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    manifest = str(row.record.get("case", {}).get("evidence_manifest_sha256", ""))
    roles = tuple(item.role for item in _signature_rows(uow, case_id, document_id))
    return manifest, roles


@dataclass(frozen=True)
class Delivery:
    """What ``deliver_signed_document`` queued (or found already queued)."""

    outbox_id: int
    action_type: str  # submit_document or review_document
    sha256: str
    queued: bool  # False: it was already in the outbox, nothing queued twice


def deliver_signed_document(
    uow: UnitOfWork,
    case_id: str,
    document_id: str,
    *,
    actor_id: str,
    comments: str = "",
) -> Delivery:
    """Queue a signed document for the platform through the outbox, and commit.

    Signed by the mediator only: ``submit_document`` with the signed form's SHA-256 and,
    for a ruling, its decision (outcome, remedies, sanctions, appeal window:
    :func:`app.documents.decision_input.decision_input`).
    Countersigned: ``review_document`` approving the platform's copy of the mediator's
    signed form, with the countersigned PDF's SHA-256. The push uploads the PDF
    (``PUT /documents/{sha256}``) before the action; both are idempotent, and the same
    delivery is never queued twice."""
    from app.contract.case_document import parse_case_document
    from app.services.outbox import queue_action
    from app.store.case_writer import snapshot_bytes

    rows = _signature_rows(uow, case_id, document_id)
    if not rows:
        raise ValidationError(
            words("signatures.delivery.not_signed", case_id=case_id, document_id=document_id)
        )
    newest = rows[-1]
    body: dict[str, object]
    if newest.role == "supervisor":
        raw = snapshot_bytes(uow.session, case_id)
        listed = parse_case_document(raw).documents if raw is not None else None
        on_platform = next(
            (item.id for item in listed or [] if item.sha256 == rows[0].sha256), None
        )
        if on_platform is None:
            raise ConflictError(
                words("signatures.delivery.not_on_platform", document_id=document_id)
            )
        body = {
            "type": "review_document",
            "document_id": on_platform,
            "verdict": "approve",
            "comments": comments,
            "sha256": newest.sha256,
        }
    else:
        record = uow.session.execute(
            select(m.DecisionDocument.kind, m.DecisionDocument.record).where(
                m.DecisionDocument.case_id == case_id,
                m.DecisionDocument.document_id == document_id,
            )
        ).one()
        body = {"type": "submit_document", "kind": record.kind, "sha256": newest.sha256}
        decision = decision_input(
            record_from_json(record.record), uow.clock.now(), default_calendar()
        )
        if decision is not None:
            body["decision"] = decision
    for entry in uow.session.execute(
        select(m.OutboxEntry).where(
            m.OutboxEntry.case_id == case_id,
            m.OutboxEntry.action_type == body["type"],
            m.OutboxEntry.state.in_(("pending", "sent")),
        )
    ).scalars():
        if entry.body.get("sha256") == newest.sha256:
            return Delivery(entry.id, entry.action_type, newest.sha256, queued=False)
    item = queue_action(uow, case_id, body, actor_id)
    uow.commit()
    return Delivery(item.id, item.action_type, newest.sha256, queued=True)


# -- internals ---------------------------------------------------------------------------


def _sign(
    uow: UnitOfWork,
    case_id: str,
    document_id: str,
    signer: DocumentSigner,
    *,
    actor_id: str,
    role: Role,
) -> DocumentSignature:
    session = uow.session
    row = session.execute(
        select(m.DecisionDocument).where(
            m.DecisionDocument.case_id == case_id,
            m.DecisionDocument.document_id == document_id,
        )
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(words("documents.not_found", case_id=case_id, document_id=document_id))
    if row.state != "draft":
        raise ConflictError(
            words("signatures.superseded", case_id=case_id, document_id=document_id)
        )
    identity = signer.identity
    _check_role(uow, identity, role)
    existing = _signature_rows(uow, case_id, document_id)
    sequence = SEQUENCE[role]
    if any(item.sequence == sequence for item in existing):
        raise ConflictError(
            words(f"signatures.already_{role}", case_id=case_id, document_id=document_id)
        )
    if role == "supervisor":
        if not existing:
            raise ConflictError(
                words("signatures.not_signed_yet", case_id=case_id, document_id=document_id)
            )
        involved = {existing[0].signer_username, row.created_by.removeprefix("user:")}
        if identity.username in involved:
            raise PermissionDenied(
                words("signatures.four_eyes", name=identity.name, document_id=document_id)
            )
        current = _read_checked(uow, existing[-1], case_id, document_id)
    else:
        current = read_document(uow, case_id, document_id)
    return _sign_and_keep(
        uow,
        case_id,
        document_id,
        signer,
        current,
        actor_id=actor_id,
        role=role,
        box=_box(row, role),
        language=row.language,
        reserve=_boxes(row, "supervisor") if role == "mediator" else (),
    )


def countersign_received_copy(
    uow: UnitOfWork,
    case_id: str,
    document_id: str,
    data: bytes,
    signer: DocumentSigner,
    *,
    actor_id: str,
    field_name: str,
    language: str,
    involved: tuple[str, ...],
) -> DocumentSignature:
    """The supervisor's countersignature on a copy of a mediator-signed PDF this desk did
    not draft (the platform's document ``document_id``, its bytes ``data`` already checked
    and its mediator's signature verified by the caller): an incremental update filling
    the reserved field ``field_name``, kept, recorded and audited like
    :func:`countersign_document`; commits. Refused for a key that is not a supervisor's
    or not the signed-in user's, and for anyone in ``involved`` (the usernames that
    drafted or signed it: four eyes). Countersigning the same copy again gives back the
    countersignature already made (a retry never signs twice)."""
    identity = signer.identity
    _check_role(uow, identity, "supervisor")
    if identity.username in involved:
        raise PermissionDenied(
            words("signatures.four_eyes", name=identity.name, document_id=document_id)
        )
    reviewed = hashlib.sha256(data).hexdigest()
    for item in _signature_rows(uow, case_id, document_id):
        if item.sequence != SEQUENCE["supervisor"]:
            continue
        if item.signed_from == reviewed and uow.evidence.has(item.sha256):
            return _signature(item)
        raise ConflictError(
            words("signatures.already_supervisor", case_id=case_id, document_id=document_id)
        )
    return _sign_and_keep(
        uow,
        case_id,
        document_id,
        signer,
        data,
        actor_id=actor_id,
        role="supervisor",
        box=(field_name, 0, (0.0, 0.0, 0.0, 0.0)),  # the field exists: filled, not placed
        language=language,
        reserve=(),
    )


def _sign_and_keep(
    uow: UnitOfWork,
    case_id: str,
    document_id: str,
    signer: DocumentSigner,
    current: bytes,
    *,
    actor_id: str,
    role: Role,
    box: Box,
    language: str,
    reserve: tuple[Box, ...],
) -> DocumentSignature:
    """Sign ``current`` into ``box``; keep the signed form (a new file), its row and an
    audit event; commit (the new file is discarded if the commit fails)."""
    session = uow.session
    identity = signer.identity
    field_name, page, rect = box
    sequence = SEQUENCE[role]
    anchor = audit.current_anchor(uow)
    now = uow.clock.now()
    signed = signer.sign(
        SignatureRequest(
            data=current,
            field_name=field_name,
            page=page,
            rect=rect,
            role=role,
            language=language,
            certify=role == "mediator",
            reason=f"{role} signature; {anchor_text(anchor)}",
            at=now,
            reserve=reserve,
        )
    )
    sha256 = hashlib.sha256(signed.data).hexdigest()
    with uow.evidence.staging() as staging:
        added = uow.evidence.commit([staging.stage_bytes(signed.data)])
    try:
        new = m.DocumentSignature(
            case_id=case_id,
            document_id=document_id,
            sequence=sequence,
            role=role,
            field_name=field_name,
            signer_username=identity.username,
            signer_name=identity.name,
            signed_at=signed.signed_at,
            level=signed.level,
            signed_from=hashlib.sha256(current).hexdigest(),
            sha256=sha256,
            size=len(signed.data),
            audit_seq=anchor.seq if anchor else None,
            audit_digest=anchor.digest if anchor else None,
            created_by=actor_id,
        )
        session.add(new)
        session.flush()
        audit.record(
            session,
            at=now,
            actor=actor_id,
            action="document.signed" if role == "mediator" else "document.countersigned",
            case_id=case_id,
            changes={
                "document_id": document_id,
                "role": role,
                "signer": identity.username,
                "field_name": field_name,
                "level": signed.level,
                "signed_from": new.signed_from,
                "sha256": sha256,
                "audit_head": None if anchor is None else anchor.to_json_dict(),
            },
        )
        uow.commit()
    except BaseException:
        for digest in added:
            uow.evidence.discard(digest)
        raise
    return _signature(new)


def _check_role(uow: UnitOfWork, identity: SignerIdentity, role: Role) -> None:
    if identity.role != role:
        raise PermissionDenied(
            words(
                f"signatures.needs_{role}",
                name=identity.name,
                role=words(f"signatures.role.{identity.role}")
                if identity.role in SEQUENCE
                else identity.role,
            )
        )
    user = signed_in_user(uow)
    if user is None:
        return
    if user.username != identity.username:
        raise PermissionDenied(
            words("signatures.not_your_key", key=identity.username, user=user.username)
        )
    if user.role != role:
        raise PermissionDenied(
            words(
                f"signatures.needs_{role}",
                name=user.display_name,
                role=words(f"signatures.role.{user.role}") if user.role in SEQUENCE else user.role,
            )
        )


Box = tuple[str, int, tuple[float, float, float, float]]


def _boxes(row: m.DecisionDocument, role: Role) -> tuple[Box, ...]:
    found: list[Box] = []
    for box in row.layout.get("signature_boxes", []):
        if box.get("role") == role:
            x1, y1, x2, y2 = (float(v) for v in box["rect"])
            found.append((str(box["field_name"]), int(box["page"]), (x1, y1, x2, y2)))
    return tuple(found)


def _box(row: m.DecisionDocument, role: Role) -> Box:
    found = _boxes(row, role)
    if found:
        return found[0]
    raise IntegrityError(
        words(
            "signatures.no_room", document_id=row.document_id, role=words(f"signatures.role.{role}")
        )
    )


def _signature_rows(uow: UnitOfWork, case_id: str, document_id: str) -> list[m.DocumentSignature]:
    return list(
        uow.session.execute(
            select(m.DocumentSignature)
            .where(
                m.DocumentSignature.case_id == case_id,
                m.DocumentSignature.document_id == document_id,
            )
            .order_by(m.DocumentSignature.sequence)
        ).scalars()
    )


def _read_checked(
    uow: UnitOfWork, row: m.DocumentSignature, case_id: str, document_id: str
) -> bytes:
    if not uow.evidence.has(row.sha256):
        raise IntegrityError(
            words("documents.file_missing", case_id=case_id, document_id=document_id)
        )
    with uow.evidence.open(row.sha256) as source:
        data = source.read(row.size + 1)
    if len(data) != row.size or hashlib.sha256(data).hexdigest() != row.sha256:
        raise IntegrityError(words("documents.altered", case_id=case_id, document_id=document_id))
    return data


def _signature(row: m.DocumentSignature) -> DocumentSignature:
    return DocumentSignature(
        case_id=row.case_id,
        document_id=row.document_id,
        sequence=row.sequence,
        role=row.role,
        field_name=row.field_name,
        signer_username=row.signer_username,
        signer_name=row.signer_name,
        signed_at=row.signed_at,
        level=row.level,
        signed_from=row.signed_from,
        sha256=row.sha256,
        size=row.size,
        audit_seq=row.audit_seq,
        audit_digest=row.audit_digest,
    )
