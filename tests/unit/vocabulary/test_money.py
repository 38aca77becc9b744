"""One money formatter: minor units from ISO 4217, the same text everywhere."""

from __future__ import annotations

import pytest

from app.vocabulary import amount_in_words, amount_text, format_money, minor_units, yuan_in_words


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


# -- amounts in words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "simplified", "traditional"),
    [
        (129900, "壹仟贰佰玖拾玖元整", "壹仟貳佰玖拾玖元整"),
        (0, "零元整", "零元整"),
        (1000, "壹拾元整", "壹拾元整"),
        (100500, "壹仟零伍元整", "壹仟零伍元整"),
        (1000000, "壹万元整", "壹萬元整"),
        (1000100, "壹万零壹元整", "壹萬零壹元整"),
        (10000100, "壹拾万零壹元整", "壹拾萬零壹元整"),
        (100001000, "壹佰万零壹拾元整", "壹佰萬零壹拾元整"),
        (1001000000, "壹仟零壹万元整", "壹仟零壹萬元整"),
        (10000000000, "壹亿元整", "壹億元整"),
        (30000, "叁佰元整", "參佰元整"),
        (168032, "壹仟陆佰捌拾元叁角贰分", "壹仟陸佰捌拾元參角貳分"),
        (105, "壹元零伍分", "壹元零伍分"),
        (1000005, "壹万元零伍分", "壹萬元零伍分"),
        (50, "伍角", "伍角"),
        (5, "伍分", "伍分"),
    ],
)
def test_renminbi_in_capital_numerals_follows_the_payment_rules(
    fen: int, simplified: str, traditional: str
) -> None:
    assert yuan_in_words(fen, "zh-Hans") == simplified
    assert yuan_in_words(fen, "zh-Hant") == traditional
    assert amount_in_words(fen, "CNY", "zh-Hans") == simplified
    assert amount_in_words(fen, "cny", "zh-Hant") == traditional


@pytest.mark.parametrize(
    ("fen", "english"),
    [
        (129900, "one thousand two hundred and ninety-nine yuan"),
        (5, "five fen"),
        (105, "one yuan and five fen"),
        (100000000, "one million yuan"),
        (100001000, "one million and ten yuan"),
        (
            1234567800,
            "twelve million three hundred and forty-five thousand six hundred and seventy-eight yuan",
        ),
    ],
)
def test_renminbi_in_english_words(fen: int, english: str) -> None:
    assert amount_in_words(fen, "CNY", "en") == english


def test_only_renminbi_is_written_in_words() -> None:
    assert amount_in_words(129900, "USD", "zh-Hans") is None
    with pytest.raises(ValueError):
        yuan_in_words(-1)
    with pytest.raises(ValueError):
        yuan_in_words(100, "en")
