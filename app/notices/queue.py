"""Which cases on this desk await their public notice: the supervisor's "Notices to
publish" (a :class:`app.services.queue.CaseSet`, applied by the queue in SQL)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select

from app.store import models as m

# The decisions whose notice is published; a settlement only by a supervisor's written
# exception (SPC art. 4), which starts from the case, not from this list.
PUBLISHED_KINDS = ("ruling", "dismissal")
# Decided and not under review again (an appeal reopens it: the decision may change).
DECIDED_STATUSES = ("resolved", "closed")


@dataclass(frozen=True)
class NoticesToPublish:
    """The decided cases (a ruling or a dismissal, not under appeal) with no notice
    published on the platform and none queued for publication on this desk."""

    def condition(self, dialect: str) -> Any:
        published = (
            select(m.Document.id)
            .where(
                m.Document.case_id == m.Case.id,
                m.Document.kind == "notice",
                m.Document.status == "published",
            )
            .exists()
        )
        queued = (
            select(m.DecisionDocument.id)
            .where(
                m.DecisionDocument.case_id == m.Case.id,
                m.DecisionDocument.kind == "notice",
                m.DecisionDocument.state == "publish_queued",
            )
            .exists()
        )
        return and_(
            m.Case.decision_kind.in_(PUBLISHED_KINDS),
            m.Case.status.in_(DECIDED_STATUSES),
            ~published,
            ~queued,
        )


__all__ = ["NoticesToPublish"]
