"""An independent check that a published text carries no personal datum of a case.

Independent of the desk's anonymizer and of its publication gate: the literals are read
straight from the platform's case document (JSON), the scripts converted with OpenCC
directly, the text compared after removing whitespace and hyphens (as PDF extraction
breaks lines and numbers are written in groups). It knows nothing the gate knows — a
bug shared by the gate and the anonymizer would not hide a leak from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

_GLUE = re.compile(r"[\s\-‐‑‒–—·]+")
_FULL_WIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９"}


@cache
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def compact(text: str) -> str:
    """Whitespace and hyphens out, full-width digits as ASCII, lower case."""
    return _GLUE.sub("", text.translate(_FULL_WIDTH)).lower()


def _scripts(value: str) -> set[str]:
    forms = {value}
    if not value.isascii():
        for config in ("s2t", "s2tw", "s2hk", "t2s", "tw2s", "hk2s"):
            forms.add(str(_converter(config).convert(value)))
    return forms


def _below_district(address: str) -> list[str]:
    """What an address says below the county or district: from its first digit on
    (the house number and everything after it), the street before it, and for an
    English address, the street with its number."""
    found = []
    digit = re.search(r"\d", address)
    if digit is not None:
        found.append(address[digit.start() :])
        head = address[: digit.start()]
        district = max(head.rfind(mark) for mark in "区县市區縣鎮镇")
        if district >= 0 and len(head) - district > 2:
            found.append(head[district + 1 :])  # the street: 景山前街
    if address.isascii() and "," in address:
        found.append(address.split(",")[0])  # "12 High Street"
    return found


def personal_literals(document: dict[str, Any]) -> dict[str, str]:
    """Every personal datum of the case by where it comes from: each natural person's
    legal and display names in both scripts, phones, emails, ID numbers, the address
    below the district, the order, tracking and transaction numbers."""
    found: dict[str, str] = {}

    def add(where: str, value: str | None) -> None:
        if value and len(compact(value)) >= 2:
            for form in _scripts(value):
                found.setdefault(compact(form), where)

    for index, party in enumerate(document["parties"]):
        where = f"parties[{index}]"
        shop = (party.get("shop") or {}).get("name")
        kind = party.get("person_kind")
        natural = kind == "natural_person" or (
            kind is None and party.get("role") in ("buyer", "merchant")
        )
        if natural:
            add(f"{where}.legal_name", party.get("legal_name"))
            if party.get("display_name") != shop:
                add(f"{where}.display_name", party.get("display_name"))
        contact = party.get("contact") or {}
        add(f"{where}.contact.phone", contact.get("phone"))
        if contact.get("phone"):
            digits = re.sub(r"\D", "", contact["phone"])
            for prefix in ("0086", "86", "852", "886", "44"):
                if digits.startswith(prefix) and len(digits) - len(prefix) >= 8:
                    add(f"{where}.contact.phone", digits[len(prefix) :])
        add(f"{where}.contact.email", contact.get("email"))
        add(f"{where}.id_number", party.get("id_number"))
        for part in _below_district(contact.get("address") or ""):
            add(f"{where}.contact.address", part)
    order = document["order"]
    add("order.id", order.get("id"))
    add("order.transaction_id", order.get("transaction_id"))
    add("order.shipment.tracking_number", (order.get("shipment") or {}).get("tracking_number"))
    return found


def leaks(text: str, literals: dict[str, str]) -> list[str]:
    """Where each literal found in ``text`` comes from (never the value itself)."""
    flat = compact(text)
    return sorted({where for value, where in literals.items() if value in flat})


def all_leaks(texts: Iterable[str], literals: dict[str, str]) -> list[str]:
    return sorted({where for text in texts for where in leaks(text, literals)})
