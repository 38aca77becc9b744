"""The consistency aid: how past cases like this one were decided.

"Like this one" means the same category and reason, decided (a decision on the case),
in the local store — what this desk has synced, never a guess about the rest. For each:
the outcome and the amount awarded (the sum of the decision's remedies in the draft's
currency). The draft's amount is placed among them as a percentile rank, and two things
are flagged: an amount outside the 5th–95th percentile of the others, and an outcome
that goes against what most of them decided. With fewer than :data:`MIN_CASES` similar
cases nothing is flagged: too few to say what is usual.

Percentiles interpolate between ranks as PostgreSQL's ``percentile_cont`` does (the
statistics' definition, ``docs/statistics.md``), here in Python over a handful of
amounts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.documents.records import DecisionRecord, Ruling, SettlementAgreement
from app.errors import NotFound
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import words

#: Fewer similar cases than this: shown, but nothing is flagged.
MIN_CASES = 5
LOW_PERCENTILE, HIGH_PERCENTILE = 5.0, 95.0


@dataclass(frozen=True)
class SimilarCase:
    case_id: str
    title: str
    decided_at: datetime
    kind: str
    outcome: str
    amount: int | None  # minor units in ``currency``; None: no amount awarded in it
    currency: str | None


@dataclass(frozen=True)
class DraftDecision:
    """What the draft under review decides: its outcome and the amount it awards."""

    document_id: str
    outcome: str | None
    amount: int | None
    currency: str | None


@dataclass(frozen=True)
class Consistency:
    case_id: str
    category: str
    reason: str
    draft: DraftDecision | None  # None: this desk holds no draft of the case
    similar: tuple[SimilarCase, ...]
    outcomes: tuple[tuple[str, int], ...]  # outcome → how many, most common first
    low: float | None  # the 5th and 95th percentile of the similar amounts
    high: float | None
    median: float | None
    percentile: float | None  # the draft's amount among them (0–100)
    amount_flag: str | None  # "below" / "above" the 5th–95th band, else None
    outcome_flag: str | None  # the majority outcome, when the draft goes against it

    @property
    def flagged(self) -> bool:
        return self.amount_flag is not None or self.outcome_flag is not None

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "category": self.category,
            "reason": self.reason,
            "draft": None
            if self.draft is None
            else {
                "document_id": self.draft.document_id,
                "outcome": self.draft.outcome,
                "amount": self.draft.amount,
                "currency": self.draft.currency,
            },
            "similar": [
                {
                    "case_id": item.case_id,
                    "decided_at": item.decided_at.isoformat(),
                    "kind": item.kind,
                    "outcome": item.outcome,
                    "amount": item.amount,
                    "currency": item.currency,
                }
                for item in self.similar
            ],
            "outcomes": dict(self.outcomes),
            "p5": self.low,
            "median": self.median,
            "p95": self.high,
            "percentile": self.percentile,
            "amount_flag": self.amount_flag,
            "outcome_flag": self.outcome_flag,
            "flagged": self.flagged,
        }


def percentile_cont(values: Sequence[int], percent: float) -> float | None:
    """The ``percent`` percentile of ``values``, interpolated between the two ranks
    around it (PostgreSQL's ``percentile_cont``); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * percent / 100
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def percent_rank(values: Sequence[int], value: int) -> float | None:
    """Where ``value`` sits among ``values``: the share below it plus half the share
    equal to it, in percent (0 below all, 100 above all)."""
    if not values:
        return None
    below = sum(1 for item in values if item < value)
    equal = sum(1 for item in values if item == value)
    return round(100 * (below + equal / 2) / len(values), 1)


def draft_decision(record: DecisionRecord, document_id: str) -> DraftDecision:
    """The outcome and the total amount a drafted record awards."""
    outcome = getattr(record, "outcome", None)
    remedies: Sequence[Any] = ()
    if isinstance(record, Ruling | SettlementAgreement):
        remedies = record.remedies
    amounts = [entry.amount for entry in remedies if entry.amount is not None]
    currency = amounts[0].currency if amounts else None
    total = sum(a.value for a in amounts if a.currency == currency) if amounts else None
    return DraftDecision(
        document_id=document_id,
        outcome=None if outcome is None else outcome.code,
        amount=total,
        currency=currency,
    )


def _awarded(remedies: Sequence[Any], currency: str | None) -> tuple[int | None, str | None]:
    amounts = [
        item["amount"]
        for item in remedies or []
        if isinstance(item, dict) and isinstance(item.get("amount"), dict)
    ]
    if not amounts:
        return None, currency
    wanted = currency or str(amounts[0]["currency"])
    return sum(int(a["value"]) for a in amounts if a["currency"] == wanted), wanted


def similar_cases(uow: UnitOfWork, case_id: str, draft: DraftDecision | None) -> Consistency:
    """Past decided cases of the same category and reason, and where ``draft`` sits."""
    case = uow.session.get(m.Case, case_id)
    if case is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    rows = uow.session.execute(
        select(m.Case.id, m.Case.title, m.Decision)
        .join(m.Decision, m.Decision.case_id == m.Case.id)
        .where(
            m.Case.category == case.category,
            m.Case.reason == case.reason,
            m.Case.id != case.id,
        )
        .order_by(m.Decision.decided_at.desc(), m.Case.id)
    ).all()
    currency = draft.currency if draft is not None else None
    similar = []
    for other_id, title, decision in rows:
        amount, in_currency = _awarded(decision.remedies, currency)
        similar.append(
            SimilarCase(
                other_id,
                title,
                decision.decided_at,
                decision.kind,
                decision.outcome,
                amount,
                in_currency,
            )
        )
    outcomes = Counter(item.outcome for item in similar).most_common()
    # Amounts compared in one currency: the draft's, else the most common one.
    if currency is None:
        currencies = Counter(item.currency for item in similar if item.amount is not None)
        currency = currencies.most_common(1)[0][0] if currencies else None
    amounts = [
        item.amount if item.amount is not None else 0
        for item in similar
        if item.currency in (currency, None)
    ]
    low, high = percentile_cont(amounts, LOW_PERCENTILE), percentile_cont(amounts, HIGH_PERCENTILE)
    percentile = amount_flag = outcome_flag = None
    enough = len(similar) >= MIN_CASES
    if draft is not None:
        drafted = draft.amount or 0
        percentile = percent_rank(amounts, drafted)
        if enough and low is not None and high is not None:
            amount_flag = "below" if drafted < low else "above" if drafted > high else None
        if enough and outcomes and draft.outcome is not None:
            majority, count = outcomes[0]
            if count * 2 > len(similar) and majority != draft.outcome:
                outcome_flag = majority
    return Consistency(
        case_id=case.id,
        category=case.category,
        reason=case.reason,
        draft=draft,
        similar=tuple(similar),
        outcomes=tuple(outcomes),
        low=low,
        high=high,
        median=percentile_cont(amounts, 50.0),
        percentile=percentile,
        amount_flag=amount_flag,
        outcome_flag=outcome_flag,
    )
