"""The errors a user can meet and act on.

Each carries a message written for a mediator, not a programmer. Anything that is not
one of these is a bug: it is logged with its traceback and shown as a short apology.
"""

from __future__ import annotations


class DeskError(Exception):
    """An expected failure with a message the user can act on."""

    exit_code = 1


class ValidationError(DeskError):
    """Input that does not follow the rules (a bundle, an answer, an amount)."""

    exit_code = 2


class NotFound(DeskError):
    """No such case, evidence item or document in the local store."""

    exit_code = 3


class ConflictError(DeskError):
    """The platform and the desk changed the same case; the mediator must decide."""

    exit_code = 4


class PermissionDenied(DeskError):
    """The user's role may not do this."""

    exit_code = 5


class IntegrityError(DeskError):
    """Stored evidence or the audit trail no longer matches what was recorded."""

    exit_code = 6


class SyncError(DeskError):
    """The platform could not be reached or answered with an error."""

    exit_code = 7


class CredentialStoreUnavailable(DeskError):
    """No secure place (OS keyring) to keep a secret; we never fall back to plain files."""

    exit_code = 8


class SessionExpired(SyncError):
    """The platform no longer accepts the sign-in token: the user must log in again."""


class NotSignedIn(SyncError):
    """No sign-in token is stored for this platform and user."""


class Offline(SyncError):
    """The platform cannot be reached at all (no network, wrong address, server down)."""


class SyncCancelled(SyncError):
    """The user stopped the sync; everything finished so far is kept."""
