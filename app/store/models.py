"""SQLAlchemy models of the whole domain, as the desk keeps it locally.

A case arrives as a case document (from a bundle or the platform). Its parts are stored
in tables so the desk can sort, filter and join in SQL; the document itself is kept too,
byte for byte, one row per version received (``CaseSnapshot``), so a bundle exports back
exactly as it came and a conflict can show both sides.

Money is an integer in minor units plus an ISO 4217 currency; every time is aware and
stored in UTC (:class:`AwareDateTime`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.store.stats_indexes import STATS_INDEXES
from app.store.types import AwareDateTime

# Named constraints so Alembic migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: AwareDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


def _case_fk() -> ForeignKey:
    return ForeignKey("cases.id", ondelete="CASCADE")


class Case(Base):
    """One dispute case: the platform's latest version plus the desk's own markers."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    channel: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text)
    claim_remedy: Mapped[str] = mapped_column(String(30))
    claim_amount: Mapped[int | None] = mapped_column(BigInteger)
    claim_currency: Mapped[str | None] = mapped_column(String(3))
    claim_text: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime | None] = mapped_column(index=True)
    assigned_to: Mapped[str | None] = mapped_column(String(64))
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    flags: Mapped[list[Any]] = mapped_column(default=list)
    # Display helpers for the queue, denormalised so a page is one indexed query.
    buyer_name: Mapped[str | None] = mapped_column(String(500))
    merchant_name: Mapped[str | None] = mapped_column(String(500))
    # For the statistics, derived from the document (app/stats/case_facts.py, migration 0006).
    finished_at: Mapped[datetime | None]
    buyer_province: Mapped[str | None] = mapped_column(String(40))
    buyer_city: Mapped[str | None] = mapped_column(String(40))
    merchant_shop_id: Mapped[str | None] = mapped_column(String(64))
    flagged_malicious: Mapped[bool | None] = mapped_column(Boolean)
    opened_day: Mapped[int | None]  # created_at's day in China, days since 1970-01-01 (0008)
    finished_day: Mapped[int | None]  # finished_at's day, likewise
    # The decision's kind and outcome, and how many sanctions it imposed (None: none yet).
    decision_kind: Mapped[str | None] = mapped_column(String(20))
    decision_outcome: Mapped[str | None] = mapped_column(String(20))
    sanctions_imposed: Mapped[int | None]
    # The desk's own state.
    in_queue: Mapped[bool] = mapped_column(Boolean, default=True)
    in_conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    document_sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(20))  # "bundle" or "platform"
    received_at: Mapped[datetime]

    parties: Mapped[list[Party]] = relationship(
        back_populates="case", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        Index("ix_cases_queue", "in_queue", "due_at", "id"),
        # The queue sorts by any of these; each index walks a sorted page (migration 0003).
        *(
            Index(f"ix_cases_sort_{column}", column, "id")
            for column in ("title", "buyer_name", "merchant_name", "claim_amount", "updated_at")
        ),
        # The statistics read these instead of the wide rows (migrations 0006, 0008).
        *(Index(name, *columns) for name, columns in STATS_INDEXES.items()),
    )


class CaseSnapshot(Base):
    """A case document exactly as received, one row per version."""

    __tablename__ = "case_snapshots"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(_case_fk())
    version: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    document: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime]
    source: Mapped[str] = mapped_column(String(20))

    __table_args__ = (
        UniqueConstraint("case_id", "version", name="uq_case_snapshots_case_version"),
    )


class CaseSearch(Base):
    """Search tokens per case (see :mod:`app.store.search`); indexed per dialect."""

    __tablename__ = "case_search"

    case_id: Mapped[str] = mapped_column(_case_fk(), primary_key=True)
    tokens: Mapped[str] = mapped_column(Text)


class Party(Base):
    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(_case_fk(), index=True)
    party_id: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str] = mapped_column(String(500))
    legal_name: Mapped[str | None] = mapped_column(String(500))
    person_kind: Mapped[str | None] = mapped_column(String(20))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(500))
    id_number: Mapped[str | None] = mapped_column(String(40))
    shop_id: Mapped[str | None] = mapped_column(String(64))
    shop_name: Mapped[str | None] = mapped_column(String(500))
    credit_score: Mapped[int | None]
    open_disputes: Mapped[int | None]
    disputes_last_year: Mapped[int | None]
    sanctions_last_year: Mapped[int | None]

    case: Mapped[Case] = relationship(back_populates="parties")

    __table_args__ = (UniqueConstraint("case_id", "party_id", name="uq_parties_case_party"),)


class Order(Base):
    __tablename__ = "orders"

    case_id: Mapped[str] = mapped_column(_case_fk(), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    placed_at: Mapped[datetime]
    paid_at: Mapped[datetime | None]
    payment_method: Mapped[str | None] = mapped_column(String(500))
    transaction_id: Mapped[str | None] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    total_paid: Mapped[int] = mapped_column(BigInteger)
    shipping_fee: Mapped[int | None] = mapped_column(BigInteger)
    discount: Mapped[int | None] = mapped_column(BigInteger)
    carrier: Mapped[str | None] = mapped_column(String(500))
    tracking_number: Mapped[str | None] = mapped_column(String(64))


class OrderItem(Base):
    __tablename__ = "order_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(_case_fk(), index=True)
    position: Mapped[int]
    sku: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(500))
    quantity: Mapped[int]
    unit_price: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    listing_evidence_id: Mapped[str | None] = mapped_column(String(64))


class ShipmentEvent(Base):
    __tablename__ = "shipment_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(_case_fk(), index=True)
    position: Mapped[int]
    at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(30))
    location: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str | None] = mapped_column(String(500))


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(_case_fk(), index=True)
    message_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    sender: Mapped[str] = mapped_column(String(80))
    recipients: Mapped[list[Any]] = mapped_column(default=list)
    channel: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    attachments: Mapped[list[Any]] = mapped_column(default=list)

    __table_args__ = (UniqueConstraint("case_id", "message_id", name="uq_messages_case_message"),)


class Evidence(Base):
    """An evidence item's metadata; its bytes live in the evidence store under ``sha256``."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(_case_fk(), index=True)
    evidence_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(30))
    submitted_by: Mapped[str] = mapped_column(String(80))
    submitted_at: Mapped[datetime]
    title: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    captured_at: Mapped[datetime | None]
    compare_with: Mapped[str | None] = mapped_column(String(64))
    # False until the bytes are in the evidence store (sync downloads them later).
    stored: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (UniqueConstraint("case_id", "evidence_id", name="uq_evidence_case_evidence"),)


class Offer(Base):
    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(_case_fk(), index=True)
    offer_id: Mapped[str] = mapped_column(String(64))
    proposed_by: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime]
    remedy: Mapped[str] = mapped_column(String(30))
    amount: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    text: Mapped[str | None] = mapped_column(Text)
    expires_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20))

    responses: Mapped[list[OfferResponse]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="OfferResponse.position"
    )

    __table_args__ = (UniqueConstraint("case_id", "offer_id", name="uq_offers_case_offer"),)


class OfferResponse(Base):
    __tablename__ = "offer_responses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    offer_row_id: Mapped[int] = mapped_column(
        ForeignKey("offers.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    party: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]
    decision: Mapped[str] = mapped_column(String(10))
    text: Mapped[str | None] = mapped_column(Text)


class HistoryEvent(Base):
    __tablename__ = "history_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(_case_fk(), index=True)
    position: Mapped[int]
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80))
    event: Mapped[str] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)

    # The statistics look up a few events (appeals) across every case (migration 0006).
    __table_args__ = (Index("ix_history_events_stats_event", "event", "case_id"),)


class Decision(Base):
    __tablename__ = "decisions"

    case_id: Mapped[str] = mapped_column(_case_fk(), primary_key=True)
    decision_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    decided_at: Mapped[datetime]
    outcome: Mapped[str] = mapped_column(String(20))
    remedies: Mapped[list[Any]] = mapped_column(default=list)
    sanctions: Mapped[list[Any]] = mapped_column(default=list)
    document_sha256: Mapped[str | None] = mapped_column(String(64))
    appeal_until: Mapped[datetime | None]


class Document(Base):
    """A PDF the platform holds for the case (ruling, notice, agreement…)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(_case_fk(), index=True)
    document_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(30))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20))
    reviews: Mapped[list[Any]] = mapped_column(default=list)
    stored: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        UniqueConstraint("case_id", "document_id", name="uq_documents_case_document"),
    )


class WorkflowRecord(Base):
    """Where a case stands in its scripted workflow, on the script version it started with."""

    __tablename__ = "workflow_records"

    case_id: Mapped[str] = mapped_column(_case_fk(), primary_key=True)
    script_id: Mapped[str] = mapped_column(String(64))
    script_version: Mapped[int]
    step_id: Mapped[str] = mapped_column(String(64))
    step_entered_at: Mapped[datetime]
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]


class User(Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    platform_url: Mapped[str | None] = mapped_column(String(500))


class AuditEvent(Base):
    """One entry of the hash-chained audit trail (see :mod:`app.audit`)."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    case_id: Mapped[str | None] = mapped_column(String(64), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(64))
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # "sha256" (recorded before the chain was keyed) or "hmac-sha256" under key_id.
    scheme: Mapped[str] = mapped_column(String(16), server_default="sha256")
    key_id: Mapped[str | None] = mapped_column(String(16))


class AuditHead(Base):
    """The chain's last link; locked while appending so two writers cannot fork it."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int]
    last_hash: Mapped[str] = mapped_column(String(64))


class DeskMeta(Base):
    """Facts about this store itself, such as its identity (``desk_id``)."""

    __tablename__ = "desk_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(500))


class SyncState(Base):
    """Per platform and user: the changes-feed cursor, stored only after a page commits."""

    __tablename__ = "sync_state"

    platform_url: Mapped[str] = mapped_column(String(500), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(String(500))
    last_sync_at: Mapped[datetime | None]
    last_seq_seen: Mapped[int | None] = mapped_column(BigInteger)


class OutboxEntry(Base):
    """An action taken on the desk, waiting to be pushed to the platform in order."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(String(64), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    action_type: Mapped[str] = mapped_column(String(30))
    body: Mapped[dict[str, Any]] = mapped_column(default=dict)
    base_version: Mapped[int]
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(80))
    # pending → sent, or held (conflict) / failed (refused by the platform) / discarded
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # An offer proposed on the desk has a local id (L1…) until the platform names it;
    # a response to it is rewritten with the platform's id before it is pushed.
    local_offer_id: Mapped[str | None] = mapped_column(String(64))


class Quarantine(Base):
    """Something the platform sent that failed checks, kept with the reason."""

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str | None] = mapped_column(String(64), index=True)
    item: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime]


class DecisionDocument(Base):
    """One version of a decision document drafted on this desk (ruling, settlement
    agreement, dismissal): the PDF is in the content store under ``sha256``; ``record``
    is what it was rendered from (app.documents.records), so it renders again byte for
    byte and a party copy is the same decision. A new draft supersedes, never overwrites."""

    __tablename__ = "decision_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(_case_fk(), index=True)
    document_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(20))  # draft, superseded (signing adds more)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    page_count: Mapped[int] = mapped_column(Integer)
    document_date: Mapped[date] = mapped_column(Date)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    record_sha256: Mapped[str] = mapped_column(String(64))
    # Where the renderer left room for each signature (field name, page, rectangle).
    layout: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(80))
    supersedes: Mapped[str | None] = mapped_column(String(64))  # document id
    superseded_at: Mapped[datetime | None]

    __table_args__ = (
        UniqueConstraint("case_id", "document_id", name="uq_decision_documents_case_document"),
        UniqueConstraint("case_id", "version", name="uq_decision_documents_case_version"),
    )


class DocumentSignature(Base):
    """One signature on a decision document version (issue 13, migration 0007): the signed
    form it produced is in the content store under ``sha256`` (an incremental update of
    ``signed_from``, the form it was made from). Sequence 1 is the mediator's certifying
    signature, 2 the supervisor's countersignature."""

    __tablename__ = "document_signatures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(_case_fk(), index=True)
    document_id: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(20))
    field_name: Mapped[str] = mapped_column(String(64))
    signer_username: Mapped[str] = mapped_column(String(80))
    signer_name: Mapped[str] = mapped_column(String(200))
    signed_at: Mapped[datetime]
    level: Mapped[str] = mapped_column(String(8))  # B-B, B-T, B-LT
    signed_from: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    audit_seq: Mapped[int | None] = mapped_column(Integer)
    audit_digest: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(80))

    __table_args__ = (
        UniqueConstraint(
            "case_id", "document_id", "sequence", name="uq_document_signatures_sequence"
        ),
    )


class DocumentVerification(Base):
    """What verifying one signed form (``sha256``) of a decision document found
    (migration 0009): ``state`` is approved, not_yet_approved or problem; ``problem`` the
    first one, in English. Recorded by whoever verified it (the desk, the command line),
    since the core cannot run the verifier; the workflow's "Both signatures validate"
    reads the newest row for the document's newest signed form."""

    __tablename__ = "document_verifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(_case_fk(), index=True)
    document_id: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(20))
    signed_by_mediator: Mapped[bool] = mapped_column(Boolean)
    countersigned: Mapped[bool] = mapped_column(Boolean)
    problem: Mapped[str | None] = mapped_column(Text)
    verified_at: Mapped[datetime]
    verified_by: Mapped[str] = mapped_column(String(80))


def table_of(model: type[Base]) -> Table:
    """The Core table of a model, for bulk inserts that skip the ORM's bookkeeping."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


__all__ = [
    "AuditEvent",
    "AuditHead",
    "Base",
    "Case",
    "CaseSearch",
    "CaseSnapshot",
    "Decision",
    "DecisionDocument",
    "DeskMeta",
    "Document",
    "Evidence",
    "HistoryEvent",
    "Message",
    "Offer",
    "OfferResponse",
    "Order",
    "OrderItem",
    "OutboxEntry",
    "Party",
    "Quarantine",
    "ShipmentEvent",
    "SyncState",
    "User",
    "WorkflowRecord",
]
