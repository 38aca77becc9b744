"""``mediation-desk workflow status|do``: the guided workflow from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import add_json_flag, open_desk
from app.cli.output import emit_json, safe_for_terminal, say
from app.errors import ValidationError
from app.services.identity import acting_user
from app.services.workflow_service import workflow_do, workflow_status
from app.vocabulary import current_language
from app.workflow import WorkflowStatus


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    workflow = subparsers.add_parser("workflow", help="the guided workflow of a case")
    commands = workflow.add_subparsers(dest="workflow_command", metavar="COMMAND", required=True)

    show = commands.add_parser(
        "status",
        parents=[common],
        help="current step, instructions, checklist, missing items, moves, deadline",
    )
    show.add_argument("case_id", metavar="CASE_ID")
    add_json_flag(show)
    show.set_defaults(handler=_status)

    do = commands.add_parser(
        "do", parents=[common], help="answer, tick, act or move to a next step"
    )
    do.add_argument("case_id", metavar="CASE_ID")
    do.add_argument(
        "action", metavar="ACTION", help="answer, check, a platform action or a next step"
    )
    do.add_argument("--answer", action="append", default=[], metavar="KEY=VALUE")
    add_json_flag(do)
    do.set_defaults(handler=_do)


def _answers(pairs: list[str]) -> dict[str, str]:
    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValidationError(f"--answer {pair!r}: write it as KEY=VALUE")
        answers[key.strip()] = value
    return answers


def _status(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work() as uow:
            current = workflow_status(uow, args.case_id, acting_user(uow), current_language())
            uow.commit()  # a case met for the first time has just started its workflow
    finally:
        desk.close()
    _print(current, args.json)
    return 0


def _do(args: argparse.Namespace) -> int:
    answers = _answers(args.answer)
    desk = open_desk(args)
    try:
        with desk.unit_of_work() as uow:
            current = workflow_do(
                uow, args.case_id, args.action, answers, acting_user(uow), current_language()
            )
            uow.commit()
    finally:
        desk.close()
    _print(current, args.json)
    return 0


def _print(current: WorkflowStatus, as_json: bool) -> None:
    if as_json:
        emit_json(current.to_json_dict())
        return
    lines = [
        f"{current.case_id}: {current.script_title} (v{current.script_version})",
        f"Step: {current.title} [{current.step_id}]",
    ]
    if current.deadline is not None:
        left = (
            ""
            if current.working_days_left is None
            else f", {current.working_days_left} working days left"
        )
        lines.append(
            f"Deadline: {current.deadline.isoformat()}{' — OVERDUE' if current.overdue else left}"
        )
    lines += ["", *current.instructions.strip().splitlines(), ""]
    if current.checklist:
        lines.append("Checklist:")
        lines += [
            f"  [{'x' if item.checked else ' '}] {item.id}: {item.text}"
            for item in current.checklist
        ]
    if current.questions:
        lines.append("Questions:")
        for question in current.questions:
            answer = f" = {question.answer}" if question.answered else ""
            options = (
                f" ({', '.join(key for key, _ in question.options)})" if question.options else ""
            )
            lines.append(f"  {question.id} [{question.type}]{options}: {question.label}{answer}")
    if current.evidence:
        lines.append("Required evidence:")
        lines += [f"  [{'x' if item.present else ' '}] {item.label}" for item in current.evidence]
    if current.missing:
        lines.append("Missing before the case can move on:")
        lines += [f"  - {item}" for item in current.missing]
    if current.actions:
        lines.append("Platform actions here: " + ", ".join(action.id for action in current.actions))
    if current.transitions:
        lines.append("Next steps:")
        for move in current.transitions:
            blocked = "" if move.allowed else f"  (blocked: {'; '.join(move.blocked_by)})"
            lines.append(f"  {move.id}: {move.label}{blocked}")
    lines += [f"Note: {warning}" for warning in current.warnings]
    for line in lines:
        say(safe_for_terminal(line) if line else "")
