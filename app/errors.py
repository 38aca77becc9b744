"""The errors a user can meet and act on, and the one table that says what they mean.

Each carries its message as :class:`~app.vocabulary.Words`, said in the reader's
language when shown: the command line prints it in the locale's language, the desk in
its own. Anything that is not a :class:`DeskError` — nor an environment fault that
:func:`as_desk_error` recognises (disk full, database locked, no permission) — is a
bug: :mod:`app.bug_log` writes its traceback and the user gets a short apology.

:func:`describe_error` is the one table from error class to the words a mediator sees
(a headline and advice per kind); the command line and the desk both use it.
"""

from __future__ import annotations

import errno
import sqlite3
import sys
from dataclasses import dataclass
from typing import Literal

from app.contract.language import Language
from app.vocabulary.catalog import Sayable, Words, current_language, say, words


class DeskError(Exception):
    """An expected failure with a message the user can act on."""

    exit_code = 1

    def __init__(self, message: Sayable | str) -> None:
        super().__init__(message)
        self.message = message

    def text(self, language: Language | None = None) -> str:
        """The message in ``language`` (default: the language this process speaks)."""
        return say(self.message, language or current_language())

    def __str__(self) -> str:
        return self.text()


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
    """Stored evidence, a record or the audit trail no longer matches what was recorded."""

    exit_code = 6


class SyncError(DeskError):
    """The platform could not be reached or answered with an error."""

    exit_code = 7


class SessionExpired(SyncError):
    """The platform no longer accepts the sign-in token: the user must log in again."""


class NotSignedIn(SyncError):
    """No sign-in token is stored for this platform and user."""


class TimestampUnavailable(SyncError):
    """The platform's timestamp authority gave no timestamp: it refused the request, or
    its answer was not a timestamp (a signature is then made, or stays, without one)."""


class Offline(SyncError):
    """The platform cannot be reached at all (no network, wrong address, server down)."""


class SyncCancelled(SyncError):
    """The user stopped the sync; everything finished so far is kept."""


class EnvironmentFault(DeskError):
    """This computer refused: disk full, no permission, a locked or damaged database.

    Not a bug and not the user's input: the message says what to put right.
    """

    exit_code = 9


class CredentialStoreUnavailable(EnvironmentFault):
    """No secure place (OS keyring) to keep a secret; we never fall back to plain files."""

    exit_code = 8


class StoreInUse(EnvironmentFault):
    """Another process holds the data folder's writer lock (a sync or an import)."""

    exit_code = 10


ErrorKind = Literal[
    "cancelled",
    "sign_in",
    "sign_in_again",
    "offline",
    "conflict",
    "in_use",
    "keyring",
    "environment",
    "permission",
    "integrity",
    "not_found",
    "platform",
    "invalid",
    "bug",
]

# The one table from error class to kind, walked in order with isinstance: the most
# specific class first. Anything not in it is a bug.
ERROR_KINDS: tuple[tuple[type[BaseException], ErrorKind], ...] = (
    (SyncCancelled, "cancelled"),
    (NotSignedIn, "sign_in"),
    (SessionExpired, "sign_in_again"),
    (Offline, "offline"),
    (ConflictError, "conflict"),
    (StoreInUse, "in_use"),
    (CredentialStoreUnavailable, "keyring"),
    (EnvironmentFault, "environment"),
    (PermissionDenied, "permission"),
    (IntegrityError, "integrity"),
    (NotFound, "not_found"),
    (SyncError, "platform"),
    (ValidationError, "invalid"),
    (DeskError, "invalid"),
)


def error_kind(error: BaseException) -> ErrorKind:
    """What kind of failure ``error`` is, for the words and the way it is shown."""
    for cls, kind in ERROR_KINDS:
        if isinstance(error, cls):
            return kind
    return "bug"


@dataclass(frozen=True)
class ErrorDescription:
    """An error in words: what happened (headline), what to do (advice), the detail."""

    kind: ErrorKind
    headline: str
    advice: str
    detail: str  # the error's own message; may quote the platform or a party


def describe_error(
    error: BaseException, language: Language | None = None, *, bug_log: str | None = None
) -> ErrorDescription:
    """The words for ``error`` in ``language``; ``bug_log`` says where a bug was logged."""
    language = language or current_language()
    error = as_desk_error(error)
    kind = error_kind(error)
    if kind == "bug":
        where = bug_log or words("errors.advice.bug_unlogged").text(language)
        advice = words("errors.advice.bug", where=where).text(language)
        return ErrorDescription(kind, words("errors.headline.bug").text(language), advice, "")
    detail = error.text(language) if isinstance(error, DeskError) else str(error)
    return ErrorDescription(
        kind,
        words(f"errors.headline.{kind}").text(language),
        words(f"errors.advice.{kind}").text(language),
        detail,
    )


# -- environment faults ----------------------------------------------------------------

_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
_NO_ACCESS = {errno.EACCES, errno.EPERM}


def as_desk_error(error: BaseException) -> BaseException:
    """``error`` itself, or the environment fault it stands for (disk full, no access,
    a locked, damaged or unreachable database, a locked keyring) as a
    :class:`EnvironmentFault` whose message says what to do."""
    if isinstance(error, DeskError):
        return error
    fault = _environment_fault(error)
    if fault is None:
        return error
    fault.__cause__ = error
    return fault


def _environment_fault(error: BaseException) -> EnvironmentFault | None:
    # SQLAlchemy and others wrap the original fault: follow what an error says it came
    # from (``raise … from``, ``.orig``), never the error being handled when it happened
    # (a real bug raised while handling a locked database is still a bug).
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        found = _fault_of(current)
        if found is not None:
            return found
        current = getattr(current, "orig", None) or current.__cause__
    return None


def _fault_of(error: BaseException) -> EnvironmentFault | None:
    if isinstance(error, OSError) and error.errno is not None:
        where = error.filename or "?"
        if error.errno in _DISK_FULL:
            return EnvironmentFault(words("errors.fault.disk_full", where=where))
        if error.errno == errno.EROFS:
            return EnvironmentFault(words("errors.fault.read_only", where=where))
        if error.errno in _NO_ACCESS:
            return EnvironmentFault(words("errors.fault.no_access", where=where))
        return None
    if isinstance(error, sqlite3.Error):
        return _sqlite_fault(error)
    # Only when loaded already: naming them must not cost a command their import time.
    keyring_errors = sys.modules.get("keyring.errors")
    if keyring_errors is not None and isinstance(error, keyring_errors.KeyringLocked):
        return CredentialStoreUnavailable(words("security.keyring_locked"))
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None and isinstance(error, psycopg.OperationalError):
        return EnvironmentFault(words("errors.fault.store_unreachable", where="PostgreSQL"))
    return None


def _sqlite_fault(error: sqlite3.Error) -> EnvironmentFault | None:
    message = str(error).lower()
    if "locked" in message or "busy" in message:
        return EnvironmentFault(words("errors.fault.store_busy"))
    if "disk is full" in message or "database or disk is full" in message:
        return EnvironmentFault(words("errors.fault.disk_full", where="SQLite"))
    if "readonly" in message or "read-only" in message:
        return EnvironmentFault(words("errors.fault.read_only", where="SQLite"))
    if "unable to open" in message:
        return EnvironmentFault(words("errors.fault.no_access", where="SQLite"))
    if "not a database" in message or "malformed" in message or "disk i/o" in message:
        return EnvironmentFault(words("errors.fault.store_damaged", where="SQLite"))
    return None


__all__ = [
    "ERROR_KINDS",
    "ConflictError",
    "CredentialStoreUnavailable",
    "DeskError",
    "EnvironmentFault",
    "ErrorDescription",
    "ErrorKind",
    "IntegrityError",
    "NotFound",
    "NotSignedIn",
    "Offline",
    "PermissionDenied",
    "SessionExpired",
    "StoreInUse",
    "SyncCancelled",
    "SyncError",
    "ValidationError",
    "Words",
    "as_desk_error",
    "describe_error",
    "error_kind",
]
