"""The SQL expressions every figure is built from: periods as China day numbers, the
queue's cases, how a case ended, a decision's remedies (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from app.stats.scope import (
    EPOCH,
    FINISHED,
    RULING_KINDS,
    StatsScope,
    china_midnight,
)
from app.store import models as m

# -- the expressions every figure is built from ---------------------------------------------


def day_number(day: date) -> int:
    return (day - EPOCH).days


# The first and last day numbers a period without a bound reaches.
FIRST_DAY = (date.min - EPOCH).days
LAST_DAY = (date.max - EPOCH).days


def in_days(day_column: Any, scope: StatsScope) -> ColumnElement[bool]:
    """A China day number (``opened_day``, ``finished_day``) within the period: the
    same cases as the stored time falling on one of its days, along an integer index.
    Always a range with both ends (an open end is the first or last day there is): a
    bare IS NOT NULL would leave SQLite's planner to guess an index, and it guesses
    one the figure's columns are not in."""
    first = day_number(scope.first_day) if scope.first_day is not None else FIRST_DAY
    last = day_number(scope.last_day) if scope.last_day is not None else LAST_DAY
    return and_(day_column >= first, day_column <= last)


def unseekable(dialect: str | None, column: Any) -> Any:
    """``column`` as SQLite may not seek along (a unary ``+``, SQLite's documented way to
    say so): the query then reads the statistics' index its GROUP BY is in the order of,
    whole, instead of seeking another index and sorting every row it finds (SQLite has
    no hash aggregation, and without ``ANALYZE`` statistics its planner prefers any
    index it can seek, even one that does not hold the figure's columns). PostgreSQL,
    and the queue (``dialect`` None), choose for themselves."""
    if dialect != "sqlite":
        return column
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def in_period(moment: Any, scope: StatsScope) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = [moment.is_not(None)]
    if scope.first_day is not None:
        conditions.append(moment >= china_midnight(scope.first_day))
    if scope.last_day is not None:
        conditions.append(moment < china_midnight(scope.last_day + timedelta(days=1)))
    return and_(*conditions)


def in_stats_scope(scope: StatsScope, dialect: str | None = None) -> ColumnElement[bool]:
    # "IS NOT false", not "IS true" (the same for this NOT NULL column): SQLite without
    # statistics would otherwise walk the queue's index on in_queue, one row at a time,
    # instead of the statistics' covering indexes.
    # The category and the mediator narrow what a figure reads along the index its
    # grouping or its period chose (never the index on the category, or the mediators').
    conditions: list[ColumnElement[bool]] = [m.Case.in_queue.is_not(False)]
    if scope.category is not None:
        conditions.append(unseekable(dialect, m.Case.category) == scope.category)
    if scope.mediator is not None:
        conditions.append(unseekable(dialect, m.Case.assigned_to) == scope.mediator)
    return and_(*conditions)


def opened_in(scope: StatsScope, dialect: str | None = None) -> ColumnElement[bool]:
    """Opened in the period (``dialect`` given: not seeking the index of the day)."""
    # opened_day is created_at's China day (app/stats/case_facts.py).
    return in_days(unseekable(dialect, m.Case.opened_day), scope)


def closed_in(scope: StatsScope) -> ColumnElement[bool]:
    # finished_at (and its day, finished_day) is set exactly when the case is in a
    # finished status (case_facts.py); the period alone picks the finished cases, along
    # the index that starts with it.
    return in_days(m.Case.finished_day, scope)


def open_now() -> ColumnElement[bool]:
    return m.Case.status.not_in(FINISHED)


def overdue(now: datetime) -> ColumnElement[bool]:
    return and_(open_now(), m.Case.due_at < now)


def due_soon(now: datetime, until: datetime) -> ColumnElement[bool]:
    return and_(open_now(), m.Case.due_at >= now, m.Case.due_at <= until)


def malicious() -> ColumnElement[bool]:
    # The flag suspected_malicious, as a column of its own (app/stats/case_facts.py).
    return m.Case.flagged_malicious.is_(True)


def has_event(names: Sequence[str], scope: StatsScope | None = None) -> ColumnElement[bool]:
    # Not correlated: the few cases with such an event are found once by the history
    # table's index on event names, then each case is looked up in that set.
    events = select(m.HistoryEvent.case_id).where(m.HistoryEvent.event.in_(list(names)))
    if scope is not None:
        events = events.where(in_period(m.HistoryEvent.at, scope))
    return m.Case.id.in_(events.correlate(None))


def ending_of_case() -> ColumnElement[str]:
    return case(
        (
            or_(m.Case.status == "withdrawn", m.Case.decision_outcome == "withdrawn"),
            literal("withdrawn"),
        ),
        (
            m.Case.decision_kind.in_(("settlement", "ruling", "dismissal")),
            m.Case.decision_kind,
        ),
        else_=literal("no_decision"),
    )


def merchant_key() -> ColumnElement[str]:
    return func.coalesce(m.Case.merchant_shop_id, m.Case.merchant_name)


def sanction_count() -> ColumnElement[int]:
    return func.coalesce(m.Case.sanctions_imposed, 0)


def equals_or_null(expression: Any, value: str | None) -> ColumnElement[bool]:
    found: ColumnElement[bool] = expression.is_(None) if value is None else expression == value
    return found


def as_int(value: Any) -> int:
    return int(value or 0)


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def remedy_amounts(dialect: str) -> tuple[Any, Any, Any]:
    """A table of the decision's remedies, with each one's currency and amount."""
    if dialect == "sqlite":
        remedies = func.json_each(m.Decision.remedies).table_valued("value").alias("remedy")
        currency: Any = func.json_extract(remedies.c.value, "$.amount.currency")
        amount = cast(func.json_extract(remedies.c.value, "$.amount.value"), BigInteger)
        return remedies, currency, amount
    # As jsonb: each remedy parsed once, not again for every operator applied to it.
    remedies_b = cast(m.Decision.remedies, JSONB)
    elements = func.jsonb_array_elements(remedies_b).table_valued("value").alias("remedy")
    money = elements.c.value.op("->")("amount")
    currency = money.op("->>")("currency")
    return elements, currency, cast(money.op("->>")("value"), BigInteger)


def ruled_in(scope: StatsScope) -> ColumnElement[bool]:
    return and_(closed_in(scope), ending_of_case().in_(RULING_KINDS))
