"""Pydantic models of the case document, version 1 (``case-document.schema.json``).

The models read and write exactly the JSON schema: unknown properties, unknown enum
values, times without a UTC offset, negative money and repeated ids are errors. A
property the schema makes optional but not nullable may be absent, never ``null``.

Parse untrusted bytes with :func:`parse_case_document`; it returns the model or raises
:class:`CaseDocumentError` whose ``problems`` (:class:`~app.contract.problems.Problem`)
name each field at fault and say what is wrong in the reader's language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic import AwareDatetime as _AwareDatetime

from app.contract.language import Language
from app.contract.patterns import (
    ACTOR_PATTERN,
    CURRENCY_PATTERN,
    EVENT_PATTERN,
    ID_PATTERN,
    MEDIA_TYPE_PATTERN,
    SHA256_PATTERN,
    USERNAME_PATTERN,
)
from app.contract.problems import Problem, problems_from, rule_broken, say_problems

_ID_REGEX = re.compile(ID_PATTERN)


def is_valid_id(value: str) -> bool:
    """True for a string the schema accepts as an id (safe as a bundle entry name)."""
    return 0 < len(value) <= 64 and _ID_REGEX.fullmatch(value) is not None


# RFC 3339 date-time with a mandatory offset. Checked before pydantic parses the value,
# because pydantic alone also accepts Unix timestamps and other spellings.
_RFC3339 = re.compile(
    r"(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})?"
)


def _require_rfc3339(value: Any) -> Any:
    """Turn an RFC 3339 string into an aware datetime; refuse any other spelling."""
    if not isinstance(value, str):
        return value
    match = _RFC3339.fullmatch(value) if len(value) <= 40 else None
    if match is None:
        raise rule_broken(
            "not_a_time",
            "must be a date and time with a UTC offset, like 2026-10-06T12:12:00+08:00",
        )
    day, clock, fraction, offset = match.groups()
    if offset is None:
        raise rule_broken(
            "time_without_offset", "must include a UTC offset, like 2026-10-06T12:12:00+08:00"
        )
    micro = f".{(fraction + '00000')[:6]}" if fraction else ""
    offset = "+00:00" if offset in ("Z", "z") else offset
    try:
        return datetime.fromisoformat(f"{day}T{clock}{micro}{offset}")
    except ValueError:
        raise rule_broken(
            "not_a_real_time", "'{value}' is not a real date and time", value=value
        ) from None


# Written back as Python's isoformat ("+00:00", not "Z") so documents round-trip as given.
Time = Annotated[
    _AwareDatetime,
    BeforeValidator(_require_rfc3339),
    PlainSerializer(lambda moment: moment.isoformat(), return_type=str, when_used="json"),
]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=ID_PATTERN)]
Actor = Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=ACTOR_PATTERN)]
Sha256 = Annotated[str, StringConstraints(pattern=SHA256_PATTERN)]
Text = Annotated[str, StringConstraints(max_length=20000)]
ShortText = Annotated[str, StringConstraints(max_length=500)]

Channel = Literal["web", "app", "social", "email", "hotline", "letter", "forum", "third_party"]
Category = Literal[
    "quality",
    "logistics",
    "after_sales",
    "price_promotion",
    "service",
    "payment",
    "fraud",
    "other",
]
Reason = Literal[
    "not_as_described",
    "defective",
    "safety_hazard",
    "counterfeit",
    "late_delivery",
    "lost_parcel",
    "damaged_in_transit",
    "shipping_fee",
    "pickup_point",
    "return_refused",
    "slow_response",
    "poor_service",
    "repair_refused",
    "price_mismatch",
    "promotion_not_honoured",
    "coupon_not_applied",
    "price_changed",
    "currency_conversion",
    "rude_service",
    "unhelpful_service",
    "unauthorised_transaction",
    "account_stolen",
    "payment_error",
    "fake_promotion",
    "false_advertising",
    "infringement",
    "cross_border",
    "information_asymmetry",
    "system_error",
    "other",
]
CaseStatus = Literal[
    "open",
    "awaiting_buyer",
    "awaiting_merchant",
    "in_mediation",
    "under_review",
    "resolved",
    "closed",
    "withdrawn",
]
# A case in one of these is done: nothing is due, nothing more is sent on it.
FINISHED_STATUSES: frozenset[str] = frozenset({"resolved", "closed", "withdrawn"})
Priority = Literal["normal", "high", "urgent"]
Flag = Literal[
    "safety_risk",
    "suspected_malicious",
    "repeat_merchant",
    "cross_border",
    "small_claim",
    "media_attention",
]
Remedy = Literal[
    "refund",
    "partial_refund",
    "return_and_refund",
    "exchange",
    "repair",
    "compensation",
    "price_difference",
    "apology",
    "advance_payout",
    "other",
]
PartyRole = Literal["buyer", "merchant", "logistics", "payment_provider", "other"]
PersonKind = Literal["natural_person", "organisation"]
ShipmentStatus = Literal[
    "label_created",
    "picked_up",
    "in_transit",
    "out_for_delivery",
    "delivered",
    "exception",
    "returned_to_sender",
    "ready_for_pickup",
]
MessageChannel = Literal["platform_chat", "email", "phone_note", "sms", "letter", "platform"]
EvidenceKind = Literal[
    "photo",
    "video",
    "audio",
    "chat_log",
    "order_record",
    "transaction_record",
    "logistics_record",
    "appraisal_report",
    "listing_snapshot",
    "document",
    "other",
]
OfferStatus = Literal["proposed", "accepted", "rejected", "expired", "withdrawn"]
ResponseDecision = Literal["accept", "reject"]
DecisionKind = Literal["settlement", "ruling", "dismissal"]
Outcome = Literal["buyer_favour", "merchant_favour", "partial", "dismissed", "withdrawn"]
Sanction = Literal[
    "warning",
    "fine",
    "delisting",
    "credit_deduction",
    "suspension",
    "shop_closure",
    "blacklist",
    "referral",
]
DocumentKind = Literal["ruling", "settlement_agreement", "notice", "party_copy", "other"]
DocumentStatus = Literal["submitted", "returned", "approved", "published", "superseded"]
Verdict = Literal["approve", "return"]

# History events are an open vocabulary (any name matching EVENT_PATTERN is accepted);
# these are the ones the platform is known to send, and the desk has words for each.
HISTORY_EVENTS: tuple[str, ...] = (
    "case.opened",
    "case.intake_reviewed",
    "merchant.responded",
    "case.assigned",
    "case.reassigned",
    "case.priority_changed",
    "case.status_changed",
    "evidence.requested",
    "evidence.submitted",
    "message.sent",
    "offer.proposed",
    "offer.accepted",
    "offer.rejected",
    "offer.expired",
    "offer.response_recorded",
    "case.settled",
    "document.submitted",
    "document.returned",
    "document.approved",
    "notice.published",
    "case.withdrawn",
    "case.closed",
)


def choices(literal: Any) -> tuple[str, ...]:
    """The allowed values of one of the enumerations above, in schema order."""
    return get_args(literal)


class _Part(BaseModel):
    """Base of every part of a case document.

    Forbids unknown properties and refuses explicit ``null`` except where the schema
    allows it (``_nullable``), so an optional property is either present or absent.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    _nullable: ClassVar[frozenset[str]] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _refuse_null(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key, value in data.items():
                if value is None and key in cls.model_fields and key not in cls._nullable:
                    raise rule_broken("null", "must not be null; leave it out instead", at=key)
        return data

    def to_json_dict(self) -> dict[str, Any]:
        """The JSON object this part stands for, with absent properties left out."""
        return self.model_dump(mode="json", exclude_unset=True, by_alias=True)


class Money(_Part):
    """An amount in the currency's minor unit (fen for CNY) and its ISO 4217 code."""

    value: Annotated[int, Field(ge=0, le=100_000_000_000)]
    currency: Annotated[str, StringConstraints(pattern=CURRENCY_PATTERN)]

    def text(self, language: Language | None = None) -> str:
        """The amount as the desk shows it in ``language`` (``¥1,299.00``)."""
        from app.vocabulary.money import format_money

        return format_money(self.value, self.currency, language)


class Claim(_Part):
    remedy: Remedy
    amount: Money | None = None
    text: Text


def _unique(values: list[str]) -> list[str]:
    repeated = [value for value, count in Counter(values).items() if count > 1]
    if repeated:
        raise rule_broken("repeated_value", "'{value}' appears more than once", value=repeated[0])
    return values


class CaseInfo(_Part):
    _nullable = frozenset({"assigned_to"})

    id: Id
    version: Annotated[int, Field(ge=1)]
    created_at: Time
    updated_at: Time
    channel: Channel
    category: Category
    reason: Reason
    language: Language
    status: CaseStatus
    title: ShortText
    description: Text
    claim: Claim
    due_at: Time | None = None
    assigned_to: Annotated[str, StringConstraints(pattern=USERNAME_PATTERN)] | None = None
    priority: Priority | None = None
    flags: Annotated[list[Flag], Field(max_length=10), AfterValidator(_unique)] | None = None


class Contact(_Part):
    phone: Annotated[str, StringConstraints(max_length=40)] | None = None
    email: Annotated[str, StringConstraints(max_length=254)] | None = None
    address: ShortText | None = None


class Shop(_Part):
    shop_id: Id
    name: ShortText
    credit_score: Annotated[int, Field(ge=0, le=1000)] | None = None
    open_disputes: Annotated[int, Field(ge=0)] | None = None
    disputes_last_year: Annotated[int, Field(ge=0)] | None = None
    sanctions_last_year: Annotated[int, Field(ge=0)] | None = None


class Party(_Part):
    id: Id
    role: PartyRole
    display_name: ShortText
    legal_name: ShortText | None = None
    person_kind: PersonKind | None = None
    contact: Contact | None = None
    id_number: Annotated[str, StringConstraints(max_length=40)] | None = None
    shop: Shop | None = None


class OrderItem(_Part):
    sku: Id
    title: ShortText
    quantity: Annotated[int, Field(ge=1, le=100_000)]
    unit_price: Money
    listing_evidence_id: Id | None = None


class ShipmentEvent(_Part):
    at: Time
    status: ShipmentStatus
    location: ShortText | None = None
    text: ShortText | None = None


class Shipment(_Part):
    carrier: ShortText
    tracking_number: Annotated[str, StringConstraints(max_length=64)]
    events: Annotated[list[ShipmentEvent], Field(max_length=1000)]


class Order(_Part):
    id: Id
    placed_at: Time
    paid_at: Time | None = None
    payment_method: ShortText | None = None
    transaction_id: Annotated[str, StringConstraints(max_length=64)] | None = None
    items: Annotated[list[OrderItem], Field(min_length=1, max_length=200)]
    shipping_fee: Money | None = None
    discount: Money | None = None
    total_paid: Money
    shipment: Shipment | None = None


class Message(_Part):
    model_config = ConfigDict(populate_by_name=True)

    id: Id
    at: Time
    from_: Actor = Field(alias="from")
    to: Annotated[list[Actor], Field(max_length=20)] | None = None
    channel: MessageChannel
    text: Text
    attachments: Annotated[list[Id], Field(max_length=50)] | None = None


class Evidence(_Part):
    id: Id
    kind: EvidenceKind
    submitted_by: Actor
    submitted_at: Time
    title: ShortText | None = None
    description: Text | None = None
    filename: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    media_type: Annotated[str, StringConstraints(max_length=100, pattern=MEDIA_TYPE_PATTERN)]
    size: Annotated[int, Field(ge=0, le=2_147_483_648)]
    sha256: Sha256
    captured_at: Time | None = None
    compare_with: Id | None = None


class OfferResponse(_Part):
    party: Id
    at: Time
    decision: ResponseDecision
    text: Text | None = None


class Offer(_Part):
    id: Id
    proposed_by: Actor
    at: Time
    remedy: Remedy
    amount: Money | None = None
    text: Text | None = None
    expires_at: Time | None = None
    status: OfferStatus
    responses: Annotated[list[OfferResponse], Field(max_length=20)] | None = None


class HistoryEvent(_Part):
    at: Time
    actor: Actor
    event: Annotated[str, StringConstraints(pattern=EVENT_PATTERN)]
    text: Text | None = None


class DecisionRemedy(_Part):
    remedy: Remedy
    amount: Money | None = None
    payer: Actor
    payee: Actor
    due_at: Time | None = None


class Decision(_Part):
    id: Id
    kind: DecisionKind
    decided_at: Time
    outcome: Outcome
    remedies: Annotated[list[DecisionRemedy], Field(max_length=20)] | None = None
    sanctions: Annotated[list[Sanction], Field(max_length=10)] | None = None
    document_sha256: Sha256 | None = None
    appeal_until: Time | None = None


class DocumentReview(_Part):
    by: Actor
    at: Time
    verdict: Verdict
    comments: Text | None = None


class Document(_Part):
    id: Id
    kind: DocumentKind
    sha256: Sha256
    size: Annotated[int, Field(ge=1, le=2_147_483_648)]
    created_at: Time
    created_by: Actor
    status: DocumentStatus
    reviews: Annotated[list[DocumentReview], Field(max_length=50)] | None = None


class CaseDocument(_Part):
    """One dispute case as the platform serves it and a case bundle carries it."""

    _nullable = frozenset({"decision"})

    schema_: Literal["mediation-desk/case-document"] = Field(alias="schema")
    schema_version: Literal[1]
    case: CaseInfo
    parties: Annotated[list[Party], Field(min_length=2, max_length=20)]
    order: Order
    messages: Annotated[list[Message], Field(max_length=20000)]
    evidence: Annotated[list[Evidence], Field(max_length=2000)]
    offers: Annotated[list[Offer], Field(max_length=200)]
    history: Annotated[list[HistoryEvent], Field(max_length=20000)]
    decision: Decision | None = None
    documents: Annotated[list[Document], Field(max_length=200)] | None = None

    model_config = ConfigDict(populate_by_name=True)

    @model_validator(mode="after")
    def _ids_are_unique_and_references_resolve(self) -> CaseDocument:
        for field, ids in (
            ("parties", [party.id for party in self.parties]),
            ("messages", [message.id for message in self.messages]),
            ("evidence", [item.id for item in self.evidence]),
            ("offers", [offer.id for offer in self.offers]),
            ("documents", [document.id for document in self.documents or []]),
        ):
            _refuse_repeats(field, ids)
        evidence_ids = {item.id for item in self.evidence}
        for index, item in enumerate(self.evidence):
            if item.compare_with is not None and item.compare_with not in evidence_ids:
                _refuse_unknown_evidence(f"evidence[{index}].compare_with", item.compare_with)
        for index, line in enumerate(self.order.items):
            wanted = line.listing_evidence_id
            if wanted is not None and wanted not in evidence_ids:
                _refuse_unknown_evidence(f"order.items[{index}].listing_evidence_id", wanted)
        return self

    @property
    def case_id(self) -> str:
        return self.case.id

    @property
    def version(self) -> int:
        return self.case.version

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_unset=True, by_alias=True)


def _refuse_repeats(field: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            raise rule_broken(
                "repeated_id",
                "'{value}' is used by an earlier entry",
                at=f"{field}[{index}].id",
                value=value,
            )
        seen.add(value)


def _refuse_unknown_evidence(at: str, value: str) -> None:
    raise rule_broken(
        "unknown_evidence",
        "names evidence '{value}', which is not in this case",
        at=at,
        value=value,
    )


class CaseDocumentError(ValueError):
    """A case document that does not follow the schema; ``problems`` name each fault.

    Each problem says itself in the reader's language (``problem.text("zh-Hans")``,
    ``str(problem)``); so does the error, naming the first few.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(self.problems)

    def text(self, language: Language | None = None) -> str:
        """The first three problems in ``language``, and how many more there are."""
        return say_problems(self.problems, language)

    def __str__(self) -> str:
        return self.text()


def parse_case_document(data: bytes | str) -> CaseDocument:
    """Parse and validate a case document from JSON text; strict about every field."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CaseDocumentError([Problem.of("", "not_utf8", position=exc.start)]) from None
    else:
        text = data
    try:
        return CaseDocument.model_validate_json(text, strict=True)
    except ValidationError as exc:
        problems = problems_from(exc)
        if problems and problems[0].code == "not_json":
            problems = problems[:1]
        raise CaseDocumentError(problems) from None


def document_to_json_bytes(document: CaseDocument) -> bytes:
    """Serialise a case document as UTF-8 JSON (the form a bundle and the API carry)."""
    import json

    return json.dumps(document.to_json_dict(), ensure_ascii=False, indent=1).encode("utf-8")


def parse_time(value: str) -> datetime:
    """Parse one RFC 3339 time with offset, as the case document spells them."""
    parsed: datetime = _require_rfc3339(value)
    return parsed
