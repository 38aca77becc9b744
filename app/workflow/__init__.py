"""The workflow engine: scripted steps per dispute type, checked on working days.

Pure data and logic, no database — this package's public API below is "the engine".
The store keeps a :class:`WorkflowState` per case and applies the effects
(:class:`AuditEntry`, :class:`PlatformAction`) that :func:`start_where_the_case_is` and
:func:`perform` return; :func:`status` says where a case stands. See
``docs/workflow-scripts.md``.

Where things live, for a newcomer:

- scripts: :mod:`~app.workflow.script_model` (what a script is),
  :mod:`~app.workflow.script_reader` and :mod:`~app.workflow.script_checks` (reading and
  checking TOML), :mod:`~app.workflow.script_library` (all versions, which one a case
  starts on), :mod:`~app.workflow.rules` and :mod:`~app.workflow.rule_names` (the
  condition language and the names it may use);
- a case: :mod:`~app.workflow.facts` (what rules may look at),
  :mod:`~app.workflow.state` (where it stands), :mod:`~app.workflow.effects` (what the
  store must do);
- the engine's moves: :mod:`~app.workflow.arrival` (where a case starts),
  :mod:`~app.workflow.perform` (one action), :mod:`~app.workflow.transitions`,
  :mod:`~app.workflow.platform_actions`, :mod:`~app.workflow.answers`,
  :mod:`~app.workflow.amounts`;
- reading it back: :mod:`~app.workflow.status_view`, built from
  :mod:`~app.workflow.rule_values`, :mod:`~app.workflow.missing_items`,
  :mod:`~app.workflow.offer_views`, :mod:`~app.workflow.action_parameters`;
- time: :mod:`~app.workflow.calendar` (working days on the mainland-China calendar).
"""

from app.workflow.amounts import AmountError, check_remedy_amount, parse_amount
from app.workflow.answers import AnswerError
from app.workflow.arrival import (
    PLATFORM_ACTOR,
    ArrivalPoint,
    arrival_point,
    start,
    start_where_the_case_is,
    steps_before,
)
from app.workflow.calendar import CHINA_TIME, WorkingDayCalendar, default_calendar
from app.workflow.effects import AuditEntry, Effect, PlatformAction
from app.workflow.facts import CaseFacts, facts_from_document
from app.workflow.localized_text import LocalizedText
from app.workflow.perform import link_offer, perform
from app.workflow.phrase_lists import Alternatives, Clauses
from app.workflow.rule_values import case_overdue, deadline_of
from app.workflow.script_library import ScriptLibrary, script_id_for_case
from app.workflow.script_model import Script, ScriptError
from app.workflow.script_reader import parse_script
from app.workflow.state import Actor, HistoryEntry, WorkflowState
from app.workflow.status_view import (
    ActionStatus,
    ParameterStatus,
    QuestionStatus,
    WorkflowStatus,
    deadline_words,
    status,
)

__all__ = [
    "CHINA_TIME",
    "PLATFORM_ACTOR",
    "ActionStatus",
    "Actor",
    "Alternatives",
    "AmountError",
    "AnswerError",
    "ArrivalPoint",
    "AuditEntry",
    "CaseFacts",
    "Clauses",
    "Effect",
    "HistoryEntry",
    "LocalizedText",
    "ParameterStatus",
    "PlatformAction",
    "QuestionStatus",
    "Script",
    "ScriptError",
    "ScriptLibrary",
    "WorkflowState",
    "WorkflowStatus",
    "WorkingDayCalendar",
    "arrival_point",
    "case_overdue",
    "check_remedy_amount",
    "deadline_of",
    "deadline_words",
    "default_calendar",
    "facts_from_document",
    "link_offer",
    "parse_amount",
    "parse_script",
    "perform",
    "script_id_for_case",
    "start",
    "start_where_the_case_is",
    "status",
    "steps_before",
]
