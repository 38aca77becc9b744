"""Money as the desk shows it: one formatter for every screen, command and document.

Amounts are integers in the currency's minor unit (fen for CNY), as the contract keeps
them. How many minor units a currency has comes from ISO 4217: most have two, some
none (JPY, KRW), some three (KWD, BHD). Renminbi reads ``¥1,299.00`` in Simplified
Chinese and ``人民幣 1,299.00`` in Traditional; every other currency, and every currency
in English, leads with its ISO code (``JPY 1,299``, ``CNY 1,299.00``), which nobody
misreads — ``¥`` alone is also the yen.
"""

from __future__ import annotations

from decimal import Decimal

from app.contract.language import Language
from app.vocabulary.catalog import current_language

# ISO 4217 currencies whose minor unit is not the usual hundredth.
_EXPONENTS = {
    **dict.fromkeys(
        ("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
         "VND", "VUV", "XAF", "XOF", "XPF"),
        0,
    ),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
    "CLF": 4,
    "UYW": 4,
}  # fmt: skip

_RENMINBI = {"zh-Hans": "¥", "zh-Hant": "人民幣 "}


def minor_units(currency: str) -> int:
    """How many digits follow the decimal point in ``currency`` (ISO 4217)."""
    return _EXPONENTS.get(currency.upper(), 2)


def amount_text(value: int, currency: str) -> str:
    """The bare number with its grouping: ``129900, "CNY"`` → ``1,299.00``."""
    exponent = minor_units(currency)
    sign, magnitude = ("-" if value < 0 else ""), abs(value)
    whole, fraction = divmod(magnitude, 10**exponent)
    text = f"{whole:,}"
    if exponent:
        text += f".{fraction:0{exponent}d}"
    return sign + text


def format_money(value: int, currency: str, language: Language | None = None) -> str:
    """``129900, "CNY"`` → ``¥1,299.00`` (zh-Hans), ``CNY 1,299.00`` (en)."""
    language = language or current_language()
    currency = currency.upper()
    number = amount_text(value, currency)
    if currency == "CNY" and language in _RENMINBI:
        return _RENMINBI[language] + number
    return f"{currency} {number}"


def to_decimal(value: int, currency: str) -> Decimal:
    """The amount as a decimal number of the major unit (``129900`` fen → ``1299.00``)."""
    return Decimal(value).scaleb(-minor_units(currency))


# -- amounts in words, as rulings and cheques write them ---------------------------------

_DIGITS = {
    "zh-Hans": "零壹贰叁肆伍陆柒捌玖",
    "zh-Hant": "零壹貳參肆伍陸柒捌玖",
}
_SMALL_UNITS = ("", "拾", "佰", "仟")
_BIG_UNITS = {"zh-Hans": ("", "万", "亿", "万亿"), "zh-Hant": ("", "萬", "億", "萬億")}


def _group_words(group: int, digits: str) -> str:
    """One group of four digits (0 < group < 10000), zeros inside said once."""
    text = ""
    zero_pending = False
    for position in range(3, -1, -1):
        digit = group // 10**position % 10
        if digit == 0:
            zero_pending = bool(text)
            continue
        if zero_pending:
            text += digits[0]
            zero_pending = False
        text += digits[digit] + _SMALL_UNITS[position]
    return text


def yuan_in_words(value: int, script: Language = "zh-Hans") -> str:
    """A renminbi amount in fen as the capital numerals of a ruling or cheque:
    ``129900`` → ``壹仟贰佰玖拾玖元整`` (``壹仟貳佰玖拾玖元整`` in Traditional characters).

    Follows the rules of the 支付结算办法: 整 after 元 when there are no jiao or fen, one
    零 for a run of zeros inside the number or between the 元 and a 分, 拾 always with its
    digit (壹拾元整).
    """
    if value < 0:
        raise ValueError("an amount in words is never negative")
    if script not in _DIGITS:
        raise ValueError(f"amounts in words are written in Chinese, not {script!r}")
    digits, big_units = _DIGITS[script], _BIG_UNITS[script]
    yuan, fen_total = divmod(value, 100)
    jiao, fen = divmod(fen_total, 10)
    text = ""
    if yuan:
        groups: list[int] = []
        rest = yuan
        while rest:
            rest, group = divmod(rest, 10000)
            groups.append(group)
        if len(groups) > len(big_units):
            raise ValueError("amount too large to write in words")
        zero_pending = False
        for index in range(len(groups) - 1, -1, -1):
            group = groups[index]
            if group == 0:
                zero_pending = bool(text)
                continue
            if text and (zero_pending or group < 1000):
                text += digits[0]
            zero_pending = False
            text += _group_words(group, digits) + big_units[index]
        text += "元"
    if jiao == 0 and fen == 0:
        return (text or digits[0] + "元") + "整"
    if jiao:
        text += digits[jiao] + "角"
    if fen:
        if not jiao and yuan:
            text += digits[0]
        text += digits[fen] + "分"
    return text


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ("", " thousand", " million", " billion")


def _english_below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    parts = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        if rest < 20:
            words_ = _ONES[rest]
        else:
            tens, ones = divmod(rest, 10)
            words_ = _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
        parts.append(("and " if hundreds else "") + words_)
    return " ".join(parts)


def english_number(number: int) -> str:
    """``1299`` → ``one thousand two hundred and ninety-nine`` (British usage)."""
    if number == 0:
        return "zero"
    groups: list[int] = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    if len(groups) > len(_SCALES):
        raise ValueError("number too large to write in words")
    parts = [
        _english_below_thousand(group) + _SCALES[index]
        for index, group in reversed(list(enumerate(groups)))
        if group
    ]
    if len(parts) > 1 and groups[0] and groups[0] < 100:
        parts[-1] = "and " + parts[-1]
    return " ".join(parts)


def amount_in_words(value: int, currency: str, language: Language | None = None) -> str | None:
    """A renminbi amount in words in ``language`` (``壹仟贰佰玖拾玖元整``, ``壹仟貳佰玖拾玖元整``,
    ``one thousand two hundred and ninety-nine yuan``); None for any other currency,
    which documents give in figures only."""
    if currency.upper() != "CNY":
        return None
    language = language or current_language()
    if language in _DIGITS:
        return yuan_in_words(value, language)
    yuan, fen = divmod(value, 100)
    if yuan == 0 and fen:
        return f"{english_number(fen)} fen"
    text = f"{english_number(yuan)} yuan"
    if fen:
        text += f" and {english_number(fen)} fen"
    return text
