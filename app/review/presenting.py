"""The review's findings as lines of text, in the reader's language: what the command
line prints and the desk's review panel shows (one wording for both). Untrusted texts
are kept as they are; the command line escapes them for the terminal, the desk shows
them as plain text."""

from __future__ import annotations

from app.contract.case_document import Money
from app.contract.language import Language
from app.review.diff import RecordDiff
from app.review.similar import Consistency
from app.vocabulary import Label, words


def _line(key: str, language: Language, **params: object) -> str:
    return words(f"review.cli.{key}", **params).text(language)


def diff_lines(found: RecordDiff, language: Language) -> list[str]:
    """The diff as lines of text (the desk's panel shows the same)."""
    if found.first_version:
        lines = [_line("diff_first", language, document_id=found.after_document)]
    else:
        lines = [
            _line(
                "diff_header",
                language,
                before=found.before_document,
                after=found.after_document,
            )
        ]
    if not found.changes:
        lines.append(_line("diff_none", language))
    for change in found.changes:
        lines.append(change.title(language))
        if change.pieces:
            lines += [f"  {mark} {text}" for mark, text in change.pieces]
        elif change.kind == "list":
            lines += [f"  - {text}" for text in change.before or []]
            lines += [f"  + {text}" for text in change.after or []]
        else:
            lines.append(
                "  "
                + (
                    f"{change.shown(change.before, language)} → {change.shown(change.after, language)}"
                )
            )
    return lines


def _money(value: float | int | None, currency: str | None, language: Language) -> str:
    if value is None or currency is None:
        return "—"
    return Money(value=round(value), currency=currency).text(language)


def similar_lines(found: Consistency, language: Language) -> list[str]:
    """The consistency aid as lines of text (the desk's panel shows the same)."""
    currency = found.draft.currency if found.draft and found.draft.currency else None
    if currency is None:
        currency = next((item.currency for item in found.similar if item.currency), None)
    lines = [
        _line(
            "similar_header",
            language,
            count=len(found.similar),
            category=Label("Category", found.category),
            reason=Label("Reason", found.reason),
        )
    ]
    if found.similar:
        lines.append(
            _line(
                "similar_outcomes",
                language,
                outcomes=[f"{Label('Outcome', o).text(language)} {n}" for o, n in found.outcomes],
            )
        )
        lines.append(
            _line(
                "similar_band",
                language,
                low=_money(found.low, currency, language),
                median=_money(found.median, currency, language),
                high=_money(found.high, currency, language),
            )
        )
    if found.draft is None:
        lines.append(_line("similar_no_draft", language))
    elif not found.similar:
        lines.append(
            _line(
                "similar_draft_alone",
                language,
                document_id=found.draft.document_id,
                outcome=Label("Outcome", found.draft.outcome or "—"),
                amount=_money(found.draft.amount or 0, currency, language),
            )
        )
    else:
        lines.append(
            _line(
                "similar_draft",
                language,
                document_id=found.draft.document_id,
                outcome=Label("Outcome", found.draft.outcome or "—"),
                amount=_money(found.draft.amount or 0, currency, language),
                percentile="—" if found.percentile is None else f"{found.percentile:g}",
            )
        )
    if found.amount_flag is not None:
        lines.append(_line(f"flag_amount_{found.amount_flag}", language))
    if found.outcome_flag is not None:
        lines.append(_line("flag_outcome", language, majority=Label("Outcome", found.outcome_flag)))
    for item in found.similar[:20]:
        lines.append(
            "  "
            + "  ".join(
                (
                    item.case_id,
                    item.decided_at.date().isoformat(),
                    Label("Outcome", item.outcome).text(language),
                    _money(item.amount, item.currency, language),
                )
            )
        )
    return lines
