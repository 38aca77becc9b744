"""One money formatter: minor units from ISO 4217, the same text everywhere."""

from __future__ import annotations

import pytest

from app.vocabulary import amount_text, format_money, minor_units


@pytest.mark.parametrize(
    ("value", "currency", "language", "shown"),
    [
        (129900, "CNY", "zh-Hans", "¥1,299.00"),
        (129900, "CNY", "zh-Hant", "人民幣 1,299.00"),
        (129900, "CNY", "en", "CNY 1,299.00"),
        (1299, "JPY", "zh-Hans", "JPY 1,299"),
        (1299, "JPY", "zh-Hant", "JPY 1,299"),
        (1299, "JPY", "en", "JPY 1,299"),
        (12345, "KWD", "zh-Hans", "KWD 12.345"),
        (12345, "KWD", "zh-Hant", "KWD 12.345"),
        (12345, "KWD", "en", "KWD 12.345"),
        (1999, "GBP", "zh-Hans", "GBP 19.99"),
        (1999, "GBP", "zh-Hant", "GBP 19.99"),
        (1999, "GBP", "en", "GBP 19.99"),
        (5, "CNY", "en", "CNY 0.05"),
        (0, "JPY", "en", "JPY 0"),
    ],
)
def test_money_reads_the_same_in_every_part_of_the_desk(
    value: int, currency: str, language: str, shown: str
) -> None:
    assert format_money(value, currency, language) == shown  # type: ignore[arg-type]


def test_minor_units_follow_iso_4217() -> None:
    assert [minor_units(code) for code in ("CNY", "JPY", "KWD", "GBP", "krw")] == [2, 0, 3, 2, 0]


def test_large_and_negative_amounts_keep_their_grouping() -> None:
    assert amount_text(123456789012, "CNY") == "1,234,567,890.12"
    assert amount_text(-150, "CNY") == "-1.50"
