"""Handling time per category: working days from intake to close, median and 90th
percentile, computed in SQL with window functions (interpolated like PostgreSQL's
``percentile_cont``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Integer,
    String,
    case,
    cast,
    func,
    literal,
    select,
    union_all,
)

from app.contract.case_document import Category, choices
from app.stats.expressions import (
    closed_in,
    in_stats_scope,
)
from app.stats.figures import (
    HandlingTime,
)
from app.stats.period_calendar import (
    PeriodCalendar,
)
from app.stats.scope import (
    StatsScope,
)
from app.store import models as m
from app.store.unit_of_work import UnitOfWork

# -- the figures -----------------------------------------------------------------------------


def handling_times(
    uow: UnitOfWork, scope: StatsScope, calendar: PeriodCalendar
) -> tuple[HandlingTime, ...]:
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
        .where(in_stats_scope(scope, uow.dialect), closed_in(scope))
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
            percentile_in_sql(running.c.running, running.c.size, running.c.days, 5),
            percentile_in_sql(running.c.running, running.c.size, running.c.days, 9),
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


def percentile_in_sql(running: Any, size: Any, days: Any, tenths: int) -> Any:
    """The ``tenths``/10 percentile: the values at the two ranks around position
    1 + p × (n − 1), each the smallest day count whose running count reaches the rank."""
    offset = tenths * (size - 1)
    lower = 1 + offset // 10
    upper = lower + case((offset % 10 > 0, 1), else_=0)
    low = func.min(case((running >= lower, days)))
    high = func.min(case((running >= upper, days)))
    fraction = func.max(offset % 10)
    return low + (high - low) * fraction / 10.0
