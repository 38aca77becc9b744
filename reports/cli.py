"""``mediation-desk documents draft|list|export``: decision documents from the command line.

``--lang`` is the global option for the language of the command's own messages; the
*document's* language is ``--document-lang`` (default: the case's language), so a
mediator reading English messages can still draft a ruling in Chinese.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

from app.cli.common import add_json_flag, open_desk
from app.cli.output import emit_json, safe_for_terminal, say
from app.documents import (
    DOCUMENT_KINDS,
    draft_document,
    export_document,
    list_documents,
)
from app.files import output_file, write_private
from app.services.identity import acting_user
from app.vocabulary import LANGUAGES, Label, words
from reports.pdf import render_record


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser("documents", help=str(words("documents.help.group")))
    commands = group.add_subparsers(dest="documents_command", metavar="COMMAND", required=True)

    draft = commands.add_parser("draft", parents=[common], help=str(words("documents.help.draft")))
    draft.add_argument("case_id", metavar="CASE_ID")
    draft.add_argument("--kind", choices=DOCUMENT_KINDS, help=str(words("documents.help.kind")))
    draft.add_argument(
        "--document-lang",
        choices=LANGUAGES,
        metavar="LANG",
        help=str(words("documents.help.document_lang")),
    )
    add_json_flag(draft)
    draft.set_defaults(handler=_draft)

    listing = commands.add_parser("list", parents=[common], help=str(words("documents.help.list")))
    listing.add_argument("case_id", metavar="CASE_ID")
    add_json_flag(listing)
    listing.set_defaults(handler=_list)

    export = commands.add_parser(
        "export", parents=[common], help=str(words("documents.help.export"))
    )
    export.add_argument("case_id", metavar="CASE_ID")
    export.add_argument("document_id", metavar="DOCUMENT_ID")
    export.add_argument(
        "--out", required=True, type=Path, metavar="FILE.pdf", help=str(words("documents.help.out"))
    )
    export.add_argument(
        "--party", choices=("buyer", "merchant"), help=str(words("documents.help.party"))
    )
    add_json_flag(export)
    export.set_defaults(handler=_export)

    from reports.signing.cli import register_document_commands

    register_document_commands(commands, common)


def _draft(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work() as uow:
            result = draft_document(
                uow,
                args.case_id,
                render_record,
                actor_id=acting_user(uow),
                kind=args.kind,
                language=args.document_lang,
            )
    finally:
        desk.close()
    document = result.document
    if args.json:
        emit_json({**document.to_json_dict(), "created": result.created})
    elif result.created:
        say(
            str(
                words(
                    "documents.cli.drafted",
                    document_id=document.document_id,
                    version=document.version,
                    kind=words(f"documents.kind.{document.kind}"),
                    language=Label("Language", document.language),
                    sha256=document.sha256,
                )
            )
        )
    else:
        say(
            str(
                words(
                    "documents.cli.unchanged",
                    document_id=document.document_id,
                    version=document.version,
                )
            )
        )
    return 0


def _list(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            documents = list_documents(uow, args.case_id)
    finally:
        desk.close()
    if args.json:
        emit_json([document.to_json_dict() for document in documents])
        return 0
    if not documents:
        say(str(words("documents.cli.none", case_id=args.case_id)))
    for document in documents:
        say(
            safe_for_terminal(
                str(
                    words(
                        "documents.cli.row",
                        document_id=document.document_id,
                        version=document.version,
                        kind=words(f"documents.kind.{document.kind}"),
                        language=Label("Language", document.language),
                        state=words(f"documents.state.{document.state}"),
                        pages=document.page_count,
                        date=document.document_date.isoformat(),
                        sha256=document.sha256,
                    )
                )
            )
        )
    return 0


def _export(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            data = export_document(uow, args.case_id, args.document_id, render_record, args.party)
    finally:
        desk.close()
    out: Path = output_file(args.out)
    # A party copy still carries one party's personal data: written for this account only.
    write_private(out, data)
    sha256 = hashlib.sha256(data).hexdigest()
    if args.json:
        emit_json(
            {
                "case_id": args.case_id,
                "document_id": args.document_id,
                "party": args.party,
                "path": str(out),
                "size": len(data),
                "sha256": sha256,
            }
        )
    elif args.party:
        say(
            str(
                words(
                    "documents.cli.exported_copy",
                    party=Label("PartyRole", args.party),
                    path=str(out),
                    size=len(data),
                    sha256=sha256,
                )
            )
        )
    else:
        say(str(words("documents.cli.exported", path=str(out), size=len(data), sha256=sha256)))
    return 0
