"""Who can sync from this store right now: signed in here, with a token still in the keyring.

A sign-in belongs to a store (``mediation-desk login`` records the account in the data
folder it was run on) and is usable only while its token is in the OS keyring
(``mediation-desk logout`` deletes the token and keeps the record). Whatever another
data folder did, or a window remembers, says nothing about this one.
"""

from __future__ import annotations

from app import audit
from app.security.credentials import CredentialStore, platform_token_key
from app.services.identity import SignedInUser, signed_in_users
from app.store.unit_of_work import UnitOfWork


def usable_sign_ins(uow: UnitOfWork, credentials: CredentialStore) -> tuple[SignedInUser, ...]:
    """The accounts signed in on this store whose token is in ``credentials``.

    Reads the keyring: call it off the GUI thread. A keyring that cannot be read raises
    :class:`app.errors.CredentialStoreUnavailable` (nobody can sync until it can).
    """
    desk = audit.desk_id(uow.session)
    return tuple(
        user
        for user in signed_in_users(uow)
        if credentials.get(platform_token_key(user.platform_url, user.username, desk))
    )
