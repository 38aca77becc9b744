"""The queue's query: any column sorted either way, paged by key, filtered in SQL.

``app.services.case_queries`` pages the queue by due date, update time or id. The desk's
table sorts by any column and filters by due state too, so this module builds on the
service's own filter (``filtered_cases``: status, category, search) and adds the sort
and the key. It has no Qt in it and runs on a worker thread with a read-only unit of
work; it returns the service's frozen ``CaseSummary`` objects.

Keys: rows are ordered by (sort value, case id), both in the chosen direction, so the
next page is ``WHERE (value, id) > (last value, last id)`` — an index range when the
column has one (due date), never an OFFSET. Cases without a value (no due date, no
amount) come after all others, whichever the direction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, case, func, select, tuple_

from app.services.case_queries import (
    DUE_SOON,
    FINISHED_STATUSES,
    CaseFilter,
    CaseSummary,
    filtered_cases,
)
from app.store import models as m
from app.store.unit_of_work import UnitOfWork

SortColumn = Literal[
    "id",
    "title",
    "category",
    "status",
    "buyer",
    "merchant",
    "amount",
    "due",
    "priority",
    "conflict",
    "updated",
]
DueFilter = Literal["any", "overdue", "due_soon", "no_due"]

# Orders that mean something to a mediator, rather than the alphabet of the codes.
STATUS_ORDER = (
    "open",
    "awaiting_buyer",
    "awaiting_merchant",
    "in_mediation",
    "under_review",
    "resolved",
    "closed",
    "withdrawn",
)
PRIORITY_ORDER = ("urgent", "high", "normal")
CATEGORY_ORDER = (
    "quality",
    "logistics",
    "after_sales",
    "price_promotion",
    "service",
    "payment",
    "fraud",
    "other",
)


@dataclass(frozen=True)
class QueueQuery:
    status: str | None = None
    category: str | None = None
    search: str | None = None
    due: DueFilter = "any"
    sort: SortColumn = "due"
    descending: bool = False

    def with_changes(self, **changes: Any) -> QueueQuery:
        return replace(self, **changes)


@dataclass(frozen=True)
class QueueKey:
    """Where the next page starts: after this (value, id), in this segment."""

    without_value: bool  # True once the cases lacking a sort value are being paged
    value: Any
    case_id: str


@dataclass(frozen=True)
class QueuePage:
    cases: tuple[CaseSummary, ...]
    after: QueueKey | None  # None: this was the last page


def _ranked(column: Any, order: tuple[str, ...]) -> ColumnElement[int]:
    return case({value: rank for rank, value in enumerate(order)}, value=column, else_=len(order))


def _rank_of(value: str, order: tuple[str, ...]) -> int:
    return order.index(value) if value in order else len(order)


# sort column → (SQL expression, nullable, the key value of a summary)
_SORTS: dict[str, tuple[Any, bool, Any]] = {
    "id": (m.Case.id, False, lambda c: c.id),
    "title": (m.Case.title, False, lambda c: c.title),
    "category": (
        _ranked(m.Case.category, CATEGORY_ORDER),
        False,
        lambda c: _rank_of(c.category, CATEGORY_ORDER),
    ),
    "status": (
        _ranked(m.Case.status, STATUS_ORDER),
        False,
        lambda c: _rank_of(c.status, STATUS_ORDER),
    ),
    "buyer": (m.Case.buyer_name, True, lambda c: c.buyer_name),
    "merchant": (m.Case.merchant_name, True, lambda c: c.merchant_name),
    "amount": (m.Case.claim_amount, True, lambda c: c.claim_amount),
    "due": (m.Case.due_at, True, lambda c: c.due_at),
    "priority": (
        _ranked(m.Case.priority, PRIORITY_ORDER),
        False,
        lambda c: _rank_of(c.priority, PRIORITY_ORDER),
    ),
    "conflict": (
        case((m.Case.in_conflict.is_(True), 0), else_=1),
        False,
        lambda c: 0 if c.in_conflict else 1,
    ),
    "updated": (m.Case.updated_at, False, lambda c: c.updated_at),
}


def _filtered(uow: UnitOfWork, query: QueueQuery, now: datetime) -> Select[Any]:
    """The service's filter (raises ValidationError for a search of only symbols) plus due."""
    base = filtered_cases(
        uow.dialect,
        CaseFilter(status=query.status, category=query.category, search=query.search),
    )
    due = m.Case.due_at
    if query.due == "no_due":
        base = base.where(due.is_(None))
    elif query.due in ("overdue", "due_soon"):
        base = base.where(m.Case.status.not_in(sorted(FINISHED_STATUSES)))
        if query.due == "overdue":
            base = base.where(due < now)
        else:
            base = base.where(and_(due >= now, due < now + DUE_SOON))
    return base


def _summary(row: Any) -> CaseSummary:
    values = dict(row._mapping)
    values["flags"] = tuple(values["flags"] or ())
    return CaseSummary(**values)


def fetch_page(
    uow: UnitOfWork,
    query: QueueQuery,
    now: datetime,
    *,
    limit: int = 500,
    after: QueueKey | None = None,
) -> QueuePage:
    """One page of the queue in the query's order, starting after ``after``."""
    expression, nullable, key_of = _SORTS[query.sort]
    base = _filtered(uow, query, now)
    rows: list[CaseSummary] = []
    if after is None or not after.without_value:
        ordered = base
        if nullable:
            ordered = ordered.where(expression.is_not(None))
        if after is not None:
            mine, theirs = tuple_(expression, m.Case.id), tuple_(after.value, after.case_id)
            ordered = ordered.where(mine < theirs if query.descending else mine > theirs)
        if query.descending:
            ordered = ordered.order_by(expression.desc(), m.Case.id.desc())
        else:
            ordered = ordered.order_by(expression, m.Case.id)
        rows += [_summary(row) for row in uow.session.execute(ordered.limit(limit))]
        if len(rows) == limit:
            last = rows[-1]
            return QueuePage(tuple(rows), QueueKey(False, key_of(last), last.id))
        if not nullable:
            return QueuePage(tuple(rows), None)
        after = None
    # The cases without a sort value, by case number in the same direction.
    rest = base.where(expression.is_(None))
    if after is not None:
        rest = rest.where(
            m.Case.id < after.case_id if query.descending else m.Case.id > after.case_id
        )
    rest = rest.order_by(m.Case.id.desc() if query.descending else m.Case.id)
    wanted = limit - len(rows)
    more = [_summary(row) for row in uow.session.execute(rest.limit(wanted))]
    rows += more
    if len(more) == wanted:
        return QueuePage(tuple(rows), QueueKey(True, None, rows[-1].id))
    return QueuePage(tuple(rows), None)


def count(uow: UnitOfWork, query: QueueQuery, now: datetime) -> int:
    """How many cases the query matches (for the queue's header)."""
    matching = _filtered(uow, query, now).subquery()
    return int(uow.session.execute(select(func.count()).select_from(matching)).scalar_one())
