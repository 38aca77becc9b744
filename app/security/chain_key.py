"""The audit chain's key and anchors, kept in the OS keyring beside the platform token.

The key makes the audit chain impossible to recompute for someone who can write the
database but not the user's keyring (see :mod:`app.audit`); the anchor is the chain's
head as it was when the desk last closed, so deleting the newest events shows. Both are
named by the store's identity (``desk_id``), so two data folders never share them.
"""

from __future__ import annotations

import json

from app.audit import AuditAnchor, ChainKey
from app.errors import CredentialStoreUnavailable
from app.security.credentials import CredentialStore


def _key_name(desk_id: str) -> str:
    return f"audit-key:{desk_id}"


def _anchor_name(desk_id: str) -> str:
    return f"audit-anchor:{desk_id}"


def load_chain_key(
    credentials: CredentialStore, desk_id: str, *, create: bool, chain_is_keyed: bool
) -> ChainKey | None:
    """The desk's chain key; made (and kept) when ``create`` and none exists yet.

    When the keyring cannot be reached (none installed, or locked): a chain that was
    never keyed goes on unkeyed — verification says so — rather than the desk refusing
    to work; but once the chain is keyed, that is refused with the keyring's own words
    (:class:`CredentialStoreUnavailable`), because an unkeyed link after keyed ones is
    exactly what a rewrite looks like.
    """
    try:
        stored = credentials.get(_key_name(desk_id))
        if stored is not None:
            return ChainKey.from_text(stored)
        if not create:
            return None
        key = ChainKey.generate()
        credentials.set(_key_name(desk_id), key.to_text())
        return key
    except CredentialStoreUnavailable:
        if chain_is_keyed:
            raise
        return None
    except ValueError:
        return None  # not a key we wrote: verification reports the events it cannot check


def load_anchor(credentials: CredentialStore, desk_id: str) -> AuditAnchor | None:
    """The head recorded when the desk last closed, if any."""
    try:
        stored = credentials.get(_anchor_name(desk_id))
    except CredentialStoreUnavailable:
        return None
    if stored is None:
        return None
    try:
        return AuditAnchor.from_json_dict(desk_id, json.loads(stored), "keyring")
    except (ValueError, KeyError, TypeError):
        return None


def keep_anchor(credentials: CredentialStore, anchor: AuditAnchor) -> bool:
    """Record ``anchor`` in the keyring if it is newer than the one kept; True if kept."""
    previous = load_anchor(credentials, anchor.desk_id)
    if previous is not None and previous.seq >= anchor.seq:
        return False
    try:
        credentials.set(_anchor_name(anchor.desk_id), json.dumps(anchor.to_json_dict()))
    except CredentialStoreUnavailable:
        return False
    return True
