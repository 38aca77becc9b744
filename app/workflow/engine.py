"""The workflow engine: pure functions over plain data, no database.

A case's progress is a :class:`WorkflowState`. :func:`start` begins it on the script
version current at intake; :func:`status` says where the case stands (instructions,
checklist, questions, what is missing, where it may go next, the deadline);
:func:`perform` carries out one action and returns the new state with the *effects* the
persistence layer must apply: :class:`AuditEntry` for the audit trail and
:class:`PlatformAction` for the outbox. Nothing here writes anywhere.

Actions, as ``mediation-desk workflow do CASE ACTION --answer KEY=VALUE`` spells them:

- ``answer`` — record answers to the current step's questions;
- ``check`` — tick (``ITEM=yes``) or untick (``ITEM=no``) checklist items;
- ``message``, ``request_evidence``, ``propose_offer``, ``record_response`` — platform
  actions the step allows; the answers are their parameters;
- a transition id (usually the next step's id) — move on; answers given with it are
  recorded first. The move is refused, naming every missing item, while required
  answers, ticks, evidence or conditions are missing.

Offers the mediator proposes on the desk are kept in the state (as *local* offers, ids
``L1``, ``L2`` …) until the platform has them; :func:`link_offer` records the platform's
id once the outbox entry is pushed, so later responses from either side meet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal, TypeAlias

from app.contract.case_document import EvidenceKind, Remedy, choices, parse_time
from app.errors import PermissionDenied, ValidationError
from app.workflow.answers import (
    AnswerError,
    AnswerValue,
    answer_from_json,
    answer_to_json,
    parse_answer,
    parse_yes_no,
)
from app.workflow.calendar import CHINA_TIME, WorkingDayCalendar, default_calendar, require_aware
from app.workflow.facts import CaseFacts
from app.workflow.offers import AmountError, Money, check_remedy_amount, format_amount, parse_amount
from app.workflow.rules import Rule, Value
from app.workflow.script_format import (
    SWITCH_TO_CATEGORY,
    Question,
    Role,
    Script,
    ScriptLibrary,
    Step,
    Transition,
)
from app.workflow.text import (
    EVIDENCE_KIND_NAMES,
    REMEDY_NAMES,
    ROLE_NAMES,
    Language,
    LocalizedText,
    join,
    say,
)

BUILTIN_ACTIONS = ("answer", "check")
JSON: TypeAlias = Any  # a value json.dumps accepts

# ---------------------------------------------------------------- state


@dataclass(frozen=True)
class Actor:
    """Who acts: ``id`` as the case document spells actors (``user:<name>``) and the role."""

    id: str
    role: Role


@dataclass(frozen=True)
class HistoryEntry:
    """One thing that happened in the workflow, kept with the state (the audit trail
    proper is written by the persistence layer from the effects)."""

    at: datetime
    actor: str
    step: str
    kind: Literal["start", "answer", "check", "action", "transition", "switch"]
    detail: Mapping[str, JSON]


@dataclass(frozen=True)
class LocalOffer:
    """An offer proposed on this desk; ``platform_id`` once the platform has it."""

    local_id: str
    remedy: str
    amount: Money | None
    text: str
    at: datetime
    proposed_by: str
    expires_at: datetime
    platform_id: str | None = None


@dataclass(frozen=True)
class LocalResponse:
    """A party's answer to an offer, taken by the mediator (by phone, say)."""

    offer_id: str
    party: str
    role: str
    decision: Literal["accept", "reject"]
    at: datetime
    text: str
    taken_by: str


@dataclass(frozen=True)
class WorkflowState:
    """Where one case stands in its script. Treat every field as read-only."""

    case_id: str
    script_id: str
    script_version: int
    step_id: str
    step_entered_at: datetime
    answers: Mapping[str, Mapping[str, AnswerValue]] = field(default_factory=dict)
    checked: Mapping[str, frozenset[str]] = field(default_factory=dict)
    history: tuple[HistoryEntry, ...] = ()
    local_offers: tuple[LocalOffer, ...] = ()
    local_responses: tuple[LocalResponse, ...] = ()

    def answer(self, step_id: str, question_id: str) -> AnswerValue | None:
        return self.answers.get(step_id, {}).get(question_id)

    def to_json_dict(self) -> dict[str, JSON]:
        """The state as JSON, for the store."""
        return {
            "case_id": self.case_id,
            "script_id": self.script_id,
            "script_version": self.script_version,
            "step_id": self.step_id,
            "step_entered_at": self.step_entered_at.isoformat(),
            "answers": {
                step: {key: answer_to_json(value) for key, value in answers.items()}
                for step, answers in self.answers.items()
            },
            "checked": {step: sorted(items) for step, items in self.checked.items()},
            "history": [
                {
                    "at": entry.at.isoformat(),
                    "actor": entry.actor,
                    "step": entry.step,
                    "kind": entry.kind,
                    "detail": dict(entry.detail),
                }
                for entry in self.history
            ],
            "local_offers": [
                {
                    "local_id": offer.local_id,
                    "remedy": offer.remedy,
                    "amount": offer.amount.to_json_dict() if offer.amount else None,
                    "text": offer.text,
                    "at": offer.at.isoformat(),
                    "proposed_by": offer.proposed_by,
                    "expires_at": offer.expires_at.isoformat(),
                    "platform_id": offer.platform_id,
                }
                for offer in self.local_offers
            ],
            "local_responses": [
                {
                    "offer_id": response.offer_id,
                    "party": response.party,
                    "role": response.role,
                    "decision": response.decision,
                    "at": response.at.isoformat(),
                    "text": response.text,
                    "taken_by": response.taken_by,
                }
                for response in self.local_responses
            ],
        }

    @classmethod
    def from_json_dict(cls, data: Mapping[str, JSON]) -> WorkflowState:
        """Read back what :meth:`to_json_dict` wrote."""
        return cls(
            case_id=data["case_id"],
            script_id=data["script_id"],
            script_version=int(data["script_version"]),
            step_id=data["step_id"],
            step_entered_at=parse_time(data["step_entered_at"]),
            answers={
                step: {key: answer_from_json(value) for key, value in answers.items()}
                for step, answers in data.get("answers", {}).items()
            },
            checked={step: frozenset(items) for step, items in data.get("checked", {}).items()},
            history=tuple(
                HistoryEntry(
                    at=parse_time(entry["at"]),
                    actor=entry["actor"],
                    step=entry["step"],
                    kind=entry["kind"],
                    detail=entry["detail"],
                )
                for entry in data.get("history", [])
            ),
            local_offers=tuple(
                LocalOffer(
                    local_id=offer["local_id"],
                    remedy=offer["remedy"],
                    amount=Money(offer["amount"]["value"], offer["amount"]["currency"])
                    if offer["amount"]
                    else None,
                    text=offer["text"],
                    at=parse_time(offer["at"]),
                    proposed_by=offer["proposed_by"],
                    expires_at=parse_time(offer["expires_at"]),
                    platform_id=offer["platform_id"],
                )
                for offer in data.get("local_offers", [])
            ),
            local_responses=tuple(
                LocalResponse(
                    offer_id=response["offer_id"],
                    party=response["party"],
                    role=response["role"],
                    decision=response["decision"],
                    at=parse_time(response["at"]),
                    text=response["text"],
                    taken_by=response["taken_by"],
                )
                for response in data.get("local_responses", [])
            ),
        )


# ---------------------------------------------------------------- effects


@dataclass(frozen=True)
class AuditEntry:
    """An event for the audit trail: ``action`` such as ``workflow.transition``, and the
    ``changes`` it made (JSON-ready)."""

    action: str
    changes: Mapping[str, JSON]
    actor: str
    at: datetime


@dataclass(frozen=True)
class PlatformAction:
    """An outbox entry: ``type`` and ``body`` exactly as the platform's actions API
    takes them (``POST /api/v1/cases/{id}/actions``).

    ``local_offer_id`` ties offers proposed on the desk to the platform: on a
    ``propose_offer`` it is the offer's local id — call :func:`link_offer` with the id the
    platform returns; on a ``record_response`` it means ``body["offer_id"]`` is still that
    local id and must be replaced by the platform's id before the entry is pushed.
    """

    type: Literal[
        "message", "request_evidence", "propose_offer", "record_response", "set_status", "close"
    ]
    body: Mapping[str, JSON]
    local_offer_id: str | None = None


Effect: TypeAlias = AuditEntry | PlatformAction


# ---------------------------------------------------------------- offers as the rules see them


@dataclass(frozen=True)
class OfferView:
    """An offer with the latest decision of each side, merged from platform and desk."""

    id: str
    remedy: str
    amount: Money | None
    proposer_role: str
    at: datetime
    status: str
    decisions: Mapping[str, str]
    on_platform: bool

    @property
    def active(self) -> bool:
        return self.status not in ("withdrawn", "expired")

    @property
    def settled(self) -> bool:
        if self.status == "accepted":
            return True
        return (
            self.decisions.get("buyer") == "accept" and self.decisions.get("merchant") == "accept"
        )

    @property
    def rejected(self) -> bool:
        return self.status == "rejected" or "reject" in (
            self.decisions.get("buyer"),
            self.decisions.get("merchant"),
        )


def offer_views(state: WorkflowState, facts: CaseFacts) -> tuple[OfferView, ...]:
    """Every offer in the case, oldest first: the platform's, and the desk's not yet there."""
    linked = {
        offer.local_id: offer.platform_id for offer in state.local_offers if offer.platform_id
    }
    decisions: dict[str, list[tuple[datetime, str, str]]] = {}
    for platform_offer in facts.offers:
        for response in platform_offer.responses:
            decisions.setdefault(platform_offer.id, []).append(
                (response.at, response.role, response.decision)
            )
    for local in state.local_responses:
        offer_id = linked.get(local.offer_id, local.offer_id)
        decisions.setdefault(offer_id, []).append((local.at, local.role, local.decision))

    def latest(offer_id: str, proposer_role: str) -> dict[str, str]:
        found: dict[str, str] = {}
        if proposer_role in ("buyer", "merchant"):
            found[proposer_role] = "accept"  # whoever proposes accepts their own offer
        for _, role, decision in sorted(decisions.get(offer_id, []), key=lambda item: item[0]):
            found[role] = decision
        return found

    views = [
        OfferView(
            id=offer.id,
            remedy=offer.remedy,
            amount=offer.amount,
            proposer_role=offer.proposer_role,
            at=offer.at,
            status=offer.status,
            decisions=latest(offer.id, offer.proposer_role),
            on_platform=True,
        )
        for offer in facts.offers
    ]
    platform_ids = {offer.id for offer in facts.offers}
    for offer in state.local_offers:
        if offer.platform_id is not None and offer.platform_id in platform_ids:
            continue
        offer_id = offer.platform_id or offer.local_id
        views.append(
            OfferView(
                id=offer_id,
                remedy=offer.remedy,
                amount=offer.amount,
                proposer_role="platform",
                at=offer.at,
                status="proposed",
                decisions=latest(offer_id, "platform"),
                on_platform=False,
            )
        )
    return tuple(sorted(views, key=lambda view: view.at))


# ---------------------------------------------------------------- rule values


def _deadline(step: Step, state: WorkflowState, calendar: WorkingDayCalendar) -> datetime | None:
    if step.deadline_working_days is None:
        return None
    return calendar.deadline(state.step_entered_at, step.deadline_working_days)


def deadline_of(
    script: Script, state: WorkflowState, calendar: WorkingDayCalendar | None = None
) -> datetime | None:
    """When the current step is due (None for a final step)."""
    return _deadline(script.step(state.step_id), state, calendar or default_calendar())


def _rule_values(
    script: Script,
    step: Step,
    state: WorkflowState,
    facts: CaseFacts,
    now: datetime,
    calendar: WorkingDayCalendar,
) -> dict[str, Value]:
    def plain(value: AnswerValue | None) -> Value:
        return value.value if isinstance(value, Money) else value

    values: dict[str, Value] = {
        "case.category": facts.category,
        "case.reason": facts.reason,
        "case.flags": tuple(sorted(facts.flags)),
        "case.priority": facts.priority,
        "case.channel": facts.channel,
        "case.language": facts.language,
        "claim.remedy": facts.claim_remedy,
        "claim.amount": facts.claim_amount.value if facts.claim_amount else None,
        "order.total": facts.order_total.value,
        "order.shipping_fee": facts.shipping_fee.value if facts.shipping_fee else None,
        "order.delivered": facts.delivered_at is not None,
        "order.days_since_delivery": (now - facts.delivered_at).days
        if facts.delivered_at
        else None,
        "order.shipment_status": facts.last_shipment_status,
        "parties.roles": tuple(sorted({party.role for party in facts.parties})),
        "evidence.kinds": tuple(sorted(facts.evidence_kinds())),
        "evidence.buyer": tuple(sorted(facts.evidence_kinds("buyer"))),
        "evidence.merchant": tuple(sorted(facts.evidence_kinds("merchant"))),
        "evidence.platform": tuple(sorted(facts.evidence_kinds("platform"))),
        "merchant.credit_score": facts.merchant_credit_score,
        "merchant.disputes_last_year": facts.merchant_disputes_last_year,
        "merchant.sanctions_last_year": facts.merchant_sanctions_last_year,
    }
    views = [view for view in offer_views(state, facts) if view.active]
    newest = views[-1] if views else None
    values.update(
        {
            "offer.count": len(views),
            "offer.settled": any(view.settled for view in views),
            "offer.rejected": bool(newest and newest.rejected and not newest.settled),
            "offer.pending": bool(newest and not newest.settled and not newest.rejected),
            "offer.latest_remedy": newest.remedy if newest else None,
            "offer.latest_amount": newest.amount.value if newest and newest.amount else None,
            "offer.buyer_decision": newest.decisions.get("buyer") if newest else None,
            "offer.merchant_decision": newest.decisions.get("merchant") if newest else None,
        }
    )
    deadline = _deadline(step, state, calendar)
    entered = state.step_entered_at.astimezone(CHINA_TIME).date()
    values["step.overdue"] = deadline is not None and now > deadline
    values["step.working_days_used"] = calendar.working_days_between(
        entered, now.astimezone(CHINA_TIME).date()
    )
    for other in script.steps:
        for question in other.questions:
            values[f"answers.{other.id}.{question.id}"] = plain(state.answer(other.id, question.id))
    for question in step.questions:
        values[f"answer.{question.id}"] = plain(state.answer(step.id, question.id))
    ticked = state.checked.get(step.id, frozenset())
    for item in step.checklist:
        values[f"checked.{item.id}"] = item.id in ticked
    return values


# ---------------------------------------------------------------- what is missing


@dataclass(frozen=True)
class _Missing:
    kind: Literal["answer", "check", "evidence", "requirement"]
    id: str
    label: LocalizedText

    def describe(self, language: Language) -> str:
        key = {
            "answer": "missing_answer",
            "check": "missing_check",
            "evidence": "missing_evidence",
            "requirement": "missing_requirement",
        }[self.kind]
        return say(language, key, label=self.label.get(language))


def _applies(rule: Rule | None, values: Mapping[str, Value]) -> bool:
    return rule is None or bool(rule.holds(values))


def _question_required(question: Question, values: Mapping[str, Value]) -> bool:
    if not _applies(question.applies_when, values):
        return False
    if question.required_when is not None:
        return question.required_when.holds(values)
    return question.required


def _evidence_label(kinds: tuple[str, ...], source: str) -> LocalizedText:
    def render(language: Language) -> str:
        names = [EVIDENCE_KIND_NAMES[kind].get(language) for kind in kinds]
        either = {"zh-Hans": "或", "zh-Hant": "或", "en": " or "}[language]
        text = either.join(names)
        if source != "any":
            who = ROLE_NAMES[source].get(language)
            text = f"{text}（{who}提交）" if language != "en" else f"{text} (from the {who})"
        return text

    return LocalizedText(render("zh-Hans"), render("zh-Hant"), render("en"))


def _missing_items(
    step: Step, state: WorkflowState, facts: CaseFacts, values: Mapping[str, Value]
) -> list[_Missing]:
    missing: list[_Missing] = []
    answers = state.answers.get(step.id, {})
    for question in step.questions:
        if _question_required(question, values) and question.id not in answers:
            missing.append(_Missing("answer", question.id, question.label))
    ticked = state.checked.get(step.id, frozenset())
    for item in step.checklist:
        if item.required and _applies(item.applies_when, values) and item.id not in ticked:
            missing.append(_Missing("check", item.id, item.text))
    for requirement in step.required_evidence:
        if not _applies(requirement.applies_when, values):
            continue
        present = facts.evidence_kinds(requirement.source)
        if not present.intersection(requirement.kinds):
            label = requirement.label or _evidence_label(requirement.kinds, requirement.source)
            missing.append(_Missing("evidence", "|".join(requirement.kinds), label))
    for index, rule_requirement in enumerate(step.requirements):
        if not rule_requirement.rule.holds(values):
            missing.append(_Missing("requirement", f"requirement_{index}", rule_requirement.label))
    return missing


def _blockers(
    transition: Transition, missing: list[_Missing], values: Mapping[str, Value], language: Language
) -> list[str]:
    blocked = [item.describe(language) for item in missing] if transition.check_required else []
    if transition.when is not None and not transition.when.holds(values):
        if transition.explain is not None:
            blocked.append(transition.explain.get(language))
        else:
            blocked.append(say(language, "condition_not_met", condition=transition.when.text))
    return blocked


# ---------------------------------------------------------------- platform action parameters


ParameterKind = Literal[
    "parties", "party", "text", "choice", "amount", "evidence_kinds", "working_days", "offer"
]


@dataclass(frozen=True)
class ActionParameter:
    id: str
    kind: ParameterKind
    label: LocalizedText
    required: bool
    options: tuple[str, ...] = ()
    default: str | None = None


def _p(zh_hans: str, zh_hant: str, en: str) -> LocalizedText:
    return LocalizedText(zh_hans, zh_hant, en)


_MESSAGE_CHANNELS = ("platform", "platform_chat", "email", "sms", "phone_note", "letter")

ACTION_PARAMETERS: dict[str, tuple[ActionParameter, ...]] = {
    "message": (
        ActionParameter("to", "parties", _p("收件方（buyer/merchant 或当事人编号，逗号分隔）", "收件方（buyer/merchant 或當事人編號，逗號分隔）", "to (buyer/merchant or party ids, comma-separated)"), True),
        ActionParameter("text", "text", _p("内容", "內容", "text"), True),
        ActionParameter("channel", "choice", _p("渠道", "管道", "channel"), False, _MESSAGE_CHANNELS, "platform"),
    ),
    "request_evidence": (
        ActionParameter("from", "party", _p("向谁补证（buyer/merchant 或当事人编号）", "向誰補證（buyer/merchant 或當事人編號）", "from (buyer/merchant or a party id)"), True),
        ActionParameter("kinds", "evidence_kinds", _p("证据类型（逗号分隔）", "證據類型（逗號分隔）", "evidence kinds (comma-separated)"), True, choices(EvidenceKind)),
        ActionParameter("text", "text", _p("说明需要什么、为什么", "說明需要什麼、為什麼", "what is needed and why"), True),
        ActionParameter("due_in", "working_days", _p("期限（工作日）", "期限（工作日）", "due in (working days)"), False, (), "3"),
    ),
    "propose_offer": (
        ActionParameter("remedy", "choice", _p("方案", "方案", "remedy"), True, choices(Remedy)),
        ActionParameter("amount", "amount", _p("金额", "金額", "amount"), False),
        ActionParameter("text", "text", _p("方案说明", "方案說明", "terms of the offer"), True),
        ActionParameter("expires_in", "working_days", _p("答复期限（工作日）", "答覆期限（工作日）", "answer within (working days)"), False, (), "3"),
    ),
    "record_response": (
        ActionParameter("offer", "offer", _p("方案编号（默认最新）", "方案編號（預設最新）", "offer id (default: the latest)"), False),
        ActionParameter("party", "party", _p("答复方（buyer/merchant 或当事人编号）", "答覆方（buyer/merchant 或當事人編號）", "party (buyer/merchant or a party id)"), True),
        ActionParameter("decision", "choice", _p("答复", "答覆", "decision"), True, ("accept", "reject")),
        ActionParameter("text", "text", _p("答复要点（如电话记录）", "答覆要點（如電話紀錄）", "what they said (e.g. phone note)"), False),
    ),
}  # fmt: skip

ACTION_LABELS: dict[str, LocalizedText] = {
    "message": _p("给当事人发消息", "傳送訊息給當事人", "message the parties"),
    "request_evidence": _p("要求补充证据", "要求補充證據", "request evidence"),
    "propose_offer": _p("提出调解方案", "提出調解方案", "propose an offer"),
    "record_response": _p("记录当事人答复", "記錄當事人答覆", "record a party's response"),
}


# ---------------------------------------------------------------- status


@dataclass(frozen=True)
class ChecklistStatus:
    id: str
    text: str
    required: bool
    checked: bool


@dataclass(frozen=True)
class QuestionStatus:
    id: str
    type: str
    label: str
    help: str | None
    required: bool
    options: tuple[tuple[str, str], ...]
    multiple: bool
    answer: JSON
    answered: bool


@dataclass(frozen=True)
class EvidenceStatus:
    label: str
    kinds: tuple[str, ...]
    source: str
    present: bool


@dataclass(frozen=True)
class TransitionStatus:
    id: str
    label: str
    to: str | None
    switch_script: str | None
    allowed: bool
    blocked_by: tuple[str, ...]


@dataclass(frozen=True)
class ParameterStatus:
    id: str
    kind: str
    label: str
    required: bool
    options: tuple[str, ...]
    default: str | None


@dataclass(frozen=True)
class ActionStatus:
    id: str
    label: str
    parameters: tuple[ParameterStatus, ...]


@dataclass(frozen=True)
class OfferStatus:
    id: str
    remedy: str
    amount: str | None
    proposed_by: str
    at: datetime
    decisions: Mapping[str, str]
    settled: bool
    rejected: bool
    on_platform: bool


@dataclass(frozen=True)
class WorkflowStatus:
    """Everything a mediator needs to see about the current step, in one language."""

    case_id: str
    script_id: str
    script_version: int
    script_title: str
    step_id: str
    stage: str
    role: str
    title: str
    instructions: str
    terminal: bool
    entered_at: datetime
    deadline: datetime | None
    overdue: bool
    working_days_left: int | None
    checklist: tuple[ChecklistStatus, ...]
    questions: tuple[QuestionStatus, ...]
    evidence: tuple[EvidenceStatus, ...]
    missing: tuple[str, ...]
    transitions: tuple[TransitionStatus, ...]
    actions: tuple[ActionStatus, ...]
    offers: tuple[OfferStatus, ...]
    warnings: tuple[str, ...]

    def to_json_dict(self) -> dict[str, JSON]:
        """The status as JSON (for ``workflow status --json``)."""

        def convert(value: Any) -> JSON:
            if isinstance(value, datetime):
                return value.isoformat()
            if isinstance(value, tuple):
                return [convert(item) for item in value]
            if isinstance(value, Mapping):
                return {key: convert(item) for key, item in value.items()}
            if hasattr(value, "__dataclass_fields__"):
                return {name: convert(getattr(value, name)) for name in value.__dataclass_fields__}
            return value

        result = convert(self)
        assert isinstance(result, dict)
        return result


def _display(value: AnswerValue | None) -> JSON:
    if value is None:
        return None
    if isinstance(value, Money):
        return format_amount(value)
    return answer_to_json(value)


def status(
    script: Script,
    state: WorkflowState,
    facts: CaseFacts,
    now: datetime,
    calendar: WorkingDayCalendar | None = None,
    language: Language = "zh-Hans",
) -> WorkflowStatus:
    """Where the case stands: the current step in ``language``, its checklist, questions
    and answers, the evidence it needs, what is missing, where it may go next, the platform
    actions it allows, the offers so far, and its deadline."""
    _require_script(script, state)
    calendar = calendar or default_calendar()
    step = script.step(state.step_id)
    values = _rule_values(script, step, state, facts, now, calendar)
    missing = _missing_items(step, state, facts, values)
    answers = state.answers.get(step.id, {})
    ticked = state.checked.get(step.id, frozenset())
    deadline = _deadline(step, state, calendar)
    warnings: list[str] = []
    if deadline is not None:
        entered = state.step_entered_at.astimezone(CHINA_TIME).date()
        for year, source in calendar.uncertain_years(entered, deadline.date()):
            key = "calendar_provisional" if source == "provisional" else "calendar_unknown"
            warnings.append(say(language, key, year=year))
    views = offer_views(state, facts)
    return WorkflowStatus(
        case_id=state.case_id,
        script_id=script.id,
        script_version=script.version,
        script_title=script.title.get(language),
        step_id=step.id,
        stage=step.stage,
        role=step.role,
        title=step.title.get(language),
        instructions=step.instructions.get(language),
        terminal=step.terminal,
        entered_at=state.step_entered_at,
        deadline=deadline,
        overdue=bool(values["step.overdue"]),
        working_days_left=calendar.working_days_left(now, deadline) if deadline else None,
        checklist=tuple(
            ChecklistStatus(item.id, item.text.get(language), item.required, item.id in ticked)
            for item in step.checklist
            if _applies(item.applies_when, values)
        ),
        questions=tuple(
            QuestionStatus(
                id=question.id,
                type=question.type,
                label=question.label.get(language),
                help=question.help.get(language) if question.help else None,
                required=_question_required(question, values),
                options=tuple(
                    (option.id, option.label.get(language)) for option in question.options
                ),
                multiple=question.multiple,
                answer=_display(answers.get(question.id)),
                answered=question.id in answers,
            )
            for question in step.questions
            if _applies(question.applies_when, values)
        ),
        evidence=tuple(
            EvidenceStatus(
                label=(
                    requirement.label or _evidence_label(requirement.kinds, requirement.source)
                ).get(language),
                kinds=requirement.kinds,
                source=requirement.source,
                present=bool(
                    facts.evidence_kinds(requirement.source).intersection(requirement.kinds)
                ),
            )
            for requirement in step.required_evidence
            if _applies(requirement.applies_when, values)
        ),
        missing=tuple(item.describe(language) for item in missing),
        transitions=tuple(
            TransitionStatus(
                id=transition.id,
                label=transition.label.get(language),
                to=transition.to,
                switch_script=transition.switch_script,
                allowed=not blockers,
                blocked_by=tuple(blockers),
            )
            for transition in step.transitions
            for blockers in [_blockers(transition, missing, values, language)]
        ),
        actions=tuple(
            ActionStatus(
                id=action,
                label=ACTION_LABELS[action].get(language),
                parameters=tuple(
                    ParameterStatus(
                        p.id, p.kind, p.label.get(language), p.required, p.options, p.default
                    )
                    for p in ACTION_PARAMETERS[action]
                ),
            )
            for action in step.actions
        ),
        offers=tuple(
            OfferStatus(
                id=view.id,
                remedy=REMEDY_NAMES[view.remedy].get(language),
                amount=format_amount(view.amount) if view.amount else None,
                proposed_by=ROLE_NAMES.get(view.proposer_role, ROLE_NAMES["other"]).get(language),
                at=view.at,
                decisions=dict(view.decisions),
                settled=view.settled,
                rejected=view.rejected,
                on_platform=view.on_platform,
            )
            for view in views
        ),
        warnings=tuple(warnings),
    )


# ---------------------------------------------------------------- start


def start(
    script: Script, case_id: str, actor: Actor, now: datetime
) -> tuple[WorkflowState, tuple[Effect, ...]]:
    """Begin a case on ``script`` (the current version at intake, from
    :meth:`ScriptLibrary.current` with :func:`script_id_for_case`)."""
    require_aware(now)
    first = script.step(script.start)
    state = WorkflowState(
        case_id=case_id,
        script_id=script.id,
        script_version=script.version,
        step_id=first.id,
        step_entered_at=now,
        history=(
            HistoryEntry(
                now, actor.id, first.id, "start", {"script": script.id, "version": script.version}
            ),
        ),
    )
    effects: list[Effect] = [
        AuditEntry(
            "workflow.started",
            {"script": script.id, "version": script.version, "step": first.id},
            actor.id,
            now,
        )
    ]
    effects += _entry_effects(first)
    return state, tuple(effects)


# ---------------------------------------------------------------- perform


def perform(
    script: Script,
    state: WorkflowState,
    facts: CaseFacts,
    action: str,
    answers: Mapping[str, str],
    actor: Actor,
    now: datetime,
    *,
    calendar: WorkingDayCalendar | None = None,
    library: ScriptLibrary | None = None,
    language: Language = "en",
) -> tuple[WorkflowState, tuple[Effect, ...]]:
    """Carry out one action on the current step; returns the new state and its effects.

    ``answers`` are the ``KEY=VALUE`` pairs as typed. Raises :class:`ValidationError`
    (message in ``language``) when an answer does not fit, an action is unknown, or the
    case may not move yet — naming every missing item — and :class:`PermissionDenied`
    when the actor's role or the four-eyes rule forbids the step. ``library`` is needed
    only for a transition that hands the case over to another script.
    """
    _require_script(script, state)
    require_aware(now)
    calendar = calendar or default_calendar()
    step = script.step(state.step_id)
    if step.terminal:
        raise ValidationError(say(language, "case_closed"))
    _check_actor(script, step, state, actor, language)

    if action in ACTION_PARAMETERS and action in step.actions:
        return _platform_action(
            script, step, state, facts, action, answers, actor, now, calendar, language
        )
    if action == "check":
        return _check_items(step, state, answers, actor, now, language)
    transition = step.transition(action)
    if action != "answer" and transition is None:
        available = list(BUILTIN_ACTIONS) + list(step.actions) + [t.id for t in step.transitions]
        raise ValidationError(
            say(language, "unknown_action", action=action, available=", ".join(available))
        )

    effects: list[Effect] = []
    if answers:
        state, recorded = _record_answers(
            script, step, state, facts, answers, actor, now, calendar, language
        )
        effects += recorded
    if transition is None:
        return state, tuple(effects)
    new_state, moved = _transition(
        script, step, transition, state, facts, actor, now, calendar, library, language
    )
    return new_state, tuple(effects + moved)


def link_offer(state: WorkflowState, local_id: str, platform_id: str) -> WorkflowState:
    """Record the platform's id for an offer proposed on the desk (after its push)."""
    offers = []
    found = False
    for offer in state.local_offers:
        if offer.local_id == local_id:
            offer = replace(offer, platform_id=platform_id)
            found = True
        offers.append(offer)
    if not found:
        raise ValueError(f"no local offer {local_id} in case {state.case_id}")
    return replace(state, local_offers=tuple(offers))


# ---------------------------------------------------------------- internals


def _require_script(script: Script, state: WorkflowState) -> None:
    if (script.id, script.version) != (state.script_id, state.script_version):
        raise ValueError(
            f"case {state.case_id} runs {state.script_id} v{state.script_version}, "
            f"not {script.id} v{script.version}"
        )
    if not script.has_step(state.step_id):
        raise ValueError(f"{script.id} v{script.version} has no step {state.step_id}")


def _check_actor(
    script: Script, step: Step, state: WorkflowState, actor: Actor, language: Language
) -> None:
    if step.role == "supervisor" and actor.role != "supervisor":
        raise PermissionDenied(
            say(
                language,
                "wrong_role",
                role={"zh-Hans": "主管", "zh-Hant": "主管", "en": "supervisor"}[language],
            )
        )
    for other in step.distinct_actor_from:
        took_part = any(
            entry.actor == actor.id
            and entry.step == other
            and entry.kind in ("answer", "check", "action", "transition")
            for entry in state.history
        )
        if took_part:
            raise PermissionDenied(
                say(language, "four_eyes", step=script.step(other).title.get(language))
            )


def _history(state: WorkflowState, *entries: HistoryEntry) -> tuple[HistoryEntry, ...]:
    return state.history + entries


def _record_answers(
    script: Script,
    step: Step,
    state: WorkflowState,
    facts: CaseFacts,
    raw_answers: Mapping[str, str],
    actor: Actor,
    now: datetime,
    calendar: WorkingDayCalendar,
    language: Language,
) -> tuple[WorkflowState, list[Effect]]:
    values = _rule_values(script, step, state, facts, now, calendar)
    applicable = {q.id: q for q in step.questions if _applies(q.applies_when, values)}
    parsed: dict[str, AnswerValue] = {}
    problems: list[str] = []
    today = now.astimezone(CHINA_TIME).date()
    for key, raw in raw_answers.items():
        question = applicable.get(key)
        if question is None:
            problems.append(
                say(language, "unknown_answer", key=key, available=", ".join(applicable))
            )
            continue
        try:
            parsed[key] = parse_answer(question, raw, currency=facts.currency, today=today)
        except AnswerError as exc:
            problems.append(
                say(
                    language,
                    "bad_answer",
                    label=question.label.get(language),
                    problem=exc.localized.get(language),
                )
            )
    merged = {**state.answers.get(step.id, {}), **parsed}
    for question in step.questions:
        if question.remedy_question is None or question.id not in merged:
            continue
        amount = merged[question.id]
        remedy = merged.get(question.remedy_question)
        if isinstance(amount, Money) and isinstance(remedy, str):
            for problem in check_remedy_amount(remedy, amount, facts.order_total):
                problems.append(
                    say(
                        language,
                        "bad_answer",
                        label=question.label.get(language),
                        problem=problem.get(language),
                    )
                )
    if problems:
        raise ValidationError(join(language, problems))
    new_answers = {**state.answers, step.id: merged}
    detail = {
        "step": step.id,
        "answers": {key: answer_to_json(value) for key, value in parsed.items()},
    }
    new_state = replace(
        state,
        answers=new_answers,
        history=_history(state, HistoryEntry(now, actor.id, step.id, "answer", detail)),
    )
    return new_state, [AuditEntry("workflow.answered", detail, actor.id, now)]


def _check_items(
    step: Step,
    state: WorkflowState,
    raw: Mapping[str, str],
    actor: Actor,
    now: datetime,
    language: Language,
) -> tuple[WorkflowState, tuple[Effect, ...]]:
    known = {item.id for item in step.checklist}
    ticked = set(state.checked.get(step.id, frozenset()))
    problems: list[str] = []
    changes: dict[str, bool] = {}
    for key, value in raw.items():
        if key not in known:
            problems.append(
                say(language, "unknown_answer", key=key, available=", ".join(sorted(known)))
            )
            continue
        try:
            changes[key] = parse_yes_no(value)
        except AnswerError as exc:
            problems.append(
                say(language, "bad_answer", label=key, problem=exc.localized.get(language))
            )
    if problems:
        raise ValidationError(join(language, problems))
    if not changes:
        raise ValidationError(say(language, "nothing_to_check", available=", ".join(sorted(known))))
    for key, on in changes.items():
        (ticked.add if on else ticked.discard)(key)
    detail = {
        "step": step.id,
        "ticked": sorted(key for key, on in changes.items() if on),
        "unticked": sorted(key for key, on in changes.items() if not on),
    }
    new_state = replace(
        state,
        checked={**state.checked, step.id: frozenset(ticked)},
        history=_history(state, HistoryEntry(now, actor.id, step.id, "check", detail)),
    )
    return new_state, (AuditEntry("workflow.checklist", detail, actor.id, now),)


def _entry_effects(step: Step) -> list[Effect]:
    """What entering ``step`` tells the platform."""
    if step.platform_status is None:
        return []
    return [PlatformAction("set_status", {"status": step.platform_status, "note": step.title.en})]


def _transition(
    script: Script,
    step: Step,
    transition: Transition,
    state: WorkflowState,
    facts: CaseFacts,
    actor: Actor,
    now: datetime,
    calendar: WorkingDayCalendar,
    library: ScriptLibrary | None,
    language: Language,
) -> tuple[WorkflowState, list[Effect]]:
    values = _rule_values(script, step, state, facts, now, calendar)
    missing = _missing_items(step, state, facts, values)
    blockers = _blockers(transition, missing, values, language)
    if blockers:
        label = transition.label.get(language)
        key = "cannot_advance" if transition.check_required and missing else "not_open"
        raise ValidationError(say(language, key, action=label, items=join(language, blockers)))

    if transition.switch_script is not None:
        if library is None:
            raise ValueError("a transition to another script needs the script library")
        target_id = transition.switch_script
        if target_id == SWITCH_TO_CATEGORY:
            target_id = facts.category
        target_script = library.current(target_id)
        first = target_script.step(target_script.start)
        switch_detail: dict[str, JSON] = {
            "from_script": script.id,
            "from_version": script.version,
            "from_step": step.id,
            "to_script": target_script.id,
            "to_version": target_script.version,
            "to_step": first.id,
            "transition": transition.id,
        }
        # Answers belong to the old script's steps; they stay in the history.
        new_state = replace(
            state,
            script_id=target_script.id,
            script_version=target_script.version,
            step_id=first.id,
            step_entered_at=now,
            answers={},
            checked={},
            history=_history(state, HistoryEntry(now, actor.id, step.id, "switch", switch_detail)),
        )
        return new_state, [
            AuditEntry("workflow.script_switched", switch_detail, actor.id, now),
            *_entry_effects(first),
        ]

    assert transition.to is not None
    target = script.step(transition.to)
    answers = dict(state.answers)
    checked = dict(state.checked)
    if target.clear_answers_on_entry:
        answers.pop(target.id, None)
        checked.pop(target.id, None)
    detail: dict[str, JSON] = {"from": step.id, "to": target.id, "transition": transition.id}
    effects: list[Effect] = []
    if transition.close is not None:
        close = transition.close
        outcome = close.outcome
        if close.outcome_from is not None:
            chosen = state.answer(*close.outcome_from)
            outcome = chosen if isinstance(chosen, str) else None
        note = state.answer(*close.note_from) if close.note_from else None
        if outcome is None:
            raise ValidationError(
                say(language, "missing_answer", label=".".join(close.outcome_from or ()))
            )
        detail["decision"] = close.decision
        detail["outcome"] = outcome
        body: dict[str, JSON] = {
            "outcome": outcome,
            "note": note if isinstance(note, str) else transition.label.en,
        }
        effects.append(PlatformAction("close", body))
    new_state = replace(
        state,
        step_id=target.id,
        step_entered_at=now,
        answers=answers,
        checked=checked,
        history=_history(state, HistoryEntry(now, actor.id, step.id, "transition", detail)),
    )
    return new_state, [
        AuditEntry("workflow.transition", detail, actor.id, now),
        *_entry_effects(target),
        *effects,
    ]


def _party_ids(facts: CaseFacts, raw: str, language: Language) -> list[str]:
    ids: list[str] = []
    for name in (part.strip() for part in raw.split(",")):
        if not name:
            continue
        if facts.party(name) is not None:
            ids.append(name)
            continue
        if name == "both":
            ids += [p.id for role in ("buyer", "merchant") for p in facts.parties_with_role(role)]
            continue
        if name in ROLE_NAMES and name not in ("platform", "any"):
            found = facts.parties_with_role(name)
            if not found:
                raise ValidationError(
                    say(language, "no_party", role=ROLE_NAMES[name].get(language))
                )
            ids += [party.id for party in found]
            continue
        raise ValidationError(
            say(
                language,
                "bad_answer",
                label=name,
                problem=", ".join([p.id for p in facts.parties] + ["buyer", "merchant", "both"]),
            )
        )
    return list(dict.fromkeys(ids))


def _platform_action(
    script: Script,
    step: Step,
    state: WorkflowState,
    facts: CaseFacts,
    action: str,
    raw: Mapping[str, str],
    actor: Actor,
    now: datetime,
    calendar: WorkingDayCalendar,
    language: Language,
) -> tuple[WorkflowState, tuple[Effect, ...]]:
    parameters = {p.id: p for p in ACTION_PARAMETERS[action]}
    unknown = [key for key in raw if key not in parameters]
    if unknown:
        raise ValidationError(
            say(language, "unknown_answer", key=unknown[0], available=", ".join(parameters))
        )
    values: dict[str, str] = {
        key: p.default for key, p in parameters.items() if p.default is not None
    }
    values.update({key: value.strip() for key, value in raw.items()})
    missing = [
        p.label.get(language) for p in parameters.values() if p.required and not values.get(p.id)
    ]
    if missing:
        label = ACTION_LABELS[action].get(language)
        raise ValidationError(
            say(
                language,
                "cannot_advance",
                action=label,
                items=join(language, [say(language, "missing_answer", label=m) for m in missing]),
            )
        )

    def working_days(key: str) -> int:
        text = values[key]
        if not text.isdigit() or not 1 <= int(text) <= 60:
            raise ValidationError(
                say(
                    language,
                    "bad_answer",
                    label=parameters[key].label.get(language),
                    problem="1-60",
                )
            )
        return int(text)

    def choice(key: str) -> str:
        if values[key] not in parameters[key].options:
            raise ValidationError(
                say(
                    language,
                    "bad_answer",
                    label=parameters[key].label.get(language),
                    problem=", ".join(parameters[key].options),
                )
            )
        return values[key]

    local_offer_id: str | None = None
    local_offers = state.local_offers
    local_responses = state.local_responses
    body: dict[str, JSON]
    if action == "message":
        body = {
            "to": _party_ids(facts, values["to"], language),
            "channel": choice("channel"),
            "text": values["text"],
        }
    elif action == "request_evidence":
        parties = _party_ids(facts, values["from"], language)
        if len(parties) != 1:
            raise ValidationError(
                say(
                    language,
                    "bad_answer",
                    label=parameters["from"].label.get(language),
                    problem="one party",
                )
            )
        kinds = [kind.strip() for kind in values["kinds"].split(",") if kind.strip()]
        wrong = [kind for kind in kinds if kind not in choices(EvidenceKind)]
        if wrong or not kinds:
            raise ValidationError(
                say(
                    language,
                    "bad_answer",
                    label=parameters["kinds"].label.get(language),
                    problem=", ".join(choices(EvidenceKind)),
                )
            )
        due_at = calendar.deadline(now, working_days("due_in"))
        body = {
            "from": parties[0],
            "kinds": kinds,
            "text": values["text"],
            "due_at": due_at.isoformat(),
        }
    elif action == "propose_offer":
        remedy = choice("remedy")
        amount: Money | None = None
        if values.get("amount"):
            try:
                amount = parse_amount(values["amount"], facts.currency)
            except AmountError as exc:
                raise ValidationError(
                    say(
                        language,
                        "bad_answer",
                        label=parameters["amount"].label.get(language),
                        problem=exc.in_language(language),
                    )
                ) from None
        problems = check_remedy_amount(remedy, amount, facts.order_total)
        if problems:
            raise ValidationError(
                say(
                    language,
                    "bad_answer",
                    label=REMEDY_NAMES[remedy].get(language),
                    problem=join(language, [p.get(language) for p in problems]),
                )
            )
        expires_at = calendar.deadline(now, working_days("expires_in"))
        local_offer_id = f"L{len(state.local_offers) + 1}"
        body = {"remedy": remedy, "text": values["text"], "expires_at": expires_at.isoformat()}
        if amount is not None:
            body["amount"] = amount.to_json_dict()
        local_offers = (
            *state.local_offers,
            LocalOffer(local_offer_id, remedy, amount, values["text"], now, actor.id, expires_at),
        )
    else:  # record_response
        views = offer_views(state, facts)
        wanted = values.get("offer") or (views[-1].id if views else "")
        local_match = next(
            (o for o in state.local_offers if wanted in (o.local_id, o.platform_id)), None
        )
        if not any(view.id == wanted for view in views) and local_match is None:
            raise ValidationError(say(language, "no_such_offer", offer=wanted or "-"))
        parties = _party_ids(facts, values["party"], language)
        if len(parties) != 1:
            raise ValidationError(
                say(
                    language,
                    "bad_answer",
                    label=parameters["party"].label.get(language),
                    problem="one party",
                )
            )
        party = facts.party(parties[0])
        assert party is not None
        decision = choice("decision")
        offer_id = wanted
        if local_match is not None and local_match.platform_id is None:
            local_offer_id = local_match.local_id
        elif local_match is not None and local_match.platform_id is not None:
            offer_id = local_match.platform_id
        body = {
            "offer_id": offer_id,
            "party": party.id,
            "decision": decision,
            "text": values.get("text", ""),
        }
        local_responses = (
            *state.local_responses,
            LocalResponse(
                offer_id,
                party.id,
                party.role,
                "accept" if decision == "accept" else "reject",
                now,
                values.get("text", ""),
                actor.id,
            ),
        )
    detail: dict[str, JSON] = {"step": step.id, "type": action, "body": body}
    if local_offer_id is not None:
        detail["local_offer_id"] = local_offer_id
    new_state = replace(
        state,
        local_offers=local_offers,
        local_responses=local_responses,
        history=_history(state, HistoryEntry(now, actor.id, step.id, "action", detail)),
    )
    effects: tuple[Effect, ...] = (
        AuditEntry("workflow.platform_action", detail, actor.id, now),
        PlatformAction(action, body, local_offer_id),  # type: ignore[arg-type]
    )
    return new_state, effects
