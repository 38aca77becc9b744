"""The statistics as tables and words: what ``mediation-desk stats --csv`` and ``--json``
write, what each of the dashboard's charts exports as CSV, and how every key (a
category, a province, a mediator…) is said in the reader's language.

One CSV shape for everything the command prints (long form, one number a row)::

    figure,key,parent,measure,value,label
    headline,,,opened,13,
    category,quality,,cases,3,Product quality
    city,杭州市,浙江省,cases,3,杭州市
    handling,quality,,median,3.0,Product quality

so a spreadsheet can pivot it and a script can read any figure back by
(figure, key, parent, measure).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any

from app.anonymize.script import to_traditional
from app.stats.figures import Count, Statistics
from app.vocabulary import Language, label_text, words
from app.vocabulary.catalog import catalogue, current_language

LONG_COLUMNS = ("figure", "key", "parent", "measure", "value", "label")

# figure → the label table its keys come from (None: a place or a person, said as is)
_KEY_LABELS = {
    "category": "Category",
    "reason": "Reason",
    "status": "CaseStatus",
    "channel": "Channel",
    "outcome": "Outcome",
    "kind": "DecisionKind",
}


def place_text(name: str | None, language: Language | None = None) -> str:
    """A province or city as the reader reads it: provinces have English names; cities
    keep their Chinese name (in Traditional characters for zh-Hant)."""
    language = language or current_language()
    if name is None:
        return words("stats.not_recognised").text(language)
    entry = catalogue().get(f"stats.province.{name}")
    if entry is not None:
        return entry[language]
    return to_traditional(name) if language == "zh-Hant" else name


def key_text(figure: str, key: str | None, language: Language | None = None) -> str:
    """What one key of a figure is called: a category's words, a province's name…"""
    language = language or current_language()
    if figure in _KEY_LABELS:
        if key is None:
            return words("stats.not_recognised").text(language)
        return label_text(_KEY_LABELS[figure], key, language)
    if figure in ("province", "city"):
        return place_text(key, language)
    if figure == "ending":
        return words(f"stats.ending.{key}").text(language)
    if figure == "mediator":
        return key if key is not None else words("stats.unassigned").text(language)
    if figure == "handling" and key is None:
        return words("stats.all_categories").text(language)
    if figure == "handling":
        return label_text("Category", key, language)
    return "" if key is None else key


def _counts(figure: str, counts: Iterable[Count], language: Language) -> Iterator[tuple[Any, ...]]:
    for item in counts:
        yield (
            figure,
            item.key,
            item.parent,
            "cases",
            item.count,
            key_text(figure, item.key, language),
        )


def long_rows(stats: Statistics, language: Language | None = None) -> list[tuple[Any, ...]]:
    """Every figure, one number a row: (figure, key, parent, measure, value, label)."""
    language = language or current_language()
    rows: list[tuple[Any, ...]] = []
    for measure, value in asdict(stats.headline).items():
        rows.append(("headline", None, None, measure, value, ""))
    for figure, counts in (
        ("category", stats.by_category),
        ("reason", stats.by_reason),
        ("status", stats.by_status),
        ("channel", stats.by_channel),
        ("province", stats.by_province),
        ("city", stats.by_city),
    ):
        rows += _counts(figure, counts, language)
    for item in stats.opened_over_time:
        rows.append(
            (
                "opened_in",
                item.first_day.isoformat(),
                item.category,
                "cases",
                item.count,
                label_text("Category", item.category, language),
            )
        )
    for handling in stats.handling:
        label = key_text("handling", handling.category, language)
        for measure in ("cases", "median", "p90"):
            rows.append(
                ("handling", handling.category, None, measure, getattr(handling, measure), label)
            )
    rows += _counts("ending", stats.endings.counts, language)
    rows.append(("settlement", None, None, "decided", stats.endings.decided, ""))
    rows.append(("settlement", None, None, "settled", stats.endings.settled, ""))
    rows.append(("settlement", None, None, "rate", stats.endings.settlement_rate, ""))
    rows += _counts("outcome", stats.outcomes, language)
    for measure, value in asdict(stats.appeals).items():
        rows.append(("appeals", None, None, measure, value, ""))
    for award in stats.awards:
        label = label_text("DecisionKind", award.kind, language)
        rows.append(("award", award.currency, award.kind, "cases", award.cases, label))
        rows.append(("award", award.currency, award.kind, "total", award.total, label))
    for figure, merchants in (
        ("top_merchant", stats.top_merchants),
        ("most_sanctioned", stats.most_sanctioned),
    ):
        for merchant in merchants:
            for measure in ("disputes", "open_now", "sanctioned_cases", "sanctions"):
                rows.append(
                    (
                        figure,
                        merchant.key,
                        None,
                        measure,
                        getattr(merchant, measure),
                        merchant.name or "",
                    )
                )
    for mediator in stats.mediators:
        label = key_text("mediator", mediator.mediator, language)
        for measure in ("open_now", "overdue", "due_soon", "closed"):
            rows.append(
                ("mediator", mediator.mediator, None, measure, getattr(mediator, measure), label)
            )
    return rows


def to_csv(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    """CSV text (RFC 4180, ``\\r\\n`` line ends); None is an empty field."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return out.getvalue()


def jsonable(value: Any) -> Any:
    """The statistics as plain JSON data: dataclasses as objects, dates as ISO text."""
    if is_dataclass(value) and not isinstance(value, type):
        return {name: jsonable(item) for name, item in vars(value).items()}
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# -- the dashboard's charts, one table each ----------------------------------------------


def chart_table(
    stats: Statistics, chart: str, language: Language | None = None
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """The data one chart of the dashboard draws, as (header, rows) for its CSV."""
    language = language or current_language()
    if chart == "opened_over_time":
        return (
            ("first_day", "last_day", "category", "category_label", "cases"),
            [
                (
                    o.first_day.isoformat(),
                    o.last_day.isoformat(),
                    o.category,
                    label_text("Category", o.category, language),
                    o.count,
                )
                for o in stats.opened_over_time
            ],
        )
    if chart == "handling":
        return (
            ("category", "category_label", "cases", "median_working_days", "p90_working_days"),
            [
                (h.category, key_text("handling", h.category, language), h.cases, h.median, h.p90)
                for h in stats.handling
            ],
        )
    if chart == "outcomes":
        return (
            ("outcome", "outcome_label", "cases"),
            [(c.key, key_text("outcome", c.key, language), c.count) for c in stats.outcomes],
        )
    if chart == "top_merchants":
        return (
            ("merchant", "name", "disputes", "open_now", "sanctioned_cases", "sanctions"),
            [
                (f.key, f.name, f.disputes, f.open_now, f.sanctioned_cases, f.sanctions)
                for f in stats.top_merchants
            ],
        )
    if chart == "by_province":
        return (
            ("province", "province_label", "cases"),
            [(c.key, key_text("province", c.key, language), c.count) for c in stats.by_province],
        )
    if chart == "mediators":
        return (
            ("mediator", "mediator_label", "open_now", "overdue", "due_soon", "closed"),
            [
                (
                    f.mediator,
                    key_text("mediator", f.mediator, language),
                    f.open_now,
                    f.overdue,
                    f.due_soon,
                    f.closed,
                )
                for f in stats.mediators
            ],
        )
    raise ValueError(f"no chart {chart!r}")


CHARTS: tuple[str, ...] = (
    "opened_over_time",
    "handling",
    "outcomes",
    "top_merchants",
    "by_province",
    "mediators",
)
