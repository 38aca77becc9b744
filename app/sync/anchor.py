"""Sending the audit chain's head to the platform at the end of a sync.

The platform keeps the newest anchor per desk and user and refuses one that goes back
(a lower sequence number, or the same one with another digest). So a desk whose database
was rewound or rewritten is caught at its next sync: the refusal is not a sync failure,
but the summary says it first and loudly — this desk's audit trail went back in time.
"""

from __future__ import annotations

from datetime import UTC

from app import audit
from app.sync.client import AnchorRewound, Refused, Retryable
from app.sync.context import SyncContext
from app.vocabulary import words

WHAT = "audit anchor"


def send_anchor(ctx: SyncContext) -> None:
    """PUT the audit head; record what the platform acknowledged, or that it refused."""
    with ctx.desk.unit_of_work(read_only=True) as uow:
        anchor = audit.current_anchor(uow)
    if anchor is None:
        return  # an empty trail has nothing to anchor
    at = anchor.at.astimezone(UTC).isoformat()
    try:
        held = ctx.retrying(
            lambda: ctx.client.put_anchor(anchor.desk_id, anchor.seq, anchor.digest, at)
        )
    except AnchorRewound as exc:
        ctx.tally.anchor_rewound = True
        ctx.tally.anchor_platform_seq = exc.platform_seq
        ctx.tally.warnings.append(
            words(
                "sync.anchor.rewound",
                desk=anchor.desk_id,
                seq=anchor.seq,
                platform_seq="?" if exc.platform_seq is None else exc.platform_seq,
                url=ctx.url,
            )
        )
        return
    except Refused as exc:
        if exc.status in (404, 405, 501):
            return  # a platform that keeps no anchors: nothing to compare with
        ctx.problem("failed", None, WHAT, words("sync.anchor.not_sent", reason=exc.message))
        return
    except Retryable as exc:
        ctx.problem("failed", None, WHAT, words("sync.anchor.not_sent", reason=exc.message))
        return
    ctx.tally.anchor_seq = held.seq
