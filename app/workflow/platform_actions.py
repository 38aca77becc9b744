"""A step's platform actions: a message, an evidence request, an offer, a party's answer.

The parameters arrive as typed (``--answer KEY=VALUE``), are checked — parties by role
or id, evidence kinds, an amount against the order, working days to answer — and become
one outbox entry shaped exactly like the platform's ``POST /api/v1/cases/{id}/actions``
body, with an audit entry. An offer proposed here gets a local id (``L1``…) until the
platform has it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from app.contract.case_document import EvidenceKind, Money, PartyRole, choices
from app.errors import ValidationError
from app.vocabulary import Label, Sayable, words
from app.workflow.action_parameters import (
    ACTION_PARAMETERS,
    MOST_WORKING_DAYS_TO_ANSWER,
    ActionParameter,
    action_label,
)
from app.workflow.amounts import AmountError, check_remedy_amount, parse_amount
from app.workflow.calendar import WorkingDayCalendar
from app.workflow.effects import AuditEntry, Effect, PlatformAction
from app.workflow.facts import CaseFacts
from app.workflow.offer_views import offer_views
from app.workflow.phrase_lists import Clauses
from app.workflow.script_model import Step
from app.workflow.state import JSON, Actor, HistoryEntry, LocalOffer, LocalResponse, WorkflowState

# Names a mediator may use for parties besides their ids: a role, or both sides at once.
_ROLES = choices(PartyRole)
BOTH_SIDES = "both"


def _refused(label: Sayable | str, problem: Sayable) -> ValidationError:
    return ValidationError(words("workflow.bad_answer", label=label, problem=problem))


def party_ids(facts: CaseFacts, raw: str) -> list[str]:
    """The party ids named in ``raw``: ids, roles (``buyer``, ``merchant`` …) or ``both``,
    comma-separated."""
    ids: list[str] = []
    for name in (part.strip() for part in raw.split(",")):
        if not name:
            continue
        if facts.party(name) is not None:
            ids.append(name)
        elif name == BOTH_SIDES:
            ids += [p.id for role in ("buyer", "merchant") for p in facts.parties_with_role(role)]
        elif name in _ROLES:
            found = facts.parties_with_role(name)
            if not found:
                raise ValidationError(words("workflow.no_party", role=Label("PartyRole", name)))
            ids += [party.id for party in found]
        else:
            known = [p.id for p in facts.parties] + ["buyer", "merchant", BOTH_SIDES]
            raise _refused(name, words("workflow.not_a_party", known=known))
    return list(dict.fromkeys(ids))


class _Values:
    """The parameters given for one action, defaults filled in, each checked on reading."""

    def __init__(self, action: str, raw: Mapping[str, str]) -> None:
        self.parameters: dict[str, ActionParameter] = {p.id: p for p in ACTION_PARAMETERS[action]}
        unknown = [key for key in raw if key not in self.parameters]
        if unknown:
            raise ValidationError(
                words("workflow.unknown_answer", key=unknown[0], available=list(self.parameters))
            )
        self.values = {p.id: p.default for p in self.parameters.values() if p.default is not None}
        self.values.update({key: value.strip() for key, value in raw.items()})
        missing = [
            words("workflow.missing.answer", label=p.label)
            for p in self.parameters.values()
            if p.required and not self.values.get(p.id)
        ]
        if missing:
            raise ValidationError(
                words(
                    "workflow.cannot_advance",
                    action=action_label(action),
                    items=Clauses(tuple(missing)),
                )
            )

    def text(self, key: str) -> str:
        return self.values.get(key) or ""

    def working_days(self, key: str) -> int:
        text = self.values[key]
        if not text.isdigit() or not 1 <= int(text) <= MOST_WORKING_DAYS_TO_ANSWER:
            raise _refused(
                self.parameters[key].label,
                words("workflow.working_days_range", most=MOST_WORKING_DAYS_TO_ANSWER),
            )
        return int(text)

    def choice(self, key: str) -> str:
        options = self.parameters[key].options
        if self.values[key] not in options:
            raise _refused(
                self.parameters[key].label, words("workflow.one_of", options=list(options))
            )
        return self.values[key]

    def one_party(self, facts: CaseFacts, key: str) -> str:
        parties = party_ids(facts, self.values[key])
        if len(parties) != 1:
            raise _refused(self.parameters[key].label, words("workflow.one_party"))
        return parties[0]


def platform_action(
    step: Step,
    state: WorkflowState,
    facts: CaseFacts,
    action: str,
    raw: Mapping[str, str],
    actor: Actor,
    now: datetime,
    calendar: WorkingDayCalendar,
) -> tuple[WorkflowState, tuple[Effect, ...]]:
    """Check one platform action and return the state with its outbox and audit entries."""
    given = _Values(action, raw)
    local_offer_id: str | None = None
    local_offers = state.local_offers
    local_responses = state.local_responses
    body: dict[str, JSON]
    if action == "message":
        body = {
            "to": party_ids(facts, given.text("to")),
            "channel": given.choice("channel"),
            "text": given.text("text"),
        }
    elif action == "request_evidence":
        party = given.one_party(facts, "from")
        kinds = [kind.strip() for kind in given.text("kinds").split(",") if kind.strip()]
        known = choices(EvidenceKind)
        if not kinds or any(kind not in known for kind in kinds):
            raise _refused(
                given.parameters["kinds"].label, words("workflow.one_of", options=list(known))
            )
        due_at = calendar.deadline(now, given.working_days("due_in"))
        body = {
            "from": party,
            "kinds": kinds,
            "text": given.text("text"),
            "due_at": due_at.isoformat(),
        }
    elif action == "propose_offer":
        remedy = given.choice("remedy")
        amount: Money | None = None
        if given.text("amount"):
            try:
                amount = parse_amount(given.text("amount"), facts.currency)
            except AmountError as exc:
                raise _refused(given.parameters["amount"].label, exc.message) from None
        problems = check_remedy_amount(remedy, amount, facts.order_total)
        if problems:
            raise _refused(Label("Remedy", remedy), Clauses(tuple(problems)))
        expires_at = calendar.deadline(now, given.working_days("expires_in"))
        local_offer_id = f"L{len(state.local_offers) + 1}"
        body = {"remedy": remedy, "text": given.text("text"), "expires_at": expires_at.isoformat()}
        if amount is not None:
            body["amount"] = amount.to_json_dict()
        local_offers = (
            *state.local_offers,
            LocalOffer(
                local_offer_id, remedy, amount, given.text("text"), now, actor.id, expires_at
            ),
        )
    else:  # record_response
        views = offer_views(state, facts)
        wanted = given.text("offer") or (views[-1].id if views else "")
        local_match = next(
            (o for o in state.local_offers if wanted in (o.local_id, o.platform_id)), None
        )
        if not any(view.id == wanted for view in views) and local_match is None:
            raise ValidationError(words("workflow.no_such_offer", offer=wanted or "-"))
        answering = facts.party(given.one_party(facts, "party"))
        assert answering is not None
        decision = given.choice("decision")
        offer_id = wanted
        if local_match is not None and local_match.platform_id is None:
            local_offer_id = local_match.local_id
        elif local_match is not None and local_match.platform_id is not None:
            offer_id = local_match.platform_id
        body = {
            "offer_id": offer_id,
            "party": answering.id,
            "decision": decision,
            "text": given.text("text"),
        }
        local_responses = (
            *state.local_responses,
            LocalResponse(
                offer_id,
                answering.id,
                answering.role,
                "accept" if decision == "accept" else "reject",
                now,
                given.text("text"),
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
        history=(*state.history, HistoryEntry(now, actor.id, step.id, "action", detail)),
    )
    effects: tuple[Effect, ...] = (
        AuditEntry("workflow.platform_action", detail, actor.id, now),
        PlatformAction(action, body, local_offer_id),  # type: ignore[arg-type]
    )
    return new_state, effects
