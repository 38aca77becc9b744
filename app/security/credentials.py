"""The credential store: platform tokens and passphrases in the OS keyring.

Keyring picks the best backend it can find. On a machine without a Secret Service,
KWallet, macOS Keychain or Windows Credential Locker it ends up with the "fail" backend,
or — if ``keyrings.alt`` is installed — a plaintext file. Both are refused here: a token
in a plain file is a token anyone with the laptop can use.
"""

from __future__ import annotations

from typing import Any, Protocol

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from app.errors import CredentialStoreUnavailable
from app.vocabulary import words

SERVICE = "mediation-desk"

# keyring's own scale: backends below 1 are "not recommended" (fail is 0, null -1,
# keyrings.alt's plaintext file 0.5). Only recommended backends keep our secrets.
MINIMUM_PRIORITY = 1.0


def platform_token_key(platform_url: str, username: str, desk_id: str | None) -> str:
    """Where a user's sign-in token to a platform is kept in the keyring: per data folder
    (``desk_id``), so signing out of one store never signs another out unnoticed."""
    return f"token:{desk_id or '-'}:{platform_url.rstrip('/')}:{username}"


def _unavailable(exc: BaseException | None = None) -> CredentialStoreUnavailable:
    if isinstance(exc, keyring.errors.KeyringLocked):
        return CredentialStoreUnavailable(words("security.keyring_locked"))
    return CredentialStoreUnavailable(words("security.no_keyring"))


class CredentialStore(Protocol):
    def get(self, key: str) -> str | None: ...

    def set(self, key: str, secret: str) -> None: ...

    def delete(self, key: str) -> None: ...


def _backends(backend: KeyringBackend) -> list[KeyringBackend]:
    inner: Any = getattr(backend, "backends", None)
    if inner is not None:  # keyring's ChainerBackend wraps several
        return [item for child in inner for item in _backends(child)]
    return [backend]


def _is_secure(backend: KeyringBackend) -> bool:
    try:
        priority = float(backend.priority)
    except Exception:
        return False
    module = type(backend).__module__
    return priority >= MINIMUM_PRIORITY and not module.startswith(
        ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
    )


class KeyringCredentialStore:
    """Secrets under the service name ``mediation-desk``, keyed e.g. by platform and user."""

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend or keyring.get_keyring()

    def _checked(self) -> KeyringBackend:
        backends = _backends(self._backend)
        if not backends or not all(_is_secure(item) for item in backends):
            raise _unavailable()
        return self._backend

    def get(self, key: str) -> str | None:
        try:
            value = self._checked().get_password(SERVICE, key)
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from None
        return None if value is None else str(value)

    def set(self, key: str, secret: str) -> None:
        try:
            self._checked().set_password(SERVICE, key, secret)
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from None

    def delete(self, key: str) -> None:
        try:
            self._checked().delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            return  # nothing stored: already deleted
        except keyring.errors.KeyringError as exc:
            raise _unavailable(exc) from None
