"""Pulling the changes feed into the store.

The feed is read from the stored cursor. Each page is applied in one transaction
together with the new cursor, so a sync killed half-way resumes where the last committed
page ended. A version not newer than the stored one is a no-op; a document that breaks
the schema is quarantined with its reason and the rest goes on. A case that goes back to
an older version, or a cursor the platform no longer knows, means the platform was
restored from a backup: the whole feed is read again, once, and the platform's word
taken. A feed that never ends stops at the page budget with a named error.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from sqlalchemy import select

from app.contract.case_document import CaseDocumentError, parse_case_document
from app.contract.problems import Problem
from app.errors import SyncError
from app.store import models as m
from app.store.unit_of_work import UnitOfWork
from app.sync.client import Refused, TooLarge
from app.sync.context import SyncContext
from app.sync.reconcile import apply_platform_version, remove_from_queue
from app.vocabulary import words


class EndlessFeed(SyncError):
    """The platform kept sending pages past the sync's budget without ending the feed."""


def pull(ctx: SyncContext) -> None:
    """Read the changes feed from the stored cursor to its end."""
    with ctx.desk.unit_of_work(read_only=True) as uow:
        state = uow.session.get(m.SyncState, (ctx.url, ctx.username))
        cursor = state.cursor if state else None
    limit = ctx.page_limit
    seen_in_reconcile: set[str] | None = None
    pages = 0
    while True:
        ctx.check_cancel()
        if pages >= ctx.limits.max_pages:
            raise EndlessFeed(words("sync.pull.endless_feed", pages=pages, url=ctx.url))
        pages += 1
        try:
            page = ctx.retrying(partial(ctx.client.changes, cursor, limit))
        except TooLarge as exc:
            if limit > 1:
                limit = max(1, limit // 4)  # smaller pages, to get past a huge document
                continue
            where = f"changes feed after cursor {cursor!r}"
            ctx.quarantine(None, where[:200], str(exc))
            return
        except Refused as exc:
            if exc.status == 400 and cursor is not None and not ctx.tally.reconcile:
                # The platform no longer knows our cursor (restored from a backup?).
                ctx.tally.reconcile = True
                cursor, seen_in_reconcile = None, set()
                continue
            raise
        regressed = _apply_page(ctx, page, seen_in_reconcile)
        if regressed and not ctx.tally.reconcile:
            # A case went back to an older version: the platform was restored.
            # Read the whole feed again, once, and take the platform's word.
            ctx.tally.reconcile = True
            cursor, seen_in_reconcile = None, set()
            continue
        cursor = page["next_cursor"]
        limit = ctx.page_limit
        if page.get("end_of_stream") is True or not page["changes"]:
            break
    if seen_in_reconcile is not None:
        _drop_unseen(ctx, seen_in_reconcile)


def _apply_page(ctx: SyncContext, page: dict[str, Any], seen: set[str] | None) -> bool:
    """Apply one page and store its cursor, in one transaction. True if a case regressed."""
    regressed = False
    with ctx.desk.unit_of_work() as uow:
        state = uow.session.get(m.SyncState, (ctx.url, ctx.username))
        if state is None:
            state = m.SyncState(platform_url=ctx.url, username=ctx.username)
            uow.session.add(state)
        last_seq = state.last_seq_seen or 0
        for change in page["changes"]:
            regressed |= _apply_change(ctx, uow, change, seen, last_seq)
        seqs = [
            c["seq"]
            for c in page["changes"]
            if isinstance(c, dict) and isinstance(c.get("seq"), int)
        ]
        if seqs and (seen is not None or max(seqs) > last_seq):
            # During a full reconcile the platform's numbering starts afresh.
            state.last_seq_seen = max(seqs)
        if not regressed or ctx.tally.reconcile:
            state.cursor = page["next_cursor"]
        state.last_sync_at = uow.clock.now()
        uow.commit()
    ctx.progress(phase="cases", cases_done=ctx.state.cases_done + len(page["changes"]))
    return regressed and not ctx.tally.reconcile


def _apply_change(
    ctx: SyncContext, uow: UnitOfWork, change: Any, seen: set[str] | None, last_seq: int
) -> bool:
    """Apply one change; True if it shows the platform went back in time.

    That is a change we have not seen before (its ``seq`` is past the last one seen)
    carrying an older version than we hold. A repeated page carries old versions too,
    but with sequence numbers we have already seen.
    """
    if not isinstance(change, dict) or not isinstance(change.get("case_id"), str):
        ctx.quarantine(None, "changes feed entry", words("sync.pull.no_case_id").text(), uow)
        return False
    case_id = change["case_id"][:64]
    if change.get("deleted") is True:
        if seen is not None:
            seen.discard(case_id)
        if remove_from_queue(uow, case_id, ctx.actor, "no longer visible on the platform"):
            ctx.tally.removed += 1
        return False
    raw = json.dumps(change.get("document"), ensure_ascii=False).encode("utf-8")
    try:
        document = parse_case_document(raw)
        if document.case.id != case_id:
            raise CaseDocumentError(
                [Problem.of("case.id", "other_case", found=document.case.id, expected=case_id)]
            )
    except CaseDocumentError as exc:
        ctx.quarantine(case_id, f"case {case_id}", str(exc), uow)
        return False
    if seen is not None:
        seen.add(case_id)
    stored = uow.session.get(m.Case, case_id)
    seq = change.get("seq")
    if (
        seen is None
        and stored is not None
        and document.case.version < stored.version
        and isinstance(seq, int)
        and seq > last_seq
    ):
        return True
    savepoint = uow.session.begin_nested()
    try:
        applied = apply_platform_version(
            uow, document, raw, ctx.actor, allow_older=seen is not None
        )
        savepoint.commit()
    except ValueError as exc:
        savepoint.rollback()
        ctx.quarantine(case_id, f"case {case_id}", str(exc), uow)
        return False
    if applied.outcome == "added":
        ctx.tally.added += 1
    elif applied.outcome in ("updated", "restored"):
        ctx.tally.updated += 1
    if applied.conflict:
        ctx.tally.conflicts.add(case_id)
    return False


def _drop_unseen(ctx: SyncContext, seen: set[str]) -> None:
    """After a full reconcile: cases the platform no longer shows leave the queue."""
    with ctx.desk.unit_of_work() as uow:
        shown = uow.session.execute(
            select(m.Case.id).where(m.Case.in_queue.is_(True), m.Case.source == "platform")
        ).scalars()
        for case_id in [case_id for case_id in shown if case_id not in seen]:
            if remove_from_queue(
                uow, case_id, ctx.actor, "not on the platform after a full reconcile"
            ):
                ctx.tally.removed += 1
        uow.commit()
