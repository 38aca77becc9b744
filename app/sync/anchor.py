"""Sending the audit chain's head to the platform at the end of a sync.

The platform keeps the newest anchor per desk and user and refuses one that goes back
(a lower sequence number, or the same one with another digest). So a desk whose database
was rewound or rewritten is caught at its next sync: the refusal is not a sync failure,
but the summary says it first and loudly — this desk's audit trail went back in time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from app import audit
from app.desk import Desk
from app.errors import NotSignedIn
from app.security.credentials import CredentialStore, platform_token_key
from app.sync.account import signed_in_account
from app.sync.client import AnchorRewound, PlatformClient, Refused, Retryable
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


def platform_anchor(
    desk: Desk, credentials: CredentialStore, *, transport: Any = None
) -> audit.AuditAnchor | None:
    """The audit head the platform holds for this desk (for ``audit verify --online``):
    a head kept outside this computer altogether, which a lost keyring cannot take away."""
    identity = desk.desk_id
    if identity is None:
        return None
    account = signed_in_account(desk, None)
    token = credentials.get(platform_token_key(account.platform_url, account.username, identity))
    if token is None:
        raise NotSignedIn(
            words("sync.user_not_signed_in", user=account.username, url=account.platform_url)
        )
    with PlatformClient(account.platform_url, token, transport=transport) as client:
        held = client.get_anchor(identity)
    if held is None:
        return None
    return audit.AuditAnchor(
        identity, held.seq, held.digest, datetime.fromisoformat(held.at), source="platform"
    )
