"""Building a decision record from the case and its workflow: pure, no store, no PDF.

:func:`kind_at` says which document the workflow is at (a ruling at "Draft the ruling",
a dismissal at "Draft the dismissal" or after a complaint was declined as out of scope,
a settlement agreement once both parties accepted an offer); :func:`build_record`
builds it, or refuses with :class:`DocumentNotReady` naming every answer or fact the
workflow has not produced yet, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from app.contract.case_document import CaseDocument, Money
from app.contract.language import Language
from app.documents.records import (
    Acceptance,
    AppealRoute,
    CaseRecord,
    Cited,
    ClaimEntry,
    DecisionRecord,
    Dismissal,
    DocumentKind,
    EvidenceEntry,
    GoodsLine,
    OfferAnswer,
    OfferEntry,
    OrderEntry,
    PartyEntry,
    ProcessStep,
    RemedyEntry,
    Ruling,
    SettlementAgreement,
    Signatory,
    Verification,
    evidence_order,
    manifest_digest,
)
from app.errors import ValidationError
from app.vocabulary import Sayable, words
from app.workflow import (
    Script,
    WorkflowState,
    WorkflowStatus,
    default_calendar,
    facts_from_document,
    status,
)

MALICIOUS_SCRIPT = "malicious_complaint"
# Remedies paid in money, and the one the platform pays itself.
MONEY_REMEDIES = frozenset(
    {"refund", "partial_refund", "return_and_refund", "compensation", "price_difference",
     "advance_payout"}
)  # fmt: skip
DEFAULT_APPEAL_DAYS = 10
# What each kind needs from the drafting step's answers (the others are optional).
RULING_ANSWERS = ("findings_of_fact", "reasoning", "rules_relied_on", "outcome", "remedy",
                  "remedy_amount", "remedy_due_days")  # fmt: skip
DISMISSAL_ANSWERS = ("grounds", "findings_of_fact", "reasoning", "rules_relied_on")


class DocumentNotReady(ValidationError):
    """The workflow has not produced what the document needs; the message names it."""


@dataclass(frozen=True)
class DraftSource:
    """Everything a record is built from, as the service reads it from the store."""

    document: CaseDocument
    state: WorkflowState
    script: Script
    evidence_states: Mapping[str, Verification]  # by evidence id, checked just now
    user_names: Mapping[str, str]  # username → display name
    now: datetime


@dataclass(frozen=True)
class DocumentIdentity:
    """Which version of which document the record will be."""

    document_id: str
    version: int
    supersedes: str | None
    document_date: date
    language: Language


def kind_at(source: DraftSource) -> DocumentKind | None:
    """The document the workflow is at now, or None where no document is drafted."""
    step = source.script.step(source.state.step_id)
    if step.stage == "ruling_draft":
        return "dismissal" if source.script.id == MALICIOUS_SCRIPT else "ruling"
    if step.stage == "settlement":
        return "settlement"
    if step.terminal and source.state.answer("intake_review", "within_scope") is False:
        return "dismissal"  # declined at intake as outside the platform's remit
    return None


def build_record(
    kind: DocumentKind, source: DraftSource, identity: DocumentIdentity
) -> DecisionRecord:
    """The record of ``kind`` for the case as it stands, or :class:`DocumentNotReady`."""
    at = kind_at(source)
    if at != kind:
        step = source.script.step(source.state.step_id)
        raise DocumentNotReady(
            words(
                "documents.not_at_step",
                kind=words(f"documents.kind.{kind}"),
                step=step.title,
                where=words(f"documents.drafted_at.{kind}"),
            )
        )
    view = status(
        source.script,
        source.state,
        facts_from_document(source.document),
        source.now,
        default_calendar(),
        identity.language,
    )
    if kind == "ruling":
        return _ruling(source, identity, view)
    if kind == "settlement":
        return _settlement(source, identity, view)
    return _dismissal(source, identity, view)


# -- the kinds ------------------------------------------------------------------------------


def _ruling(source: DraftSource, identity: DocumentIdentity, view: WorkflowStatus) -> Ruling:
    _require(view, RULING_ANSWERS, "ruling", source.script, source.state.step_id)
    answers = _Answers(source, source.state.step_id, identity.language)
    case = _case_record(source, identity)
    outcome = answers.cited("outcome")
    assert outcome is not None
    remedies: tuple[RemedyEntry, ...] = ()
    remedy = answers.text("remedy")
    if remedy is not None and outcome.code != "merchant_favour":
        amount = answers.money("remedy_amount")
        due = answers.text("remedy_due_days")
        remedies = (_remedy(case, remedy, amount, _due_days(due)),)
    return Ruling(
        case=case,
        findings_of_fact=answers.required_text("findings_of_fact"),
        reasoning=answers.required_text("reasoning"),
        rules_relied_on=answers.cited_all("rules_relied_on"),
        outcome=outcome,
        remedies=remedies,
        sanctions=answers.cited_all("sanctions"),
        appeal=_appeal(source.script),
    )


def _dismissal(source: DraftSource, identity: DocumentIdentity, view: WorkflowStatus) -> Dismissal:
    case = _case_record(source, identity)
    step = source.script.step(source.state.step_id)
    if step.stage != "ruling_draft":  # declined at intake: outside the platform's remit
        answers = _Answers(source, "intake_review", identity.language)
        reason = answers.text("not_accepted_reason")
        if reason is None:
            question = source.script.step("intake_review").question("not_accepted_reason")
            label: Sayable = question.label if question else words("documents.missing.reasons")
            _refuse("dismissal", [label])
        return Dismissal(
            case=case,
            basis="out_of_scope",
            grounds=(),
            findings_of_fact=None,
            reasoning=answers.required_text("not_accepted_reason"),
            rules_relied_on=(),
            complainant_measures=(),
            appeal=_appeal(source.script),
        )
    _require(view, DISMISSAL_ANSWERS, "dismissal", source.script, step.id)
    answers = _Answers(source, step.id, identity.language)
    return Dismissal(
        case=case,
        basis="malicious",
        grounds=answers.cited_all("grounds"),
        findings_of_fact=answers.required_text("findings_of_fact"),
        reasoning=answers.required_text("reasoning"),
        rules_relied_on=answers.cited_all("rules_relied_on"),
        complainant_measures=answers.cited_all("complainant_measures"),
        appeal=_appeal(source.script),
    )


def _settlement(
    source: DraftSource, identity: DocumentIdentity, view: WorkflowStatus
) -> SettlementAgreement:
    case = _case_record(source, identity)
    settled_ids = [offer.id for offer in view.offers if offer.settled]
    terms = next((offer for offer in reversed(case.offers) if offer.offer_id in settled_ids), None)
    if terms is None:
        _refuse("settlement", [words("documents.missing.settled_offer")])
    assert terms is not None
    acceptances = _acceptances(case, terms)
    answers = _Answers(source, source.state.step_id, identity.language)
    completed = answers.value("completed_on")
    return SettlementAgreement(
        case=case,
        terms=terms,
        remedies=(_remedy(case, terms.remedy, terms.amount, None),),
        acceptances=acceptances,
        summary=answers.text("settlement_summary"),
        outcome=answers.cited("outcome"),
        completed_on=completed if isinstance(completed, date) else None,
    )


def _acceptances(case: CaseRecord, terms: OfferEntry) -> tuple[Acceptance, ...]:
    found: list[Acceptance] = []
    for role in ("buyer", "merchant"):
        party = case.party(role)
        name = party.name if party else ""
        if terms.proposer_role == role:
            found.append(Acceptance(role, name, terms.at, "proposer", None))
            continue
        answer = next(
            (a for a in reversed(terms.answers) if a.party_role == role and a.decision == "accept"),
            None,
        )
        if answer is not None:
            found.append(Acceptance(role, name, answer.at, answer.channel, answer.recorded_by))
    return tuple(found)


# -- what every kind carries ----------------------------------------------------------------


def _case_record(source: DraftSource, identity: DocumentIdentity) -> CaseRecord:
    document = source.document
    parties = tuple(
        PartyEntry(
            party_id=party.id,
            role=party.role,
            display_name=party.display_name,
            legal_name=party.legal_name,
            person_kind=party.person_kind,
            id_number=party.id_number,
            phone=party.contact.phone if party.contact else None,
            email=party.contact.email if party.contact else None,
            address=party.contact.address if party.contact else None,
            shop_id=party.shop.shop_id if party.shop else None,
            shop_name=party.shop.name if party.shop else None,
        )
        for party in document.parties
    )
    names = _Names(source, parties)
    evidence = evidence_order(
        EvidenceEntry(
            evidence_id=item.id,
            kind=item.kind,
            title=item.title,
            filename=item.filename,
            submitted_by=item.submitted_by,
            submitted_by_name=names.of(item.submitted_by),
            submitter_role=names.role_of(item.submitted_by),
            submitted_at=item.submitted_at,
            size=item.size,
            sha256=item.sha256,
            verification=source.evidence_states.get(item.id, "not_downloaded"),
        )
        for item in document.evidence
    )
    info = document.case
    mediator = _drafter(source)
    return CaseRecord(
        case_id=info.id,
        document_id=identity.document_id,
        version=identity.version,
        supersedes=identity.supersedes,
        language=identity.language,
        document_date=identity.document_date,
        category=info.category,
        reason=info.reason,
        channel=info.channel,
        opened_at=info.created_at,
        script_id=source.script.id,
        script_version=source.script.version,
        parties=parties,
        order=_order(document),
        claim=ClaimEntry(
            title=info.title,
            description=info.description,
            remedy=info.claim.remedy,
            amount=info.claim.amount,
            text=info.claim.text,
        ),
        process=_process(source, names),
        offers=_offers(source, names),
        evidence=evidence,
        evidence_manifest_sha256=manifest_digest(item.sha256 for item in evidence),
        signatories=(
            Signatory("mediator", "mediator", mediator, names.user(mediator)),
            Signatory("supervisor", "supervisor", None, None),
        ),
    )


def _order(document: CaseDocument) -> OrderEntry:
    order = document.order
    delivered = None
    carrier = tracking = None
    if order.shipment is not None:
        carrier, tracking = order.shipment.carrier, order.shipment.tracking_number
        delivered = next(
            (e.at for e in reversed(order.shipment.events) if e.status == "delivered"), None
        )
    return OrderEntry(
        order_id=order.id,
        placed_at=order.placed_at,
        paid_at=order.paid_at,
        payment_method=order.payment_method,
        transaction_id=order.transaction_id,
        items=tuple(
            GoodsLine(
                sku=item.sku,
                title=item.title,
                quantity=item.quantity,
                unit_price=item.unit_price,
                line_total=Money(
                    value=item.unit_price.value * item.quantity, currency=item.unit_price.currency
                ),
            )
            for item in order.items
        ),
        shipping_fee=order.shipping_fee,
        discount=order.discount,
        total_paid=order.total_paid,
        carrier=carrier,
        tracking_number=tracking,
        delivered_at=delivered,
    )


_DESK_ACTIONS = ("message", "request_evidence", "propose_offer", "record_response")


def _process(source: DraftSource, names: _Names) -> tuple[ProcessStep, ...]:
    steps = [
        ProcessStep(event.at, event.event, names.of(event.actor), event.text)
        for event in source.document.history
    ]
    for entry in source.state.history:
        kind = entry.detail.get("type") if entry.kind == "action" else None
        if kind in _DESK_ACTIONS:
            steps.append(ProcessStep(entry.at, f"desk.{kind}", names.of(entry.actor), None))
    if not any(step.event == "case.opened" for step in steps):
        steps.append(ProcessStep(source.document.case.created_at, "case.opened", "", None))
    return tuple(sorted(steps, key=lambda step: step.at))


def _offers(source: DraftSource, names: _Names) -> tuple[OfferEntry, ...]:
    state = source.state
    linked = {o.local_id: o.platform_id for o in state.local_offers if o.platform_id}
    local_answers: dict[str, list[OfferAnswer]] = {}
    for response in state.local_responses:
        offer_id = linked.get(response.offer_id, response.offer_id)
        local_answers.setdefault(offer_id, []).append(
            OfferAnswer(
                party_role=response.role,
                party_name=names.of(response.party),
                decision=response.decision,
                at=response.at,
                channel="mediator",
                recorded_by=names.of(response.taken_by),
                text=response.text or None,
            )
        )
    offers: list[OfferEntry] = []
    for offer in source.document.offers:
        answers = [
            OfferAnswer(
                party_role=names.role_of(r.party),
                party_name=names.of(r.party),
                decision=r.decision,
                at=r.at,
                channel="platform",
                recorded_by=None,
                text=r.text,
            )
            for r in offer.responses or ()
        ]
        answers += local_answers.get(offer.id, [])
        offers.append(
            OfferEntry(
                offer_id=offer.id,
                proposer_role=names.role_of(offer.proposed_by),
                proposed_by_name=names.of(offer.proposed_by),
                at=offer.at,
                remedy=offer.remedy,
                amount=offer.amount,
                text=offer.text,
                status=offer.status,
                expires_at=offer.expires_at,
                answers=tuple(sorted(answers, key=lambda a: a.at)),
            )
        )
    on_platform = {offer.id for offer in source.document.offers}
    for local in state.local_offers:
        if local.platform_id is not None and local.platform_id in on_platform:
            continue
        offer_id = local.platform_id or local.local_id
        offers.append(
            OfferEntry(
                offer_id=offer_id,
                proposer_role="platform",
                proposed_by_name=names.of(local.proposed_by),
                at=local.at,
                remedy=local.remedy,
                amount=local.amount,
                text=local.text or None,
                status="proposed",
                expires_at=local.expires_at,
                answers=tuple(sorted(local_answers.get(offer_id, []), key=lambda a: a.at)),
            )
        )
    return tuple(sorted(offers, key=lambda offer: offer.at))


def _remedy(case: CaseRecord, remedy: str, amount: Money | None, due: int | None) -> RemedyEntry:
    buyer, merchant = case.party("buyer"), case.party("merchant")
    payer_role = "platform" if remedy == "advance_payout" else "merchant"
    payer_name = "" if payer_role == "platform" else (merchant.name if merchant else "")
    return RemedyEntry(
        remedy=remedy,
        amount=amount if remedy in MONEY_REMEDIES else None,
        payer_role=payer_role,
        payer_name=payer_name,
        payee_role="buyer",
        payee_name=buyer.name if buyer else "",
        due_working_days=due,
    )


def _due_days(choice: str | None) -> int | None:
    """``within_5`` → 5 (the scripts' deadline options)."""
    if choice and choice.startswith("within_") and choice[7:].isdigit():
        return int(choice[7:])
    return None


def _appeal(script: Script) -> AppealRoute:
    days = next((s.deadline_working_days for s in script.steps if s.stage == "appeal_window"), None)
    return AppealRoute(working_days=days or DEFAULT_APPEAL_DAYS)


def _drafter(source: DraftSource) -> str | None:
    """The mediator who acted on the drafting step last; else whoever of the desk's users
    acted on the case last (who brought it to this step)."""
    step_id = source.state.step_id
    people = [entry for entry in source.state.history if entry.actor.startswith("user:")]
    for entry in reversed(people):
        if entry.step == step_id:
            return entry.actor[5:]
    return people[-1].actor[5:] if people else None


# -- reading answers and names ----------------------------------------------------------------


def _require(
    view: WorkflowStatus, wanted: tuple[str, ...], kind: DocumentKind, script: Script, step_id: str
) -> None:
    step = script.step(step_id)
    # The script's own labels, so the refusal is said in whoever reads it's language.
    missing: list[object] = [
        question.label
        for status_of in view.questions
        if status_of.id in wanted and status_of.required and not status_of.answered
        for question in [step.question(status_of.id)]
        if question is not None
    ]
    if missing:
        _refuse(kind, missing)


def _refuse(kind: DocumentKind, missing: list[object]) -> None:
    raise DocumentNotReady(
        words("documents.not_ready", kind=words(f"documents.kind.{kind}"), missing=missing)
    )


class _Answers:
    """One step's answers, with the script's words for chosen options."""

    def __init__(self, source: DraftSource, step_id: str, language: Language) -> None:
        self._answers = source.state.answers.get(step_id, {})
        self._step = source.script.step(step_id)
        self._language = language

    def value(self, question_id: str) -> object:
        return self._answers.get(question_id)

    def text(self, question_id: str) -> str | None:
        value = self._answers.get(question_id)
        return value if isinstance(value, str) else None

    def required_text(self, question_id: str) -> str:
        value = self.text(question_id)
        assert value is not None, question_id  # checked by _require before
        return value

    def money(self, question_id: str) -> Money | None:
        value = self._answers.get(question_id)
        return value if isinstance(value, Money) else None

    def cited(self, question_id: str) -> Cited | None:
        chosen = self.cited_all(question_id)
        return chosen[0] if chosen else None

    def cited_all(self, question_id: str) -> tuple[Cited, ...]:
        value = self._answers.get(question_id)
        codes = (value,) if isinstance(value, str) else value if isinstance(value, tuple) else ()
        question = self._step.question(question_id)
        labels = {option.id: option.label for option in question.options} if question else {}
        return tuple(
            Cited(code, labels[code].text(self._language) if code in labels else code)
            for code in codes
        )


class _Names:
    """Who an actor is: a party's name and role, a desk user's name, or the platform."""

    def __init__(self, source: DraftSource, parties: tuple[PartyEntry, ...]) -> None:
        self._parties = {party.party_id: party for party in parties}
        self._users = source.user_names

    def of(self, actor: str) -> str:
        party = self._parties.get(actor)
        if party is not None:
            return party.name
        if actor.startswith("user:"):
            return self.user(actor[5:]) or actor[5:]
        return "" if actor == "platform" else actor

    def user(self, username: str | None) -> str | None:
        if username is None:
            return None
        return self._users.get(username, username)

    def role_of(self, actor: str) -> str:
        party = self._parties.get(actor)
        return party.role if party is not None else "platform"
