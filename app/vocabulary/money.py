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
