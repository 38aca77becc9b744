"""From a figure to its cases: one bar of a chart as the SQL condition the queue applies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import (
    ColumnElement,
    and_,
    select,
    true,
)

from app.errors import ValidationError
from app.stats.events import APPEAL_EVENTS, OUTCOME_CHANGED_EVENTS, REOPENING_EVENTS
from app.stats.expressions import (
    closed_in,
    due_soon,
    ending_of_case,
    equals_or_null,
    has_event,
    in_stats_scope,
    malicious,
    merchant_key,
    open_now,
    opened_in,
    overdue,
    remedy_amounts,
    ruled_in,
    sanction_count,
)
from app.stats.scope import (
    StatsScope,
)
from app.store import models as m
from app.vocabulary import words

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
        return and_(in_stats_scope(self.scope), build(self, dialect))


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
        opened_in(bounded),
        opened_in(scope),
        equals_or_null(m.Case.category, _key(selection, 2)),
    )


def _handled(selection: CaseSelection) -> ColumnElement[bool]:
    condition = closed_in(selection.scope)
    category = _key(selection)
    if category is not None:
        condition = and_(condition, m.Case.category == category)
    return condition


_Build = Callable[[CaseSelection, str], ColumnElement[bool]]
_SELECTIONS: dict[str, _Build] = {
    "opened": lambda s, d: opened_in(s.scope),
    "closed": lambda s, d: closed_in(s.scope),
    "open_now": lambda s, d: open_now(),
    "overdue": lambda s, d: overdue(s.now),
    "due_soon": lambda s, d: due_soon(s.now, s.due_soon_until),
    "malicious": lambda s, d: and_(opened_in(s.scope), malicious()),
    "reopened": lambda s, d: has_event(REOPENING_EVENTS, s.scope),
    "category": lambda s, d: and_(opened_in(s.scope), equals_or_null(m.Case.category, _key(s))),
    "reason": lambda s, d: and_(opened_in(s.scope), equals_or_null(m.Case.reason, _key(s))),
    "status": lambda s, d: and_(opened_in(s.scope), equals_or_null(m.Case.status, _key(s))),
    "channel": lambda s, d: and_(opened_in(s.scope), equals_or_null(m.Case.channel, _key(s))),
    "province": lambda s, d: and_(
        opened_in(s.scope), equals_or_null(m.Case.buyer_province, _key(s))
    ),
    "city": lambda s, d: and_(
        opened_in(s.scope),
        equals_or_null(m.Case.buyer_province, _key(s, 0)),
        equals_or_null(m.Case.buyer_city, _key(s, 1)),
    ),
    "opened_in": lambda s, d: _opened_between(s),
    "handling": lambda s, d: _handled(s),
    "ending": lambda s, d: and_(closed_in(s.scope), ending_of_case() == _key(s)),
    "outcome": lambda s, d: and_(ruled_in(s.scope), m.Case.decision_outcome == _key(s)),
    "rulings": lambda s, d: ruled_in(s.scope),
    "appealed": lambda s, d: and_(ruled_in(s.scope), has_event(APPEAL_EVENTS)),
    "changed_on_appeal": lambda s, d: and_(
        ruled_in(s.scope), has_event(APPEAL_EVENTS), has_event(OUTCOME_CHANGED_EVENTS)
    ),
    "appeal_pending": lambda s, d: and_(open_now(), has_event(APPEAL_EVENTS)),
    "award": lambda s, d: _awarded(s, d),
    "merchant": lambda s, d: and_(opened_in(s.scope), merchant_key() == _key(s)),
    "merchant_sanctioned": lambda s, d: and_(
        closed_in(s.scope), merchant_key() == _key(s), sanction_count() > 0
    ),
    "mediator_open": lambda s, d: and_(open_now(), equals_or_null(m.Case.assigned_to, _key(s))),
    "mediator_overdue": lambda s, d: and_(
        overdue(s.now), equals_or_null(m.Case.assigned_to, _key(s))
    ),
    "mediator_due_soon": lambda s, d: and_(
        due_soon(s.now, s.due_soon_until), equals_or_null(m.Case.assigned_to, _key(s))
    ),
    "mediator_closed": lambda s, d: and_(
        closed_in(s.scope), equals_or_null(m.Case.assigned_to, _key(s))
    ),
}
FIGURES: tuple[str, ...] = tuple(_SELECTIONS)


def _awarded(selection: CaseSelection, dialect: str) -> ColumnElement[bool]:
    """Closed in the period with a remedy in the currency, decided with the kind."""
    remedies, currency, _amount = remedy_amounts(dialect)
    ids = (
        select(m.Case.id)
        .select_from(m.Case)
        .join(m.Decision, m.Decision.case_id == m.Case.id)
        .join(remedies, true())
        .where(
            closed_in(selection.scope),
            currency == _key(selection, 0),
            m.Decision.kind == _key(selection, 1),
        )
        .correlate(None)
    )
    return m.Case.id.in_(ids)
