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


# The desk's "platform" channel first: what a message is sent as unless told otherwise.
_MESSAGE_CHANNELS = ("platform", *(c for c in choices(MessageChannel) if c != "platform"))
_P = ActionParameter

ACTION_PARAMETERS: dict[str, tuple[ActionParameter, ...]] = {
    "message": (
        _P("message", "to", "parties", required=True),
        _P("message", "text", "text", required=True),
        _P("message", "channel", "choice", False, _MESSAGE_CHANNELS, default="platform"),
    ),
    "request_evidence": (
        _P("request_evidence", "from", "party", required=True),
        _P("request_evidence", "kinds", "evidence_kinds", True, choices(EvidenceKind)),
        _P("request_evidence", "text", "text", required=True),
        _P("request_evidence", "due_in", "working_days", required=False, default="3"),
    ),
    "propose_offer": (
        _P("propose_offer", "remedy", "choice", True, choices(Remedy)),
        _P("propose_offer", "amount", "amount", required=False),
        _P("propose_offer", "text", "text", required=True),
        _P("propose_offer", "expires_in", "working_days", required=False, default="3"),
    ),
    "record_response": (
        _P("record_response", "offer", "offer", required=False),
        _P("record_response", "party", "party", required=True),
        _P("record_response", "decision", "choice", True, ("accept", "reject")),
        _P("record_response", "text", "text", required=False),
    ),
}

# Working days a request or an offer may be given to answer.
MOST_WORKING_DAYS_TO_ANSWER = 60


def action_label(action: str) -> Words:
    """What the step's button for ``action`` says (``message the parties`` …)."""
    return words(f"workflow.action.{action}")
