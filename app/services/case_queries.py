"""Reading cases for the queue, the case file and the command line.

Everything returned is a frozen dataclass: the UI and the commands never hold ORM
objects or sessions. Lists page by key, sort and filter in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Select, and_, or_, select

from app.errors import ValidationError
from app.store import models as m
from app.store.search import matching_case_ids
from app.store.unit_of_work import UnitOfWork

SortKey = Literal["due", "updated", "id"]
DueState = Literal["overdue", "due_soon"]

# A case whose due date is this close is "due soon"; finished cases are never due.
DUE_SOON = timedelta(hours=48)
FINISHED_STATUSES = frozenset({"resolved", "closed", "withdrawn"})


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


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None
    category: str | None = None
    search: str | None = None
    due_before: datetime | None = None
    include_removed: bool = False


@dataclass(frozen=True)
class CasePage:
    cases: tuple[CaseSummary, ...]
    next_after: tuple[Any, ...] | None  # pass back as ``after`` for the next page


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
    return CaseSummary(
        id=row.id,
        version=row.version,
        title=row.title,
        category=row.category,
        reason=row.reason,
        status=row.status,
        language=row.language,
        buyer_name=row.buyer_name,
        merchant_name=row.merchant_name,
        claim_amount=row.claim_amount,
        claim_currency=row.claim_currency,
        due_at=row.due_at,
        updated_at=row.updated_at,
        priority=row.priority,
        flags=tuple(row.flags or ()),
        in_conflict=row.in_conflict,
        in_queue=row.in_queue,
    )


def filtered_cases(dialect: str, filters: CaseFilter) -> Select[Any]:
    query = select(*_SUMMARY_COLUMNS)
    if not filters.include_removed:
        query = query.where(m.Case.in_queue.is_(True))
    if filters.status:
        query = query.where(m.Case.status == filters.status)
    if filters.category:
        query = query.where(m.Case.category == filters.category)
    if filters.due_before:
        query = query.where(m.Case.due_at < filters.due_before)
    if filters.search and filters.search.strip():
        ids = matching_case_ids(dialect, filters.search)
        if ids is None:
            raise ValidationError("Type letters, digits or Chinese characters to search.")
        query = query.where(m.Case.id.in_(ids))
    return query


def list_cases(
    uow: UnitOfWork,
    filters: CaseFilter | None = None,
    *,
    sort: SortKey = "due",
    limit: int = 100,
    after: tuple[Any, ...] | None = None,
) -> CasePage:
    """One page of the queue, ordered by due date (soonest first) then case number."""
    filters = filters or CaseFilter()
    query = filtered_cases(uow.dialect, filters)
    if sort == "due":
        # Cases without a due date sort last; encode that as a flag so keys stay comparable.
        no_due = m.Case.due_at.is_(None)
        query = query.add_columns(no_due.label("no_due"))
        if after is not None:
            after_no_due, after_due, after_id = after
            if after_no_due:
                query = query.where(and_(no_due, m.Case.id > after_id))
            else:
                query = query.where(
                    or_(
                        no_due,
                        m.Case.due_at > after_due,
                        and_(m.Case.due_at == after_due, m.Case.id > after_id),
                    )
                )
        query = query.order_by(no_due, m.Case.due_at, m.Case.id)
    elif sort == "updated":
        if after is not None:
            after_updated, after_id = after
            query = query.where(
                or_(
                    m.Case.updated_at < after_updated,
                    and_(m.Case.updated_at == after_updated, m.Case.id > after_id),
                )
            )
        query = query.order_by(m.Case.updated_at.desc(), m.Case.id)
    else:
        if after is not None:
            query = query.where(m.Case.id > after[0])
        query = query.order_by(m.Case.id)
    rows = uow.session.execute(query.limit(limit)).all()
    cases = tuple(_summary(row) for row in rows)
    next_after: tuple[Any, ...] | None = None
    if len(rows) == limit:
        last = rows[-1]
        if sort == "due":
            next_after = (bool(last.no_due), last.due_at, last.id)
        elif sort == "updated":
            next_after = (last.updated_at, last.id)
        else:
            next_after = (last.id,)
    return CasePage(cases, next_after)


def count_cases(uow: UnitOfWork, filters: CaseFilter | None = None) -> int:
    from sqlalchemy import func

    query = filtered_cases(uow.dialect, filters or CaseFilter()).subquery()
    return int(uow.session.execute(select(func.count()).select_from(query)).scalar_one())
