"""Dispute stories, one or more per reason in DOMAIN.md, in the parties' own words.

The stories are data, in ``platform_server/demo/data/`` (read through
:mod:`importlib.resources`, so they ship inside the wheel): ``scenarios/<category>.json``
for each category, in the order of ``reasons.json``'s ``time_limit_days``;
``reasons.json`` for each reason's category and each category's days;
``evidence_titles.json`` and ``malicious.json``.

Each scenario fixes what happened (the goods, what differs, which evidence exists, what
the buyer claims); the generator varies who, where, when and how much. Text fields may
use ``{price}``, ``{amount}``, ``{shop}``, ``{carrier}``, ``{tracking}``, ``{days}``,
``{diff}``, ``{card_tail}``, ``{coupon}``, ``{order_date}`` and ``{pickup}``.

``zh`` (Simplified) exists for every scenario, ``en`` for most, ``hant`` (Traditional,
Hong Kong and Taiwan buyers) for some; the generator falls back to ``zh``.

JSON has no tuples: every array inside a scenario is read as a tuple (colours, chat
lines, plans), exactly as the generator has always been given them.
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

Scenario = dict[str, Any]

_DATA = files("platform_server.demo") / "data"


def _frozen(value: Any) -> Any:
    """JSON arrays as tuples, all the way down (objects stay dicts)."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


def _read(*parts: str) -> Any:
    resource = _DATA
    for part in parts:
        resource = resource / part
    return json.loads(resource.read_text(encoding="utf-8"))


_REASONS = _read("reasons.json")

CATEGORY_OF_REASON: dict[str, str] = dict(_REASONS["category_of_reason"])

# Working days each category gets (the platform's 处理时限), counted in calendar days here.
TIME_LIMIT_DAYS: dict[str, int] = dict(_REASONS["time_limit_days"])

EVIDENCE_TITLES: dict[str, dict[str, str]] = _read("evidence_titles.json")

SCENARIOS: list[Scenario] = [
    _frozen(scenario)
    for category in TIME_LIMIT_DAYS
    for scenario in _read("scenarios", f"{category}.json")
]

# A malicious complaint: the buyer's story does not hold (extortion by review, swapped item).
MALICIOUS: dict[str, dict[str, Any]] = _frozen(_read("malicious.json"))

__all__ = [
    "CATEGORY_OF_REASON",
    "EVIDENCE_TITLES",
    "MALICIOUS",
    "SCENARIOS",
    "TIME_LIMIT_DAYS",
    "Scenario",
]
