"""Sync with the platform: pull cases and evidence, push the mediator's work.

The mediator works offline for hours or days; sync must never lose their work, never
apply an action twice, never show a half-downloaded file, and never silently overwrite
one side's change with the other's. See :mod:`app.sync.engine` for the order of things.
"""

from app.sync.engine import SyncProgress, SyncSummary, login, logout, run_sync

__all__ = ["SyncProgress", "SyncSummary", "login", "logout", "run_sync"]
