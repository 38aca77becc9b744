"""The publication gate: the text of the notice PDF itself, checked once more.

The notice is built from anonymized texts, but what is published is the PDF, and a
template, a font fallback or a later edit can put back what the anonymizer removed.
So before a notice is published the desk extracts the text of the generated PDF (the
extractor is handed in: ``reports.extract_pdf_text``) and refuses if any known datum of
the case — every natural person's name in both scripts, an account name, any party's
phone or email, an ID number, a street address, the order, tracking or transaction
number — or any detector hit remains. A finding names the field and the kind, never
the value found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from app.anonymize import Kind, detect, find_known_data, kind_words, known_data
from app.contract.case_document import CaseDocument
from app.errors import ValidationError
from app.vocabulary import Words, words

TextExtractor = Callable[[bytes], str]


@dataclass(frozen=True)
class GateFinding:
    """Something personal still in the PDF: which datum of the case (its field, such as
    ``parties[0].contact.phone``) or ``detector`` for a detector's hit; and its kind."""

    field: str
    kind: Kind
    found_by: Literal["known", "detector"]

    def describe(self) -> Words:
        return words("notices.finding", field=self.field, kind=kind_words(self.kind))

    def to_json_dict(self) -> dict[str, str]:
        return {"field": self.field, "kind": self.kind, "found_by": self.found_by}


class NoticeBlocked(ValidationError):
    """The notice's PDF still holds personal data; nothing was published."""

    def __init__(self, case_id: str, findings: tuple[GateFinding, ...]) -> None:
        super().__init__(
            words(
                "notices.blocked",
                case_id=case_id,
                count=len(findings),
                findings=[finding.describe() for finding in findings],
            )
        )
        self.findings = findings


def gate_findings(text: str, case: CaseDocument) -> tuple[GateFinding, ...]:
    """Every known datum of ``case`` and every detector hit in ``text``, once per field
    and kind, known data first."""
    found: dict[tuple[str, str], GateFinding] = {}
    for datum, _start, _end in find_known_data(text, known_data(case)):
        found.setdefault((datum.field, datum.kind), GateFinding(datum.field, datum.kind, "known"))
    for hit in detect(text):
        found.setdefault(("detector", hit.kind), GateFinding("detector", hit.kind, "detector"))
    return tuple(found.values())


def check_pdf(data: bytes, case: CaseDocument, extract: TextExtractor) -> tuple[GateFinding, ...]:
    """The gate over a PDF: its extracted text through :func:`gate_findings`."""
    return gate_findings(extract(data), case)


def require_clean(data: bytes, case: CaseDocument, extract: TextExtractor) -> None:
    """Raise :class:`NoticeBlocked` unless the PDF's own text is free of personal data."""
    findings = check_pdf(data, case, extract)
    if findings:
        raise NoticeBlocked(case.case.id, findings)
