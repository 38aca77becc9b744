"""What the engine asks the store to do: append to the audit trail, queue for the platform.

:func:`app.workflow.perform` and the start functions return these with the new state;
the persistence layer applies them in the same transaction as the state.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeAlias

from app.workflow.state import JSON


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
