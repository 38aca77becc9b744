"""What the statistics answer: one frozen :class:`Statistics` and its parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.stats.scope import (
    Bucket,
    StatsScope,
)
from app.stats.selection import CaseSelection

# -- what is answered ---------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """How many cases have this value (``key`` None: none known, e.g. an address no
    place was recognised in)."""

    key: str | None
    count: int
    parent: str | None = None  # a city's province


@dataclass(frozen=True)
class Headline:
    opened: int
    closed: int
    open_now: int
    overdue: int
    due_soon: int
    malicious: int  # opened in the period with the complainant flagged suspected_malicious
    reopened: int  # reopened (appeal or reopen event) during the period


@dataclass(frozen=True)
class HandlingTime:
    """Working days from intake to finish of the cases closed in the period."""

    category: str | None  # None: every category together
    cases: int
    median: float | None
    p90: float | None


@dataclass(frozen=True)
class Endings:
    """How the cases closed in the period ended."""

    counts: tuple[Count, ...]  # one per :data:`ENDINGS`, in that order
    decided: int  # settled + ruled + dismissed
    settled: int
    settlement_rate: float | None  # settled / decided


@dataclass(frozen=True)
class Appeals:
    rulings: int  # closed in the period by a ruling or a dismissal
    appealed: int  # … of which appealed at least once
    changed: int  # … of which the outcome changed on appeal
    pending: int  # appealed and not finished again, now
    appeal_rate: float | None  # appealed / rulings
    changed_rate: float | None  # changed / appealed


@dataclass(frozen=True)
class Award:
    """What the decisions of the cases closed in the period awarded, per currency."""

    currency: str
    kind: str  # the decision's kind: settlement, ruling, dismissal
    cases: int
    total: int  # minor units


@dataclass(frozen=True)
class MerchantFigures:
    key: str  # the shop id, or the merchant's name when the case names no shop
    name: str | None
    disputes: int  # cases opened in the period
    open_now: int  # … of which still in progress
    sanctioned_cases: int  # closed in the period with at least one sanction
    sanctions: int  # sanctions imposed by those decisions


@dataclass(frozen=True)
class MediatorFigures:
    mediator: str | None  # None: not assigned to anyone
    open_now: int
    overdue: int
    due_soon: int
    closed: int  # closed in the period


@dataclass(frozen=True)
class OpenedIn:
    """Cases of one category opened in one bucket (day, week or month) of the period."""

    first_day: date
    last_day: date
    category: str
    count: int


@dataclass(frozen=True)
class Statistics:
    scope: StatsScope
    now: datetime
    due_soon_until: datetime  # the end of the second working day after today
    headline: Headline
    by_category: tuple[Count, ...]
    by_reason: tuple[Count, ...]
    by_status: tuple[Count, ...]
    by_channel: tuple[Count, ...]
    by_province: tuple[Count, ...]
    by_city: tuple[Count, ...]
    bucket: Bucket
    opened_over_time: tuple[OpenedIn, ...]
    handling: tuple[HandlingTime, ...]  # every category first (category None), then each
    endings: Endings
    outcomes: tuple[Count, ...]  # of rulings and dismissals, one per RULING_OUTCOMES
    appeals: Appeals
    awards: tuple[Award, ...]
    top_merchants: tuple[MerchantFigures, ...]  # most disputes first
    most_sanctioned: tuple[MerchantFigures, ...]  # most sanctions first
    mediators: tuple[MediatorFigures, ...]
    # Years whose working days are provisional or weekdays only (handling times may be
    # off by a day or two across their holidays).
    uncertain_years: tuple[tuple[int, str], ...] = field(default=())

    def selection(self, figure: str, *key: str | None) -> CaseSelection:
        """The cases one of these figures counts (for the queue)."""
        return CaseSelection(self.scope, self.now, self.due_soon_until, figure, key)
