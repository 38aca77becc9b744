"""``mediation-desk notice draft|publish``: public notices from the command line.

``draft`` builds the notice from the case's latest decision, anonymized, stores it as a
version and says what the publication gate would find in its PDF. ``publish`` is a
supervisor's action: the gate re-reads the stored PDF's own text and only a clean
notice is queued for the platform (``publish_notice``, sent on the next sync). A
finding names the field and the kind, never the value.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.cli.common import add_json_flag, open_desk
from app.cli.output import complain, emit_json, say
from app.services.identity import acting_user
from app.vocabulary import LANGUAGES, words

if TYPE_CHECKING:
    from app.notices import NoticeBlocked

# The notice modules are imported by the handlers: every other command's start-up (a
# sync, killed and restarted in the reliability tests) stays as it was.


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser("notice", help=str(words("notices.help.group")))
    commands = group.add_subparsers(dest="notice_command", metavar="COMMAND", required=True)

    draft = commands.add_parser("draft", parents=[common], help=str(words("notices.help.draft")))
    draft.add_argument("case_id", metavar="CASE_ID")
    draft.add_argument(
        "--document-lang",
        choices=LANGUAGES,
        metavar="LANG",
        help=str(words("notices.help.document_lang")),
    )
    draft.add_argument(
        "--override-reason", metavar="TEXT", help=str(words("notices.help.override_reason"))
    )
    add_json_flag(draft)
    draft.set_defaults(handler=_draft)

    publish = commands.add_parser(
        "publish", parents=[common], help=str(words("notices.help.publish"))
    )
    publish.add_argument("case_id", metavar="CASE_ID")
    publish.add_argument(
        "--override-reason", metavar="TEXT", help=str(words("notices.help.override_reason"))
    )
    publish.add_argument(
        "--document", metavar="DOCUMENT_ID", help=str(words("notices.help.document"))
    )
    add_json_flag(publish)
    publish.set_defaults(handler=_publish)

    submit = commands.add_parser("submit", parents=[common], help=str(words("notices.help.submit")))
    submit.add_argument("case_id", metavar="CASE_ID")
    add_json_flag(submit)
    submit.set_defaults(handler=_submit)


def _draft(args: argparse.Namespace) -> int:
    from app.notices.service import draft_notice
    from reports.notice_pdf import render_notice
    from reports.pdf_text import extract_pdf_text

    desk = open_desk(args)
    try:
        with desk.unit_of_work() as uow:
            result = draft_notice(
                uow,
                args.case_id,
                render_notice,
                extract_pdf_text,
                actor_id=acting_user(uow),
                override_reason=args.override_reason,
                language=args.document_lang,
            )
    finally:
        desk.close()
    notice = result.notice
    if args.json:
        emit_json(
            {
                **notice.to_json_dict(),
                "created": result.created,
                "gate": [finding.to_json_dict() for finding in result.findings],
            }
        )
        return 0
    if result.created:
        say(
            str(
                words(
                    "notices.cli.drafted",
                    notice_id=notice.notice_id,
                    version=notice.version,
                    source=notice.source_document_id,
                    redactions=notice.redactions,
                    sha256=notice.sha256,
                )
            )
        )
    else:
        say(str(words("notices.cli.unchanged", notice_id=notice.notice_id, version=notice.version)))
    if result.findings:
        say(
            str(
                words(
                    "notices.cli.gate_findings",
                    findings=[finding.describe() for finding in result.findings],
                )
            )
        )
    else:
        say(str(words("notices.cli.gate_clean")))
    return 0


def _submit(args: argparse.Namespace) -> int:
    from app.notices.reviewed import submit_notice
    from app.notices.service import list_notices

    desk = open_desk(args)
    try:
        with desk.unit_of_work() as uow:
            item = submit_notice(uow, args.case_id, actor_id=acting_user(uow))
        with desk.unit_of_work(read_only=True) as uow:
            notice = next(
                n for n in list_notices(uow, args.case_id) if n.sha256 == item.body["sha256"]
            )
    finally:
        desk.close()
    if args.json:
        emit_json(
            {
                **notice.to_json_dict(),
                "outbox_id": item.id,
                "idempotency_key": item.idempotency_key,
                "state": item.state,
            }
        )
        return 0
    say(str(words("notices.cli.submitted", notice_id=notice.notice_id, outbox_id=item.id)))
    return 0


def _publish_document(args: argparse.Namespace) -> int:
    from app.notices import NoticeBlocked
    from app.notices.reviewed import publish_reviewed_notice
    from reports.pdf_text import extract_pdf_text

    desk = open_desk(args)
    try:
        with desk.unit_of_work() as uow:
            try:
                item = publish_reviewed_notice(
                    uow, args.case_id, args.document, extract_pdf_text, actor_id=acting_user(uow)
                )
            except NoticeBlocked as blocked:
                return _refused(args, blocked, document_id=args.document)
    finally:
        desk.close()
    if args.json:
        emit_json(
            {
                "case_id": args.case_id,
                "document_id": args.document,
                "queued": True,
                "outbox_id": item.id,
                "idempotency_key": item.idempotency_key,
                "gate": [],
            }
        )
        return 0
    say(str(words("notices.cli.queued_document", document_id=args.document, outbox_id=item.id)))
    return 0


def _refused(args: argparse.Namespace, blocked: NoticeBlocked, **ids: str) -> int:
    """The gate refused: what it found (never a value), and nothing queued."""
    if args.json:
        emit_json(
            {
                "case_id": args.case_id,
                **ids,
                "queued": False,
                "gate": [finding.to_json_dict() for finding in blocked.findings],
            }
        )
    complain(blocked.text())
    return blocked.exit_code


def _publish(args: argparse.Namespace) -> int:
    from app.notices import NoticeBlocked
    from app.notices.service import draft_notice, publish_notice
    from reports.notice_pdf import render_notice
    from reports.pdf_text import extract_pdf_text

    if args.document:
        return _publish_document(args)
    desk = open_desk(args)
    try:
        with desk.unit_of_work() as uow:
            actor = acting_user(uow)
            draft_notice(
                uow,
                args.case_id,
                render_notice,
                extract_pdf_text,
                actor_id=actor,
                override_reason=args.override_reason,
            )
        with desk.unit_of_work() as uow:
            try:
                result = publish_notice(
                    uow,
                    args.case_id,
                    extract_pdf_text,
                    actor_id=actor,
                    override_reason=args.override_reason,
                )
            except NoticeBlocked as blocked:
                return _refused(args, blocked)
    finally:
        desk.close()
    notice = result.notice
    if args.json:
        emit_json(
            {
                **notice.to_json_dict(),
                "queued": True,
                "outbox_id": result.outbox.id,
                "idempotency_key": result.outbox.idempotency_key,
                "gate": [],
            }
        )
        return 0
    say(str(words("notices.cli.queued", notice_id=notice.notice_id, outbox_id=result.outbox.id)))
    return 0
