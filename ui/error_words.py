"""Errors in words a mediator understands, sorted by what they can do about them.

Expected failures are ``app.errors.DeskError`` subclasses; each kind gets a headline and
advice here, in the user's language, and the error's own message as the detail. Sync's
``SessionExpired`` and ``Offline`` are recognised by class name, so this works before and
after ``app.sync`` exists. Anything else is a bug: the caller logs it and apologises.
``SyncCancelled`` is not a failure at all: the user asked the sync to stop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.errors import (
    ConflictError,
    CredentialStoreUnavailable,
    DeskError,
    IntegrityError,
    NotFound,
    PermissionDenied,
    SyncError,
    ValidationError,
)
from ui.qt import QCoreApplication

ErrorKind = Literal[
    "cancelled",
    "sign_in",
    "sign_in_again",
    "offline",
    "conflict",
    "keyring",
    "permission",
    "integrity",
    "invalid",
    "not_found",
    "platform",
    "bug",
]


@dataclass(frozen=True)
class ErrorWords:
    kind: ErrorKind
    headline: str
    advice: str
    detail: str  # the error's own message (untrusted when it quotes the platform)


def _named(error: BaseException, name: str) -> bool:
    return any(cls.__name__ == name for cls in type(error).__mro__)


def error_kind(error: BaseException) -> ErrorKind:
    if _named(error, "SyncCancelled"):
        return "cancelled"
    if _named(error, "NotSignedIn"):
        return "sign_in"
    if _named(error, "SessionExpired"):
        return "sign_in_again"
    if _named(error, "Offline"):
        return "offline"
    if isinstance(error, ConflictError):
        return "conflict"
    if isinstance(error, CredentialStoreUnavailable):
        return "keyring"
    if isinstance(error, PermissionDenied):
        return "permission"
    if isinstance(error, IntegrityError):
        return "integrity"
    if isinstance(error, ValidationError):
        return "invalid"
    if isinstance(error, NotFound):
        return "not_found"
    if isinstance(error, SyncError):
        return "platform"
    if isinstance(error, DeskError):
        return "invalid"
    return "bug"


def describe_error(error: BaseException) -> ErrorWords:
    kind = error_kind(error)
    detail = str(error)
    if kind == "cancelled":
        return ErrorWords(
            kind,
            QCoreApplication.translate("ErrorWords", "Sync stopped"),
            QCoreApplication.translate(
                "ErrorWords",
                "Everything already downloaded is kept; the next sync continues from there.",
            ),
            detail,
        )
    if kind == "sign_in":
        return ErrorWords(
            kind,
            QCoreApplication.translate("ErrorWords", "Please sign in first"),
            QCoreApplication.translate(
                "ErrorWords", "This desk has no sign-in for the platform yet. Sign in to sync."
            ),
            detail,
        )
    if kind == "sign_in_again":
        return ErrorWords(
            kind,
            QCoreApplication.translate("ErrorWords", "Please sign in again"),
            QCoreApplication.translate(
                "ErrorWords",
                "Your sign-in to the platform has expired. Sign in again to continue; "
                "nothing you did on the desk is lost.",
            ),
            detail,
        )
    if kind == "offline":
        return ErrorWords(
            kind,
            QCoreApplication.translate("ErrorWords", "The platform cannot be reached"),
            QCoreApplication.translate(
                "ErrorWords",
                "Check the network connection. You can keep working offline: your actions "
                "are kept on this computer and sent at the next sync.",
            ),
            detail,
        )
    if kind == "conflict":
        return ErrorWords(
            kind,
            QCoreApplication.translate(
                "ErrorWords", "A case was changed on the platform meanwhile"
            ),
            QCoreApplication.translate(
                "ErrorWords",
                "The platform and this desk changed the same case. Nothing was overwritten: "
                "the case is marked in the queue so you can look at both versions and decide.",
            ),
            detail,
        )
    if kind == "keyring":
        return ErrorWords(
            kind,
            QCoreApplication.translate("ErrorWords", "No safe place for the sign-in token"),
            QCoreApplication.translate(
                "ErrorWords",
                "The desk keeps the platform token only in the system keyring, and none is "
                "available. Install or unlock a keyring, then sign in again.",
            ),
            detail,
        )
    if kind == "permission":
        return ErrorWords(
            kind,
            QCoreApplication.translate("ErrorWords", "Not allowed"),
            QCoreApplication.translate("ErrorWords", "Your role may not do this."),
            detail,
        )
    if kind == "integrity":
        return ErrorWords(
            kind,
            QCoreApplication.translate("ErrorWords", "A stored file does not match its record"),
            QCoreApplication.translate(
                "ErrorWords",
                "The file was changed or removed on this computer. Sync again to restore it.",
            ),
            detail,
        )
    if kind == "not_found":
        return ErrorWords(
            kind,
            QCoreApplication.translate("ErrorWords", "Not found"),
            QCoreApplication.translate("ErrorWords", "It is no longer in the local store."),
            detail,
        )
    if kind == "platform":
        return ErrorWords(
            kind,
            QCoreApplication.translate("ErrorWords", "The platform refused the request"),
            QCoreApplication.translate(
                "ErrorWords", "Try again later. If it keeps happening, tell your supervisor."
            ),
            detail,
        )
    if kind == "invalid":
        return ErrorWords(
            kind, QCoreApplication.translate("ErrorWords", "That did not work"), "", detail
        )
    return ErrorWords(
        kind,
        QCoreApplication.translate("ErrorWords", "Sorry, something went wrong"),
        QCoreApplication.translate(
            "ErrorWords",
            "This is a fault in Mediation Desk, not something you did. It was written to the log.",
        ),
        detail,
    )
