"""A document's signatures in words: the short verdict of a list's Signatures column and
the sentence under it, for the Documents tab's drafted versions and the documents
received from the platform alike."""

from __future__ import annotations

from dataclasses import dataclass

from app.documents.verdict import DocumentVerdict, signer_words
from app.vocabulary import current_language, words


@dataclass(frozen=True)
class DocumentCheck:
    """One version's signatures as verified: the signed form checked (None: unsigned)."""

    document_id: str
    sha256: str | None
    verdict: DocumentVerdict | None


def verdict_short(check: DocumentCheck | None) -> str:
    """The Signatures column: approved, not yet approved, not signed, or the problem."""
    if check is None:
        return words("documents.desk.verdict.checking").text()
    verdict = check.verdict
    if verdict is None:
        return words("documents.desk.verdict.unsigned").text()
    if verdict.approved:
        return words("documents.desk.verdict.approved").text()
    if verdict.ok:
        return words("documents.desk.verdict.not_yet_approved").text()
    return words("documents.desk.verdict.problem", problem=verdict.problem).text()


def verdict_sentence(check: DocumentCheck) -> str:
    """Who signed the document and the verdict in full, in the desk's language."""
    verdict = check.verdict
    if verdict is None:
        return words("documents.desk.verdict.not_signed", document=check.document_id).text()
    names = [signer_words(item.signer_name, item.role) for item in verdict.signatures]
    if verdict.approved:
        said = words("signatures.verify.approved")
    elif verdict.ok:
        said = words("signatures.verify.not_yet_approved")
    else:
        said = verdict.problem or words("signatures.verify.unsigned")
    return words(
        "documents.desk.verdict.signed_by",
        document=check.document_id,
        signers=(", " if current_language() == "en" else "、").join(names),
        verdict=said,
    ).text()
