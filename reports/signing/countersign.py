"""The review's countersign port on a supervisor's own desk: approve countersigns the
platform's copy of the mediator-signed PDF.

:func:`desk_countersign` gives :func:`app.review.service.approve_document` its
``countersign`` port for one open desk. The port reads the platform document's PDF from
the content store by its SHA-256 (downloaded by the sync), verifies the mediator's
signature on it against the desk's trust roots and CRLs (:func:`reports.signing.verify.
verify_pdf`), loads the supervisor's key the way ``documents countersign`` does (from
the data folder, its passphrase from the keyring) and countersigns through the core's
:func:`app.documents.signing.countersign_received_copy`: an incremental update filling
the field the mediator's certifying revision reserved, a new file in the content store,
a ``document_signatures`` row and a ``document.countersigned`` audit event. Each refusal
names its reason; nothing is signed unless every check holds.

pyHanko is imported when a document is approved, not when this module is: the command
line and the desk build the port at start-up.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable

from app.desk import Desk
from app.documents.signing import countersign_received_copy
from app.errors import ConflictError, IntegrityError, NotFound, ValidationError
from app.review.service import Approval, Countersign, PlatformDocument
from app.security import signing_keys
from app.services.identity import SignedInUser
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import words

PassphraseSource = Callable[[str], str | None]  # username -> passphrase (None: the keyring's)


def desk_countersign(desk: Desk, passphrase: PassphraseSource | None = None) -> Countersign:
    """The countersign port for ``desk``: keys and trust roots from its data folder, the
    key's passphrase from ``passphrase`` or else the keyring."""

    def countersign(uow: UnitOfWork, user: SignedInUser, document: PlatformDocument) -> Approval:
        return countersign_platform_document(
            desk,
            uow,
            user,
            document,
            passphrase=None if passphrase is None else passphrase(user.username),
        )

    return countersign


def received_copy(uow: UnitOfWork, document: PlatformDocument) -> bytes:
    """The platform document's PDF as this desk holds it, checked against its SHA-256."""
    where = {"case_id": document.case_id, "document_id": document.document_id}
    if not uow.evidence.has(document.sha256):
        raise NotFound(words("signatures.received.not_downloaded", **where))
    with uow.evidence.open(document.sha256) as source:
        data = source.read(document.size + 1)
    if len(data) != document.size or hashlib.sha256(data).hexdigest() != document.sha256:
        raise IntegrityError(words("signatures.received.altered", **where))
    return data


def countersign_platform_document(
    desk: Desk,
    uow: UnitOfWork,
    user: SignedInUser,
    document: PlatformDocument,
    *,
    passphrase: str | None = None,
) -> Approval:
    """Countersign the platform's copy of ``document`` as ``user``; commits. Refused
    (named) when the PDF is not downloaded or was altered, when the mediator's signature
    is not intact, valid and trusted, when it is already countersigned, when the
    supervisor signed or drafted it (four eyes), or when their key cannot be loaded."""
    from reports.signing.cli import load_signing_key
    from reports.signing.verify import verify_pdf

    where = {"case_id": document.case_id, "document_id": document.document_id}
    data = received_copy(uow, document)
    home = desk.paths.home
    roots = tuple(signing_keys.trusted_files(home, ".pem"))
    if not roots:
        raise ValidationError(words("signatures.received.no_trust"))
    verdict = verify_pdf(
        data, trust_roots=roots, crls=tuple(signing_keys.trusted_files(home, ".crl"))
    )
    if verdict.problem is not None:
        raise IntegrityError(
            words("signatures.received.not_verified", problem=verdict.problem, **where)
        )
    mediators = [check for check in verdict.signatures if check.role == "mediator"]
    if not mediators:
        raise ValidationError(words("signatures.received.no_mediator", **where))
    if any(check.role == "supervisor" for check in verdict.signatures):
        raise ConflictError(words("signatures.received.already", **where))
    field_name = _supervisor_field(data)
    if field_name is None:
        raise ValidationError(words("signatures.received.no_field", **where))
    involved = (
        *(check.signer_username for check in verdict.signatures),
        document.created_by.removeprefix("user:"),
    )
    key = load_signing_key(desk, user.username, passphrase)
    case = uow.session.get(m.Case, document.case_id)
    signature = countersign_received_copy(
        uow,
        document.case_id,
        document.document_id,
        data,
        key,
        actor_id=user.actor,
        field_name=field_name,
        language=case.language if case is not None else "en",
        involved=involved,
    )
    return Approval(signature.sha256)


def _supervisor_field(data: bytes) -> str | None:
    """The empty signature field the certifying revision reserved for the supervisor."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    empty = [str(name) for name, _, _ in fields.enumerate_sig_fields(reader, filled_status=False)]
    named = [name for name in empty if "supervisor" in name.lower()]
    if named:
        return named[0]
    return empty[0] if len(empty) == 1 else None
