"""Sync with the platform: pull cases and evidence, push the mediator's work.

The mediator works offline for hours or days; sync must never lose their work, never
apply an action twice, never show a half-downloaded file, and never silently overwrite
one side's change with the other's. :mod:`app.sync.run` tells the order of things;
:mod:`app.sync.account` signs in and out.
"""

from app.sync.account import SignedOut, SyncAccount, login, logout, signed_in_account
from app.sync.context import SyncLimits
from app.sync.progress import SyncProblem, SyncProgress, SyncSummary
from app.sync.run import run_sync

__all__ = [
    "SignedOut",
    "SyncAccount",
    "SyncLimits",
    "SyncProblem",
    "SyncProgress",
    "SyncSummary",
    "login",
    "logout",
    "run_sync",
    "signed_in_account",
]
