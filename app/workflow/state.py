"""Where one case stands in its script: plain frozen data, stored as JSON.

The store keeps one :class:`WorkflowState` per case (``WorkflowState.to_json_dict``).
It holds the step the case is on and since when, the answers and ticks per step, what
happened (:class:`HistoryEntry`), and the offers and responses taken on the desk that
the platform does not have yet (:class:`LocalOffer`, :class:`LocalResponse`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, TypeAlias

from app.contract.case_document import Money, parse_time
from app.workflow.answers import AnswerValue, answer_from_json, answer_to_json
from app.workflow.script_model import Role, Script

JSON: TypeAlias = Any  # a value json.dumps accepts

# "done_on_platform": the steps a case had passed on the platform before it arrived.
HistoryKind = Literal[
    "start", "done_on_platform", "answer", "check", "action", "transition", "switch"
]


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
    kind: HistoryKind
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
                    amount=Money.model_validate(offer["amount"]) if offer["amount"] else None,
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


def require_script(script: Script, state: WorkflowState) -> None:
    """Refuse (a bug in the caller) a script other than the version the case runs on."""
    if (script.id, script.version) != (state.script_id, state.script_version):
        raise ValueError(
            f"case {state.case_id} runs {state.script_id} v{state.script_version}, "
            f"not {script.id} v{script.version}"
        )
    if not script.has_step(state.step_id):
        raise ValueError(f"{script.id} v{script.version} has no step {state.step_id}")
