"""Timestamping at the sync the signatures made offline, before anything is pushed.

Runs after the pull and before the push (:mod:`app.sync.run`), when the platform is
reachable and the entry point handed in a stamper
(:class:`app.documents.timestamping.DocumentStamper`): each document whose newest signed
form is still B-B, and is named by no action that was ever attempted, gets a document
timestamp from the platform's TSA (``POST /api/v1/timestamp``, retried like any call) and
its validation material; the timestamped form replaces it and the never-attempted
actions naming it are rewritten, in one transaction
(:func:`app.documents.timestamping.record_timestamp`). Then the push uploads exactly the
form its action names.

- The platform serves no TSA (404) or refuses (a rejection): the forms stay B-B and go
  as they are — a B-B signature is valid, its time the computer's.
- The TSA keeps failing (lost answers, 5xx past the retries): that case's actions wait
  for the next sync, which tries again (its problem says so); nothing half-done is kept.
"""

from __future__ import annotations

from functools import partial

from app.documents.timestamping import (
    DocumentStamper,
    forms_waiting_for_a_timestamp,
    read_waiting_form,
    record_timestamp,
)
from app.errors import Offline, TimestampUnavailable
from app.sync.client import Refused, Retryable
from app.sync.context import SyncContext
from app.vocabulary import words


def timestamp_signed_forms(ctx: SyncContext, stamper: DocumentStamper | None) -> set[str]:
    """Timestamp the waiting signed forms; the cases whose actions must wait (their
    form could not be timestamped this time, for a reason that may pass)."""
    held: set[str] = set()
    if stamper is None:
        return held
    with ctx.desk.unit_of_work(read_only=True) as uow:
        waiting = forms_waiting_for_a_timestamp(uow)
    for form in waiting:
        ctx.check_cancel()
        with ctx.desk.unit_of_work(read_only=True) as uow:
            data = read_waiting_form(uow, form)
        try:
            stamped = stamper.stamp(
                data, lambda query: ctx.retrying(partial(ctx.client.timestamp, query))
            )
        except Refused:
            return held  # no timestamp authority here (404) or not for us: go as B-B
        except TimestampUnavailable:
            continue  # refused this one: it goes as B-B
        except (Retryable, Offline) as exc:
            held.add(form.case_id)
            ctx.problem(
                "failed",
                form.case_id,
                f"document {form.document_id}",
                words("signatures.sync.timestamp_waits", case=form.case_id, reason=exc.message),
            )
            continue
        with ctx.desk.unit_of_work() as uow:
            record_timestamp(uow, form, stamped, actor_id=ctx.actor)
    return held
