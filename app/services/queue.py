"""The queue: cases filtered, sorted by any column either way, paged by key, in SQL.

One service for the desk's table and the command line's ``cases list``: a
:class:`QueueQuery` says what to show, :func:`fetch_page` returns one page of frozen
:class:`CaseSummary` rows and where the next one starts, :func:`count` how many match.
It runs on a worker thread with a read-only unit of work; it has no Qt in it.

Keys: rows are ordered by (sort value, case id), both in the chosen direction, so the
next page is ``WHERE (value, id) > (last value, last id)`` — an index range when the
column has one, never an OFFSET. Cases without a value (no due date, no amount) come
after all others, whichever the direction. Status, category and priority sort in the
order the contract lists them (the order a mediator thinks in), not by their codes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from sqlalchemy import ColumnElement, Select, and_, case, func, select, tuple_

from app.contract.case_document import (
    FINISHED_STATUSES,
    CaseStatus,
    Category,
    Priority,
    choices,
)
from app.errors import NotFound, ValidationError
from app.store import models as m
from app.store.search import matching_case_ids
from app.store.unit_of_work import UnitOfWork
from app.vocabulary import words

# A case whose due date is this close is "due soon"; finished cases are never due.
DUE_SOON = timedelta(hours=48)
DueState = Literal["overdue", "due_soon"]

STATUS_ORDER: tuple[str, ...] = choices(CaseStatus)
CATEGORY_ORDER: tuple[str, ...] = choices(Category)
# The contract lists priorities from normal to urgent; the queue shows urgent first.
PRIORITY_ORDER: tuple[str, ...] = tuple(reversed(choices(Priority)))

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


def due_state(due_at: datetime | None, status: str, now: datetime) -> DueState | None:
    """Overdue or due soon, for a case still in progress; None otherwise."""
    if due_at is None or status in FINISHED_STATUSES:
        return None
    if due_at < now:
        return "overdue"
    if due_at < now + DUE_SOON:
        return "due_soon"
    return None


@dataclass(frozen=True)
class CaseSummary:
    """One row of the queue: what the table, the list and the case header show."""

    id: str
    version: int
    title: str
    category: str
    reason: str
    status: str
    language: str
    buyer_name: str | None
    merchant_name: str | None
    claim_amount: int | None
    claim_currency: str | None
    due_at: datetime | None
    updated_at: datetime
    priority: str
    flags: tuple[str, ...]
    in_conflict: bool
    in_queue: bool


class CaseSet(Protocol):
    """A set of cases another service defines as a SQL condition on ``cases`` — a figure
    of the statistics clicked on the dashboard (``app.services.statistics.CaseSelection``)."""

    def condition(self, dialect: str) -> ColumnElement[bool]: ...


@dataclass(frozen=True)
class QueueQuery:
    """What the queue shows: filters, the sort column and its direction."""

    status: str | None = None
    category: str | None = None
    search: str | None = None
    due: DueFilter = "any"
    sort: SortColumn = "due"
    descending: bool = False
    include_removed: bool = False  # cases the platform no longer shows this user
    cases: CaseSet | None = None  # only these (the other filters still apply)

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


_SUMMARY_COLUMNS = (
    m.Case.id,
    m.Case.version,
    m.Case.title,
    m.Case.category,
    m.Case.reason,
    m.Case.status,
    m.Case.language,
    m.Case.buyer_name,
    m.Case.merchant_name,
    m.Case.claim_amount,
    m.Case.claim_currency,
    m.Case.due_at,
    m.Case.updated_at,
    m.Case.priority,
    m.Case.flags,
    m.Case.in_conflict,
    m.Case.in_queue,
)


def _summary(row: Any) -> CaseSummary:
    values = dict(row._mapping)
    values["flags"] = tuple(values["flags"] or ())
    return CaseSummary(**values)


def case_summary(uow: UnitOfWork, case_id: str) -> CaseSummary:
    """The queue's row for one case (also the header of its case file)."""
    row = uow.session.execute(select(*_SUMMARY_COLUMNS).where(m.Case.id == case_id)).first()
    if row is None:
        raise NotFound(words("cases.not_found", case_id=case_id))
    return _summary(row)


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
    base = select(*_SUMMARY_COLUMNS)
    if not query.include_removed:
        base = base.where(m.Case.in_queue.is_(True))
    if query.status:
        base = base.where(m.Case.status == query.status)
    if query.category:
        base = base.where(m.Case.category == query.category)
    if query.cases is not None:
        base = base.where(query.cases.condition(uow.dialect))
    if query.search and query.search.strip():
        ids = matching_case_ids(uow.dialect, query.search)
        if ids is None:
            raise ValidationError(words("cases.search_needs_text"))
        base = base.where(m.Case.id.in_(ids))
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


def fetch_page(
    uow: UnitOfWork,
    query: QueueQuery,
    now: datetime | None = None,
    *,
    limit: int = 500,
    after: QueueKey | None = None,
) -> QueuePage:
    """One page of the queue in the query's order, starting after ``after``.

    ``now`` decides what is overdue or due soon (default: the unit of work's clock).
    """
    if limit < 1:
        raise ValidationError(words("cases.limit_too_small", limit=limit))
    now = now or uow.clock.now()
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


def count(uow: UnitOfWork, query: QueueQuery, now: datetime | None = None) -> int:
    """How many cases the query matches (for the queue's header)."""
    matching = _filtered(uow, query, now or uow.clock.now()).subquery()
    return int(uow.session.execute(select(func.count()).select_from(matching)).scalar_one())
