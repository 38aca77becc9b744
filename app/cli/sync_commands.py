"""``mediation-desk login``, ``logout``, ``sync``, ``sync conflicts`` and the outbox commands."""

from __future__ import annotations

import argparse
import getpass
import sys
import threading
from typing import Any, Literal

from app.cli.common import add_json_flag, open_desk
from app.cli.output import complain, emit_json, safe_for_terminal, say
from app.errors import SyncError, ValidationError
from app.security.credentials import KeyringCredentialStore
from app.services.identity import acting_user
from app.services.outbox import conflict_details, enqueue_action, list_conflicts, resolve_conflict
from app.sync.engine import SyncProgress, login, logout, run_sync, signed_in_account


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    sign_in = subparsers.add_parser("login", parents=[common], help="sign in to a platform")
    sign_in.add_argument("--platform", required=True, metavar="URL")
    sign_in.add_argument("--user", required=True, metavar="NAME")
    sign_in.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add_json_flag(sign_in)
    sign_in.set_defaults(handler=_login)

    sign_out = subparsers.add_parser("logout", parents=[common], help="forget the sign-in token")
    sign_out.add_argument("--platform", metavar="URL")
    add_json_flag(sign_out)
    sign_out.set_defaults(handler=_logout)

    sync = subparsers.add_parser(
        "sync", parents=[common], help="pull cases and evidence, push your work"
    )
    sync.add_argument("--platform", metavar="URL")
    add_json_flag(sync)
    sync.set_defaults(handler=_sync)
    sync_commands = sync.add_subparsers(dest="sync_command", metavar="COMMAND")
    conflicts = sync_commands.add_parser(
        "conflicts", parents=[common], help="cases where your work and the platform disagree"
    )
    add_json_flag(conflicts)
    conflicts.set_defaults(handler=_conflicts)


def register_case_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Outbox commands under ``cases``: message a party, resolve a conflict."""
    message = commands.add_parser(
        "message", parents=[common], help="send a message to a party (queued until sync)"
    )
    message.add_argument("case_id", metavar="CASE_ID")
    message.add_argument("--to", required=True, action="append", metavar="PARTY_ID")
    message.add_argument("--text", required=True)
    message.add_argument(
        "--channel",
        default="platform",
        choices=["platform", "platform_chat", "email", "sms", "phone_note", "letter"],
    )
    add_json_flag(message)
    message.set_defaults(handler=_message)

    resolve = commands.add_parser(
        "resolve", parents=[common], help="decide a conflict: re-base and resend, or discard"
    )
    resolve.add_argument("case_id", metavar="CASE_ID")
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument(
        "--rebase", action="store_true", help="send your held actions again on the current version"
    )
    choice.add_argument("--discard", action="store_true", help="drop your held actions")
    add_json_flag(resolve)
    resolve.set_defaults(handler=_resolve)


def _login(args: argparse.Namespace) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {args.user} at {args.platform}: ")
    if not password:
        raise ValidationError("No password given.")
    desk = open_desk(args)
    try:
        user = login(desk, args.platform, args.user, password, KeyringCredentialStore())
    finally:
        desk.close()
    if args.json:
        emit_json(
            {
                "username": user.username,
                "display_name": user.display_name,
                "role": user.role,
                "platform": user.platform_url,
            }
        )
    else:
        say(
            safe_for_terminal(
                f"Signed in to {user.platform_url} as {user.display_name} ({user.role})."
            )
        )
    return 0


def _logout(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        url, username = signed_in_account(desk, args.platform)
        logout(desk, url, username, KeyringCredentialStore())
    finally:
        desk.close()
    if args.json:
        emit_json({"signed_out": username, "platform": url})
    else:
        say(f"Signed out {username} from {url}.")
    return 0


class _ProgressBar:
    """A one-line progress display, drawn only on a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self._lock = threading.Lock()

    def __call__(self, progress: SyncProgress) -> None:
        if not self.enabled:
            return
        if progress.phase == "files" and progress.bytes_total:
            share = progress.bytes_done / progress.bytes_total
            bar = "#" * int(share * 30)
            line = (
                f"files {progress.files_done}/{progress.files_total} [{bar:<30}] "
                f"{progress.bytes_done / 1e6:.1f}/{progress.bytes_total / 1e6:.1f} MB"
            )
        elif progress.phase == "push":
            line = f"sent {progress.actions_done} actions"
        else:
            line = f"cases {progress.cases_done}"
        with self._lock:
            sys.stderr.write("\r" + line.ljust(79)[:79])
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 79 + "\r")
            sys.stderr.flush()


def _sync(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    bar = _ProgressBar()
    try:
        url, username = signed_in_account(desk, args.platform)
        summary = run_sync(desk, url, username, KeyringCredentialStore(), progress=bar)
    finally:
        bar.finish()
        desk.close()
    if args.json:
        emit_json(summary.as_json())
    else:
        say(
            f"Synced with {url}: {summary.cases_added} cases added, {summary.cases_updated} updated, "
            f"{summary.cases_removed} removed; {summary.files_downloaded} files "
            f"({summary.bytes_downloaded / 1e6:.1f} MB); {summary.actions_pushed} actions sent; "
            f"{summary.conflicts} conflicts; {summary.quarantined} quarantined."
        )
        for error in summary.errors:
            complain(error)
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            views = list_conflicts(uow)
    finally:
        desk.close()
    if args.json:
        emit_json(
            {
                "conflicts": [
                    {
                        "case_id": view.case_id,
                        "version": view.local_version,
                        "held": [
                            {
                                "id": item.id,
                                "type": item.action_type,
                                "base_version": item.base_version,
                                "state": item.state,
                                "reason": item.last_error,
                                "body": item.body,
                            }
                            for item in view.held
                        ],
                        "platform_changes": view.platform_changes,
                    }
                    for view in views
                ]
            }
        )
        return 0
    if not views:
        say("No conflicts.")
    for view in views:
        say(f"{view.case_id} (now version {view.local_version}):")
        for item in view.held:
            say(
                safe_for_terminal(
                    f"  held {item.action_type} based on version {item.base_version}: {item.last_error}"
                )
            )
        for key, value in view.platform_changes.items():
            say(safe_for_terminal(f"  platform changed {key}: {value}"))
    return 0


def _message(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work() as uow:
            item = enqueue_action(
                uow,
                args.case_id,
                {"type": "message", "to": args.to, "channel": args.channel, "text": args.text},
                acting_user(uow),
            )
    finally:
        desk.close()
    if args.json:
        emit_json(
            {
                "outbox_id": item.id,
                "case_id": item.case_id,
                "idempotency_key": item.idempotency_key,
                "state": item.state,
            }
        )
    else:
        say(f"Message to {', '.join(args.to)} queued; it is sent at the next sync.")
    return 0


def _resolve(args: argparse.Namespace) -> int:
    decision: Literal["rebase", "discard"] = "rebase" if args.rebase else "discard"
    desk = open_desk(args)
    try:
        with desk.unit_of_work() as uow:
            view = resolve_conflict(uow, args.case_id, decision, acting_user(uow))
    finally:
        desk.close()
    if args.json:
        emit_json(
            {
                "case_id": view.case_id,
                "decision": decision,
                "actions": [item.id for item in view.held],
            }
        )
    else:
        what = "will be sent again at the next sync" if decision == "rebase" else "were discarded"
        say(f"{len(view.held)} held action(s) on {view.case_id} {what}.")
    return 0


def show_conflict_lines(uow: Any, case_id: str) -> list[str]:
    """Lines for ``cases show`` when the case is in conflict."""
    view = conflict_details(uow, case_id)
    lines = ["", "CONFLICT — your work and the platform disagree:"]
    for item in view.held:
        lines.append(
            f"  held {item.action_type} (based on version {item.base_version}): {item.last_error or ''}"
        )
    for key, value in view.platform_changes.items():
        lines.append(f"  platform changed {key}: {value}")
    lines.append("  Decide with: mediation-desk cases resolve " + case_id + " --rebase | --discard")
    return lines


__all__ = ["SyncError", "register", "register_case_commands", "show_conflict_lines"]
