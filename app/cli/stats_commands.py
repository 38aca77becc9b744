"""``mediation-desk stats``: the numbers the dashboard shows, on the command line.

The same :func:`app.services.statistics.compute_statistics` the desk's dashboard draws,
for the same period (the last 30 days unless ``--from``/``--to`` or ``--all`` say
otherwise), as text in the user's language, as one JSON document (``--json``) or as CSV
in long form (``--csv``: one number a row, see :mod:`app.stats.tables`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from app.cli.common import open_desk
from app.cli.output import emit_json, safe_for_terminal, say
from app.contract.case_document import Category, choices
from app.services.statistics import compute_statistics
from app.stats.figures import Count, Statistics
from app.stats.scope import StatsScope, china_today
from app.stats.tables import LONG_COLUMNS, jsonable, key_text, long_rows, to_csv
from app.vocabulary import Language, current_language, format_money, label_text, listing, words

DEFAULT_DAYS = 30
SHOWN = 10  # rows of each breakdown in the text report (--json and --csv carry all)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    stats = subparsers.add_parser("stats", parents=[common], help=str(words("stats.help.command")))
    stats.add_argument(
        "--from", dest="first", type=_day, metavar="DATE", help=str(words("stats.help.from"))
    )
    stats.add_argument(
        "--to", dest="last", type=_day, metavar="DATE", help=str(words("stats.help.to"))
    )
    stats.add_argument("--all", action="store_true", help=str(words("stats.help.all")))
    stats.add_argument(
        "--category", choices=choices(Category), help=str(words("stats.help.category"))
    )
    stats.add_argument("--mediator", metavar="USER", help=str(words("stats.help.mediator")))
    output = stats.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=str(words("cli.help.json")))
    output.add_argument("--csv", action="store_true", help=str(words("stats.help.csv")))
    stats.set_defaults(handler=_stats)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(str(words("stats.not_a_date", value=text))) from None


def scope_from(args: argparse.Namespace, today: date) -> StatsScope:
    """The period the options name: the last 30 days by default; ``--from`` alone runs to
    today, ``--to`` alone from the first case on; ``--all`` has no bounds."""
    filters = {"category": args.category, "mediator": args.mediator}
    if args.all:
        return StatsScope(args.first, args.last, **filters)
    if args.first is None and args.last is None:
        return StatsScope.last_days(today, DEFAULT_DAYS, **filters)
    last = args.last if args.last is not None or args.first is None else today
    return StatsScope(args.first, last, **filters)


def _stats(args: argparse.Namespace) -> int:
    desk = open_desk(args)
    try:
        with desk.unit_of_work(read_only=True) as uow:
            now = uow.clock.now()
            stats = compute_statistics(uow, scope_from(args, china_today(now)), now)
    finally:
        desk.close()
    if args.json:
        emit_json(jsonable(stats))
    elif args.csv:
        sys.stdout.write(to_csv(LONG_COLUMNS, long_rows(stats)))
    else:
        for line in report_lines(stats):
            say(safe_for_terminal(line))
    return 0


# -- the text report ---------------------------------------------------------------------------


def _w(key: str, **params: object) -> str:
    return str(words(f"stats.{key}", **params))


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f}%"


def _days(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def period_text(scope: StatsScope) -> str:
    if scope.first_day is None and scope.last_day is None:
        return _w("period.all")
    first = scope.first_day.isoformat() if scope.first_day else "…"
    last = scope.last_day.isoformat() if scope.last_day else "…"
    return _w("period.between", first=first, last=last)


def _breakdown(title: str, figure: str, counts: tuple[Count, ...], language: Language) -> list[str]:
    shown = [c for c in counts if c.count][:SHOWN]
    if not shown:
        return []
    lines = ["", _w(f"section.{title}")]
    width = max(len(str(c.count)) for c in shown)
    for item in shown:
        name = key_text(figure, item.key, language)
        if figure == "city" and item.parent and item.parent != item.key:
            name += f" ({key_text('province', item.parent, language)})"
        lines.append(f"  {item.count:>{width}}  {name}")
    hidden = len([c for c in counts if c.count]) - len(shown)
    if hidden > 0:
        lines.append("  " + _w("more_rows", count=hidden))
    return lines


def report_lines(stats: Statistics, language: Language | None = None) -> list[str]:
    """The figures as the command prints them, in ``language``."""
    language = language or current_language()
    scope = stats.scope
    head = stats.headline
    title = _w("report.title", period=period_text(scope))
    if scope.category:
        title += _w("report.category", category=label_text("Category", scope.category, language))
    if scope.mediator:
        title += _w("report.mediator", mediator=scope.mediator)
    lines = [
        title,
        "",
        _w("report.opened_closed", opened=head.opened, closed=head.closed, reopened=head.reopened),
        _w(
            "report.now",
            open_now=head.open_now,
            overdue=head.overdue,
            due_soon=head.due_soon,
            until=stats.due_soon_until.strftime("%Y-%m-%d %H:%M"),
        ),
        _w("report.malicious", count=head.malicious),
    ]
    lines += ["", _w("section.handling")]
    for handling in stats.handling:
        lines.append(
            "  "
            + _w(
                "report.handling",
                category=key_text("handling", handling.category, language),
                cases=handling.cases,
                median=_days(handling.median),
                p90=_days(handling.p90),
            )
        )
    endings = stats.endings
    lines += [
        "",
        _w("section.endings"),
        "  "
        + listing(
            [f"{key_text('ending', c.key, language)} {c.count}" for c in endings.counts if c.count],
            language,
        ),
        "  "
        + _w(
            "report.settlement_rate",
            rate=_percent(endings.settlement_rate),
            settled=endings.settled,
            decided=endings.decided,
        ),
    ]
    if any(c.count for c in stats.outcomes):
        lines += [
            "",
            _w("section.outcomes"),
            "  "
            + listing(
                [
                    f"{key_text('outcome', c.key, language)} {c.count}"
                    for c in stats.outcomes
                    if c.count
                ],
                language,
            ),
        ]
    appeals = stats.appeals
    lines += [
        "",
        _w("section.appeals"),
        "  "
        + _w(
            "report.appeals",
            appealed=appeals.appealed,
            rulings=appeals.rulings,
            rate=_percent(appeals.appeal_rate),
            changed=appeals.changed,
            pending=appeals.pending,
        ),
    ]
    if stats.awards:
        lines += ["", _w("section.awards")]
        for award in stats.awards:
            lines.append(
                "  "
                + _w(
                    "report.award",
                    kind=label_text("DecisionKind", award.kind, language),
                    amount=format_money(award.total, award.currency, language),
                    cases=award.cases,
                )
            )
    lines += _breakdown("by_category", "category", stats.by_category, language)
    lines += _breakdown("by_reason", "reason", stats.by_reason, language)
    lines += _breakdown("by_status", "status", stats.by_status, language)
    lines += _breakdown("by_channel", "channel", stats.by_channel, language)
    lines += _breakdown("by_province", "province", stats.by_province, language)
    lines += _breakdown("by_city", "city", stats.by_city, language)
    if stats.top_merchants:
        lines += ["", _w("section.top_merchants")]
        for merchant in stats.top_merchants:
            lines.append(
                "  "
                + _w(
                    "report.merchant",
                    name=merchant.name or merchant.key,
                    disputes=merchant.disputes,
                    open_now=merchant.open_now,
                    sanctions=merchant.sanctions,
                )
            )
    if stats.most_sanctioned:
        lines += ["", _w("section.most_sanctioned")]
        for merchant in stats.most_sanctioned:
            lines.append(
                "  "
                + _w(
                    "report.sanctioned",
                    name=merchant.name or merchant.key,
                    sanctions=merchant.sanctions,
                    cases=merchant.sanctioned_cases,
                )
            )
    if stats.mediators:
        lines += ["", _w("section.mediators")]
        for mediator in stats.mediators:
            lines.append(
                "  "
                + _w(
                    "report.mediator_line",
                    mediator=key_text("mediator", mediator.mediator, language),
                    open_now=mediator.open_now,
                    overdue=mediator.overdue,
                    due_soon=mediator.due_soon,
                    closed=mediator.closed,
                )
            )
    if stats.uncertain_years:
        years = [str(year) for year, _source in stats.uncertain_years]
        lines += ["", _w("report.uncertain_years", years=years)]
    return lines
