"""The days of a period as a small SQL table (day, working days so far, chart bucket),
read from one JSON parameter, so figures count working days in SQL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    Integer,
    String,
    bindparam,
    cast,
    func,
    literal_column,
    select,
)

from app.stats.case_facts import day_of
from app.stats.expressions import (
    closed_in,
    in_stats_scope,
    opened_in,
)
from app.stats.scope import (
    EPOCH,
    Bucket,
    StatsScope,
    china_today,
)
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.workflow import WorkingDayCalendar


@dataclass(frozen=True)
class PeriodCalendar:
    """The days a query needs, as a SQL table: day number, working days up to and
    including it, and the chart bucket it falls in."""

    first: date
    last: date
    bucket: Bucket
    table: Any  # a CTE (day, seq, bucket)
    bucket_days: dict[int, tuple[date, date]]  # bucket number → its first and last day


def bucket_of(first: date, last: date) -> Bucket:
    span = (last - first).days + 1
    if span <= 31:
        return "day"
    if span <= 26 * 7:
        return "week"
    return "month"


def calendar_table(
    calendar: WorkingDayCalendar, first: date, last: date, bucket: Bucket, dialect: str
) -> PeriodCalendar:
    rows: list[tuple[int, int, int]] = []
    bounds: dict[int, tuple[date, date]] = {}
    seq = 0
    day = first
    while day <= last:
        if calendar.is_working_day(day):
            seq += 1
        if bucket == "day":
            start, end = day, day
        elif bucket == "week":
            start = day - timedelta(days=day.weekday())
            end = start + timedelta(days=6)
        else:
            start = day.replace(day=1)
            end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        number = (start - EPOCH).days
        bounds[number] = (start, end)
        rows.append(((day - EPOCH).days, seq, number))
        day += timedelta(days=1)
    return PeriodCalendar(first, last, bucket, days_table(dialect, rows), bounds)


def days_table(dialect: str, rows: list[tuple[int, int, int]]) -> Any:
    """The calendar's rows (day, seq, bucket) as a CTE read from one JSON parameter: the
    statement stays the same whatever the period (so SQLAlchemy compiles it once, not
    on every refresh as it must a VALUES list of the days)."""
    days = bindparam("calendar_days", json.dumps(rows), type_=String)
    if dialect == "sqlite":
        each = func.json_each(days).table_valued("value").alias("calendar_day")
        parts = [cast(func.json_extract(each.c.value, f"$[{i}]"), Integer) for i in range(3)]
    else:
        each = func.json_array_elements(cast(days, JSON)).table_valued("value")
        each = each.alias("calendar_day")
        parts = [cast(each.c.value.op("->>")(literal_column(str(i))), Integer) for i in range(3)]
    return select(parts[0].label("day"), parts[1].label("seq"), parts[2].label("bucket")).cte(
        "calendar"
    )


def period_span(uow: UnitOfWork, scope: StatsScope, now: datetime) -> tuple[date, date]:
    """The first and last day any figure of the scope needs on the calendar: from the
    earliest intake of a case closed in the period (or opened in it) to the period's
    end — one statement, each end read off the start or end of an index's range."""
    in_scope = in_stats_scope(scope, uow.dialect)
    closed = select(m.Case.id).where(in_scope, closed_in(scope))
    opened = select(func.min(m.Case.opened_day)).where(in_scope, opened_in(scope))
    first_closed, last_closed, first_opened = uow.session.execute(
        select(
            # "+ 0": read off the closed cases' range, never by walking the index of
            # intake days from its start until a case closed in the period turns up.
            closed.with_only_columns(func.min(m.Case.opened_day + 0)).scalar_subquery(),
            closed.with_only_columns(func.max(m.Case.finished_day)).scalar_subquery(),
            opened.scalar_subquery(),
        )
    ).one()
    today = china_today(now)
    numbers = [n for n in (first_closed, first_opened, last_closed) if n is not None]
    days = [day_of(int(n)) for n in numbers]
    first = min([*days, scope.first_day or today, today])
    last = max([*days, scope.last_day or today])
    return first, last
