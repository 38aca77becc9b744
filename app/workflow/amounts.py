"""Money and remedies: amounts typed by a mediator, and offers checked against the order.

Money is the contract's :class:`~app.contract.case_document.Money`: an integer in the
currency's minor unit with its ISO 4217 code (how many minor units a currency has comes
from :func:`app.vocabulary.minor_units`). What a remedy may ask for:

- refund, return and refund, advance payout: more than zero, at most the total paid;
- partial refund and price difference: more than zero and less than the total paid
  (the whole amount is a refund, not a part of one);
- compensation: more than zero, no ceiling — statutory damages may exceed the price
  (《消费者权益保护法》第五十五条: three times the price, at least 500 yuan);
- exchange, repair, apology: no amount;
- other: an amount is optional.

Every amount must be in the order's currency.
"""

from __future__ import annotations

import re

from app.contract.case_document import Money
from app.vocabulary import Words, minor_units, words

MAX_MINOR_UNITS = 100_000_000_000  # the case document's ceiling

MONEY_REMEDIES = frozenset(
    {"refund", "partial_refund", "return_and_refund", "compensation", "price_difference",
     "advance_payout"}
)  # fmt: skip
NO_AMOUNT_REMEDIES = frozenset({"exchange", "repair", "apology"})
UP_TO_THE_TOTAL = frozenset({"refund", "return_and_refund", "advance_payout"})
BELOW_THE_TOTAL = frozenset({"partial_refund", "price_difference"})

_CODE = re.compile(r"[A-Za-z]{3}")
_AMOUNT = re.compile(r"(?P<units>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?")


class AmountError(ValueError):
    """An amount that cannot be read or is not allowed; ``message`` is for the mediator."""

    def __init__(self, message: Words) -> None:
        super().__init__(message.key)
        self.message = message


def parse_amount(text: str, currency: str) -> Money:
    """Read an amount as typed ("1299.00", "1,299.5", "1299 CNY", "CNY 1,299.00") in the
    case's currency."""
    cleaned = text.strip()
    # The code may follow the number ("1299 CNY") or lead it, as the money formatter
    # writes it in English ("CNY 1,299.00").
    parts = cleaned.split()
    if len(parts) == 2:
        code_at = 1 if _CODE.fullmatch(parts[1]) else 0
        if _CODE.fullmatch(parts[code_at]):
            given = parts[code_at].upper()
            if given != currency:
                raise AmountError(
                    words("workflow.amount.wrong_currency", currency=currency, given=given)
                )
            cleaned = parts[1 - code_at]
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        raise AmountError(words("workflow.amount.not_an_amount", text=text))
    exponent = minor_units(currency)
    fraction = match.group("fraction") or ""
    if len(fraction) > exponent:
        raise AmountError(
            words("workflow.amount.too_many_decimals", currency=currency, places=exponent)
        )
    units = int(match.group("units").replace(",", ""))
    value = units * 10**exponent + int((fraction + "0" * exponent)[:exponent] or "0")
    if value > MAX_MINOR_UNITS:
        raise AmountError(words("workflow.amount.too_large"))
    return Money(value=value, currency=currency)


def check_remedy_amount(remedy: str, amount: Money | None, total_paid: Money) -> list[Words]:
    """What is wrong with asking for ``amount`` as ``remedy`` on an order of ``total_paid``.

    An empty list means the amount is acceptable.
    """
    if remedy in NO_AMOUNT_REMEDIES:
        if amount is not None and amount.value != 0:
            return [words("workflow.remedy.carries_no_amount")]
        return []
    if amount is None:
        return [words("workflow.remedy.needs_amount")] if remedy in MONEY_REMEDIES else []
    if amount.currency != total_paid.currency:
        return [
            words(
                "workflow.remedy.wrong_currency",
                paid_currency=total_paid.currency,
                currency=amount.currency,
            )
        ]
    if remedy in MONEY_REMEDIES and amount.value <= 0:
        return [words("workflow.remedy.not_positive")]
    if remedy in UP_TO_THE_TOTAL and amount.value > total_paid.value:
        return [words("workflow.remedy.above_total", paid=total_paid)]
    if remedy in BELOW_THE_TOTAL and amount.value >= total_paid.value:
        return [words("workflow.remedy.not_below_total", paid=total_paid)]
    return []
