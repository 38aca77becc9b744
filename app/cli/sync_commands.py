"""``mediation-desk login``, ``logout``, ``sync``, ``sync conflicts`` and the outbox commands."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any, Literal, get_args

from app.cli.common import add_json_flag, open_desk
from app.cli.output import ProgressBar, bar, complain, emit_json, safe_for_terminal, say
from app.contract.case_document import MessageChannel
from app.desk import Desk
from app.documents.timestamping import DocumentStamper
from app.errors import SyncError, ValidationError
from app.security.credentials import KeyringCredentialStore
from app.services.identity import acting_user
from app.services.outbox import conflict_details, enqueue_action, list_conflicts, resolve_conflict
from app.sync import SyncProgress, SyncSummary, login, logout, run_sync, signed_in_account
from app.vocabulary import Label, Words, words

# `mediation-desk sync` finished, but something was held (a conflict), quarantined or
# failed, or the platform refused this desk's audit anchor: the summary names each.
SYNCED_WITH_PROBLEMS = 11
# The timestamping port (signatures made offline get the platform's timestamp at the
# sync); the composition root (app/cli/main.py) sets it to
# ``reports.signing.timestamping.desk_stamper``.
STAMPER: Callable[[Desk], DocumentStamper] | None = None


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    sign_in = subparsers.add_parser("login", parents=[common], help=str(words("cli.help.login")))
    sign_in.add_argument("--platform", required=True, metavar="URL")
    sign_in.add_argument("--user", required=True, metavar="NAME")
    sign_in.add_argument(
        "--password-stdin", action="store_true", help=str(words("cli.help.password_stdin"))
    )
    add_json_flag(sign_in)
    sign_in.set_defaults(handler=_login)

    sign_out = subparsers.add_parser("logout", parents=[common], help=str(words("cli.help.logout")))
    sign_out.add_argument("--platform", metavar="URL")
    add_json_flag(sign_out)
    sign_out.set_defaults(handler=_logout)

    sync = subparsers.add_parser("sync", parents=[common], help=str(words("cli.help.sync")))
    sync.add_argument("--platform", metavar="URL")
    add_json_flag(sync)
    sync.set_defaults(handler=_sync)
    sync_commands = sync.add_subparsers(dest="sync_command", metavar="COMMAND")
    conflicts = sync_commands.add_parser(
        "conflicts", parents=[common], help=str(words("cli.help.sync_conflicts"))
    )
    add_json_flag(conflicts)
    conflicts.set_defaults(handler=_conflicts)


def register_case_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Outbox commands under ``cases``: message a party, resolve a conflict."""
    message = commands.add_parser(
        "message", parents=[common], help=str(words("cli.help.cases_message"))
    )
    message.add_argument("case_id", metavar="CASE_ID")
    message.add_argument("--to", required=True, action="append", metavar="PARTY_ID")
    message.add_argument("--text", required=True)
    message.add_argument(
        "--channel",
        default="platform",
        choices=get_args(MessageChannel),
    )
    add_json_flag(message)
    message.set_defaults(handler=_message)

    resolve = commands.add_parser(
        "resolve", parents=[common], help=str(words("cli.help.cases_resolve"))
    )
    resolve.add_argument("case_id", metavar="CASE_ID")
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--rebase", action="store_true", help=str(words("cli.help.rebase")))
    choice.add_argument("--discard", action="store_true", help=str(words("cli.help.discard")))
    add_json_flag(resolve)
    resolve.set_defaults(handler=_resolve)


def _login(args: argparse.Namespace) -> int:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(
            words("sync.cli.password_prompt", user=args.user, url=args.platform).text()
        )
    if not password:
        raise ValidationError(words("sync.cli.no_password"))
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
                words(
                    "sync.cli.signed_in",
                    url=user.platform_url,
                    name=user.display_name,
                    role=Label("Role", user.role),
                ).text()
            )
        )
    return 0


def _logout(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        account = signed_in_account(desk, args.platform)
        outcome = logout(desk, account.platform_url, account.username, KeyringCredentialStore())
    finally:
        desk.close()
    if args.json:
        emit_json(
            {
                "signed_out": outcome.username,
                "platform": outcome.platform_url,
                "revoked": outcome.revoked,
                "problem": None if outcome.problem is None else outcome.problem.text(),
            }
        )
    else:
        say(words("sync.cli.signed_out", user=outcome.username, url=outcome.platform_url).text())
        if outcome.problem is not None:
            complain(outcome.problem.text())
    return 0


def _sync_line(progress: SyncProgress) -> str:
    """What a sync is doing now, as one line of the progress display."""
    if progress.phase == "files" and progress.bytes_total:
        return words(
            "sync.cli.progress_files",
            done=progress.files_done,
            total=progress.files_total,
            bar=bar(progress.bytes_done, progress.bytes_total),
            megabytes=f"{progress.bytes_done / 1e6:.1f}",
            total_megabytes=f"{progress.bytes_total / 1e6:.1f}",
        ).text()
    if progress.phase == "push":
        return words("sync.cli.progress_push", count=progress.actions_done).text()
    return words("sync.cli.progress_cases", count=progress.cases_done).text()


def _sync(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    display = ProgressBar()
    try:
        account = signed_in_account(desk, args.platform)
        summary = run_sync(
            desk,
            account.platform_url,
            account.username,
            KeyringCredentialStore(),
            progress=lambda progress: display.line(_sync_line(progress)),
            stamper=STAMPER(desk) if STAMPER is not None else None,
        )
    finally:
        display.finish()
        desk.close()
    if args.json:
        emit_json(summary.as_json())
    else:
        for warning in summary.warnings:  # first and loudest: the audit trail went back
            complain(warning.text())
        say(summary_line(account.platform_url, summary).text())
        for problem in summary.problems:
            complain(problem.text())
    return SYNCED_WITH_PROBLEMS if summary.has_problems else 0


def summary_line(url: str, summary: SyncSummary) -> Words:
    """The one line that says what a sync did."""
    return words(
        "sync.cli.summary",
        url=url,
        added=summary.cases_added,
        updated=summary.cases_updated,
        removed=summary.cases_removed,
        files=summary.files_downloaded,
        megabytes=f"{summary.bytes_downloaded / 1e6:.1f}",
        pushed=summary.actions_pushed,
        conflicts=summary.conflicts,
        quarantined=summary.quarantined,
        failed=len(summary.failed),
    )


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
        say(words("sync.cli.no_conflicts").text())
    for view in views:
        say(
            words("sync.cli.conflict_case", case_id=view.case_id, version=view.local_version).text()
        )
        for item in view.held:
            say(safe_for_terminal("  " + _held_line(item).text()))
        for key, value in view.platform_changes.items():
            say(
                safe_for_terminal(
                    "  " + words("sync.cli.platform_changed", what=key, change=str(value)).text()
                )
            )
    return 0


def _held_line(item: Any) -> Words:
    return words(
        "sync.cli.held_action",
        action=Label("ActionType", item.action_type),
        version=item.base_version,
        reason=item.last_error or "-",
    )


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
        say(words("sync.cli.message_queued", parties=list(args.to)).text())
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
        if decision == "rebase":
            say(
                words("sync.cli.resolved_rebase", count=len(view.held), case_id=view.case_id).text()
            )
        else:
            say(
                words(
                    "sync.cli.resolved_discard", count=len(view.held), case_id=view.case_id
                ).text()
            )
    return 0


def show_conflict_lines(uow: Any, case_id: str) -> list[str]:
    """Lines for ``cases show`` when the case is in conflict."""
    view = conflict_details(uow, case_id)
    lines = ["", words("sync.cli.conflict_heading").text()]
    for item in view.held:
        lines.append("  " + _held_line(item).text())
    for key, value in view.platform_changes.items():
        lines.append("  " + words("sync.cli.platform_changed", what=key, change=str(value)).text())
    lines.append("  " + words("sync.cli.decide_with", case_id=case_id).text())
    return lines


__all__ = [
    "SYNCED_WITH_PROBLEMS",
    "SyncError",
    "register",
    "register_case_commands",
    "show_conflict_lines",
    "summary_line",
]
