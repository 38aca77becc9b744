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

The parts live in :mod:`app.stats`: what is asked (``scope``), what is answered
(``figures``), the SQL expressions every figure is built from (``expressions``), the
period's working days as a small SQL table (``period_calendar``, from
:mod:`app.workflow.calendar`), handling times with their percentiles in SQL
(``handling``), and from a figure to its cases (``selection``). This module runs the
statements and assembles the answer.

Speed (``docs/statistics.md``, "Speed"): a refresh is ten statements, each reading one
of the covering indexes of migration 0008 and grouping in that index's order, since
SQLite has no hash aggregation (a GROUP BY out of index order sorts every case it reads).
Periods are ranges of China day numbers (``opened_day``, ``finished_day``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)

from app.contract.case_document import CaseStatus, Category, choices
from app.stats.events import APPEAL_EVENTS, OUTCOME_CHANGED_EVENTS, REOPENING_EVENTS
from app.stats.expressions import (
    as_int,
    closed_in,
    ending_of_case,
    has_event,
    in_stats_scope,
    merchant_key,
    open_now,
    opened_in,
    rate,
    remedy_amounts,
    sanction_count,
)
from app.stats.figures import (
    Appeals,
    Award,
    Count,
    Endings,
    Headline,
    MediatorFigures,
    MerchantFigures,
    OpenedIn,
    Statistics,
)
from app.stats.handling import handling_times
from app.stats.period_calendar import (
    PeriodCalendar,
    bucket_of,
    calendar_table,
    period_span,
)
from app.stats.scope import (
    DUE_SOON_WORKING_DAYS,
    ENDINGS,
    FINISHED,
    RULING_KINDS,
    RULING_OUTCOMES,
    TOP_MERCHANTS,
    StatsScope,
    china_today,
)
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.workflow import WorkingDayCalendar, default_calendar

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
        .where(in_stats_scope(scope, uow.dialect), opened_in(scope, uow.dialect))
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
            totals[figure] = as_int(n)
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
            _counted(closed_in(scope)).label("closed"),
        )
        .where(in_stats_scope(scope, uow.dialect))
        .group_by(m.Case.assigned_to, m.Case.status)
        .subquery("by_status")
    )
    in_progress = by_status.c.status.not_in(FINISHED)

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
        MediatorFigures(who, *(as_int(v) for v in rest)) for total, who, *rest in rows if not total
    ]
    totals = next((rest for total, _who, *rest in rows if total), [0, 0, 0, 0])
    open_now, overdue, due_soon, closed = (as_int(v) for v in totals)
    ordered = sorted(mediators, key=lambda f: (f.mediator is None, -f.open_now, str(f.mediator)))
    return _Now(closed, open_now, overdue, due_soon, tuple(ordered))


def _reopened(uow: UnitOfWork, scope: StatsScope) -> int:
    return int(
        uow.session.execute(
            select(func.count()).where(
                in_stats_scope(scope, uow.dialect), has_event(REOPENING_EVENTS, scope)
            )
        ).scalar_one()
    )


def _opened_over_time(
    uow: UnitOfWork, scope: StatsScope, calendar: PeriodCalendar
) -> tuple[OpenedIn, ...]:
    # Grouped by day first (along the index in that order): the calendar is joined to
    # at most a few thousand rows.
    day = m.Case.opened_day
    days = (
        select(day.label("day"), m.Case.category, func.count().label("n"))
        .where(in_stats_scope(scope, uow.dialect), opened_in(scope))
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
    ending = ending_of_case()
    appealed = has_event(APPEAL_EVENTS)
    changed = has_event(OUTCOME_CHANGED_EVENTS)
    rows = uow.session.execute(
        select(
            ending,
            m.Case.decision_outcome,
            func.count(),
            _counted(appealed),
            _counted(and_(appealed, changed)),
        )
        .where(in_stats_scope(scope, uow.dialect), closed_in(scope))
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
            appeals += as_int(n_appealed)
            changes += as_int(n_changed)
    counts = tuple(Count(key, endings.get(key, 0)) for key in ENDINGS)
    settled = endings.get("settlement", 0)
    decided = settled + endings.get("ruling", 0) + endings.get("dismissal", 0)
    return (
        Endings(counts, decided, settled, rate(settled, decided)),
        _sorted_counts(outcomes, RULING_OUTCOMES),
        _Ruled(rulings, appeals, changes),
    )


def _appeals(uow: UnitOfWork, scope: StatsScope, ruled: _Ruled) -> Appeals:
    """The rulings' appeals, and the appeals still pending now."""
    pending = uow.session.execute(
        select(func.count()).where(
            in_stats_scope(scope, uow.dialect), open_now(), has_event(APPEAL_EVENTS)
        )
    ).scalar_one()
    return Appeals(
        ruled.rulings,
        ruled.appealed,
        ruled.changed,
        int(pending),
        rate(ruled.appealed, ruled.rulings),
        rate(ruled.changed, ruled.appealed),
    )


def _awards(uow: UnitOfWork, scope: StatsScope) -> tuple[Award, ...]:
    remedies, currency, amount = remedy_amounts(uow.dialect)
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
        .where(in_stats_scope(scope, uow.dialect), closed_in(scope), currency.is_not(None))
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
    key = merchant_key()
    zero = literal(0)
    shop, name = m.Case.merchant_shop_id, m.Case.merchant_name
    # By status too (the index's next column): the status is tested once a group.
    by_status = (
        select(shop.label("shop"), name.label("name"), m.Case.status, func.count().label("n"))
        .where(in_stats_scope(scope, uow.dialect), opened_in(scope, uow.dialect), key.is_not(None))
        .group_by(shop, name, m.Case.status)
        .subquery("disputes_by_status")
    )
    in_progress = by_status.c.status.not_in(FINISHED)
    disputes = select(
        by_status.c.shop,
        by_status.c.name,
        func.sum(by_status.c.n).label("disputes"),
        func.sum(case((in_progress, by_status.c.n), else_=0)).label("open_now"),
        zero.label("sanctioned"),
        zero.label("sanctions"),
    ).group_by(by_status.c.shop, by_status.c.name)
    sanctions = sanction_count()
    sanctioned = (
        select(
            shop.label("shop"),
            name.label("name"),
            zero.label("disputes"),
            zero.label("open_now"),
            _counted(sanctions > 0).label("sanctioned"),
            func.coalesce(func.sum(sanctions), 0).label("sanctions"),
        )
        .where(in_stats_scope(scope, uow.dialect), closed_in(scope), key.is_not(None))
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
        found[ranking].append(MerchantFigures(str(merchant), name, *(as_int(v) for v in rest)))
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
    first, last = period_span(uow, scope, now)
    bucket = bucket_of(scope.first_day or first, scope.last_day or china_today(now))
    table = calendar_table(calendar, first, last, bucket, uow.dialect)
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
        handling=handling_times(uow, scope, table),
        endings=endings,
        outcomes=outcomes,
        appeals=_appeals(uow, scope, ruled),
        awards=_awards(uow, scope),
        top_merchants=top_merchants,
        most_sanctioned=most_sanctioned,
        mediators=current.mediators,
        uncertain_years=calendar.uncertain_years(first, last),
    )
