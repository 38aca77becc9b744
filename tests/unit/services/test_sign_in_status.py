"""Who can sync from a store: an account recorded in it, with its token in the keyring."""

from __future__ import annotations

import pytest

from app.desk import Desk
from app.errors import CredentialStoreUnavailable
from app.security.credentials import KeyringCredentialStore, platform_token_key
from app.services.sign_in_status import usable_sign_ins
from app.store import models as m
from tests.support.memory_keyring import MemoryKeyring, PlaintextLikeKeyring

URL = "https://platform.example.cn"


def _record(desk: Desk, username: str, url: str = URL) -> None:
    with desk.unit_of_work() as uow:
        uow.session.add(
            m.User(username=username, display_name=username, role="mediator", platform_url=url)
        )
        uow.session.add(m.SyncState(platform_url=url, username=username))
        uow.commit()


def test_an_account_with_its_token_can_sync(desk: Desk) -> None:
    credentials = KeyringCredentialStore(MemoryKeyring())
    _record(desk, "mediator1")
    credentials.set(platform_token_key(URL, "mediator1", desk.desk_id), "token")
    with desk.unit_of_work(read_only=True) as uow:
        [user] = usable_sign_ins(uow, credentials)
    assert (user.username, user.platform_url) == ("mediator1", URL)


def test_an_account_whose_token_was_deleted_cannot(desk: Desk) -> None:
    credentials = KeyringCredentialStore(MemoryKeyring())
    _record(desk, "mediator1")  # `mediation-desk logout` keeps the record, drops the token
    with desk.unit_of_work(read_only=True) as uow:
        assert usable_sign_ins(uow, credentials) == ()


def test_a_token_in_the_keyring_is_not_a_sign_in_of_a_store_that_never_signed_in(
    desk: Desk,
) -> None:
    credentials = KeyringCredentialStore(MemoryKeyring())
    credentials.set(
        platform_token_key(URL, "mediator1", desk.desk_id), "left by another data folder"
    )
    with desk.unit_of_work(read_only=True) as uow:
        assert usable_sign_ins(uow, credentials) == ()


def test_a_keyring_that_is_not_safe_is_refused_not_read(desk: Desk) -> None:
    _record(desk, "mediator1")
    with desk.unit_of_work(read_only=True) as uow, pytest.raises(CredentialStoreUnavailable):
        usable_sign_ins(uow, KeyringCredentialStore(PlaintextLikeKeyring()))


def test_signing_out_of_one_data_folder_leaves_another_signed_in(desk: Desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    credentials = KeyringCredentialStore(MemoryKeyring())
    other = Desk.open(tmp_path / "other-home")
    try:
        for store in (desk, other):
            _record(store, "mediator1")
            credentials.set(
                platform_token_key(URL, "mediator1", store.desk_id), f"of {store.desk_id}"
            )
        assert desk.desk_id != other.desk_id
        credentials.delete(platform_token_key(URL, "mediator1", desk.desk_id))  # logout in one
        with desk.unit_of_work(read_only=True) as uow:
            assert usable_sign_ins(uow, credentials) == ()
        with other.unit_of_work(read_only=True) as uow:
            assert [user.username for user in usable_sign_ins(uow, credentials)] == ["mediator1"]
    finally:
        other.close()
