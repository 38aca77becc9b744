"""One sync: pull, push, pull again, download files, anchor the audit trail.

- **Pull** (:mod:`app.sync.pull`) reads the changes feed from the stored cursor, a page
  per transaction.
- **Timestamps** (:mod:`app.sync.stamps`): signatures made offline get the platform's
  timestamp before anything names their signed form (only with a stamper handed in).
- **Push** (:mod:`app.sync.push`) sends waiting actions in order with their idempotency
  keys; conflicts are held for the mediator.
- **Files** (:mod:`app.sync.files`) are downloaded concurrently (bounded), resumable and
  verified.
- **Anchor** (:mod:`app.sync.anchor`): the audit chain's head goes to the platform,
  which refuses one that went back in time.

The whole run holds the data folder's writer lock (:mod:`app.store.writer_lock`): a
second sync or an import on the same folder is refused at once, naming who holds it.
Progress goes to a callback; a cancel event stops cleanly between steps. Everything a
hostile or broken platform can do — nested, trickled, endless or redirected answers —
ends in a named :class:`~app.errors.SyncError` or a problem in the summary, never a
wedged desk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import and_, select

from app.desk import Desk
from app.documents.timestamping import DocumentStamper
from app.errors import NotSignedIn, SessionExpired, SyncError
from app.security.credentials import CredentialStore, platform_token_key
from app.store import models as m
from app.store.writer_lock import hold_writer_lock
from app.sync.account import normalise_url
from app.sync.anchor import send_anchor
from app.sync.client import PlatformClient, Retryable
from app.sync.context import SyncContext, SyncLimits
from app.sync.files import download
from app.sync.progress import SyncProblem, SyncProgress, SyncSummary
from app.sync.pull import pull
from app.sync.push import push
from app.sync.retry import RetryPolicy
from app.sync.stamps import timestamp_signed_forms
from app.vocabulary import Label, words


def run_sync(
    desk: Desk,
    platform_url: str,
    username: str,
    credentials: CredentialStore,
    progress: Callable[[SyncProgress], None] | None = None,
    cancel: threading.Event | None = None,
    *,
    policy: RetryPolicy | None = None,
    limits: SyncLimits | None = None,
    page_limit: int = 500,
    workers: int = 4,
    timeout: float = 30.0,
    transport: Any = None,
    stamper: DocumentStamper | None = None,
) -> SyncSummary:
    """Pull, push, pull again, download files and anchor; see the module docstring.
    With a ``stamper``, signatures made offline are timestamped before the push
    (:mod:`app.sync.stamps`)."""
    url = normalise_url(platform_url)
    token = credentials.get(platform_token_key(url, username, desk.desk_id))
    if token is None:
        raise NotSignedIn(words("sync.user_not_signed_in", user=username, url=url))
    cancel = cancel or threading.Event()
    limits = limits or SyncLimits()
    with hold_writer_lock(desk, "sync"):
        try:
            client = PlatformClient(
                url,
                token,
                timeout=timeout,
                transport=transport,
                min_rate=limits.min_rate,
                rate_window=limits.rate_window,
                max_depth=limits.max_depth,
            )
        except SessionExpired:
            raise SessionExpired(words("sync.session_expired", url=url, user=username)) from None
        with client:
            ctx = SyncContext(
                desk,
                client,
                url,
                username,
                progress,
                cancel,
                policy or RetryPolicy(),
                limits,
                page_limit,
                workers,
            )
            try:
                pull(ctx)
                held = timestamp_signed_forms(ctx, stamper)
                push(ctx, frozenset(held))
                if ctx.tally.pushed:
                    pull(ctx)  # bring back what our own actions changed
                download(ctx)
                send_anchor(ctx)
            except SessionExpired:
                raise SessionExpired(
                    words("sync.session_expired", url=url, user=username)
                ) from None
            except Retryable as exc:
                raise SyncError(words("sync.kept_failing", reason=exc.message)) from None
            return _summary(ctx)


def _summary(ctx: SyncContext) -> SyncSummary:
    tally = ctx.tally
    with ctx.desk.unit_of_work(read_only=True) as uow:
        rows = uow.session.execute(
            select(m.Case.id, m.OutboxEntry.action_type, m.OutboxEntry.last_error)
            .join(
                m.OutboxEntry,
                and_(
                    m.OutboxEntry.case_id == m.Case.id,
                    m.OutboxEntry.state.in_(("held", "failed")),
                ),
                isouter=True,
            )
            .where(m.Case.in_conflict.is_(True))
            .order_by(m.Case.id, m.OutboxEntry.id)
        ).all()
    held: dict[str, list[tuple[str | None, str | None]]] = {}
    for case_id, action_type, reason in rows:
        held.setdefault(case_id, [])
        if action_type is not None:
            held[case_id].append((action_type, reason))
    problems = [_held_problem(case_id, entries) for case_id, entries in held.items()]
    return SyncSummary(
        cases_added=tally.added,
        cases_updated=tally.updated,
        cases_removed=tally.removed,
        files_downloaded=tally.files,
        bytes_downloaded=tally.bytes,
        actions_pushed=tally.pushed,
        conflicts=len(held),
        quarantined=tally.quarantined,
        problems=tuple(problems + tally.problems),
        full_reconcile=tally.reconcile,
        anchor_seq=tally.anchor_seq,
        anchor_rewound=tally.anchor_rewound,
        anchor_platform_seq=tally.anchor_platform_seq,
        warnings=tuple(tally.warnings),
    )


def _held_problem(case_id: str, entries: list[tuple[str | None, str | None]]) -> SyncProblem:
    actions = list(dict.fromkeys(Label("ActionType", kind) for kind, _ in entries if kind))
    reason = next((text for _, text in entries if text), None)
    if not actions:
        message = words("sync.problem.in_conflict", case=case_id)
    else:
        message = words(
            "sync.problem.held",
            case=case_id,
            actions=actions,
            reason=reason or "-",
        )
    return SyncProblem("held", case_id, "outbox", message)


__all__ = ["SyncLimits", "SyncProgress", "SyncSummary", "run_sync"]
