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

from app.contract.case_document import Money
from app.vocabulary import Words, words
from app.workflow.amounts import AmountError, parse_amount
from app.workflow.script_model import Question

AnswerValue: TypeAlias = bool | str | date | Money | tuple[str, ...]

_YES = {"yes", "y", "true", "1", "是", "对", "對"}
_NO = {"no", "n", "false", "0", "否", "不"}


class AnswerError(ValueError):
    """An answer that does not fit its question; ``message`` is for the mediator."""

    def __init__(self, message: Words) -> None:
        super().__init__(message.key)
        self.message = message


def parse_yes_no(raw: str) -> bool:
    """``yes``/``no`` and their usual spellings, in English or Chinese."""
    word = raw.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise AnswerError(words("workflow.answer.not_yes_no", raw=raw))


def parse_date(raw: str, *, not_after: date | None = None) -> date:
    """A calendar date written ``YYYY-MM-DD``; optionally not later than ``not_after``."""
    text = raw.strip()
    try:
        if len(text) != 10:
            raise ValueError
        value = date.fromisoformat(text)
    except ValueError:
        raise AnswerError(words("workflow.answer.not_a_date", raw=raw)) from None
    if not_after is not None and value > not_after:
        raise AnswerError(words("workflow.answer.in_the_future", date=value.isoformat()))
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
            raise AnswerError(exc.message) from None
    if question.type == "choice":
        wanted = [part.strip() for part in raw.split(",")] if question.multiple else [raw.strip()]
        known = question.option_ids()
        for option in wanted:
            if option not in known:
                raise AnswerError(
                    words("workflow.answer.not_an_option", option=option, options=list(known))
                )
        if question.multiple:
            return tuple(dict.fromkeys(wanted))
        return wanted[0]
    text = raw.strip()
    if len(text) > question.max_length:
        raise AnswerError(words("workflow.answer.too_long", limit=question.max_length))
    shortest = max(question.min_length, 1)
    if len(text) < shortest:
        raise AnswerError(words("workflow.answer.too_short", limit=shortest))
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
        return Money(value=int(data["value"]), currency=str(data["currency"]))
    raise ValueError(f"not a stored answer: {data!r}")
