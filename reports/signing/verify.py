"""Verifying a signed decision document with pyHanko, and saying what is wrong in words.

Per signature: signer and role (from the certificate), signing and timestamp times,
intact, valid, trusted (against the configured roots and CRLs, and the CRLs the
document carries), coverage and pyHanko's modification level — plus, when something was
added after a signature, *what*: the last page's revision is compared with the one the
signature covers, page by page (pages added or removed, annotations or drawings added,
page content replaced or added to).

The verdict's ``problem`` is the first thing that does not hold. A document signed by
the mediator alone is "not yet approved" — not an error — unless it is presented as
final (``final=True``).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from asn1crypto import crl as asn1_crl
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

from app.documents.signing import signature_facts
from app.documents.verdict import DocumentVerdict, SignatureCheck
from app.security import signing_keys
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import Words, words
from reports.signing.keys import identity_of
from reports.signing.sign import _certificate, _der_crl

_XMP = re.compile(rb"<md:(caseId|documentId|evidenceManifestSha256)>([^<]{1,200})</md:\1>")
_REVOKED = {"REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE"}
_EXPIRED = {"EXPIRED", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED"}
ROLE_ORDER = {"mediator": 0, "supervisor": 1}


@dataclass(frozen=True)
class StoreView:
    """What the local store knows of a document: the evidence-manifest digest of its
    record and which signatures the desk recorded on it."""

    evidence_manifest_sha256: str
    roles_signed: tuple[str, ...]


StoreLookup = Callable[[str, str], StoreView | None]  # (case id, document id)


def verify_with_store(
    uow: UnitOfWork, home: Path, data: bytes, *, final: bool = False
) -> DocumentVerdict:
    """Verify against the data folder's trust roots and CRLs and the store's view of the
    case (its evidence manifest and who signed here): what ``mediation-desk verify`` and
    the desk's Documents tab both say."""

    def store(case_id: str, document_id: str) -> StoreView | None:
        facts = signature_facts(uow, case_id, document_id)
        return None if facts is None else StoreView(*facts)

    return verify_pdf(
        data,
        trust_roots=tuple(signing_keys.trusted_files(home, ".pem")),
        crls=tuple(signing_keys.trusted_files(home, ".crl")),
        final=final,
        store=store,
    )


def verify_pdf(
    data: bytes,
    *,
    trust_roots: tuple[bytes, ...],
    crls: tuple[bytes, ...] = (),
    final: bool = False,
    store: StoreLookup | None = None,
) -> DocumentVerdict:
    """Check every signature in ``data``; the first problem named."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:
        return _unreadable()
    roots = [_certificate(item) for item in trust_roots]
    lists = [asn1_crl.CertificateList.load(_der_crl(item)) for item in crls]
    lists += _dss_crls(reader)
    identity = _identity(data)
    has_dss = reader.root.get("/DSS") is not None
    # One context for every signature of the document: the path to the root and the
    # revocation checks are built once, not once per signature.
    context = ValidationContext(
        trust_roots=roots, crls=lists, allow_fetching=False, revocation_mode="soft-fail"
    )
    checks = tuple(_check(data, signature, context, has_dss) for signature in embedded)
    manifest = identity.get("evidenceManifestSha256")
    matches: bool | None = None
    case_id = identity.get("caseId")
    document_id = identity.get("documentId")
    known: StoreView | None = None
    if store is not None and case_id and document_id:
        known = store(case_id, document_id)
    if known is not None and manifest:
        matches = known.evidence_manifest_sha256 == manifest
    expected = known.roles_signed if known is not None else ()
    problem = _first_problem(checks, final, matches, case_id, expected)
    return DocumentVerdict(
        signatures=checks,
        case_id=case_id,
        document_id=document_id,
        evidence_manifest_sha256=manifest,
        manifest_matches_store=matches,
        final_required=final,
        problem=problem,
    )


def _unreadable() -> DocumentVerdict:
    return DocumentVerdict((), None, None, None, None, False, words("signatures.verify.unreadable"))


def _identity(data: bytes) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _XMP.finditer(data):
        found.setdefault(match.group(1).decode(), html.unescape(match.group(2).decode()))
    return found


def _dss_crls(reader: PdfFileReader) -> list[asn1_crl.CertificateList]:
    try:
        dss = reader.root.get("/DSS")
        if dss is None:
            return []
        return [
            asn1_crl.CertificateList.load(item.get_object().data)
            for item in dss.get_object().get("/CRLs", [])
        ]
    except Exception:
        return []


def _check(
    data: bytes,
    signature: EmbeddedPdfSignature,
    context: ValidationContext,
    has_dss: bool,
) -> SignatureCheck:
    status = validate_pdf_signature(
        signature,
        signer_validation_context=context,
        ts_validation_context=context,
        key_usage_settings=KeyUsageConstraints(key_usage={"non_repudiation"}),
    )
    who = identity_of(_cryptography_certificate(status.signing_cert.dump()))
    indication = getattr(status.trust_problem_indic, "name", "")
    revoked = indication in _REVOKED or status.revocation_details is not None
    expired = indication in _EXPIRED
    level = str(status.modification_level.name) if status.modification_level else "NONE"
    coverage = str(status.coverage.name) if status.coverage else "UNKNOWN"
    changes = _changes_after(data, signature) if level in ("OTHER", "ANNOTATIONS") else ()
    timestamp = status.timestamp_validity.timestamp if status.timestamp_validity else None
    tier = "B-LT" if timestamp and has_dss else "B-T" if timestamp else "B-B"
    check = SignatureCheck(
        field_name=str(signature.field_name),
        signer_name=who.name,
        signer_username=who.username,
        role=who.role,
        signed_at=status.signer_reported_dt,
        timestamp_at=timestamp,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted) and not revoked,
        revoked=revoked,
        expired=expired,
        coverage=coverage,
        modification_level=level,
        docmdp_ok=status.docmdp_ok is not False,
        level=tier,
        changes_after=changes,
        problem=None,
    )
    return _with_problem(check)


def _cryptography_certificate(der: bytes):  # type: ignore[no-untyped-def]
    from cryptography import x509

    return x509.load_der_x509_certificate(der)


def _role_words(role: str) -> Words | str:
    return words(f"signatures.role.{role}") if role in ROLE_ORDER else role or "?"


def _with_problem(check: SignatureCheck) -> SignatureCheck:
    from dataclasses import replace

    who = {"role": _role_words(check.role), "name": check.signer_name}
    problem: Words | None = None
    if not check.intact:
        problem = words("signatures.verify.not_intact", **who)
    elif not check.valid:
        problem = words("signatures.verify.invalid", **who)
    elif check.changes_after or not check.docmdp_ok or check.modification_level == "OTHER":
        what = check.changes_after[0] if check.changes_after else words("signatures.change.other")
        problem = words("signatures.verify.changed_after", what=what, **who)
    elif check.revoked:
        problem = words("signatures.verify.revoked", **who)
    elif check.expired:
        problem = words("signatures.verify.expired", **who)
    elif not check.trusted:
        problem = words("signatures.verify.untrusted", **who)
    return replace(check, problem=problem)


def _first_problem(
    checks: tuple[SignatureCheck, ...],
    final: bool,
    matches: bool | None,
    case_id: str | None,
    expected: tuple[str, ...],
) -> Words | None:
    if not checks:
        return words("signatures.verify.unsigned")
    for check in checks:
        if check.problem is not None:
            return check.problem
    roles = [check.role for check in checks]
    if "mediator" not in roles:
        return words("signatures.verify.no_mediator")
    if "supervisor" not in roles and "supervisor" in expected:
        return words("signatures.verify.countersignature_missing")
    if final and "supervisor" not in roles:
        return words("signatures.verify.final_without_countersignature")
    if matches is False:
        return words("signatures.verify.manifest_differs", case_id=case_id or "?")
    return None


def _changes_after(data: bytes, signature: EmbeddedPdfSignature) -> tuple[Words, ...]:
    """What changed between the revision a signature covers and the file's last one."""
    try:
        end = int(signature.byte_range[2]) + int(signature.byte_range[3])
        with (
            pikepdf.open(io.BytesIO(data[:end])) as before,
            pikepdf.open(io.BytesIO(data)) as after,
        ):
            return _page_changes(before, after)
    except Exception:
        return ()


def _annotations(page: pikepdf.Page) -> list[tuple[str, str]]:
    found = []
    for annotation in page.obj.get("/Annots", []):
        subtype = str(annotation.get("/Subtype", ""))
        is_signature = subtype == "/Widget" and str(annotation.get("/FT", "")) == "/Sig"
        if not is_signature:
            found.append((subtype, str(annotation.objgen)))
    return found


def _contents(page: pikepdf.Page) -> bytes:
    contents = page.obj.get("/Contents")
    if contents is None:
        return b""
    if isinstance(contents, pikepdf.Array):
        return b"\0".join(item.read_bytes() for item in contents)
    return contents.read_bytes()


def _page_changes(before: pikepdf.Pdf, after: pikepdf.Pdf) -> tuple[Words, ...]:
    found: list[Words] = []
    if len(before.pages) != len(after.pages):
        found.append(
            words("signatures.change.pages", before=len(before.pages), after=len(after.pages))
        )
    for number, (old, new) in enumerate(zip(before.pages, after.pages, strict=False), start=1):
        added = [a for a in _annotations(new) if a not in _annotations(old)]
        if any(
            subtype in ("/Ink", "/Square", "/Circle", "/Line", "/Polygon", "/PolyLine")
            for subtype, _ in added
        ):
            found.append(words("signatures.change.drawing", page=number))
        elif added:
            found.append(words("signatures.change.annotation", page=number))
        if _contents(old) != _contents(new):
            found.append(words("signatures.change.content", page=number))
    return tuple(found)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
