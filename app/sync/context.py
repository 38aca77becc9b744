"""What the steps of one sync share: the desk, the client, progress, cancel, the tally,
the limits that keep a hostile platform from wedging the desk, and quarantine."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select

from app.desk import Desk
from app.errors import SyncCancelled
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.sync.client import MIN_RATE, RATE_WINDOW, PlatformClient
from app.sync.json_limits import MAX_DEPTH
from app.sync.progress import ProblemKind, SyncProblem, SyncProgress, Tally
from app.sync.retry import RetryPolicy, with_retries
from app.vocabulary import Words, words


@dataclass(frozen=True)
class SyncLimits:
    """Bounds on what one sync accepts from the platform (injectable for tests).

    ``max_pages``: changes pages read in one pull — a feed that never says
    ``end_of_stream`` stops there with a named error. ``min_rate`` bytes per second over
    each ``rate_window`` seconds: an answer or file trickling in slower is given up.
    ``max_depth``: nesting of any JSON answer.
    """

    max_pages: int = 10_000
    min_rate: float = MIN_RATE
    rate_window: float = RATE_WINDOW
    max_depth: int = MAX_DEPTH


class SyncContext:
    def __init__(
        self,
        desk: Desk,
        client: PlatformClient,
        platform_url: str,
        username: str,
        progress: Callable[[SyncProgress], None] | None,
        cancel: threading.Event,
        policy: RetryPolicy,
        limits: SyncLimits,
        page_limit: int,
        workers: int,
    ) -> None:
        self.desk = desk
        self.client = client
        self.url = platform_url
        self.username = username
        self.actor = f"user:{username}"
        self.report = progress or (lambda _progress: None)
        self.cancel = cancel
        self.policy = policy
        self.limits = limits
        self.page_limit = page_limit
        self.workers = workers
        self.tally = Tally()
        self.state = SyncProgress("cases")
        self.lock = threading.Lock()

    def progress(self, **changes: int | str) -> None:
        with self.lock:
            self.state = replace(self.state, **changes)  # type: ignore[arg-type]
            state = self.state
        self.report(state)

    def check_cancel(self) -> None:
        if self.cancel.is_set():
            raise SyncCancelled(words("sync.cancelled_kept"))

    def retrying(self, action: Callable[[], Any]) -> Any:
        return with_retries(action, self.policy, self.cancel)

    def problem(self, kind: ProblemKind, case_id: str | None, what: str, message: Words) -> None:
        with self.lock:
            self.tally.problems.append(SyncProblem(kind, case_id, what, message))

    def quarantine(
        self, case_id: str | None, item: str, reason: str, uow: UnitOfWork | None = None
    ) -> bool:
        """Keep what failed its checks out of the store, with the reason; once per fault.

        True when this is a new quarantine (it is then also a problem of this sync).
        """

        def add(work: UnitOfWork) -> bool:
            known = work.session.execute(
                select(m.Quarantine.id).where(
                    m.Quarantine.case_id == case_id,
                    m.Quarantine.item == item[:200],
                    m.Quarantine.reason == reason,
                )
            ).first()
            if known is not None:
                return False
            work.session.add(
                m.Quarantine(case_id=case_id, item=item[:200], reason=reason, at=work.clock.now())
            )
            return True

        if uow is not None:
            added = add(uow)
        else:
            with self.desk.unit_of_work() as own:
                added = add(own)
                own.commit()
        if added:
            with self.lock:
                self.tally.quarantined += 1
            self.problem(
                "quarantined",
                case_id,
                item,
                words("sync.problem.quarantined", case=case_id or "-", item=item, reason=reason),
            )
        return added
