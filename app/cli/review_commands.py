"""``mediation-desk review …``: the supervisor's desk from the command line.

``queue``, ``show``, ``diff`` and ``similar`` only read; ``approve`` and ``return`` queue
a verdict for the next sync (the service commits). Approval countersigns through the
port the composition root hands in (:data:`COUNTERSIGN`, built for the open desk:
``reports.signing.countersign.desk_countersign``); without one it approves the
document's current hash.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.cli.common import add_json_flag, open_desk
from app.cli.output import emit_json, safe_for_terminal, say
from app.contract.language import Language
from app.desk import Desk
from app.review.presenting import diff_lines, similar_lines
from app.review.service import (
    Countersign,
    ReviewItem,
    VerdictQueued,
    approve_document,
    consistency,
    document_diff,
    platform_documents,
    return_document,
    review_checklist,
    review_queue,
)
from app.vocabulary import Label, current_language, words

# The countersign port for an open desk (its keys, trust roots and keyring); the
# composition root (app/cli/main.py) sets it to the real one from ``reports.signing``.
COUNTERSIGN: Callable[[Desk], Countersign] | None = None


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    review = subparsers.add_parser("review", parents=[common], help=str(words("review.cli.help")))
    commands = review.add_subparsers(dest="review_command", metavar="COMMAND", required=True)

    queue = commands.add_parser("queue", parents=[common], help=str(words("review.cli.help_queue")))
    add_json_flag(queue)
    queue.set_defaults(handler=_queue)

    show = commands.add_parser("show", parents=[common], help=str(words("review.cli.help_show")))
    show.add_argument("case_id", metavar="CASE_ID")
    add_json_flag(show)
    show.set_defaults(handler=_show)

    diff = commands.add_parser("diff", parents=[common], help=str(words("review.cli.help_diff")))
    diff.add_argument("case_id", metavar="CASE_ID")
    diff.add_argument("document_id", metavar="DOCUMENT_ID", nargs="?")
    add_json_flag(diff)
    diff.set_defaults(handler=_diff)

    similar = commands.add_parser(
        "similar", parents=[common], help=str(words("review.cli.help_similar"))
    )
    similar.add_argument("case_id", metavar="CASE_ID")
    add_json_flag(similar)
    similar.set_defaults(handler=_similar)

    approve = commands.add_parser(
        "approve", parents=[common], help=str(words("review.cli.help_approve"))
    )
    approve.add_argument("case_id", metavar="CASE_ID")
    approve.add_argument("document_id", metavar="DOCUMENT_ID")
    approve.add_argument("--comments", default="", metavar="TEXT")
    add_json_flag(approve)
    approve.set_defaults(handler=_approve)

    back = commands.add_parser(
        "return", parents=[common], help=str(words("review.cli.help_return"))
    )
    back.add_argument("case_id", metavar="CASE_ID")
    back.add_argument("document_id", metavar="DOCUMENT_ID")
    back.add_argument("--comments", required=True, metavar="TEXT")
    add_json_flag(back)
    back.set_defaults(handler=_return)


def _line(key: str, language: Language, **params: object) -> str:
    return safe_for_terminal(words(f"review.cli.{key}", **params).text(language))


def _queue(args: argparse.Namespace) -> int:
    language = current_language()
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            items = review_queue(uow)
    finally:
        desk.close()
    if args.json:
        emit_json({"queue": [item.to_json_dict() for item in items]})
        return 0
    if not items:
        say(_line("queue_empty", language))
        return 0
    for item in items:
        say(_queue_line(item, language))
    return 0


def _queue_line(item: ReviewItem, language: Language) -> str:
    if item.working_days_left < 0:
        due = _line("overdue", language, days=-item.working_days_left)
    else:
        due = _line("days_left", language, days=item.working_days_left)
    parts = [
        item.case_id,
        item.document.document_id,
        Label("DocumentKind", item.document.kind).text(language),
        _line("submitted", language, at=item.submitted_at.isoformat(timespec="minutes")),
        due,
    ]
    if item.returned_before:
        parts.append(_line("returned_before", language, count=item.returned_before))
    if item.appeal is not None:
        parts.append(_line("appealed", language))
    if item.queued:
        parts.append(_line("queued", language, verdict=Label("Verdict", item.queued)))
    return "  ".join(parts) + "  " + safe_for_terminal(item.title)


def _show(args: argparse.Namespace) -> int:
    language = current_language()
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            documents = platform_documents(uow, args.case_id)
            checklist = review_checklist(uow, args.case_id)
    finally:
        desk.close()
    if args.json:
        emit_json(
            {
                "case_id": args.case_id,
                "documents": [
                    {
                        "document_id": d.document_id,
                        "kind": d.kind,
                        "status": d.status,
                        "sha256": d.sha256,
                        "created_at": d.created_at.isoformat(),
                        "created_by": d.created_by,
                        "reviews": [
                            {
                                "by": r.by,
                                "at": r.at.isoformat(),
                                "verdict": r.verdict,
                                "comments": r.comments,
                            }
                            for r in d.reviews
                        ],
                    }
                    for d in documents
                ],
                "checklist": [item.text(language) for item in checklist],
            }
        )
        return 0
    if not documents:
        say(_line("no_documents", language, case_id=args.case_id))
    for document in documents:
        say(
            "  ".join(
                (
                    document.document_id,
                    Label("DocumentKind", document.kind).text(language),
                    Label("DocumentStatus", document.status).text(language),
                    document.created_at.isoformat(timespec="minutes"),
                    document.created_by,
                    document.sha256[:16],
                )
            )
        )
        for review in document.reviews:
            say(
                "    "
                + _line(
                    "review_line",
                    language,
                    verdict=Label("Verdict", review.verdict),
                    by=review.by,
                    at=review.at.isoformat(timespec="minutes"),
                )
            )
            if review.comments:
                for text in review.comments.splitlines():
                    say("      " + safe_for_terminal(text))
    if checklist:
        say(_line("checklist", language))
        for item in checklist:
            say(f"  [ ] {item.text(language)}")
    return 0


def _diff(args: argparse.Namespace) -> int:
    language = current_language()
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            found = document_diff(uow, args.case_id, args.document_id)
    finally:
        desk.close()
    if args.json:
        emit_json(found.to_json_dict())
        return 0
    for line in diff_lines(found, language):
        say(safe_for_terminal(line))
    return 0


def _similar(args: argparse.Namespace) -> int:
    language = current_language()
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            found = consistency(uow, args.case_id)
    finally:
        desk.close()
    if args.json:
        emit_json(found.to_json_dict())
        return 0
    for line in similar_lines(found, language):
        say(safe_for_terminal(line))
    return 0


def _approve(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        countersign = COUNTERSIGN(desk) if COUNTERSIGN is not None else None
        with desk.unit_of_work() as uow:
            queued = approve_document(
                uow, args.case_id, args.document_id, args.comments, countersign=countersign
            )
    finally:
        desk.close()
    _print_queued(queued, args.json)
    return 0


def _return(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work() as uow:
            queued = return_document(uow, args.case_id, args.document_id, args.comments)
    finally:
        desk.close()
    _print_queued(queued, args.json)
    return 0


def _print_queued(queued: VerdictQueued, as_json: bool) -> None:
    if as_json:
        emit_json(
            {
                "case_id": queued.case_id,
                "document_id": queued.document_id,
                "verdict": queued.verdict,
                "sha256": queued.sha256,
                "outbox_id": queued.outbox.id,
                "created": queued.created,
            }
        )
        return
    key = "queued_verdict" if queued.created else "already_waiting"
    say(
        _line(
            key,
            current_language(),
            case_id=queued.case_id,
            document_id=queued.document_id,
            verdict=Label("Verdict", queued.verdict),
        )
    )
