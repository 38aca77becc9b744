"""``mediation-desk cases …``: import, export, list and show cases."""

from __future__ import annotations

import argparse
import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

from app.cli.common import add_json_flag, local_actor, open_desk
from app.cli.output import complain, emit_json, safe_for_terminal, say
from app.cli.sync_commands import show_conflict_lines
from app.contract.case_document import CaseStatus, Category, choices
from app.services.case_file import CaseDetail, get_case
from app.services.case_import import export_case, import_bundles
from app.services.case_queries import CaseFilter, CaseSummary, list_cases
from app.services.outbox import conflict_details


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    cases = subparsers.add_parser("cases", help="cases in the local store")
    commands = cases.add_subparsers(dest="cases_command", metavar="COMMAND", required=True)

    imp = commands.add_parser(
        "import", parents=[common], help="import case bundles (.zip or folder)"
    )
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add_json_flag(imp)
    imp.set_defaults(handler=_import)

    exp = commands.add_parser("export", parents=[common], help="export a case as a bundle")
    exp.add_argument("case_id", metavar="CASE_ID")
    exp.add_argument("--out", required=True, type=Path, metavar="FILE.zip")
    add_json_flag(exp)
    exp.set_defaults(handler=_export)

    lst = commands.add_parser("list", parents=[common], help="list cases")
    lst.add_argument("--status", choices=choices(CaseStatus))
    lst.add_argument("--category", choices=choices(Category))
    lst.add_argument("--search", metavar="TEXT", help="words or Chinese characters to look for")
    lst.add_argument("--limit", type=int, default=200)
    add_json_flag(lst)
    lst.set_defaults(handler=_list)

    show = commands.add_parser("show", parents=[common], help="show one case")
    show.add_argument("case_id", metavar="CASE_ID")
    show.add_argument("--check-files", action="store_true", help="re-hash the evidence files")
    add_json_flag(show)
    show.set_defaults(handler=_show)

    from app.cli.sync_commands import register_case_commands

    register_case_commands(commands, common)


def _import(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        results = import_bundles(desk.unit_of_work, args.paths, local_actor())
    finally:
        desk.close()
    failed = [result for result in results if result.outcome == "failed"]
    if args.json:
        emit_json({"results": [result.as_json() for result in results], "failed": len(failed)})
    else:
        for result in results:
            if result.outcome == "failed":
                continue
            say(
                safe_for_terminal(
                    f"{result.source}: {result.case_id} version {result.version} {result.outcome}"
                    + (f", {result.files_added} new files" if result.files_added else "")
                )
            )
    for result in failed:
        complain(result.error or f"{result.source}: import failed")
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
        say(f"Exported {args.case_id} to {out}")
    return 0


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {key: _jsonable(item) for key, item in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _money(amount: int | None, currency: str | None) -> str:
    if amount is None or currency is None:
        return ""
    return f"{amount / 100:,.2f} {currency}"


def _list(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            page = list_cases(
                uow,
                CaseFilter(status=args.status, category=args.category, search=args.search),
                limit=args.limit,
            )
            now = uow.clock.now()
    finally:
        desk.close()
    if args.json:
        emit_json(
            {"cases": [_jsonable(case) for case in page.cases], "more": page.next_after is not None}
        )
        return 0
    if not page.cases:
        say("No cases.")
    for case in page.cases:
        say(safe_for_terminal(_summary_line(case, now)))
    return 0


def _summary_line(case: CaseSummary, now: datetime) -> str:
    due = ""
    if case.due_at is not None:
        due = case.due_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if case.due_at < now and case.status not in ("resolved", "closed", "withdrawn"):
            due += " OVERDUE"
    marker = " [CONFLICT]" if case.in_conflict else ""
    return (
        f"{case.id}  {case.status:<17} {case.category:<15} {due:<24} "
        f"{_money(case.claim_amount, case.claim_currency):>16}  {case.title}{marker}"
    )


def _show(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            detail = get_case(uow, args.case_id, check_files=args.check_files)
            conflict = conflict_details(uow, args.case_id) if detail.summary.in_conflict else None
            conflict_lines = show_conflict_lines(uow, args.case_id) if conflict else []
    finally:
        desk.close()
    if args.json:
        shown = _jsonable(detail)
        shown["conflict"] = _jsonable(conflict) if conflict else None
        emit_json(shown)
    else:
        for line in [*_detail_lines(detail), *conflict_lines]:
            say(safe_for_terminal(line))
    return 0


def _detail_lines(detail: CaseDetail) -> list[str]:
    case = detail.summary
    lines = [
        f"{case.id} (version {case.version})  {case.title}",
        f"  status {case.status}, {case.category}/{case.reason}, language {case.language}, "
        f"priority {case.priority}" + (f", flags {', '.join(case.flags)}" if case.flags else ""),
        f"  due {case.due_at.isoformat() if case.due_at else '-'}; assigned to {detail.assigned_to or '-'}",
        f"  claim: {detail.claim_remedy} {_money(case.claim_amount, case.claim_currency)}  {detail.claim_text}",
        "",
        "Description:",
        f"  {detail.description}",
        "",
        "Parties:",
    ]
    for party in detail.parties:
        line = f"  {party.party_id} {party.role}: {party.display_name}"
        if party.shop:
            shop = party.shop
            line += (
                f" (shop {shop.name}, credit {shop.credit_score}, open disputes {shop.open_disputes}, "
                f"last year {shop.disputes_last_year} disputes / {shop.sanctions_last_year} sanctions)"
            )
        lines.append(line)
    order = detail.order
    lines += [
        "",
        f"Order {order.order_id}, paid {_money(order.total_paid.value, order.total_paid.currency)}:",
    ]
    for item in order.items:
        lines.append(
            f"  {item.quantity} x {item.title} ({item.sku}) "
            f"{_money(item.unit_price.value, item.unit_price.currency)}"
        )
    if order.carrier:
        lines.append(f"  shipped by {order.carrier}, tracking {order.tracking_number}")
    lines += ["", "Evidence:"]
    for evidence in detail.evidence:
        link = f", compare with {evidence.compare_with}" if evidence.compare_with else ""
        lines.append(
            f"  {evidence.evidence_id} {evidence.kind}: {evidence.title or evidence.filename} "
            f"[{evidence.media_type}, {evidence.size} bytes] from {evidence.submitted_by_name} "
            f"at {evidence.submitted_at.isoformat()} — {evidence.integrity}{link}"
        )
    lines += ["", "Timeline:"]
    for entry in detail.timeline:
        lines.append(f"  {entry.at.isoformat()}  {entry.kind:<8} {entry.actor}: {entry.summary}")
    return lines
