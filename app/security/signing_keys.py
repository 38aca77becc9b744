"""Where a user's signing key and the trusted roots live: files in the data folder.

A PKCS#12 file is kept in ``<home>/signing-keys/<username>.p12`` (0600, the folder 0700);
its passphrase only ever in the OS keyring (or asked each time, when the user prefers).
Trust roots (CA certificates) and their CRLs are kept in ``<home>/trust/``, named by the
SHA-256 of their bytes. The core only stores and finds these files; reading and checking
them is :mod:`reports.signing.keys`' job (the core never imports the signing library).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from app.errors import ValidationError
from app.files import private_folder, write_private
from app.security.credentials import CredentialStore
from app.vocabulary import words

KEYS_FOLDER = "signing-keys"
TRUST_FOLDER = "trust"
_USERNAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def passphrase_key(username: str) -> str:
    """Where the keyring keeps the passphrase of a user's signing key."""
    return f"signing-key:{username}"


def _checked(username: str) -> str:
    if not _USERNAME.match(username):
        raise ValidationError(words("signatures.keys.bad_username", username=username))
    return username


def keys_folder(home: Path) -> Path:
    return private_folder(home / KEYS_FOLDER)


def trust_folder(home: Path) -> Path:
    return private_folder(home / TRUST_FOLDER)


def install_signing_key(
    home: Path,
    credentials: CredentialStore,
    username: str,
    data: bytes,
    passphrase: str | None,
) -> Path:
    """Keep a checked PKCS#12 for ``username``; its passphrase in the keyring, or none
    kept (``passphrase`` None: asked each time). A passphrase kept earlier is forgotten
    when the user now prefers to be asked."""
    path = keys_folder(home) / f"{_checked(username)}.p12"
    if passphrase is not None:
        credentials.set(passphrase_key(username), passphrase)
    else:
        credentials.delete(passphrase_key(username))
    write_private(path, data)
    return path


def signing_key_path(home: Path, username: str) -> Path | None:
    path = home / KEYS_FOLDER / f"{_checked(username)}.p12"
    return path if path.is_file() else None


def installed_key_owners(home: Path) -> list[str]:
    folder = home / KEYS_FOLDER
    return sorted(path.stem for path in folder.glob("*.p12")) if folder.is_dir() else []


def kept_passphrase(credentials: CredentialStore, username: str) -> str | None:
    return credentials.get(passphrase_key(username))


def add_trusted(home: Path, data: bytes, suffix: str) -> Path:
    """Keep a trust root (``.pem``) or a CRL (``.crl``), named by its SHA-256."""
    path = trust_folder(home) / f"{hashlib.sha256(data).hexdigest()}{suffix}"
    write_private(path, data)
    return path


def trusted_files(home: Path, suffix: str) -> list[bytes]:
    folder = home / TRUST_FOLDER
    if not folder.is_dir():
        return []
    return [path.read_bytes() for path in sorted(folder.glob(f"*{suffix}"))]


def replace_crls(home: Path, issuer_tag: str, data: bytes) -> Path:
    """Keep the newest CRL of one issuer (``issuer_tag``: a digest of its name), dropping
    the older ones so verification never reads a stale list alongside the new one."""
    folder = trust_folder(home)
    for old in folder.glob(f"{issuer_tag}-*.crl"):
        old.unlink()
    path = folder / f"{issuer_tag}-{hashlib.sha256(data).hexdigest()[:16]}.crl"
    write_private(path, data)
    return path
