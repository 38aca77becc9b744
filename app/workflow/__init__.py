"""Guided resolution: workflow scripts, the working-day calendar and the engine.

Pure data and logic, no database: the store keeps a :class:`WorkflowState` per case and
applies the effects (:class:`AuditEntry`, :class:`PlatformAction`) that
:func:`perform` returns. See ``docs/workflow-scripts.md``.
"""

from app.workflow.calendar import WorkingDayCalendar, default_calendar
from app.workflow.engine import (
    Actor,
    AuditEntry,
    Effect,
    PlatformAction,
    WorkflowState,
    WorkflowStatus,
    deadline_of,
    link_offer,
    perform,
    start,
    status,
)
from app.workflow.facts import CaseFacts, facts_from_document
from app.workflow.offers import Money, check_remedy_amount, format_amount, parse_amount
from app.workflow.script_format import Script, ScriptError, ScriptLibrary, script_id_for_case

__all__ = [
    "Actor",
    "AuditEntry",
    "CaseFacts",
    "Effect",
    "Money",
    "PlatformAction",
    "Script",
    "ScriptError",
    "ScriptLibrary",
    "WorkflowState",
    "WorkflowStatus",
    "WorkingDayCalendar",
    "check_remedy_amount",
    "deadline_of",
    "default_calendar",
    "facts_from_document",
    "format_amount",
    "link_offer",
    "parse_amount",
    "perform",
    "script_id_for_case",
    "start",
    "status",
]
