"""Validators of the identifiers a notice must never carry.

Each returns how sure it is (``"validated"`` when a check digit or check letter holds,
``"pattern"`` when only the structure does) or ``None`` for "not this kind". A wrong
check digit lowers confidence but still counts: a mistyped ID number is still someone's
ID number. python-stdnum does the mainland resident ID's GB 11643 arithmetic, Luhn and
the GB 32100 registration code; the Hong Kong, Taiwan and UPU arithmetic is here.
"""

from __future__ import annotations

from datetime import date

from stdnum import luhn
from stdnum.cn import ric, uscc

from app.anonymize.kinds import Confidence

# GB/T 2260 province-level codes: the first two digits of a resident ID number (81, 82
# and 83 are the residence permits of Hong Kong, Macau and Taiwan residents).
PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
        "91",
    ]
)
# 91 is not a province; it is the start of most registration codes and is removed below.
PROVINCES = PROVINCES - {"91"}


def _date(year: int, month: int, day: int) -> bool:
    if not 1880 <= year <= 2099:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def has_birth_date(number: str) -> bool:
    """An 18-digit resident ID number's digits 7–14 are a real date of birth."""
    return (
        len(number) == 18
        and number[6:14].isdigit()
        and _date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    )


def resident_id(number: str) -> Confidence | None:
    """A mainland resident ID number: 18 characters (17 digits and a digit or X) or the
    old 15-digit form. Validated when the GB 11643 check character holds; still an ID
    (``"pattern"``) when the region and birth date are right but the check is not."""
    number = number.upper()
    if len(number) == 15 and number.isdigit():
        if number[:2] in PROVINCES and _date(
            1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])
        ):
            return "pattern"
        return None
    if (
        len(number) != 18
        or not number[:17].isdigit()
        or not (number[17].isdigit() or number[17] == "X")
    ):
        return None
    region = number[:2] in PROVINCES
    born = _date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    checked = ric.calc_check_digit(number) == number[17]
    if checked and born:
        return "validated"
    if region and (born or checked):
        return "pattern"
    return None


def registration_code(code: str) -> bool:
    """A company's unified social credit code (统一社会信用代码, GB 32100) with a valid
    check character: a business's public number, which a notice may carry."""
    return len(code) == 18 and uscc.is_valid(code)


# Issuer prefixes of the cards a Chinese buyer carries: UnionPay (62, 60, 9), Visa (4),
# Mastercard (51-55, 22-27), Amex (34, 37), JCB (35), Discover (65).
_CARD_PREFIXES = ("62", "60", "9", "4", "5", "2", "34", "37", "35", "65")


def bank_card(digits: str) -> Confidence | None:
    """A bank card number: 16 to 19 digits. Validated with a good Luhn digit; a UnionPay
    number (62…) with a bad one is still a card (a mistyped card is still a card)."""
    if not 16 <= len(digits) <= 19 or not digits.isdigit():
        return None
    if luhn.is_valid(digits) and digits.startswith(_CARD_PREFIXES):
        return "validated"
    if digits.startswith("62"):
        return "pattern"
    return None


_TW_LETTERS = {letter: value for value, letter in enumerate("ABCDEFGHJKLMNPQRSTUVXYWZIO", start=10)}


def taiwan_id(number: str) -> Confidence | None:
    """A Taiwan national ID or (new-style) resident certificate: a letter, 1/2 (or 8/9),
    eight digits; validated by its check digit."""
    number = number.upper()
    if len(number) != 10 or number[0] not in _TW_LETTERS or not number[1:].isdigit():
        return None
    if number[1] not in "1289":
        return None
    code = _TW_LETTERS[number[0]]
    weights = (8, 7, 6, 5, 4, 3, 2, 1, 1)
    total = (
        code // 10
        + (code % 10) * 9
        + sum(int(d) * w for d, w in zip(number[1:], weights, strict=True))
    )
    return "validated" if total % 10 == 0 else "pattern"


def hk_id(letters: str, digits: str, check: str, *, bracketed: bool) -> Confidence | None:
    """A Hong Kong identity card number, ``A123456(7)``: validated by its mod-11 check
    character; with the brackets it is an HKID even when the check fails."""
    letters = letters.upper()
    check = check.upper()
    if not (1 <= len(letters) <= 2 and len(digits) == 6 and digits.isdigit()):
        return None
    values = [36] * (2 - len(letters)) + [ord(c) - 55 for c in letters] + [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True))
    expected = (11 - total % 11) % 11
    if check == ("A" if expected == 10 else str(expected)):
        return "validated"
    return "pattern" if bracketed else None


def upu_tracking(code: str) -> Confidence | None:
    """A UPU S10 parcel number (``EA123456785CN``): two letters, eight digits and a check
    digit, two letters for the country."""
    code = code.upper()
    if len(code) != 13 or not (code[:2].isalpha() and code[2:11].isdigit() and code[11:].isalpha()):
        return None
    total = sum(int(d) * w for d, w in zip(code[2:10], (8, 6, 4, 2, 3, 5, 9, 7), strict=True))
    check = 11 - total % 11
    check = 5 if check == 10 else 0 if check == 11 else check
    return "validated" if check == int(code[10]) else None
