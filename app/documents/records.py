"""What a decision document says, as plain frozen data: one record per kind.

A record is everything the PDF prints and nothing else, fixed at the moment of drafting:
who the parties are, the order, the claim, the process so far, the evidence with its
SHA-256 and its verification state *then*, and the decision itself. The renderer
(``reports``) turns a record into a PDF and may not look anything up; the store keeps
the record beside each version (:func:`record_to_json`), so an old version can be
rendered again byte for byte and a party copy is the same record with the other side's
contact data left out (:func:`for_party`).

Texts that a party or the mediator wrote are kept as written (untrusted: the renderer
escapes them). Codes (remedies, evidence kinds, history events…) stay codes and are said
with :class:`app.vocabulary.Label` when rendered; the script's own options (the rules
relied on, the grounds) are kept as :class:`Cited`, code and words in the record's
language, because their words live in the workflow script, not the vocabulary.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar, Literal, TypeAlias, Union, get_args, get_origin

from app.contract.case_document import Money
from app.contract.language import Language

DocumentKind = Literal["ruling", "settlement", "dismissal"]
DOCUMENT_KINDS: tuple[DocumentKind, ...] = ("ruling", "settlement", "dismissal")
PartySide = Literal["buyer", "merchant"]
# The evidence file's state when the document was drafted (app.contract.content_store's
# FileState, or "not_downloaded": the desk holds no copy).
Verification = Literal["verified", "altered", "missing", "unreadable", "not_downloaded"]

RECORD_SCHEMA = 1


@dataclass(frozen=True)
class PartyEntry:
    party_id: str
    role: str  # a PartyRole code
    display_name: str
    legal_name: str | None
    person_kind: str | None
    id_number: str | None
    phone: str | None
    email: str | None
    address: str | None
    shop_id: str | None
    shop_name: str | None
    # In a party copy: this party's contact data was left out (the copy is the other's).
    withheld: bool = False

    @property
    def name(self) -> str:
        """How the document names the party: the legal name, else the display name."""
        return self.legal_name or self.display_name


@dataclass(frozen=True)
class GoodsLine:
    sku: str
    title: str
    quantity: int
    unit_price: Money
    line_total: Money


@dataclass(frozen=True)
class OrderEntry:
    order_id: str
    placed_at: datetime
    paid_at: datetime | None
    payment_method: str | None
    transaction_id: str | None
    items: tuple[GoodsLine, ...]
    shipping_fee: Money | None
    discount: Money | None
    total_paid: Money
    carrier: str | None
    tracking_number: str | None
    delivered_at: datetime | None


@dataclass(frozen=True)
class ClaimEntry:
    title: str
    description: str
    remedy: str  # a Remedy code
    amount: Money | None
    text: str


@dataclass(frozen=True)
class ProcessStep:
    """One dated step of the process so far: a platform history event (``event`` is its
    code, ``case.opened``…) or something done on this desk (``desk.<action>``)."""

    at: datetime
    event: str
    actor_name: str
    text: str | None


@dataclass(frozen=True)
class OfferAnswer:
    """A party's answer to an offer: when, and through which channel it was given."""

    party_role: str
    party_name: str
    decision: str  # accept / reject
    at: datetime
    channel: Literal["platform", "mediator"]  # on the platform, or taken by the mediator
    recorded_by: str | None  # the mediator who took it (channel "mediator")
    text: str | None


@dataclass(frozen=True)
class OfferEntry:
    offer_id: str
    proposer_role: str  # buyer, merchant or platform
    proposed_by_name: str
    at: datetime
    remedy: str
    amount: Money | None
    text: str | None
    status: str  # an OfferStatus code, or "settled" once both sides accepted
    expires_at: datetime | None
    answers: tuple[OfferAnswer, ...]


@dataclass(frozen=True)
class EvidenceEntry:
    evidence_id: str
    kind: str  # an EvidenceKind code
    title: str | None
    filename: str
    submitted_by: str  # the actor as the case document spells it
    submitted_by_name: str
    submitter_role: str  # buyer, merchant, logistics, payment_provider, platform…
    submitted_at: datetime
    size: int
    sha256: str
    verification: Verification


@dataclass(frozen=True)
class Cited:
    """An option of the workflow script (a rule relied on, a ground): code and words."""

    code: str
    text: str


@dataclass(frozen=True)
class RemedyEntry:
    remedy: str  # a Remedy code
    amount: Money | None
    payer_role: str
    payer_name: str
    payee_role: str
    payee_name: str
    due_working_days: int | None  # from the day the document is delivered


@dataclass(frozen=True)
class Signatory:
    """Who signs, and the name of the signature field reserved for them (issue 13 signs
    into it). ``name`` is None for a supervisor not yet known (a draft before review)."""

    role: Literal["mediator", "supervisor"]
    field_name: str
    username: str | None
    name: str | None


@dataclass(frozen=True)
class CaseRecord:
    """What every decision document carries, whatever its kind."""

    case_id: str
    document_id: str
    version: int
    supersedes: str | None  # the SHA-256 of the version this one replaces
    language: Language
    document_date: date
    category: str
    reason: str
    channel: str
    opened_at: datetime
    script_id: str
    script_version: int
    parties: tuple[PartyEntry, ...]
    order: OrderEntry
    claim: ClaimEntry
    process: tuple[ProcessStep, ...]
    offers: tuple[OfferEntry, ...]
    evidence: tuple[EvidenceEntry, ...]
    evidence_manifest_sha256: str
    signatories: tuple[Signatory, ...]
    copy_for: PartySide | None = None  # a party copy: for whom

    def party(self, role: str) -> PartyEntry | None:
        return next((party for party in self.parties if party.role == role), None)


@dataclass(frozen=True)
class AppealRoute:
    """How and by when to challenge the decision: an appeal on the platform within
    ``working_days`` of delivery; arbitration and the courts are always open."""

    working_days: int


@dataclass(frozen=True)
class Ruling:
    """裁决书: the platform decides on the facts and the rules when no settlement came."""

    kind: ClassVar[DocumentKind] = "ruling"
    case: CaseRecord
    findings_of_fact: str
    reasoning: str
    rules_relied_on: tuple[Cited, ...]
    outcome: Cited
    remedies: tuple[RemedyEntry, ...]
    sanctions: tuple[Cited, ...]
    appeal: AppealRoute


@dataclass(frozen=True)
class Acceptance:
    """One party's acceptance of the agreed terms."""

    party_role: str
    party_name: str
    at: datetime
    channel: Literal["platform", "mediator", "proposer"]  # proposer: they offered it
    recorded_by: str | None


@dataclass(frozen=True)
class SettlementAgreement:
    """调解协议书: the terms both parties accepted, and each acceptance."""

    kind: ClassVar[DocumentKind] = "settlement"
    case: CaseRecord
    terms: OfferEntry
    remedies: tuple[RemedyEntry, ...]
    acceptances: tuple[Acceptance, ...]
    summary: str | None
    outcome: Cited | None
    completed_on: date | None


@dataclass(frozen=True)
class Dismissal:
    """驳回决定: a malicious complaint (``malicious``) or one outside the platform's remit
    (``out_of_scope``), with the reasons."""

    kind: ClassVar[DocumentKind] = "dismissal"
    case: CaseRecord
    basis: Literal["malicious", "out_of_scope"]
    grounds: tuple[Cited, ...]
    findings_of_fact: str | None
    reasoning: str
    rules_relied_on: tuple[Cited, ...]
    complainant_measures: tuple[Cited, ...]
    appeal: AppealRoute


DecisionRecord: TypeAlias = Ruling | SettlementAgreement | Dismissal
_RECORD_TYPES: dict[str, type[Any]] = {
    "ruling": Ruling,
    "settlement": SettlementAgreement,
    "dismissal": Dismissal,
}


# -- the evidence manifest ----------------------------------------------------------------


def evidence_order(items: typing.Iterable[EvidenceEntry]) -> tuple[EvidenceEntry, ...]:
    """The order the evidence table lists items in: by submission time; items submitted
    at the same moment in the order the case document lists them."""
    return tuple(sorted(items, key=lambda item: item.submitted_at))


def manifest_digest(hashes: typing.Iterable[str]) -> str:
    """SHA-256 over the evidence hashes in table order, each as 64 lower-case hex digits
    followed by a line feed — what ``printf '%s\\n' H1 H2 … | sha256sum`` prints."""
    text = "".join(f"{value.lower()}\n" for value in hashes)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


# -- party copies ---------------------------------------------------------------------------


def for_party(record: DecisionRecord, side: PartySide) -> DecisionRecord:
    """The same decision for one party: the *other* party's ID number, phone, email and
    address are left out (names and roles stay)."""
    other = "merchant" if side == "buyer" else "buyer"
    parties = tuple(
        dataclasses.replace(
            party, id_number=None, phone=None, email=None, address=None, withheld=True
        )
        if party.role == other
        else party
        for party in record.case.parties
    )
    case = dataclasses.replace(record.case, parties=parties, copy_for=side)
    return dataclasses.replace(record, case=case)


# -- JSON, for the store ------------------------------------------------------------------


def record_to_json(record: DecisionRecord) -> dict[str, Any]:
    """The record as JSON (kind and schema included), for the store."""
    data = _to_json(record)
    assert isinstance(data, dict)
    return {"schema": RECORD_SCHEMA, "kind": record.kind, **data}


def record_from_json(data: typing.Mapping[str, Any]) -> DecisionRecord:
    """Read back what :func:`record_to_json` wrote."""
    if data.get("schema") != RECORD_SCHEMA or data.get("kind") not in _RECORD_TYPES:
        raise ValueError("not a decision record this desk can read")
    record: DecisionRecord = _from_json(_RECORD_TYPES[data["kind"]], data)
    return record


def record_digest(record: DecisionRecord) -> str:
    """SHA-256 of the record's canonical JSON: what names the record in the PDF."""
    canonical = json.dumps(
        record_to_json(record), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _to_json(value: Any) -> Any:
    if isinstance(value, Money):
        return {"value": value.value, "currency": value.currency}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            item.name: _to_json(getattr(value, item.name)) for item in dataclasses.fields(value)
        }
    if isinstance(value, tuple | list):
        return [_to_json(item) for item in value]
    return value


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _from_json(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        options = [option for option in get_args(kind) if option is not type(None)]
        return _from_json(options[0], value) if len(options) == 1 else value
    if origin is Literal:
        return value
    if origin is tuple:
        (item_kind, _ellipsis) = get_args(kind)
        return tuple(_from_json(item_kind, item) for item in value)
    if kind is Money:
        return Money(value=value["value"], currency=value["currency"])
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _HINTS.get(kind)
        if hints is None:
            hints = _HINTS[kind] = typing.get_type_hints(kind)
        return kind(
            **{
                item.name: _from_json(hints[item.name], value[item.name])
                for item in dataclasses.fields(kind)
                if item.name in value
            }
        )
    return value


__all__ = [
    "DOCUMENT_KINDS",
    "Acceptance",
    "AppealRoute",
    "CaseRecord",
    "Cited",
    "ClaimEntry",
    "DecisionRecord",
    "Dismissal",
    "DocumentKind",
    "EvidenceEntry",
    "GoodsLine",
    "OfferAnswer",
    "OfferEntry",
    "OrderEntry",
    "PartyEntry",
    "PartySide",
    "ProcessStep",
    "RemedyEntry",
    "Ruling",
    "SettlementAgreement",
    "Signatory",
    "for_party",
    "manifest_digest",
    "record_digest",
    "record_from_json",
    "record_to_json",
]
