"""Who is acting on this desk: the signed-in platform user, or the OS account."""

from __future__ import annotations

import getpass

from sqlalchemy import select

from app.store import models as m
from app.store.unit_of_work import UnitOfWork


def local_actor() -> str:
    """The OS account, for a desk where nobody has signed in to a platform."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    cleaned = "".join(char for char in name if char.isalnum() or char in "._-")[:64]
    return f"user:{cleaned or 'unknown'}"


def acting_user(uow: UnitOfWork) -> str:
    """The audit trail's actor: the signed-in user if there is exactly one."""
    names = list(uow.session.execute(select(m.SyncState.username)).scalars())
    return f"user:{names[0]}" if len(names) == 1 else local_actor()
