"""Signing in to a platform and out again, and which account a sync is for.

The password goes to the platform once and is forgotten; the token goes to the OS
keyring (:func:`app.security.credentials.platform_token_key`), the user's name and role
to the store. Signing out revokes the token on the platform first (``DELETE
/api/v1/session``), so a copy of it is worthless, then forgets it here — even when the
platform cannot be reached, which the answer says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import select

from app import audit
from app.desk import Desk
from app.errors import NotSignedIn, SessionExpired, SyncError
from app.security.credentials import CredentialStore, platform_token_key
from app.services.identity import SignedInUser
from app.store import models as m
from app.sync.client import PlatformClient, Retryable, is_token_shaped
from app.vocabulary import Words, words


class SyncAccount(NamedTuple):
    """The platform and user a sync is for."""

    platform_url: str
    username: str


@dataclass(frozen=True)
class SignedOut:
    """What signing out did: ``revoked`` when the platform confirmed the token is dead;
    otherwise ``problem`` says why it could not be told (the token is forgotten anyway)."""

    username: str
    platform_url: str
    revoked: bool
    problem: Words | None = None


def normalise_url(platform_url: str) -> str:
    url = platform_url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise SyncError(words("sync.not_a_web_address", url=platform_url))
    return url


def login(
    desk: Desk,
    platform_url: str,
    username: str,
    password: str,
    credentials: CredentialStore,
    *,
    transport: Any = None,
) -> SignedInUser:
    """Sign in; the token goes to the keyring, the user's name and role to the store."""
    url = normalise_url(platform_url)
    with PlatformClient(url, transport=transport) as client:
        try:
            session = client.login(username, password)
        except SessionExpired:
            raise SessionExpired(words("sync.login.refused")) from None
        except Retryable as exc:
            if exc.status == 429:
                wait = round(exc.retry_after) if exc.retry_after is not None else 60
                raise SyncError(words("sync.login.throttled", seconds=wait)) from None
            raise SyncError(words("sync.login.failed", reason=exc.message)) from None
    credentials.set(platform_token_key(url, session.username, desk.desk_id), session.token)
    with desk.unit_of_work() as uow:
        user = uow.session.get(m.User, session.username) or m.User(username=session.username)
        user.display_name = session.display_name
        user.role = session.role
        user.platform_url = url
        uow.session.add(user)
        state = uow.session.get(m.SyncState, (url, session.username))
        if state is None:
            uow.session.add(m.SyncState(platform_url=url, username=session.username))
        audit.record(
            uow.session,
            at=uow.clock.now(),
            actor=f"user:{session.username}",
            action="user.signed_in",
            case_id=None,
            changes={"platform": url, "role": session.role},
        )
        uow.commit()
    return SignedInUser(
        username=session.username,
        display_name=session.display_name,
        role=session.role,
        platform_url=url,
    )


def logout(
    desk: Desk,
    platform_url: str,
    username: str,
    credentials: CredentialStore,
    *,
    timeout: float = 10.0,
    transport: Any = None,
) -> SignedOut:
    """Revoke the token on the platform, then forget it here (whatever the platform said)."""
    url = normalise_url(platform_url)
    key = platform_token_key(url, username, desk.desk_id)
    token = credentials.get(key)
    revoked = False
    problem: Words | None = None
    if token is not None and is_token_shaped(token):
        try:
            with PlatformClient(url, token, timeout=timeout, transport=transport) as client:
                client.logout()
            revoked = True
        except SessionExpired:
            revoked = True  # the platform no longer knows this token: as good as revoked
        except SyncError as exc:
            problem = words("sync.logout.not_revoked", url=url, reason=exc.message)
    credentials.delete(key)
    with desk.unit_of_work() as uow:
        audit.record(
            uow.session,
            at=uow.clock.now(),
            actor=f"user:{username}",
            action="user.signed_out",
            case_id=None,
            changes={"platform": url, "revoked": revoked},
        )
        uow.commit()
    return SignedOut(username, url, revoked, problem)


def signed_in_account(desk: Desk, platform_url: str | None) -> SyncAccount:
    """The account to sync: the given platform's, or the only one signed in."""
    with desk.unit_of_work(read_only=True) as uow:
        query = select(m.SyncState.platform_url, m.SyncState.username)
        if platform_url:
            query = query.where(m.SyncState.platform_url == normalise_url(platform_url))
        rows = uow.session.execute(query).all()
    if not rows:
        if platform_url:
            raise NotSignedIn(words("sync.not_signed_in_to", url=platform_url))
        raise NotSignedIn(words("sync.not_signed_in"))
    if len(rows) > 1:
        raise NotSignedIn(words("sync.several_accounts"))
    return SyncAccount(rows[0][0], rows[0][1])
