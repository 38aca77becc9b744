"""Answers as typed on the command line or in a form, read by question type.

- yes/no: ``yes no true false y n 1 0 是 否`` (any case);
- amount: ``1299.00`` in the case's currency, stored in minor units;
- date: ``YYYY-MM-DD``;
- choice: an option id; several, comma-separated, when the question allows it;
- text: trimmed, within the question's length limits.
"""

from __future__ import annotations

from datetime import date
from typing import TypeAlias

from app.workflow.offers import AmountError, Money, parse_amount
from app.workflow.script_format import Question
from app.workflow.text import LocalizedText

AnswerValue: TypeAlias = bool | str | date | Money | tuple[str, ...]

_YES = {"yes", "y", "true", "1", "是", "对", "對"}
_NO = {"no", "n", "false", "0", "否", "不"}


class AnswerError(ValueError):
    """An answer that does not fit its question; the message is for the mediator."""

    def __init__(self, message: LocalizedText) -> None:
        super().__init__(message.en)
        self.localized = message


def parse_yes_no(raw: str) -> bool:
    """``yes``/``no`` and their usual spellings, in English or Chinese."""
    word = raw.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise AnswerError(
        LocalizedText(
            f"“{raw}”不是是/否，请填 yes 或 no（是/否）",
            f"「{raw}」不是是/否，請填 yes 或 no（是/否）",
            f"'{raw}' is not yes or no (yes/no/true/false/是/否)",
        )
    )


def parse_date(raw: str, *, not_after: date | None = None) -> date:
    """A calendar date written ``YYYY-MM-DD``; optionally not later than ``not_after``."""
    text = raw.strip()
    try:
        if len(text) != 10:
            raise ValueError
        value = date.fromisoformat(text)
    except ValueError:
        raise AnswerError(
            LocalizedText(
                f"“{raw}”不是日期，请写成 2026-10-06 这样的格式",
                f"「{raw}」不是日期，請寫成 2026-10-06 這樣的格式",
                f"'{raw}' is not a date; write it like 2026-10-06",
            )
        ) from None
    if not_after is not None and value > not_after:
        raise AnswerError(
            LocalizedText(
                f"{value} 在今天之后，这里只能填已发生的日期",
                f"{value} 在今天之後，這裡只能填已發生的日期",
                f"{value} is in the future; this asks for a date that has passed",
            )
        )
    return value


def parse_answer(question: Question, raw: str, *, currency: str, today: date) -> AnswerValue:
    """The value of ``raw`` as an answer to ``question``; raises :class:`AnswerError`."""
    if question.type == "yes_no":
        return parse_yes_no(raw)
    if question.type == "date":
        return parse_date(raw, not_after=today if question.not_in_future else None)
    if question.type == "amount":
        try:
            return parse_amount(raw, currency)
        except AmountError as exc:
            raise AnswerError(exc.localized) from None
    if question.type == "choice":
        wanted = [part.strip() for part in raw.split(",")] if question.multiple else [raw.strip()]
        known = question.option_ids()
        for option in wanted:
            if option not in known:
                listed = ", ".join(known)
                raise AnswerError(
                    LocalizedText(
                        f"“{option}”不是可选项（可选：{listed}）",
                        f"「{option}」不是可選項（可選：{listed}）",
                        f"'{option}' is not one of the options ({listed})",
                    )
                )
        if question.multiple:
            return tuple(dict.fromkeys(wanted))
        return wanted[0]
    text = raw.strip()
    if len(text) > question.max_length:
        raise AnswerError(
            LocalizedText(
                f"最多 {question.max_length} 个字",
                f"最多 {question.max_length} 個字",
                f"at most {question.max_length} characters",
            )
        )
    if len(text) < max(question.min_length, 1):
        raise AnswerError(
            LocalizedText(
                f"请至少写 {max(question.min_length, 1)} 个字",
                f"請至少寫 {max(question.min_length, 1)} 個字",
                f"write at least {max(question.min_length, 1)} characters",
            )
        )
    return text


def answer_to_json(value: AnswerValue) -> object:
    """An answer as JSON: yes/no and text as themselves, a choice list as a list, a date
    as ``{"date": "YYYY-MM-DD"}``, an amount as ``{"value": minor units, "currency": ...}``."""
    if isinstance(value, Money):
        return value.to_json_dict()
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple):
        return list(value)
    return value


def answer_from_json(data: object) -> AnswerValue:
    """The inverse of :func:`answer_to_json`."""
    if isinstance(data, bool | str):
        return data
    if isinstance(data, list):
        return tuple(str(item) for item in data)
    if isinstance(data, dict):
        if "date" in data:
            return date.fromisoformat(str(data["date"]))
        return Money(int(data["value"]), str(data["currency"]))
    raise ValueError(f"not a stored answer: {data!r}")
