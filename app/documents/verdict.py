"""What verifying a signed document found, as plain data: per signature and overall.

``reports.signing.verify`` fills these in with pyHanko; the core (the command line, the
workflow's facts, the desk) reads them without knowing the signing library. ``problem``
is the first thing that does not hold, in words a supervisor understands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.vocabulary import Words, in_all_languages, words


@dataclass(frozen=True)
class SignatureCheck:
    field_name: str
    signer_name: str
    signer_username: str
    role: str  # from the certificate's title: mediator, supervisor (or what it says)
    signed_at: datetime | None  # as the signer's computer said
    timestamp_at: datetime | None  # from the timestamp authority, when there is one
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the signature is cryptographically valid
    trusted: bool  # the certificate chains to a configured root, not expired or revoked
    revoked: bool
    expired: bool
    coverage: str  # ENTIRE_FILE, ENTIRE_REVISION, CONTIGUOUS_BLOCK_FROM_START
    modification_level: str  # NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS, OTHER
    docmdp_ok: bool
    level: str  # B-B, B-T, B-LT
    changes_after: tuple[Words, ...]  # what was changed after this signature, if anything
    problem: Words | None

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class DocumentVerdict:
    signatures: tuple[SignatureCheck, ...]
    case_id: str | None
    document_id: str | None
    evidence_manifest_sha256: str | None  # as the document's metadata says
    manifest_matches_store: bool | None  # None: the case is not in the local store
    final_required: bool  # the document is presented as final (countersigned)
    problem: Words | None

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def signed_by_mediator(self) -> bool:
        return any(s.role == "mediator" and s.ok for s in self.signatures)

    @property
    def countersigned(self) -> bool:
        return any(s.role == "supervisor" and s.ok for s in self.signatures)

    @property
    def approved(self) -> bool:
        """Both signatures validate: the mediator's and the supervisor's."""
        return self.ok and self.signed_by_mediator and self.countersigned


def signer_words(name: str, role: str) -> str:
    """Who signed, in the desk's language: ``name (role)`` — or the name alone when it
    already says the role (the demo certificates' names do: 王敏（调解员）)."""
    if role not in ("mediator", "supervisor"):
        return words("documents.desk.verdict.signer", name=name, role=role).text()
    said = words(f"signatures.role.{role}")
    if any(text in name for text in in_all_languages(said).values()):
        return name
    return words("documents.desk.verdict.signer", name=name, role=said).text()
