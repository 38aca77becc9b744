"""Case documents and a driver that walks a case through its script, for the workflow tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from app.contract.case_document import CaseDocument
from app.workflow import (
    Actor,
    AuditEntry,
    Effect,
    PlatformAction,
    Script,
    ScriptLibrary,
    WorkflowState,
    WorkflowStatus,
    perform,
    script_id_for_case,
    start,
    start_where_the_case_is,
    status,
)
from app.workflow.calendar import CHINA_TIME, WorkingDayCalendar
from app.workflow.facts import CaseFacts, facts_from_document

MEDIATOR = Actor("user:li.na", "mediator")
SUPERVISOR = Actor("user:wang.qiang", "supervisor")
SHA = "0" * 64
ALL_EVIDENCE_KINDS = (
    "photo", "video", "audio", "chat_log", "order_record", "transaction_record",
    "logistics_record", "appraisal_report", "listing_snapshot", "document", "other",
)  # fmt: skip

# The reasons the platform files under each category (DOMAIN.md); safety hazards run on
# their own script whatever the category.
REASONS_BY_CATEGORY = {
    "quality": ["not_as_described", "defective", "counterfeit"],
    "logistics": ["late_delivery", "lost_parcel", "damaged_in_transit", "shipping_fee", "pickup_point"],
    "after_sales": ["return_refused", "slow_response", "poor_service", "repair_refused"],
    "price_promotion": [
        "price_mismatch", "promotion_not_honoured", "coupon_not_applied", "price_changed",
        "currency_conversion",
    ],
    "service": ["rude_service", "unhelpful_service"],
    "payment": ["unauthorised_transaction", "account_stolen", "payment_error"],
    "fraud": ["fake_promotion", "false_advertising", "infringement"],
    "other": ["cross_border", "information_asymmetry", "system_error", "other"],
}  # fmt: skip


def case_document(
    *,
    category: str = "quality",
    reason: str = "not_as_described",
    flags: Iterable[str] = (),
    evidence: Iterable[tuple[str, str]] | None = None,
    total: int = 129900,
    currency: str = "CNY",
    offers: list[dict[str, Any]] | None = None,
    created_at: str = "2026-03-02T09:00:00+08:00",
    status: str = "open",
    history: Iterable[str] = (),
    due_at: str | None = None,
    decision: dict[str, Any] | None = None,
) -> CaseDocument:
    """A valid case document; ``evidence`` is (kind, submitted_by) pairs, default: every
    kind from buyer, merchant and platform; ``history`` the platform's events (names)."""
    if evidence is None:
        evidence = [(kind, who) for kind in ALL_EVIDENCE_KINDS for who in ("P1", "P2", "platform")]
    items = [
        {
            "id": f"E{index}",
            "kind": kind,
            "submitted_by": who,
            "submitted_at": created_at,
            "filename": f"file{index}",
            "media_type": "application/octet-stream",
            "size": 10,
            "sha256": SHA,
        }
        for index, (kind, who) in enumerate(evidence, start=1)
    ]
    data = {
        "schema": "mediation-desk/case-document",
        "schema_version": 1,
        "case": {
            "id": "DSP-2026-000123",
            "version": 1,
            "created_at": created_at,
            "updated_at": created_at,
            "channel": "app",
            "category": category,
            "reason": reason,
            "language": "zh-Hans",
            "status": status,
            "title": "测试案件",
            "description": "测试",
            "claim": {
                "remedy": "refund",
                "amount": {"value": total, "currency": currency},
                "text": "退款",
            },
            "flags": list(flags),
        },
        "parties": [
            {"id": "P1", "role": "buyer", "display_name": "冬天的风"},
            {
                "id": "P2",
                "role": "merchant",
                "display_name": "暖冬服饰旗舰店",
                "shop": {
                    "shop_id": "S-1",
                    "name": "暖冬服饰旗舰店",
                    "credit_score": 742,
                    "disputes_last_year": 31,
                    "sanctions_last_year": 1,
                },
            },
            {"id": "P3", "role": "logistics", "display_name": "中通快递"},
            {"id": "P4", "role": "payment_provider", "display_name": "支付宝"},
        ],
        "order": {
            "id": "TB1",
            "placed_at": "2026-02-25T20:30:00+08:00",
            "items": [
                {
                    "sku": "SKU1",
                    "title": "大衣",
                    "quantity": 1,
                    "unit_price": {"value": total, "currency": currency},
                }
            ],
            "total_paid": {"value": total, "currency": currency},
            "shipment": {
                "carrier": "中通快递",
                "tracking_number": "ZT1",
                "events": [
                    {"at": "2026-02-26T10:00:00+08:00", "status": "picked_up"},
                    {"at": "2026-02-28T15:00:00+08:00", "status": "delivered"},
                ],
            },
        },
        "messages": [],
        "evidence": items,
        "offers": offers or [],
        "history": [{"at": created_at, "actor": "platform", "event": event} for event in history],
    }
    if due_at is not None:
        data["case"]["due_at"] = due_at  # type: ignore[index]
    if decision is not None:
        data["decision"] = decision
    return CaseDocument.model_validate(data)


def facts_for(category: str, reason: str, **kwargs: Any) -> CaseFacts:
    return facts_from_document(case_document(category=category, reason=reason, **kwargs))


# Answers that steer a case down the ordinary road; everything else gets a plain default.
ORDINARY_ANSWERS = {
    "complete": "yes",
    "within_scope": "yes",
    "safety_signs": "no",
    "malicious_signs": "no",
    "buyer_heard": "yes",
    "complainant_heard": "yes",
    "merchant_position": "disputes",
    "mediation_possible": "yes",
    "false_evidence": "none",
    "verdict": "approve",
    "appeal_filed": "no",
    "decision_carried_out": "yes",
    "publish": "yes",
    "outcome": "partial",
    "remedy": "partial_refund",
    "remedy_amount": "500.00",
    "malicious_established": "yes",
    "injury": "no",
}


@dataclass
class Walk:
    """A case driven step by step, keeping every effect and the steps it passed."""

    library: ScriptLibrary
    calendar: WorkingDayCalendar
    facts: CaseFacts
    now: datetime
    where_the_case_is: bool = False  # start as the case arrives: at its platform status
    state: WorkflowState = field(init=False)
    effects: list[Effect] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        script = self.library.current(
            script_id_for_case(self.facts.category, self.facts.reason, self.facts.flags)
        )
        if self.where_the_case_is:
            self.state, effects = start_where_the_case_is(script, self.facts, MEDIATOR, self.now)
        else:
            self.state, effects = start(script, self.facts.case_id, MEDIATOR, self.now)
        self.effects += effects
        self.visited.append(self.state.step_id)

    @property
    def script(self) -> Script:
        return self.library.get(self.state.script_id, self.state.script_version)

    def status(self) -> WorkflowStatus:
        return status(self.script, self.state, self.facts, self.now, self.calendar, "en")

    def actor(self) -> Actor:
        return SUPERVISOR if self.script.step(self.state.step_id).role == "supervisor" else MEDIATOR

    def do(self, action: str, answers: Mapping[str, str] | None = None) -> tuple[Effect, ...]:
        self.now += timedelta(hours=2)
        before = self.state.step_id, self.state.script_id
        self.state, effects = perform(
            self.script,
            self.state,
            self.facts,
            action,
            dict(answers or {}),
            self.actor(),
            self.now,
            calendar=self.calendar,
            library=self.library,
        )
        self.effects += effects
        if (self.state.step_id, self.state.script_id) != before:
            self.visited.append(self.state.step_id)
        return effects

    def fill(self, overrides: Mapping[str, str] | None = None) -> None:
        """Answer every question the step needs and tick every checklist item."""
        fill_step(self, overrides)

    def signed(self) -> None:
        """The ruling signed, countersigned and verified: the facts the store would give."""
        self.facts = replace(
            self.facts,
            document_signed_by_mediator=True,
            document_countersigned=True,
            document_signatures_valid=True,
        )

    def pass_deadline(self) -> None:
        deadline = self.status().deadline
        assert deadline is not None
        self.now = deadline + timedelta(hours=1)

    def platform_actions(self, kind: str) -> list[PlatformAction]:
        return [e for e in self.effects if isinstance(e, PlatformAction) and e.type == kind]

    def audit(self, action: str) -> list[AuditEntry]:
        return [e for e in self.effects if isinstance(e, AuditEntry) and e.action == action]


def fill_step(case: Any, overrides: Mapping[str, str] | None = None) -> None:
    """Answer every question the step needs and tick every checklist item.

    ``case`` has ``status()`` (questions, checklist), ``do(action, answers)`` and ``now``:
    the pure engine's :class:`Walk` or a walk through the command line.
    """
    wanted = {**ORDINARY_ANSWERS, **(overrides or {})}
    current = case.status()
    answers: dict[str, str] = {}
    for question in current.questions:
        if not question.required and question.id not in (overrides or {}):
            continue
        options = {option for option, _ in question.options}
        if question.id in wanted and (
            question.type != "choice" or set(wanted[question.id].split(",")) <= options
        ):
            answers[question.id] = wanted[question.id]
        elif question.type == "yes_no":
            answers[question.id] = "no"
        elif question.type == "choice":
            answers[question.id] = question.options[0][0]
        elif question.type == "amount":
            answers[question.id] = "10.00"
        elif question.type == "date":
            answers[question.id] = case.now.astimezone(CHINA_TIME).date().isoformat()
        else:
            answers[question.id] = "Recorded by the mediator after checking the evidence on file."
    if answers:
        case.do("answer", answers)
    # Answers can make further questions apply (required_when/applies_when): go again.
    again = [q for q in case.status().questions if q.required and not q.answered]
    if again:
        fill_step(case, overrides)
        return
    checklist = case.status().checklist
    if any(item.from_document for item in checklist) and hasattr(case, "signed"):
        case.signed()  # the pure engine's walk: the signature facts a real store would give
    items = {item.id: "yes" for item in checklist if not item.from_document}
    if items:
        case.do("check", items)


def to_evidence(case: Any) -> None:
    """Intake, then contact both parties, then the reason's evidence step."""
    case.fill()
    case.do("contact_parties")
    case.fill()
    route = [
        t.id
        for t in case.status().transitions
        if t.allowed and t.to and t.to.startswith("evidence")
    ]
    assert len(route) == 1, route
    case.do(route[0])
    case.fill()


def propose(case: Any, remedy: str = "partial_refund", amount: str | None = "300.00") -> None:
    case.do("proposal")
    case.fill()
    offer = {"remedy": remedy, "text": "商家部分退款，买家保留商品。"}
    if amount is not None:
        offer["amount"] = amount
    case.do("propose_offer", offer)
    case.do("responses")


def settle(case: Any) -> None:
    case.do("record_response", {"party": "buyer", "decision": "accept", "text": "电话确认接受"})
    case.do("record_response", {"party": "merchant", "decision": "accept"})
    case.do("settlement")
    case.fill({"outcome": "partial"})
    case.do("close")


def rule(case: Any, outcome: str = "partial") -> None:
    """From the ruling draft through review, signature, notice and the appeal window."""
    case.fill({"outcome": outcome})
    case.do("submit_for_review")
    case.fill({"verdict": "approve"})
    case.do("approve")
    case.fill()
    case.do(case.status().transitions[0].id)  # signed: on to the notice (or the appeal window)
    if case.state.step_id == "notice":
        case.fill({"publish": "yes"})
        case.do("appeal_window")
    case.fill({"appeal_filed": "no", "decision_carried_out": "yes"})
    case.pass_deadline()
    case.do("close")
