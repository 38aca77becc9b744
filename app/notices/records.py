"""What a public notice (结果公示) says, as plain frozen data.

A notice is built from the decision it reports (the latest ruling, dismissal or — only
with a supervisor's written override — settlement agreement drafted on this desk) and
carries only what the platform's policy publishes (``docs/domain.md``): the case
number, the category, the goods in general terms, the shop, the outcome, the rules
relied on, the publication date and validity period; the handling team and how to
object are the template's words. Every text in it has been through the anonymizer
already: the record holds the *published* texts and, for each removal, its kind, rule
and place in the published text — never the removed value.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Literal

from app.anonymize import Confidence, Kind, Rule
from app.contract.language import Language
from app.documents.records import Cited

NOTICE_SCHEMA = 1
SourceKind = Literal["ruling", "dismissal", "settlement"]
# The texts of a notice that come from the case (and so go through the anonymizer).
NOTICE_TEXT_FIELDS = ("buyer", "goods", "summary", "reasoning")


@dataclass(frozen=True)
class NoticeRedaction:
    """One removal in a published text of the notice: the field, the replacement's span
    in the published text (``start``–``end``) and the removed span's place in the text it
    was made from (``source_start``–``source_end``, for the desk's side-by-side view),
    the kind, the rule, how sure. Never the removed value."""

    field: str
    start: int
    end: int
    kind: Kind
    rule: Rule
    confidence: Confidence
    replacement: str
    source_start: int
    source_end: int


@dataclass(frozen=True)
class NoticeRecord:
    """结果公示: everything the notice PDF prints, already anonymized."""

    kind: ClassVar[str] = "notice"
    case_id: str
    notice_id: str  # N<version>
    version: int
    supersedes: str | None  # the SHA-256 of the notice version this one replaces
    language: Language
    publication_date: date
    validity_days: int
    valid_until: date
    source_document_id: str
    source_kind: SourceKind
    source_sha256: str
    category: str  # a Category code
    reason: str  # a Reason code
    buyer: str  # published: the buyer's pseudonym (张某)
    shop_name: str | None  # a business: published as it is
    goods: str  # published: the goods in general terms
    outcome: Cited | None
    rules_relied_on: tuple[Cited, ...]
    summary: str  # published findings of fact (or the settlement's summary)
    reasoning: str  # published reasons
    # Published although the case was settled by mediation (SPC art. 4): a supervisor
    # overrode with a written reason, which the audit trail keeps.
    settled_override: bool
    redactions: tuple[NoticeRedaction, ...]

    @property
    def texts(self) -> dict[str, str]:
        """The published texts, by field (what the gate and the desk's preview read)."""
        return {name: getattr(self, name) for name in NOTICE_TEXT_FIELDS}


def notice_to_json(record: NoticeRecord) -> dict[str, Any]:
    """The record as JSON, for the store (``decision_documents.record``)."""
    data = {item.name: _plain(getattr(record, item.name)) for item in dataclasses.fields(record)}
    return {"schema": NOTICE_SCHEMA, "kind": "notice", **data}


def notice_from_json(data: Mapping[str, Any]) -> NoticeRecord:
    """Read back what :func:`notice_to_json` wrote."""
    if data.get("schema") != NOTICE_SCHEMA or data.get("kind") != "notice":
        raise ValueError("not a notice record this desk can read")
    outcome = data.get("outcome")
    return NoticeRecord(
        case_id=data["case_id"],
        notice_id=data["notice_id"],
        version=data["version"],
        supersedes=data.get("supersedes"),
        language=data["language"],
        publication_date=date.fromisoformat(data["publication_date"]),
        validity_days=data["validity_days"],
        valid_until=date.fromisoformat(data["valid_until"]),
        source_document_id=data["source_document_id"],
        source_kind=data["source_kind"],
        source_sha256=data["source_sha256"],
        category=data["category"],
        reason=data["reason"],
        buyer=data["buyer"],
        shop_name=data.get("shop_name"),
        goods=data["goods"],
        outcome=Cited(**outcome) if outcome else None,
        rules_relied_on=tuple(Cited(**item) for item in data["rules_relied_on"]),
        summary=data["summary"],
        reasoning=data["reasoning"],
        settled_override=bool(data["settled_override"]),
        redactions=tuple(NoticeRedaction(**item) for item in data["redactions"]),
    )


def notice_digest(record: NoticeRecord) -> str:
    """SHA-256 of the record's canonical JSON: what names the record in the PDF."""
    canonical = json.dumps(
        notice_to_json(record), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {item.name: _plain(getattr(value, item.name)) for item in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value
