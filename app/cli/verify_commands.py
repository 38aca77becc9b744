"""``mediation-desk evidence verify`` and ``mediation-desk audit verify``."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import add_json_flag, open_desk
from app.cli.output import ProgressBar, complain, emit_json, safe_for_terminal, say
from app.documents.signed_anchors import audit_anchors_in_signed_documents
from app.services.record_check import verify_records
from app.services.verification import verify_audit_trail, verify_evidence
from app.vocabulary import Label, words


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    evidence = subparsers.add_parser(
        "evidence", parents=[common], help=str(words("cli.help.evidence"))
    )
    commands = evidence.add_subparsers(dest="evidence_command", metavar="COMMAND", required=True)
    verify = commands.add_parser(
        "verify", parents=[common], help=str(words("cli.help.evidence_verify"))
    )
    add_json_flag(verify)
    verify.set_defaults(handler=_verify_evidence)

    trail = subparsers.add_parser("audit", parents=[common], help=str(words("cli.help.audit")))
    commands = trail.add_subparsers(dest="audit_command", metavar="COMMAND", required=True)
    verify = commands.add_parser(
        "verify", parents=[common], help=str(words("cli.help.audit_verify"))
    )
    verify.add_argument("--online", action="store_true", help=str(words("cli.help.online")))
    add_json_flag(verify)
    verify.set_defaults(handler=_verify_audit)


def _verify_evidence(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    bar = ProgressBar(words("cli.verifying_files"))
    try:
        with desk.unit_of_work(read_only=True) as uow:
            report = verify_evidence(uow, progress=bar)
    finally:
        bar.finish()
        desk.close()
    if args.json:
        emit_json(
            {
                "files_checked": report.files_checked,
                "ok": report.ok,
                "cases": {
                    case_id: [
                        {"item": p.item_id, "filename": p.filename, "state": p.state}
                        for p in problems
                    ]
                    for case_id, problems in report.by_case().items()
                },
                "unrecorded_files": list(report.unrecorded),
            }
        )
    else:
        for case_id, problems in report.by_case().items():
            for problem in problems:
                complain(
                    str(
                        words(
                            "cli.file_problem",
                            case_id=case_id,
                            item=problem.item_id,
                            filename=problem.filename,
                            state=Label("Integrity", problem.state),
                        )
                    )
                )
        for sha256 in report.unrecorded:
            complain(str(words("cli.unrecorded_file", sha256=sha256)))
        if report.ok:
            say(str(words("cli.files_ok", count=report.files_checked)))
        else:
            say(
                str(
                    words(
                        "cli.files_problems",
                        problems=len(report.problems) + len(report.unrecorded),
                        count=report.files_checked,
                    )
                )
            )
    return 0 if report.ok else 6


def _verify_audit(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    bar = ProgressBar(words("records.checking"))
    try:
        anchors = [anchor for anchor in [desk.kept_anchor()] if anchor is not None]
        if args.online:
            from app.sync.anchor import platform_anchor

            held = platform_anchor(desk, desk.credentials)
            anchors += [held] if held is not None else []
        with desk.unit_of_work(read_only=True) as uow:
            # Every signed document carries the head at its signing (issue 13).
            anchors += [
                anchor
                for anchor in audit_anchors_in_signed_documents(uow)
                if anchor.desk_id == desk.desk_id
            ]
            report = verify_audit_trail(uow, anchors)
            records = verify_records(uow, progress=bar)
    finally:
        bar.finish()
        desk.close()
    if args.json:
        emit_json(
            {
                "events": report.events,
                "intact": report.intact,
                "broken_at": report.broken_at,
                "problem": None if report.problem is None else str(report.problem),
                "trusted_until": report.trusted_until,
                "unkeyed_events": report.unkeyed,
                "keyed_from": report.keyed_from,
                "anchors_checked": report.anchors_checked,
                "records": {
                    "cases_checked": records.cases_checked,
                    "snapshots_checked": records.snapshots_checked,
                    "ok": records.ok,
                    "unanchored_snapshots": records.unanchored_snapshots,
                    "problems": [
                        {"case_id": p.case_id, "field": p.field, "problem": str(p.problem)}
                        for p in records.problems
                    ],
                },
            }
        )
    else:
        if report.intact:
            say(str(words("audit.intact", events=report.events)))
        if records.ok:
            say(
                str(
                    words(
                        "records.verified",
                        cases=records.cases_checked,
                        snapshots=records.snapshots_checked,
                    )
                )
            )
        if report.unkeyed:
            complain(str(words("audit.unkeyed", count=report.unkeyed)))
        if records.unanchored_snapshots:
            complain(str(words("records.unanchored", count=records.unanchored_snapshots)))
        if not anchors:
            complain(str(words("audit.no_anchor")))
    for problem in records.problems:
        complain(safe_for_terminal(problem.text()))
    if not report.intact:
        complain(
            safe_for_terminal(
                str(words("audit.broken", seq=report.broken_at, problem=report.problem))
            )
        )
        if report.trusted_until is not None and not args.json:
            complain(str(words("audit.trusted_until", at=report.trusted_until.isoformat())))
        return 6
    return 0 if records.ok else 6
