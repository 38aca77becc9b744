"""What the statistics are asked: a period of China days, optionally a category and a mediator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from app.contract.case_document import FINISHED_STATUSES, Category, Outcome, choices
from app.errors import ValidationError
from app.vocabulary import words
from app.workflow import CHINA_TIME

DUE_SOON_WORKING_DAYS = 2
TOP_MERCHANTS = 10
MALICIOUS_FLAG = "suspected_malicious"
# How a closed case ended (its decision's kind, or withdrawn, or nothing decided).
ENDINGS: tuple[str, ...] = ("settlement", "ruling", "dismissal", "withdrawn", "no_decision")
RULING_KINDS = ("ruling", "dismissal")
# The outcomes a ruling or dismissal can have, in the contract's order.
RULING_OUTCOMES: tuple[str, ...] = tuple(o for o in choices(Outcome) if o != "withdrawn")
Bucket = Literal["day", "week", "month"]
EPOCH = date(1970, 1, 1)
FINISHED = sorted(FINISHED_STATUSES)


# -- what is asked ------------------------------------------------------------------------


@dataclass(frozen=True)
class StatsScope:
    """A period of days in China time (both ends included; None: no bound), and
    optionally one category and one mediator (``assigned_to``)."""

    first_day: date | None = None
    last_day: date | None = None
    category: str | None = None
    mediator: str | None = None

    def __post_init__(self) -> None:
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError(
                words(
                    "stats.period_backwards",
                    first=self.first_day.isoformat(),
                    last=self.last_day.isoformat(),
                )
            )
        if self.category is not None and self.category not in choices(Category):
            raise ValidationError(words("stats.unknown_category", category=self.category))

    @classmethod
    def last_days(cls, today: date, days: int, **filters: Any) -> StatsScope:
        """The ``days`` days up to and including ``today``."""
        return cls(today - timedelta(days=days - 1), today, **filters)


def china_today(now: datetime) -> date:
    return now.astimezone(CHINA_TIME).date()


def china_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=CHINA_TIME)
