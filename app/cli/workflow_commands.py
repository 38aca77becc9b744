"""``mediation-desk workflow status|do``: the guided workflow from the command line.

``status`` only reads (a read-only unit of work); ``do`` acts, and the service commits.
Both speak the command line's language (``--lang`` or the locale, set by the entry
point) — their output and, through the entry point, their errors.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from app.cli.common import add_json_flag, open_desk
from app.cli.output import emit_json, safe_for_terminal, say
from app.contract.language import Language
from app.errors import ValidationError
from app.services.identity import acting_user
from app.services.workflow_service import workflow_do, workflow_status
from app.vocabulary import Label, current_language, words
from app.workflow import Clauses, WorkflowStatus, deadline_words


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    workflow = subparsers.add_parser(
        "workflow", parents=[common], help=str(words("cli.help.workflow"))
    )
    commands = workflow.add_subparsers(dest="workflow_command", metavar="COMMAND", required=True)

    show = commands.add_parser(
        "status",
        parents=[common],
        help=str(words("cli.help.workflow_status")),
    )
    show.add_argument("case_id", metavar="CASE_ID")
    add_json_flag(show)
    show.set_defaults(handler=_status)

    do = commands.add_parser("do", parents=[common], help=str(words("cli.help.workflow_do")))
    do.add_argument("case_id", metavar="CASE_ID")
    do.add_argument("action", metavar="ACTION", help=str(words("cli.help.workflow_action")))
    do.add_argument("--answer", action="append", default=[], metavar="KEY=VALUE")
    add_json_flag(do)
    do.set_defaults(handler=_do)


def _answers(pairs: list[str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValidationError(words("workflow.cli.bad_pair", pair=pair))
        answers[key.strip()] = value
    return answers


def _status(args: argparse.Namespace) -> int:
    language = current_language()
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            current = workflow_status(uow, args.case_id, language)
    finally:
        desk.close()
    _print(current, args.json, language)
    return 0


def _do(args: argparse.Namespace) -> int:
    language = current_language()
    answers = _answers(args.answer)
    desk = open_desk(args)
    try:
        with desk.unit_of_work() as uow:
            current = workflow_do(
                uow, args.case_id, args.action, answers, acting_user(uow), language
            )
    finally:
        desk.close()
    _print(current, args.json, language)
    return 0


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _print(current: WorkflowStatus, as_json: bool, language: Language) -> None:
    if as_json:
        emit_json(current.to_json_dict())
        return

    def line(key: str, **params: object) -> str:
        return words(f"workflow.cli.{key}", **params).text(language)

    lines = [
        f"{current.case_id}: {current.script_title} (v{current.script_version})",
        line("step", title=current.title, step=current.step_id),
        line("platform_status", status=Label("CaseStatus", current.case_status)),
        *(item.text(language) for item in deadline_words(current, _time)),
    ]
    if current.done_on_platform:
        lines.append(line("done_on_platform", steps=list(current.done_on_platform)))
    lines += ["", *current.instructions.strip().splitlines(), ""]
    if current.checklist:
        lines.append(line("checklist"))
        lines += [
            f"  [{'x' if item.checked else ' '}] {item.id}: {item.text}"
            for item in current.checklist
        ]
    if current.questions:
        lines.append(line("questions"))
        for question in current.questions:
            answer = f" = {question.answer}" if question.answered else ""
            options = (
                f" ({', '.join(key for key, _ in question.options)})" if question.options else ""
            )
            lines.append(f"  {question.id} [{question.type}]{options}: {question.label}{answer}")
    if current.evidence:
        lines.append(line("evidence"))
        lines += [f"  [{'x' if item.present else ' '}] {item.label}" for item in current.evidence]
    if current.missing:
        lines.append(line("missing"))
        lines += [f"  - {item}" for item in current.missing]
    if current.actions:
        lines.append(
            line("actions", actions=[Label("ActionType", action.id) for action in current.actions])
        )
    if current.transitions:
        lines.append(line("moves"))
        for move in current.transitions:
            blocked = (
                "" if move.allowed else "  " + line("blocked", reasons=Clauses(move.blocked_by))
            )
            lines.append(f"  {move.id}: {move.label}{blocked}")
    lines += [line("note", warning=warning) for warning in current.warnings]
    for text in lines:
        say(safe_for_terminal(text) if text else "")
