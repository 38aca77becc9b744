"""``mediation-desk cases …``: import, export, list and show cases."""

from __future__ import annotations

import argparse
import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

from app.cli.common import add_json_flag, local_actor, open_desk, positive_int
from app.cli.output import ProgressBar, complain, emit_json, safe_for_terminal, say
from app.cli.sync_commands import show_conflict_lines
from app.contract.case_document import CaseStatus, Category, choices
from app.services.case_file import CaseDetail, get_case
from app.services.case_import import export_case, import_bundles
from app.services.outbox import conflict_details
from app.services.queue import CaseSummary, QueueQuery, due_state, fetch_page
from app.services.record_check import verify_case_record
from app.store.writer_lock import hold_writer_lock
from app.vocabulary import Label, format_money, words
from app.vocabulary import say as say_in


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    cases = subparsers.add_parser("cases", parents=[common], help=str(words("cli.help.cases")))
    commands = cases.add_subparsers(dest="cases_command", metavar="COMMAND", required=True)

    imp = commands.add_parser("import", parents=[common], help=str(words("cli.help.cases_import")))
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add_json_flag(imp)
    imp.set_defaults(handler=_import)

    exp = commands.add_parser("export", parents=[common], help=str(words("cli.help.cases_export")))
    exp.add_argument("case_id", metavar="CASE_ID")
    exp.add_argument("--out", required=True, type=Path, metavar="FILE.zip")
    add_json_flag(exp)
    exp.set_defaults(handler=_export)

    lst = commands.add_parser("list", parents=[common], help=str(words("cli.help.cases_list")))
    lst.add_argument("--status", choices=choices(CaseStatus))
    lst.add_argument("--category", choices=choices(Category))
    lst.add_argument("--search", metavar="TEXT", help=str(words("cli.help.search")))
    lst.add_argument("--limit", type=positive_int, default=200)
    add_json_flag(lst)
    lst.set_defaults(handler=_list)

    show = commands.add_parser("show", parents=[common], help=str(words("cli.help.cases_show")))
    show.add_argument("case_id", metavar="CASE_ID")
    show.add_argument("--check-files", action="store_true", help=str(words("cli.help.check_files")))
    add_json_flag(show)
    show.set_defaults(handler=_show)

    from app.cli.sync_commands import register_case_commands

    register_case_commands(commands, common)


def _import(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    bar = ProgressBar(words("cli.importing"))
    try:
        # One writer per data folder: a sync or another import is refused, not interleaved.
        with hold_writer_lock(desk, "cases import"):
            batch = import_bundles(desk.unit_of_work, args.paths, local_actor(), progress=bar)
    finally:
        bar.finish()
        desk.close()
    results = batch.results
    failed = [result for result in results if result.outcome == "failed"]
    if args.json:
        emit_json(
            {
                "results": [result.as_json() for result in results],
                "failed": len(failed),
                "stopped": None if batch.stopped is None else batch.stopped.text(),
                "not_tried": [str(path) for path in batch.not_tried],
            }
        )
    else:
        for result in results:
            if result.outcome == "failed":
                continue
            line = words(
                "cli.imported",
                source=result.source,
                case_id=result.case_id or "",
                version=result.version or 0,
                outcome=words(f"cli.import_outcome.{result.outcome}"),
            )
            text = str(line)
            if result.files_added:
                text += str(words("cli.new_files", count=result.files_added))
            say(safe_for_terminal(text))
    for result in failed:
        complain(result.error_text())
    if batch.stopped is not None:
        complain(batch.stopped.text())
        if batch.not_tried:
            complain(str(words("cli.not_tried", paths=[str(p) for p in batch.not_tried])))
        return batch.stopped.exit_code
    return 2 if failed else 0


def _export(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            out = export_case(uow, args.case_id, args.out)
    finally:
        desk.close()
    if args.json:
        emit_json({"case_id": args.case_id, "bundle": str(out)})
    else:
        say(str(words("cli.exported", case_id=args.case_id, out=str(out))))
    return 0


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: _jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)
        }
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "to_json_dict"):
        return value.to_json_dict()
    if hasattr(value, "text") and callable(value.text):
        return value.text()
    return value


def _money(amount: int | None, currency: str | None) -> str:
    if amount is None or currency is None:
        return ""
    return format_money(amount, currency)


def _list(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            now = uow.clock.now()
            page = fetch_page(
                uow,
                QueueQuery(status=args.status, category=args.category, search=args.search),
                now,
                limit=args.limit,
            )
    finally:
        desk.close()
    if args.json:
        emit_json(
            {"cases": [_jsonable(case) for case in page.cases], "more": page.after is not None}
        )
        return 0
    if not page.cases:
        say(str(words("cli.no_cases")))
    for case in page.cases:
        say(safe_for_terminal(_summary_line(case, now)))
    return 0


def _summary_line(case: CaseSummary, now: datetime) -> str:
    due = ""
    if case.due_at is not None:
        due = case.due_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if due_state(case.due_at, case.status, now) == "overdue":
            due += " " + str(words("cli.overdue"))
    marker = " " + str(words("cli.in_conflict")) if case.in_conflict else ""
    return (
        f"{case.id}  {Label('CaseStatus', case.status)!s:<10} {Label('Category', case.category)!s:<10} "
        f"{due:<24} {_money(case.claim_amount, case.claim_currency):>16}  {case.title}{marker}"
    )


def _show(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            detail = get_case(uow, args.case_id, check_files=args.check_files)
            conflict = conflict_details(uow, args.case_id) if detail.summary.in_conflict else None
            conflict_lines = show_conflict_lines(uow, args.case_id) if conflict else []
            problems = verify_case_record(uow, args.case_id)
    finally:
        desk.close()
    if args.json:
        shown = _jsonable(detail)
        shown["conflict"] = _jsonable(conflict) if conflict else None
        shown["record_problems"] = [{"field": p.field, "problem": str(p.problem)} for p in problems]
        emit_json(shown)
    else:
        for line in [*_detail_lines(detail), *conflict_lines]:
            say(safe_for_terminal(line))
    # What the case file shows cannot be relied on: say so, and let scripts notice.
    for problem in problems:
        complain(safe_for_terminal(problem.text()))
    return 6 if problems else 0


def _detail_lines(detail: CaseDetail) -> list[str]:
    case = detail.summary

    def w(key: str, **params: object) -> str:
        return str(words(f"cli.show.{key}", **params))

    flags = [Label("Flag", flag) for flag in case.flags]
    lines = [
        w("title", case_id=case.id, version=case.version, title=case.title),
        w(
            "status",
            status=Label("CaseStatus", case.status),
            category=Label("Category", case.category),
            reason=Label("Reason", case.reason),
            language=Label("Language", case.language),
            priority=Label("Priority", case.priority),
        )
        + (w("flags", flags=flags) if flags else ""),
        w(
            "due",
            due=case.due_at.isoformat() if case.due_at else "-",
            assigned=detail.assigned_to or "-",
        ),
        w(
            "claim",
            remedy=Label("Remedy", detail.claim_remedy),
            amount=_money(case.claim_amount, case.claim_currency),
            text=detail.claim_text,
        ),
        "",
        w("description"),
        f"  {detail.description}",
        "",
        w("parties"),
    ]
    for party in detail.parties:
        line = f"  {party.party_id} {Label('PartyRole', party.role)}: {party.display_name}"
        if party.shop:
            shop = party.shop
            line += w(
                "shop",
                name=shop.name,
                credit=shop.credit_score if shop.credit_score is not None else "-",
                open=shop.open_disputes if shop.open_disputes is not None else "-",
                disputes=shop.disputes_last_year if shop.disputes_last_year is not None else "-",
                sanctions=shop.sanctions_last_year if shop.sanctions_last_year is not None else "-",
            )
        lines.append(line)
    order = detail.order
    lines += ["", w("order", order_id=order.order_id, paid=order.total_paid)]
    for item in order.items:
        lines.append(f"  {item.quantity} × {item.title} ({item.sku}) {item.unit_price.text()}")
    if order.carrier:
        lines.append(w("shipped", carrier=order.carrier, tracking=order.tracking_number or "-"))
    lines += ["", w("evidence")]
    for evidence in detail.evidence:
        link = w("compare_with", other=evidence.compare_with) if evidence.compare_with else ""
        lines.append(
            w(
                "evidence_item",
                evidence_id=evidence.evidence_id,
                kind=Label("EvidenceKind", evidence.kind),
                title=evidence.title or evidence.filename,
                media_type=evidence.media_type,
                size=evidence.size,
                by=evidence.submitted_by_name,
                at=evidence.submitted_at.isoformat(),
                integrity=Label("Integrity", evidence.integrity),
            )
            + link
        )
    lines += ["", w("timeline")]
    for entry in detail.timeline:
        lines.append(
            f"  {entry.at.isoformat()}  {Label('TimelineKind', entry.kind)!s:<6} "
            f"{entry.actor}: {say_in(entry.summary)}"
        )
    return lines
