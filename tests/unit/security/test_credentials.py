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


def test_the_desks_log_file_is_private_whatever_the_umask(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import logging
    import os

    from app.files import PrivateRotatingLog

    previous = os.umask(0o022)
    try:
        handler = PrivateRotatingLog(tmp_path / "desk.log", maxBytes=50, backupCount=2)
        record = logging.LogRecord("t", logging.INFO, __file__, 1, "x" * 40, None, None)
        for _ in range(4):  # enough to roll over: the new file is private too
            handler.emit(record)
        handler.close()
    finally:
        os.umask(previous)
    files = sorted(tmp_path.glob("desk.log*"))
    assert len(files) >= 2
    assert {oct(path.stat().st_mode & 0o777) for path in files} == {oct(0o600)}
