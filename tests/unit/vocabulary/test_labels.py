"""One label table per enumeration, keyed off the contract: every value has words in all
three languages, and no table is left over from a value that no longer exists."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from app.contract import case_document as contract
from app.contract.language import LANGUAGES
from app.contract.wire import ACTION_ROLES, Role
from app.services.case_file import Integrity, TimelineKind
from app.services.queue import DueState
from app.vocabulary import Label, label_text
from app.vocabulary.catalog import catalogue
from app.vocabulary.labels import known_values
from app.workflow.script_model import EvidenceSource

ENUMERATIONS: dict[str, Any] = {
    "Channel": contract.Channel,
    "Category": contract.Category,
    "Reason": contract.Reason,
    "Language": contract.Language,
    "CaseStatus": contract.CaseStatus,
    "Priority": contract.Priority,
    "Flag": contract.Flag,
    "Remedy": contract.Remedy,
    "PartyRole": contract.PartyRole,
    "PersonKind": contract.PersonKind,
    "ShipmentStatus": contract.ShipmentStatus,
    "MessageChannel": contract.MessageChannel,
    "EvidenceKind": contract.EvidenceKind,
    "OfferStatus": contract.OfferStatus,
    "ResponseDecision": contract.ResponseDecision,
    "DecisionKind": contract.DecisionKind,
    "Outcome": contract.Outcome,
    "Sanction": contract.Sanction,
    "DocumentKind": contract.DocumentKind,
    "DocumentStatus": contract.DocumentStatus,
    "Verdict": contract.Verdict,
    "Role": Role,
    "Integrity": Integrity,
    "TimelineKind": TimelineKind,
    "DueState": DueState,
    "EvidenceSource": EvidenceSource,
}


def _values(enumeration: str) -> tuple[str, ...]:
    if enumeration == "HistoryEvent":
        return contract.HISTORY_EVENTS
    if enumeration == "ActionType":
        return tuple(ACTION_ROLES)
    return get_args(ENUMERATIONS[enumeration])


@pytest.mark.parametrize("enumeration", [*ENUMERATIONS, "HistoryEvent", "ActionType"])
def test_every_value_has_words_in_all_three_languages(enumeration: str) -> None:
    entries = catalogue()
    missing = [
        value for value in _values(enumeration) if f"labels.{enumeration}.{value}" not in entries
    ]
    assert missing == []
    for value in _values(enumeration):
        for language in LANGUAGES:
            assert entries[f"labels.{enumeration}.{value}"][language].strip()


@pytest.mark.parametrize("enumeration", [*ENUMERATIONS, "HistoryEvent", "ActionType"])
def test_no_label_is_left_over_from_a_value_that_no_longer_exists(enumeration: str) -> None:
    assert set(known_values(enumeration)) <= set(_values(enumeration))


def test_every_label_table_belongs_to_a_known_enumeration() -> None:
    tables = {key.split(".")[1] for key in catalogue() if key.startswith("labels.")}
    assert tables <= {*ENUMERATIONS, "HistoryEvent", "ActionType"}


def test_history_events_the_platform_sends_have_words() -> None:
    assert Label("HistoryEvent", "evidence.submitted").text("zh-Hans") == "已提交证据"


def test_a_value_without_words_is_shown_as_it_came() -> None:
    assert label_text("CaseStatus", "escalated_to_court", "zh-Hans") == "escalated_to_court"
    assert label_text("CaseStatus", None, "en") == ""
