"""Money as typed by a mediator, and remedies checked against what the buyer paid."""

from __future__ import annotations

import pytest

from app.contract.case_document import Money
from app.workflow import AmountError, check_remedy_amount, parse_amount

PAID = Money(value=129900, currency="CNY")


def cny(value: int) -> Money:
    return Money(value=value, currency="CNY")


@pytest.mark.parametrize(
    ("text", "currency", "expected"),
    [
        ("1299.00", "CNY", 129900),
        ("1299", "CNY", 129900),
        ("1,299.5", "CNY", 129950),
        ("0.01", "CNY", 1),
        (" 89.99 GBP ", "GBP", 8999),
        ("CNY 1,299.00", "CNY", 129900),  # as the money formatter writes it in English
        ("1500", "JPY", 1500),
        ("1.250", "KWD", 1250),
    ],
)
def test_amounts_are_read_into_minor_units(text: str, currency: str, expected: int) -> None:
    assert parse_amount(text, currency) == Money(value=expected, currency=currency)


@pytest.mark.parametrize(
    "text", ["", "12,34", "1.2.3", "¥100", "1e5", "-1", "100.001", "1500.5 JPY", "CNY USD", "1 2"]
)
def test_things_that_are_not_amounts_are_refused(text: str) -> None:
    currency = "JPY" if "JPY" in text else "CNY"
    with pytest.raises(AmountError):
        parse_amount(text, currency)


def test_an_amount_in_another_currency_is_refused_in_every_language() -> None:
    for typed in ("100.00 USD", "USD 100.00"):
        with pytest.raises(AmountError) as caught:
            parse_amount(typed, "CNY")
        assert caught.value.message.text("zh-Hans") == "币种须为本订单的 CNY，而不是 USD"
        assert caught.value.message.text("zh-Hant") == "幣別須為本訂單的 CNY，而不是 USD"


def test_minor_units_come_from_the_one_money_table() -> None:
    # app.vocabulary.minor_units knows the rarer exponents too (CLF has four places).
    assert parse_amount("1.2345", "CLF") == Money(value=12345, currency="CLF")
    with pytest.raises(AmountError):
        parse_amount("1.5", "BIF")  # Burundi franc: no minor unit


def test_amounts_in_messages_are_said_by_the_one_money_formatter() -> None:
    [problem] = check_remedy_amount("refund", cny(130000), PAID)
    assert problem.text("en") == "a refund cannot exceed the total paid, CNY 1,299.00"
    assert problem.text("zh-Hans") == "退款不能超过实付金额 ¥1,299.00"
    assert problem.text("zh-Hant") == "退款不能超過實付金額 人民幣 1,299.00"


@pytest.mark.parametrize(
    ("remedy", "amount", "acceptable"),
    [
        ("refund", 129900, True),
        ("refund", 129901, False),
        ("return_and_refund", 129900, True),
        ("advance_payout", 130000, False),
        ("partial_refund", 129899, True),
        ("partial_refund", 129900, False),
        ("price_difference", 129900, False),
        ("partial_refund", 0, False),
        ("compensation", 389700, True),  # three times the price is lawful damages
        ("exchange", None, True),
        ("repair", 100, False),
        ("apology", None, True),
        ("refund", None, False),
        ("other", None, True),
    ],
)
def test_remedies_are_checked_against_the_total_paid(
    remedy: str, amount: int | None, acceptable: bool
) -> None:
    money = None if amount is None else cny(amount)
    assert (check_remedy_amount(remedy, money, PAID) == []) is acceptable


def test_a_remedy_in_another_currency_is_refused() -> None:
    [problem] = check_remedy_amount("refund", Money(value=100, currency="USD"), PAID)
    assert "currency must be the order's (CNY), not USD" in problem.text("en")
