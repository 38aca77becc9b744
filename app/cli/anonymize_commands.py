"""``mediation-desk anonymize CASE_ID``: preview what a public notice of a case could
carry, with every redaction and the rule it follows. No removed value is ever printed."""

from __future__ import annotations

import argparse
from typing import Any

from app.anonymize import Anonymized, kind_words, rule_words
from app.cli.common import add_json_flag, open_desk
from app.cli.output import emit_json, safe_for_terminal, say
from app.services.anonymize_service import preview_notice_texts
from app.vocabulary import words


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "anonymize", parents=[common], help=str(words("anonymize.cli.help"))
    )
    parser.add_argument("case_id", metavar="CASE_ID", help=str(words("anonymize.cli.help_case")))
    add_json_flag(parser)
    parser.set_defaults(handler=_anonymize)


def as_json(result: Anonymized) -> dict[str, Any]:
    """The preview as one JSON document: published texts and redactions, no values."""
    return {
        "case_id": result.case_id,
        "language": result.language,
        "text": dict(result.texts),
        "redactions": [
            {
                "field": r.field,
                "kind": r.kind,
                "rule": r.rule,
                "replacement": r.replacement,
                "confidence": r.confidence,
                "at": [r.published_start, r.published_end],
                "why": rule_words(r.rule).text(),
            }
            for r in result.redactions
        ],
    }


def _anonymize(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            result = preview_notice_texts(uow, args.case_id)
    finally:
        desk.close()
    if args.json:
        emit_json(as_json(result))
        return 0
    say(str(words("anonymize.cli.heading", case_id=result.case_id, count=len(result.redactions))))
    for field, text in result.texts.items():
        say()
        say(str(words("anonymize.cli.field", field=field)))
        say(safe_for_terminal(text))
        for r in result.redactions_in(field):
            say(
                str(
                    words(
                        "anonymize.cli.removed",
                        kind=kind_words(r.kind),
                        replacement=r.replacement,
                        rule=rule_words(r.rule),
                    )
                )
            )
    if not result.redactions:
        say()
        say(str(words("anonymize.cli.nothing_removed")))
    return 0
