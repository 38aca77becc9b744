"""Which story each demo case tells, in which language, and which cases share rendered files."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from platform_server.demo.scenarios import CATEGORY_OF_REASON, SCENARIOS, Scenario

REASONS: tuple[str, ...] = tuple(CATEGORY_OF_REASON)


UNIQUE_RENDERS = 400


CASE_NUMBER_BASE = 10000


_CATEGORY_WEIGHT = {
    "quality": 3.0,
    "logistics": 2.5,
    "after_sales": 2.0,
    "price_promotion": 1.5,
    "service": 1.0,
    "payment": 1.0,
    "fraud": 1.2,
    "other": 0.8,
}


def case_id_for(index: int, anchor: date) -> str:
    return f"DSP-{anchor.year}-{CASE_NUMBER_BASE + index + 1:06d}"


def reason_for(index: int, seed: int) -> str:
    """The first 30 cases cover every reason once; later ones follow how common each is."""
    order = list(REASONS)
    random.Random(f"{seed}:reasons").shuffle(order)
    if index < len(order):
        return order[index]
    rng = random.Random(f"{seed}:reason:{index}")
    weights = [_CATEGORY_WEIGHT[CATEGORY_OF_REASON[reason]] for reason in REASONS]
    return rng.choices(REASONS, weights=weights)[0]


REUSE_VARIANTS = 4


def plan(index: int, seed: int) -> tuple[int, Scenario, str, random.Random]:
    """The scenario and language of a case, and its generator positioned after them."""
    rng = random.Random(f"{seed}:case:{index}")
    reason = reason_for(index, seed)
    choices = [(number, item) for number, item in enumerate(SCENARIOS) if item["reason"] == reason]
    scenario_no, scenario = rng.choice(choices)
    return scenario_no, scenario, choose_language(rng, scenario), rng


def render_group(index: int, seed: int) -> tuple[Any, ...]:
    """Which cases share rendered files: none below :data:`UNIQUE_RENDERS`; above it, a
    few variants per scenario and language (the first case of a group renders them)."""
    if index < UNIQUE_RENDERS:
        return ("case", index)
    scenario_no, _, language, _ = plan(index, seed)
    return ("shared", scenario_no, language, index % REUSE_VARIANTS)


def choose_language(rng: random.Random, scenario: Scenario) -> str:
    options = [("zh-Hans", 0.76)]
    if "hant" in scenario:
        options.append(("zh-Hant", 0.14))
    if "en" in scenario:
        options.append(("en", 0.14))
    names = [name for name, _ in options]
    weights = [weight for _, weight in options]
    return rng.choices(names, weights=weights)[0]
