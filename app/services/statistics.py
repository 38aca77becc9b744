"""The numbers supervisors watch, as SQL aggregates in the database (SQLite and PostgreSQL).

:func:`compute_statistics` takes a :class:`StatsScope` — a period of China dates, and
optionally one category and one mediator — and returns one frozen :class:`Statistics`:
what ``mediation-desk stats`` prints and the desk's dashboard draws. Each figure is
defined exactly in ``docs/statistics.md``; the short version:

- *opened*: cases whose ``created_at`` falls on a day of the period (China time);
- *closed*: cases finished now whose ``finished_at`` (:mod:`app.stats.case_facts`) falls in
  the period — handling time, how cases ended, outcomes, appeals, awards and sanctions
  are all about these;
- *open now*, *overdue*, *due within two working days*, and each mediator's load are
  about this moment (``now``), whatever the period.

Only cases the queue shows are counted (``in_queue``: the platform still shows them to
this desk), so clicking a figure filters the queue to exactly the cases it counts: a
:class:`CaseSelection` is one figure's bar as a SQL condition the queue applies
(:attr:`app.services.queue.QueueQuery.cases`), built from the same query as the figure.

Working days come from :mod:`app.workflow.calendar`: the days of the period, as a small
table (day, working days so far, chart bucket) read from one JSON parameter and joined
in SQL. Percentiles are computed in SQL with window functions, interpolated like
PostgreSQL's ``percentile_cont``.

Speed (``docs/statistics.md``, "Speed"): a refresh is ten statements, each reading one
of the covering indexes of migration 0008 and grouping in that index's order, since
SQLite has no hash aggregation (a GROUP BY out of index order sorts every case it reads).
Periods are ranges of China day numbers (``opened_day``, ``finished_day``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from sqlalchemy import (
    JSON,
    BigInteger,
    ColumnElement,
    Integer,
    String,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from app.contract.case_document import FINISHED_STATUSES, CaseStatus, Category, Outcome, choices
from app.errors import ValidationError
from app.stats.case_facts import day_of
from app.stats.events import APPEAL_EVENTS, OUTCOME_CHANGED_EVENTS, REOPENING_EVENTS
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import words
from app.workflow import CHINA_TIME, WorkingDayCalendar, default_calendar

DUE_SOON_WORKING_DAYS = 2
TOP_MERCHANTS = 10
MALICIOUS_FLAG = "suspected_malicious"
# How a closed case ended (its decision's kind, or withdrawn, or nothing decided).
ENDINGS: tuple[str, ...] = ("settlement", "ruling", "dismissal", "withdrawn", "no_decision")
RULING_KINDS = ("ruling", "dismissal")
# The outcomes a ruling or dismissal can have, in the contract's order.
RULING_OUTCOMES: tuple[str, ...] = tuple(o for o in choices(Outcome) if o != "withdrawn")
Bucket = Literal["day", "week", "month"]
_EPOCH = date(1970, 1, 1)
_FINISHED = sorted(FINISHED_STATUSES)


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


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=CHINA_TIME)


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


# -- the expressions every figure is built from ---------------------------------------------


def _day(day: date) -> int:
    return (day - _EPOCH).days


# The first and last day numbers a period without a bound reaches.
_FIRST_DAY = (date.min - _EPOCH).days
_LAST_DAY = (date.max - _EPOCH).days


def _in_days(day_column: Any, scope: StatsScope) -> ColumnElement[bool]:
    """A China day number (``opened_day``, ``finished_day``) within the period: the
    same cases as the stored time falling on one of its days, along an integer index.
    Always a range with both ends (an open end is the first or last day there is): a
    bare IS NOT NULL would leave SQLite's planner to guess an index, and it guesses
    one the figure's columns are not in."""
    first = _day(scope.first_day) if scope.first_day is not None else _FIRST_DAY
    last = _day(scope.last_day) if scope.last_day is not None else _LAST_DAY
    return and_(day_column >= first, day_column <= last)


def _unseekable(dialect: str | None, column: Any) -> Any:
    """``column`` as SQLite may not seek along (a unary ``+``, SQLite's documented way to
    say so): the query then reads the statistics' index its GROUP BY is in the order of,
    whole, instead of seeking another index and sorting every row it finds (SQLite has
    no hash aggregation, and without ``ANALYZE`` statistics its planner prefers any
    index it can seek, even one that does not hold the figure's columns). PostgreSQL,
    and the queue (``dialect`` None), choose for themselves."""
    if dialect != "sqlite":
        return column
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def _in_period(moment: Any, scope: StatsScope) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = [moment.is_not(None)]
    if scope.first_day is not None:
        conditions.append(moment >= _midnight(scope.first_day))
    if scope.last_day is not None:
        conditions.append(moment < _midnight(scope.last_day + timedelta(days=1)))
    return and_(*conditions)


def _in_scope(scope: StatsScope, dialect: str | None = None) -> ColumnElement[bool]:
    # "IS NOT false", not "IS true" (the same for this NOT NULL column): SQLite without
    # statistics would otherwise walk the queue's index on in_queue, one row at a time,
    # instead of the statistics' covering indexes.
    # The category and the mediator narrow what a figure reads along the index its
    # grouping or its period chose (never the index on the category, or the mediators').
    conditions: list[ColumnElement[bool]] = [m.Case.in_queue.is_not(False)]
    if scope.category is not None:
        conditions.append(_unseekable(dialect, m.Case.category) == scope.category)
    if scope.mediator is not None:
        conditions.append(_unseekable(dialect, m.Case.assigned_to) == scope.mediator)
    return and_(*conditions)


def _opened(scope: StatsScope, dialect: str | None = None) -> ColumnElement[bool]:
    """Opened in the period (``dialect`` given: not seeking the index of the day)."""
    # opened_day is created_at's China day (app/stats/case_facts.py).
    return _in_days(_unseekable(dialect, m.Case.opened_day), scope)


def _closed(scope: StatsScope) -> ColumnElement[bool]:
    # finished_at (and its day, finished_day) is set exactly when the case is in a
    # finished status (case_facts.py); the period alone picks the finished cases, along
    # the index that starts with it.
    return _in_days(m.Case.finished_day, scope)


def _open_now() -> ColumnElement[bool]:
    return m.Case.status.not_in(_FINISHED)


def _overdue(now: datetime) -> ColumnElement[bool]:
    return and_(_open_now(), m.Case.due_at < now)


def _due_soon(now: datetime, until: datetime) -> ColumnElement[bool]:
    return and_(_open_now(), m.Case.due_at >= now, m.Case.due_at <= until)


def _malicious() -> ColumnElement[bool]:
    # The flag suspected_malicious, as a column of its own (app/stats/case_facts.py).
    return m.Case.flagged_malicious.is_(True)


def _has_event(names: Sequence[str], scope: StatsScope | None = None) -> ColumnElement[bool]:
    # Not correlated: the few cases with such an event are found once by the history
    # table's index on event names, then each case is looked up in that set.
    events = select(m.HistoryEvent.case_id).where(m.HistoryEvent.event.in_(list(names)))
    if scope is not None:
        events = events.where(_in_period(m.HistoryEvent.at, scope))
    return m.Case.id.in_(events.correlate(None))


def _ending() -> ColumnElement[str]:
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


def _merchant_key() -> ColumnElement[str]:
    return func.coalesce(m.Case.merchant_shop_id, m.Case.merchant_name)


def _sanction_count() -> ColumnElement[int]:
    return func.coalesce(m.Case.sanctions_imposed, 0)


def _equals(expression: Any, value: str | None) -> ColumnElement[bool]:
    found: ColumnElement[bool] = expression.is_(None) if value is None else expression == value
    return found


def _number(value: Any) -> int:
    return int(value or 0)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# -- the figures -----------------------------------------------------------------------------


def _sorted_counts(found: dict[Any, int], order: Sequence[str] = ()) -> tuple[Count, ...]:
    if order:
        listed = [Count(value, found.get(value, 0)) for value in order]
        others = [Count(value, n) for value, n in found.items() if value not in order]
        return (*listed, *sorted(others, key=lambda c: (-c.count, str(c.key))))
    return tuple(
        sorted(
            (Count(value, n) for value, n in found.items()),
            key=lambda c: (c.key is None, -c.count, str(c.key)),
        )
    )


def _counted(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


@dataclass(frozen=True)
class _Opened:
    opened: int
    malicious: int
    by: dict[str, tuple[Count, ...]]
    cities: tuple[Count, ...]


def _opened_figures(uow: UnitOfWork, scope: StatsScope) -> _Opened:
    """Every breakdown of the cases opened in the period, from one pass over them: a
    cube grouped by all the dimensions at once — along the index in that order, so
    without sorting the cases — rolled up along each in SQL."""
    dimensions = {
        "category": m.Case.category,
        "reason": m.Case.reason,
        "status": m.Case.status,
        "channel": m.Case.channel,
        "province": m.Case.buyer_province,
        "city": m.Case.buyer_city,
    }
    # The flag too (the index's next column): each case is counted, never tested.
    flagged = m.Case.flagged_malicious
    cube = (
        select(
            *(column.label(name) for name, column in dimensions.items()),
            flagged.label("flagged"),
            func.count().label("n"),
        )
        .where(_in_scope(scope, uow.dialect), _opened(scope, uow.dialect))
        .group_by(*dimensions.values(), flagged)
        .cte("opened_cube")
    )
    parts = [
        select(
            literal(name).label("figure"),
            cube.c[name].label("key"),
            (cube.c.province if name == "city" else literal(None, String)).label("parent"),
            func.sum(cube.c.n).label("n"),
        ).group_by(*([cube.c.province, cube.c.city] if name == "city" else [cube.c[name]]))
        for name in dimensions
    ]
    parts.append(
        select(
            literal("total").label("figure"),
            literal(None, String).label("key"),
            literal(None, String).label("parent"),
            func.sum(cube.c.n).label("n"),
        )
    )
    parts.append(
        select(
            literal("malicious").label("figure"),
            literal(None, String).label("key"),
            literal(None, String).label("parent"),
            func.sum(case((cube.c.flagged.is_(True), cube.c.n), else_=0)).label("n"),
        )
    )
    found: dict[str, list[tuple[Any, Any, int]]] = {name: [] for name in dimensions}
    totals = {"total": 0, "malicious": 0}
    for figure, key, parent, n in uow.session.execute(union_all(*parts)):
        if figure in totals:
            totals[figure] = _number(n)
        else:
            found[figure].append((key, parent, int(n)))
    orders = {"category": choices(Category), "status": choices(CaseStatus)}
    by = {
        name: _sorted_counts({key: n for key, _p, n in found[name]}, orders.get(name, ()))
        for name in dimensions
        if name != "city"
    }
    cities = tuple(
        sorted(
            (Count(key, n, parent) for key, parent, n in found["city"]),
            key=lambda c: (c.key is None, -c.count, str(c.parent), str(c.key)),
        )
    )
    return _Opened(totals["total"], totals["malicious"], by, cities)


@dataclass(frozen=True)
class _Now:
    closed: int
    open_now: int
    overdue: int
    due_soon: int
    mediators: tuple[MediatorFigures, ...]


def _now_figures(uow: UnitOfWork, scope: StatsScope, now: datetime, until: datetime) -> _Now:
    """Each mediator's load now and what they closed in the period, and the totals.

    One pass along the load index, grouped by mediator and status in its order (the
    status is then tested once a group, not once a case); a mediator with nothing in
    progress and nothing closed in the period is left out."""
    due = m.Case.due_at
    by_status = (
        select(
            m.Case.assigned_to.label("mediator"),
            m.Case.status.label("status"),
            func.count().label("n"),
            _counted(due < now).label("overdue"),
            _counted(and_(due >= now, due <= until)).label("due_soon"),
            _counted(_closed(scope)).label("closed"),
        )
        .where(_in_scope(scope, uow.dialect))
        .group_by(m.Case.assigned_to, m.Case.status)
        .subquery("by_status")
    )
    in_progress = by_status.c.status.not_in(_FINISHED)

    def when_in_progress(value: Any) -> Any:
        return func.coalesce(func.sum(case((in_progress, value), else_=0)), 0)

    in_progress_now = when_in_progress(by_status.c.n)
    closed_in_period = func.coalesce(func.sum(by_status.c.closed), 0)
    loads = (
        select(
            by_status.c.mediator,
            in_progress_now.label("open_now"),
            when_in_progress(by_status.c.overdue).label("overdue"),
            when_in_progress(by_status.c.due_soon).label("due_soon"),
            closed_in_period.label("closed"),
        )
        .group_by(by_status.c.mediator)
        .having(or_(in_progress_now > 0, closed_in_period > 0))
        .cte("loads")
    )
    measures = ("open_now", "overdue", "due_soon", "closed")
    rows = uow.session.execute(
        union_all(
            select(literal(0).label("total"), loads.c.mediator, *(loads.c[n] for n in measures)),
            select(
                literal(1).label("total"),
                literal(None, String).label("mediator"),
                *(func.coalesce(func.sum(loads.c[n]), 0).label(n) for n in measures),
            ),
        )
    ).all()
    mediators = [
        MediatorFigures(who, *(_number(v) for v in rest)) for total, who, *rest in rows if not total
    ]
    totals = next((rest for total, _who, *rest in rows if total), [0, 0, 0, 0])
    open_now, overdue, due_soon, closed = (_number(v) for v in totals)
    ordered = sorted(mediators, key=lambda f: (f.mediator is None, -f.open_now, str(f.mediator)))
    return _Now(closed, open_now, overdue, due_soon, tuple(ordered))


def _reopened(uow: UnitOfWork, scope: StatsScope) -> int:
    return int(
        uow.session.execute(
            select(func.count()).where(
                _in_scope(scope, uow.dialect), _has_event(REOPENING_EVENTS, scope)
            )
        ).scalar_one()
    )


@dataclass(frozen=True)
class _Calendar:
    """The days a query needs, as a SQL table: day number, working days up to and
    including it, and the chart bucket it falls in."""

    first: date
    last: date
    bucket: Bucket
    table: Any  # a CTE (day, seq, bucket)
    bucket_days: dict[int, tuple[date, date]]  # bucket number → its first and last day


def _bucket_of(first: date, last: date) -> Bucket:
    span = (last - first).days + 1
    if span <= 31:
        return "day"
    if span <= 26 * 7:
        return "week"
    return "month"


def _calendar_table(
    calendar: WorkingDayCalendar, first: date, last: date, bucket: Bucket, dialect: str
) -> _Calendar:
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
        number = (start - _EPOCH).days
        bounds[number] = (start, end)
        rows.append(((day - _EPOCH).days, seq, number))
        day += timedelta(days=1)
    return _Calendar(first, last, bucket, _days_table(dialect, rows), bounds)


def _days_table(dialect: str, rows: list[tuple[int, int, int]]) -> Any:
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


def _span(uow: UnitOfWork, scope: StatsScope, now: datetime) -> tuple[date, date]:
    """The first and last day any figure of the scope needs on the calendar: from the
    earliest intake of a case closed in the period (or opened in it) to the period's
    end — one statement, each end read off the start or end of an index's range."""
    in_scope = _in_scope(scope, uow.dialect)
    closed = select(m.Case.id).where(in_scope, _closed(scope))
    opened = select(func.min(m.Case.opened_day)).where(in_scope, _opened(scope))
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


def _opened_over_time(
    uow: UnitOfWork, scope: StatsScope, calendar: _Calendar
) -> tuple[OpenedIn, ...]:
    # Grouped by day first (along the index in that order): the calendar is joined to
    # at most a few thousand rows.
    day = m.Case.opened_day
    days = (
        select(day.label("day"), m.Case.category, func.count().label("n"))
        .where(_in_scope(scope, uow.dialect), _opened(scope))
        .group_by(day, m.Case.category)
        .cte("opened_days")
    )
    table = calendar.table
    rows = uow.session.execute(
        select(table.c.bucket, days.c.category, func.sum(days.c.n))
        .select_from(days)
        .join(table, table.c.day == days.c.day)
        .group_by(table.c.bucket, days.c.category)
        .order_by(table.c.bucket, days.c.category)
    ).all()
    found = []
    for number, category, count in rows:
        first, last = calendar.bucket_days[int(number)]
        found.append(OpenedIn(first, last, category, int(count)))
    return tuple(found)


def _handling(uow: UnitOfWork, scope: StatsScope, calendar: _Calendar) -> tuple[HandlingTime, ...]:
    """Median and 90th percentile of the working days from intake to finish.

    The closed cases are grouped by (category, intake day, finish day) first, the
    calendar joined to those groups, and the percentiles read off the running count of
    cases ordered by days — interpolated between the two ranks around each like
    ``percentile_cont``, in integer arithmetic so both databases agree."""
    opened_day = m.Case.opened_day
    finished_day = m.Case.finished_day
    pairs = (
        select(
            m.Case.category,
            opened_day.label("opened_day"),
            finished_day.label("finished_day"),
            func.count().label("n"),
        )
        .where(_in_scope(scope, uow.dialect), _closed(scope))
        # In the order of the index of finished cases: grouped as it is read.
        .group_by(finished_day, m.Case.category, opened_day)
        .cte("handled_pairs")
    )
    opened_on = calendar.table.alias("opened_on")
    finished_on = calendar.table.alias("finished_on")
    days = (finished_on.c.seq - opened_on.c.seq).label("days")
    per_day = (
        select(pairs.c.category, days, func.sum(pairs.c.n).label("n"))
        .select_from(pairs)
        .join(opened_on, opened_on.c.day == pairs.c.opened_day)
        .join(finished_on, finished_on.c.day == pairs.c.finished_day)
        .group_by(pairs.c.category, days)
        .cte("handled_days")
    )

    def percentiles(by_category: bool) -> Any:
        grouped: Any = per_day
        if not by_category:
            grouped = (
                select(per_day.c.days, func.sum(per_day.c.n).label("n"))
                .group_by(per_day.c.days)
                .subquery("all_days")
            )
        partition = grouped.c.category if by_category else None
        running = select(
            grouped.c.category if by_category else literal(None, String).label("category"),
            grouped.c.days,
            # Sums are NUMERIC on PostgreSQL: made integers again, for integer arithmetic.
            cast(
                func.sum(grouped.c.n).over(partition_by=partition, order_by=grouped.c.days), Integer
            ).label("running"),
            cast(func.sum(grouped.c.n).over(partition_by=partition), Integer).label("size"),
        ).subquery("running")
        return select(
            literal(by_category).label("by_category"),
            running.c.category,
            func.max(running.c.size),
            _percentile(running.c.running, running.c.size, running.c.days, 5),
            _percentile(running.c.running, running.c.size, running.c.days, 9),
        ).group_by(running.c.category)

    # Every category together and each one, in one statement (the pairs are read once).
    rows = [
        (bool(by_category), (category, int(size), float(median), float(p90)))
        for by_category, category, size, median, p90 in uow.session.execute(
            union_all(percentiles(False), percentiles(True))
        )
        if size
    ]
    every = [row for by_category, row in rows if not by_category]
    found = [HandlingTime(*every[0]) if every else HandlingTime(None, 0, None, None)]
    by_category = {row[0]: row for is_category, row in rows if is_category}
    found += [HandlingTime(*by_category[c]) for c in choices(Category) if c in by_category]
    return tuple(found)


def _percentile(running: Any, size: Any, days: Any, tenths: int) -> Any:
    """The ``tenths``/10 percentile: the values at the two ranks around position
    1 + p × (n − 1), each the smallest day count whose running count reaches the rank."""
    offset = tenths * (size - 1)
    lower = 1 + offset // 10
    upper = lower + case((offset % 10 > 0, 1), else_=0)
    low = func.min(case((running >= lower, days)))
    high = func.min(case((running >= upper, days)))
    fraction = func.max(offset % 10)
    return low + (high - low) * fraction / 10.0


def _ruled(scope: StatsScope) -> ColumnElement[bool]:
    return and_(_closed(scope), _ending().in_(RULING_KINDS))


@dataclass(frozen=True)
class _Ruled:
    rulings: int  # closed in the period by a ruling or a dismissal
    appealed: int
    changed: int


def _endings_and_outcomes(
    uow: UnitOfWork, scope: StatsScope
) -> tuple[Endings, tuple[Count, ...], _Ruled]:
    """How the cases closed in the period ended, the rulings' outcomes, and how many of
    the rulings were appealed and changed — one pass over the closed cases."""
    ending = _ending()
    appealed = _has_event(APPEAL_EVENTS)
    changed = _has_event(OUTCOME_CHANGED_EVENTS)
    rows = uow.session.execute(
        select(
            ending,
            m.Case.decision_outcome,
            func.count(),
            _counted(appealed),
            _counted(and_(appealed, changed)),
        )
        .where(_in_scope(scope, uow.dialect), _closed(scope))
        .group_by(ending, m.Case.decision_outcome)
    ).all()
    endings: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    rulings = appeals = changes = 0
    for key, outcome, n, n_appealed, n_changed in rows:
        endings[key] = endings.get(key, 0) + int(n)
        if key in RULING_KINDS:
            outcomes[outcome] = outcomes.get(outcome, 0) + int(n)
            rulings += int(n)
            appeals += _number(n_appealed)
            changes += _number(n_changed)
    counts = tuple(Count(key, endings.get(key, 0)) for key in ENDINGS)
    settled = endings.get("settlement", 0)
    decided = settled + endings.get("ruling", 0) + endings.get("dismissal", 0)
    return (
        Endings(counts, decided, settled, _rate(settled, decided)),
        _sorted_counts(outcomes, RULING_OUTCOMES),
        _Ruled(rulings, appeals, changes),
    )


def _appeals(uow: UnitOfWork, scope: StatsScope, ruled: _Ruled) -> Appeals:
    """The rulings' appeals, and the appeals still pending now."""
    pending = uow.session.execute(
        select(func.count()).where(
            _in_scope(scope, uow.dialect), _open_now(), _has_event(APPEAL_EVENTS)
        )
    ).scalar_one()
    return Appeals(
        ruled.rulings,
        ruled.appealed,
        ruled.changed,
        int(pending),
        _rate(ruled.appealed, ruled.rulings),
        _rate(ruled.changed, ruled.appealed),
    )


def _remedy_amounts(dialect: str) -> tuple[Any, Any, Any]:
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


def _awards(uow: UnitOfWork, scope: StatsScope) -> tuple[Award, ...]:
    remedies, currency, amount = _remedy_amounts(uow.dialect)
    rows = uow.session.execute(
        select(
            currency,
            m.Decision.kind,
            func.count(func.distinct(m.Case.id)),
            func.sum(amount),
        )
        .select_from(m.Case)
        .join(m.Decision, m.Decision.case_id == m.Case.id)
        .join(remedies, true())
        .where(_in_scope(scope, uow.dialect), _closed(scope), currency.is_not(None))
        .group_by(currency, m.Decision.kind)
    ).all()
    kinds = ("settlement", "ruling", "dismissal")
    found = [Award(str(cur), str(kind), int(n), int(total or 0)) for cur, kind, n, total in rows]
    return tuple(
        sorted(found, key=lambda a: (a.currency, kinds.index(a.kind) if a.kind in kinds else 9))
    )


def _merchants(uow: UnitOfWork, scope: StatsScope) -> tuple[tuple[MerchantFigures, ...], ...]:
    """The merchants with the most disputes (opened in the period) and with the most
    sanctions (imposed by the decisions of cases closed in it): each side grouped over
    its own index (by shop and name, the order of the merchants' index), put together,
    grouped by merchant, ranked twice."""
    key = _merchant_key()
    zero = literal(0)
    shop, name = m.Case.merchant_shop_id, m.Case.merchant_name
    # By status too (the index's next column): the status is tested once a group.
    by_status = (
        select(shop.label("shop"), name.label("name"), m.Case.status, func.count().label("n"))
        .where(_in_scope(scope, uow.dialect), _opened(scope, uow.dialect), key.is_not(None))
        .group_by(shop, name, m.Case.status)
        .subquery("disputes_by_status")
    )
    in_progress = by_status.c.status.not_in(_FINISHED)
    disputes = select(
        by_status.c.shop,
        by_status.c.name,
        func.sum(by_status.c.n).label("disputes"),
        func.sum(case((in_progress, by_status.c.n), else_=0)).label("open_now"),
        zero.label("sanctioned"),
        zero.label("sanctions"),
    ).group_by(by_status.c.shop, by_status.c.name)
    sanctions = _sanction_count()
    sanctioned = (
        select(
            shop.label("shop"),
            name.label("name"),
            zero.label("disputes"),
            zero.label("open_now"),
            _counted(sanctions > 0).label("sanctioned"),
            func.coalesce(func.sum(sanctions), 0).label("sanctions"),
        )
        .where(_in_scope(scope, uow.dialect), _closed(scope), key.is_not(None))
        .group_by(shop, name)
    )
    both = union_all(disputes, sanctioned).subquery("merchant_parts")
    merchant = func.coalesce(both.c.shop, both.c.name)
    measures = ("disputes", "open_now", "sanctioned", "sanctions")
    merchants = (
        select(
            merchant.label("merchant"),
            func.max(both.c.name).label("name"),
            *(func.sum(both.c[n]).label(n) for n in measures),
        )
        .group_by(merchant)
        .cte("merchants")
    )

    def ranked(rank: int, first: Any, second: Any) -> Any:
        return (
            select(literal(rank).label("ranking"), *merchants.c)
            .where(first > 0)
            .order_by(first.desc(), second.desc(), merchants.c.merchant)
            .limit(TOP_MERCHANTS)
            .subquery(f"ranking_{rank}")
        )

    by_disputes = ranked(0, merchants.c.disputes, merchants.c.sanctions)
    by_sanctions = ranked(1, merchants.c.sanctions, merchants.c.disputes)
    found: tuple[list[MerchantFigures], list[MerchantFigures]] = ([], [])
    rows = uow.session.execute(union_all(select(*by_disputes.c), select(*by_sanctions.c))).all()
    for ranking, merchant, name, *rest in rows:
        found[ranking].append(MerchantFigures(str(merchant), name, *(_number(v) for v in rest)))
    order = (
        lambda f: (-f.disputes, -f.sanctions, f.key),
        lambda f: (-f.sanctions, -f.disputes, f.key),
    )
    return tuple(tuple(sorted(found[i], key=order[i])) for i in (0, 1))


def due_soon_until(now: datetime, calendar: WorkingDayCalendar | None = None) -> datetime:
    """The end of the second working day after today (18:00 China time): a case still in
    progress due before then, and not yet overdue, is "due within two working days"."""
    return (calendar or default_calendar()).deadline(now, DUE_SOON_WORKING_DAYS)


def compute_statistics(
    uow: UnitOfWork,
    scope: StatsScope,
    now: datetime | None = None,
    *,
    calendar: WorkingDayCalendar | None = None,
) -> Statistics:
    """Every figure of the dashboard and of ``mediation-desk stats`` for ``scope``."""
    with _reading_indexes(uow):
        return _compute(uow, scope, now, calendar)


@contextmanager
def _reading_indexes(uow: UnitOfWork) -> Iterator[None]:
    """On PostgreSQL, for the statistics' statements only: a random page read costs
    little more than a sequential one (``random_page_cost`` 1.1, the usual setting for
    solid-state disks; the default 4 is for spinning ones). The figures read covering
    indexes a desk's memory holds; with the default the planner scans the wide case
    rows instead, for every figure. The transaction's own setting is put back after."""
    if uow.dialect != "postgresql":
        yield
        return
    connection = uow.session.connection()
    before = connection.exec_driver_sql("SELECT current_setting('random_page_cost')").scalar_one()
    connection.exec_driver_sql("SELECT set_config('random_page_cost', '1.1', true)")
    yield  # (after an error the transaction is rolled back, and the setting with it)
    connection.execute(
        select(func.set_config("random_page_cost", bindparam("before", before), True))
    )


def _compute(
    uow: UnitOfWork,
    scope: StatsScope,
    now: datetime | None,
    calendar: WorkingDayCalendar | None,
) -> Statistics:
    now = now or uow.clock.now()
    calendar = calendar or default_calendar()
    until = due_soon_until(now, calendar)
    opened = _opened_figures(uow, scope)
    first, last = _span(uow, scope, now)
    bucket = _bucket_of(scope.first_day or first, scope.last_day or china_today(now))
    table = _calendar_table(calendar, first, last, bucket, uow.dialect)
    current = _now_figures(uow, scope, now, until)
    endings, outcomes, ruled = _endings_and_outcomes(uow, scope)
    top_merchants, most_sanctioned = _merchants(uow, scope)
    return Statistics(
        scope=scope,
        now=now,
        due_soon_until=until,
        headline=Headline(
            opened=opened.opened,
            closed=current.closed,
            open_now=current.open_now,
            overdue=current.overdue,
            due_soon=current.due_soon,
            malicious=opened.malicious,
            reopened=_reopened(uow, scope),
        ),
        by_category=opened.by["category"],
        by_reason=opened.by["reason"],
        by_status=opened.by["status"],
        by_channel=opened.by["channel"],
        by_province=opened.by["province"],
        by_city=opened.cities,
        bucket=bucket,
        opened_over_time=_opened_over_time(uow, scope, table),
        handling=_handling(uow, scope, table),
        endings=endings,
        outcomes=outcomes,
        appeals=_appeals(uow, scope, ruled),
        awards=_awards(uow, scope),
        top_merchants=top_merchants,
        most_sanctioned=most_sanctioned,
        mediators=current.mediators,
        uncertain_years=calendar.uncertain_years(first, last),
    )


# -- from a figure to its cases ----------------------------------------------------------------


@dataclass(frozen=True)
class CaseSelection:
    """The cases one figure counts — one bar of a chart — as a condition the queue can
    apply (:attr:`app.services.queue.QueueQuery.cases`). ``key`` names the bar: a
    category, a merchant, a bucket's first day and category…; ``now`` and the due-soon
    limit are the statistics' own, so the queue shows exactly the cases counted."""

    scope: StatsScope
    now: datetime
    due_soon_until: datetime
    figure: str
    key: tuple[str | None, ...] = ()

    def condition(self, dialect: str) -> ColumnElement[bool]:
        """True for the cases this figure counts, in its scope (on ``cases``)."""
        build = _SELECTIONS.get(self.figure)
        if build is None:
            raise ValidationError(words("stats.unknown_figure", figure=self.figure))
        return and_(_in_scope(self.scope), build(self, dialect))


def _key(selection: CaseSelection, index: int = 0) -> str | None:
    return selection.key[index] if len(selection.key) > index else None


def _opened_between(selection: CaseSelection) -> ColumnElement[bool]:
    first = date.fromisoformat(str(_key(selection, 0)))
    last = date.fromisoformat(str(_key(selection, 1)))
    scope = selection.scope
    bounded = StatsScope(
        max(first, scope.first_day) if scope.first_day else first,
        min(last, scope.last_day) if scope.last_day else last,
    )
    return and_(
        _opened(bounded),
        _opened(scope),
        _equals(m.Case.category, _key(selection, 2)),
    )


def _handled(selection: CaseSelection) -> ColumnElement[bool]:
    condition = _closed(selection.scope)
    category = _key(selection)
    if category is not None:
        condition = and_(condition, m.Case.category == category)
    return condition


_Build = Callable[[CaseSelection, str], ColumnElement[bool]]
_SELECTIONS: dict[str, _Build] = {
    "opened": lambda s, d: _opened(s.scope),
    "closed": lambda s, d: _closed(s.scope),
    "open_now": lambda s, d: _open_now(),
    "overdue": lambda s, d: _overdue(s.now),
    "due_soon": lambda s, d: _due_soon(s.now, s.due_soon_until),
    "malicious": lambda s, d: and_(_opened(s.scope), _malicious()),
    "reopened": lambda s, d: _has_event(REOPENING_EVENTS, s.scope),
    "category": lambda s, d: and_(_opened(s.scope), _equals(m.Case.category, _key(s))),
    "reason": lambda s, d: and_(_opened(s.scope), _equals(m.Case.reason, _key(s))),
    "status": lambda s, d: and_(_opened(s.scope), _equals(m.Case.status, _key(s))),
    "channel": lambda s, d: and_(_opened(s.scope), _equals(m.Case.channel, _key(s))),
    "province": lambda s, d: and_(_opened(s.scope), _equals(m.Case.buyer_province, _key(s))),
    "city": lambda s, d: and_(
        _opened(s.scope),
        _equals(m.Case.buyer_province, _key(s, 0)),
        _equals(m.Case.buyer_city, _key(s, 1)),
    ),
    "opened_in": lambda s, d: _opened_between(s),
    "handling": lambda s, d: _handled(s),
    "ending": lambda s, d: and_(_closed(s.scope), _ending() == _key(s)),
    "outcome": lambda s, d: and_(_ruled(s.scope), m.Case.decision_outcome == _key(s)),
    "rulings": lambda s, d: _ruled(s.scope),
    "appealed": lambda s, d: and_(_ruled(s.scope), _has_event(APPEAL_EVENTS)),
    "changed_on_appeal": lambda s, d: and_(
        _ruled(s.scope), _has_event(APPEAL_EVENTS), _has_event(OUTCOME_CHANGED_EVENTS)
    ),
    "appeal_pending": lambda s, d: and_(_open_now(), _has_event(APPEAL_EVENTS)),
    "award": lambda s, d: _awarded(s, d),
    "merchant": lambda s, d: and_(_opened(s.scope), _merchant_key() == _key(s)),
    "merchant_sanctioned": lambda s, d: and_(
        _closed(s.scope), _merchant_key() == _key(s), _sanction_count() > 0
    ),
    "mediator_open": lambda s, d: and_(_open_now(), _equals(m.Case.assigned_to, _key(s))),
    "mediator_overdue": lambda s, d: and_(_overdue(s.now), _equals(m.Case.assigned_to, _key(s))),
    "mediator_due_soon": lambda s, d: and_(
        _due_soon(s.now, s.due_soon_until), _equals(m.Case.assigned_to, _key(s))
    ),
    "mediator_closed": lambda s, d: and_(_closed(s.scope), _equals(m.Case.assigned_to, _key(s))),
}
FIGURES: tuple[str, ...] = tuple(_SELECTIONS)


def _awarded(selection: CaseSelection, dialect: str) -> ColumnElement[bool]:
    """Closed in the period with a remedy in the currency, decided with the kind."""
    remedies, currency, _amount = _remedy_amounts(dialect)
    ids = (
        select(m.Case.id)
        .select_from(m.Case)
        .join(m.Decision, m.Decision.case_id == m.Case.id)
        .join(remedies, true())
        .where(
            _closed(selection.scope),
            currency == _key(selection, 0),
            m.Decision.kind == _key(selection, 1),
        )
        .correlate(None)
    )
    return m.Case.id.in_(ids)


__all__ = [
    "ENDINGS",
    "FIGURES",
    "RULING_OUTCOMES",
    "Appeals",
    "Award",
    "CaseSelection",
    "Count",
    "Endings",
    "HandlingTime",
    "Headline",
    "MediatorFigures",
    "MerchantFigures",
    "OpenedIn",
    "Statistics",
    "StatsScope",
    "compute_statistics",
    "due_soon_until",
]
