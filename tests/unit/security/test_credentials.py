"""Secrets go to a secure keyring or nowhere."""

from __future__ import annotations

import pytest
from keyring.backends import chainer, fail

from app.errors import CredentialStoreUnavailable
from app.security.credentials import KeyringCredentialStore
from tests.support.memory_keyring import MemoryKeyring, PlaintextLikeKeyring


def test_a_secret_round_trips_through_a_secure_keyring() -> None:
    backend = MemoryKeyring()
    store = KeyringCredentialStore(backend)
    store.set("token:https://platform.example:mediator1", "s3cret")
    assert store.get("token:https://platform.example:mediator1") == "s3cret"
    assert backend.secrets == {
        ("mediation-desk", "token:https://platform.example:mediator1"): "s3cret"
    }
    store.delete("token:https://platform.example:mediator1")
    assert store.get("token:https://platform.example:mediator1") is None
    store.delete("token:https://platform.example:mediator1")  # deleting twice is fine


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), PlaintextLikeKeyring()],
    ids=["no keyring at all", "plaintext file keyring"],
)
def test_an_insecure_keyring_is_refused_with_what_to_install(backend) -> None:
    store = KeyringCredentialStore(backend)
    with pytest.raises(CredentialStoreUnavailable, match="gnome-keyring"):
        store.set("token", "s3cret")
    with pytest.raises(CredentialStoreUnavailable):
        store.get("token")
    if isinstance(backend, PlaintextLikeKeyring):
        assert backend.secrets == {}


def test_a_chain_holding_an_insecure_backend_is_refused() -> None:
    chain = chainer.ChainerBackend()
    chain.__dict__["backends"] = [MemoryKeyring(), PlaintextLikeKeyring()]
    with pytest.raises(CredentialStoreUnavailable):
        KeyringCredentialStore(chain).set("token", "s3cret")
