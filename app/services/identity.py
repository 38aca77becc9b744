"""Who is acting on this desk: the signed-in platform user, or the OS account."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import select

from app.store import models as m
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class SignedInUser:
    """A platform account signed in on this store (its token is in the OS keyring)."""

    username: str
    display_name: str
    role: str  # "mediator" or "supervisor", as the platform's session says
    platform_url: str

    @property
    def actor(self) -> str:
        return f"user:{self.username}"


def local_actor() -> str:
    """The OS account, for a desk where nobody has signed in to a platform."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    cleaned = "".join(char for char in name if char.isalnum() or char in "._-")[:64]
    return f"user:{cleaned or 'unknown'}"


def signed_in_users(uow: UnitOfWork) -> list[SignedInUser]:
    """Every account signed in on this store, by platform and name."""
    rows = uow.session.execute(
        select(m.User.username, m.User.display_name, m.User.role, m.SyncState.platform_url)
        .join(m.SyncState, m.SyncState.username == m.User.username)
        .order_by(m.SyncState.platform_url, m.User.username)
    ).all()
    return [SignedInUser(*row) for row in rows]


def signed_in_user(uow: UnitOfWork) -> SignedInUser | None:
    """The one account signed in on this store; None when there is none or several."""
    users = signed_in_users(uow)
    return users[0] if len(users) == 1 else None


def acting_user(uow: UnitOfWork) -> str:
    """The audit trail's actor: the signed-in user if there is exactly one."""
    user = signed_in_user(uow)
    return user.actor if user is not None else local_actor()
