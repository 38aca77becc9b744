"""Money and remedies: amounts typed by a mediator, and offers checked against the order.

Money is an integer in minor units with an ISO 4217 currency, as in the case document.
What a remedy may ask for:

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
from dataclasses import dataclass

from app.workflow.text import Language, LocalizedText

# Minor-unit exponents that are not 2 (ISO 4217); every other currency has 2.
_EXPONENTS = {
    "JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "UGX": 0, "XAF": 0, "XOF": 0,
    "PYG": 0, "RWF": 0, "KMF": 0, "GNF": 0, "DJF": 0, "VUV": 0, "XPF": 0,
    "BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "IQD": 3, "LYD": 3, "TND": 3,
}  # fmt: skip
MAX_MINOR_UNITS = 100_000_000_000  # the case document's ceiling

MONEY_REMEDIES = frozenset(
    {"refund", "partial_refund", "return_and_refund", "compensation", "price_difference",
     "advance_payout"}
)  # fmt: skip
NO_AMOUNT_REMEDIES = frozenset({"exchange", "repair", "apology"})


@dataclass(frozen=True, order=True)
class Money:
    """An amount in minor units (fen for CNY) with its currency."""

    value: int
    currency: str

    def to_json_dict(self) -> dict[str, int | str]:
        return {"value": self.value, "currency": self.currency}


def currency_exponent(currency: str) -> int:
    """How many decimal places the currency's minor unit has (CNY 2, JPY 0, KWD 3)."""
    return _EXPONENTS.get(currency, 2)


_AMOUNT = re.compile(r"(?P<units>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?")


class AmountError(ValueError):
    """An amount that cannot be read or is not allowed; the message is for the mediator."""

    def __init__(self, message: LocalizedText) -> None:
        super().__init__(message.en)
        self.localized = message

    def in_language(self, language: Language) -> str:
        return self.localized.get(language)


def parse_amount(text: str, currency: str) -> Money:
    """Read an amount as typed ("1299.00", "1,299.5", "1299 CNY") in the case's currency."""
    cleaned = text.strip()
    parts = cleaned.rsplit(maxsplit=1)
    if len(parts) == 2 and re.fullmatch(r"[A-Za-z]{3}", parts[1]):
        if parts[1].upper() != currency:
            raise AmountError(
                LocalizedText(
                    f"币种须为本订单的 {currency}，而不是 {parts[1].upper()}",
                    f"幣別須為本訂單的 {currency}，而不是 {parts[1].upper()}",
                    f"must be in the order's currency {currency}, not {parts[1].upper()}",
                )
            )
        cleaned = parts[0]
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        raise AmountError(
            LocalizedText(
                f"“{text}”不是金额，请写成 1299.00 这样的数字",
                f"「{text}」不是金額，請寫成 1299.00 這樣的數字",
                f"'{text}' is not an amount; write it like 1299.00",
            )
        )
    exponent = currency_exponent(currency)
    fraction = match.group("fraction") or ""
    if len(fraction) > exponent:
        raise AmountError(
            LocalizedText(
                f"{currency} 最多 {exponent} 位小数",
                f"{currency} 最多 {exponent} 位小數",
                f"{currency} has at most {exponent} decimal places",
            )
        )
    units = int(match.group("units").replace(",", ""))
    value = units * 10**exponent + int((fraction + "0" * exponent)[:exponent] or "0")
    if value > MAX_MINOR_UNITS:
        raise AmountError(LocalizedText("金额过大", "金額過大", "the amount is too large"))
    return Money(value, currency)


def format_amount(money: Money) -> str:
    """An amount for people: ``1,299.00 CNY``."""
    exponent = currency_exponent(money.currency)
    units, minor = divmod(money.value, 10**exponent)
    text = f"{units:,}"
    if exponent:
        text += "." + str(minor).rjust(exponent, "0")
    return f"{text} {money.currency}"


def check_remedy_amount(
    remedy: str, amount: Money | None, total_paid: Money
) -> list[LocalizedText]:
    """What is wrong with asking for ``amount`` as ``remedy`` on an order of ``total_paid``.

    An empty list means the amount is acceptable.
    """
    problems: list[LocalizedText] = []
    total_text = format_amount(total_paid)
    if remedy in NO_AMOUNT_REMEDIES:
        if amount is not None and amount.value != 0:
            problems.append(
                LocalizedText(
                    "换货、维修、道歉不涉及金额，请不要填写金额",
                    "換貨、維修、道歉不涉及金額，請勿填寫金額",
                    "an exchange, a repair or an apology carries no amount",
                )
            )
        return problems
    if amount is None:
        if remedy in MONEY_REMEDIES:
            problems.append(
                LocalizedText("此方案须填写金额", "此方案須填寫金額", "this remedy needs an amount")
            )
        return problems
    if amount.currency != total_paid.currency:
        problems.append(
            LocalizedText(
                f"币种须与订单一致（{total_paid.currency}），不能是 {amount.currency}",
                f"幣別須與訂單一致（{total_paid.currency}），不能是 {amount.currency}",
                f"the currency must be the order's ({total_paid.currency}), not {amount.currency}",
            )
        )
        return problems
    if remedy in MONEY_REMEDIES and amount.value <= 0:
        problems.append(
            LocalizedText("金额须大于零", "金額須大於零", "the amount must be more than zero")
        )
    elif remedy in ("refund", "return_and_refund", "advance_payout") and amount > total_paid:
        problems.append(
            LocalizedText(
                f"退款不能超过实付金额 {total_text}",
                f"退款不能超過實付金額 {total_text}",
                f"a refund cannot exceed the total paid, {total_text}",
            )
        )
    elif remedy in ("partial_refund", "price_difference") and amount >= total_paid:
        problems.append(
            LocalizedText(
                f"部分退款或退差价须少于实付金额 {total_text}（全额请选退款）",
                f"部分退款或退差價須少於實付金額 {total_text}（全額請選退款）",
                f"a partial refund or price difference must be less than the total paid, "
                f"{total_text} (choose a refund for the whole amount)",
            )
        )
    return problems
