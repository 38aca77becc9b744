"""The platform actions a step may allow, and the parameters each takes.

The desk builds its action dialogs from these tables and the command line reads the
same parameters as ``--answer KEY=VALUE``; :mod:`app.workflow.platform_actions` checks
them and shapes the outbox entry. Labels are words (``workflow.parameter.*``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.contract.case_document import EvidenceKind, MessageChannel, Remedy, choices
from app.vocabulary import Words, words

ParameterKind = Literal[
    "parties", "party", "text", "choice", "amount", "evidence_kinds", "working_days", "offer"
]


@dataclass(frozen=True)
class ActionParameter:
    """One parameter of a platform action."""

    action: str
    id: str
    kind: ParameterKind
    required: bool
    options: tuple[str, ...] = ()
    default: str | None = None

    @property
    def label(self) -> Words:
        return words(f"workflow.parameter.{self.action}.{self.id}")


def _parameters(action: str, *rows: tuple[object, ...]) -> tuple[ActionParameter, ...]:
    return tuple(ActionParameter(action, *row) for row in rows)  # type: ignore[arg-type]


# The desk's "platform" channel first: what a message is sent as unless told otherwise.
_MESSAGE_CHANNELS = ("platform", *(c for c in choices(MessageChannel) if c != "platform"))

ACTION_PARAMETERS: dict[str, tuple[ActionParameter, ...]] = {
    "message": _parameters(
        "message",
        ("to", "parties", True),
        ("text", "text", True),
        ("channel", "choice", False, _MESSAGE_CHANNELS, "platform"),
    ),
    "request_evidence": _parameters(
        "request_evidence",
        ("from", "party", True),
        ("kinds", "evidence_kinds", True, choices(EvidenceKind)),
        ("text", "text", True),
        ("due_in", "working_days", False, (), "3"),
    ),
    "propose_offer": _parameters(
        "propose_offer",
        ("remedy", "choice", True, choices(Remedy)),
        ("amount", "amount", False),
        ("text", "text", True),
        ("expires_in", "working_days", False, (), "3"),
    ),
    "record_response": _parameters(
        "record_response",
        ("offer", "offer", False),
        ("party", "party", True),
        ("decision", "choice", True, ("accept", "reject")),
        ("text", "text", False),
    ),
}

# Working days a request or an offer may be given to answer.
MOST_WORKING_DAYS_TO_ANSWER = 60


def action_label(action: str) -> Words:
    """What the step's button for ``action`` says (``message the parties`` …)."""
    return words(f"workflow.action.{action}")
