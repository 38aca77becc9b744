"""Every known datum of a case — what the case itself says about its people — and how
to find each one in any text, in every way it may be written.

:func:`known_data` is also what the publication gate checks a notice's PDF against:
every natural person's name in Simplified and Traditional, their account names, every
party's phone and email, a person's ID number and street address, and the order,
transaction and tracking numbers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers

from app.anonymize import identifiers
from app.anonymize.addresses import split_address
from app.anonymize.kinds import Kind
from app.anonymize.names import (
    looks_like_organisation,
    looks_like_person_name,
    name_form,
    surname_of,
)
from app.anonymize.normalise import DOTS, normalise
from app.anonymize.script import script_variants
from app.contract.case_document import CaseDocument, Party


@dataclass(frozen=True)
class KnownDatum:
    """One thing the case knows about someone: its kind, the field it came from
    (``parties[0].contact.phone``) and every way it may be written (``variants``).

    ``person`` is the index of the natural person it belongs to (in :func:`people`),
    so every spelling of a person's name gets the same pseudonym.
    """

    kind: Kind
    field: str
    variants: tuple[str, ...]
    person: int | None = None

    def __repr__(self) -> str:  # the values stay out of logs and tracebacks
        return f"KnownDatum({self.kind}, {self.field}, {len(self.variants)} variants)"


@dataclass(frozen=True)
class KnownPerson:
    """A natural person of the case: the name their pseudonym is made from, if any."""

    field: str
    name: str | None


def _is_natural_person(party: Party) -> bool:
    if party.person_kind is not None:
        return party.person_kind == "natural_person"
    name = party.legal_name or party.display_name
    return not looks_like_organisation(name) and (
        party.role in ("buyer", "other") or party.shop is None
    )


def _person_name(party: Party) -> str | None:
    if party.legal_name and not looks_like_organisation(party.legal_name):
        return party.legal_name
    if looks_like_person_name(party.display_name):
        return party.display_name
    return None


def people(case: CaseDocument) -> list[KnownPerson]:
    """The natural persons among the parties, in the parties' order."""
    return [
        KnownPerson(f"parties[{index}]", _person_name(party))
        for index, party in enumerate(case.parties)
        if _is_natural_person(party)
    ]


def name_variants(name: str) -> tuple[str, ...]:
    """A person's name in every script and spelling worth looking for: Simplified and
    Traditional, with any middle dot or none, each part of a dotted name, a Chinese
    given name of two characters or more alone, an English name's parts alone."""
    plain = normalise(name).strip()
    found: dict[str, None] = {}
    if plain.isascii():
        found[plain] = None
        for part in re.split(r"[\s\-]+", plain):
            if len(part) >= 3:
                found.setdefault(part, None)
        return tuple(found)
    for form in script_variants(plain):
        found.setdefault(form, None)
        if DOTS in form:
            found.setdefault(form.replace(DOTS, ""), None)
            for part in form.split(DOTS):
                if len(part) >= 2:
                    found.setdefault(part, None)
        else:
            surname = surname_of(form) or form[:1]
            given = form[len(surname) :]
            if len(given) >= 2:
                found.setdefault(given, None)
    return tuple(found)


def _phone_variants(phone: str) -> tuple[str, ...]:
    raw = normalise(phone).strip()
    found: dict[str, None] = {raw: None}
    region = None if raw.startswith("+") else "CN"
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", raw)
        if digits:
            found.setdefault(digits, None)
        return tuple(found)
    national = phonenumbers.national_significant_number(number)
    found.setdefault(national, None)
    found.setdefault(f"+{number.country_code}{national}", None)
    found.setdefault(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL), None
    )
    found.setdefault(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL), None
    )
    return tuple(found)


def _compact(value: str) -> str:
    return re.sub(r"[\s\-]", "", normalise(value))


def _add(
    data: list[KnownDatum], kind: Kind, field: str, values: Iterable[str], person: int | None = None
) -> None:
    variants = tuple(dict.fromkeys(value for value in values if value and value.strip()))
    if variants:
        data.append(KnownDatum(kind, field, variants, person))


def _id_kind(number: str) -> Kind | None:
    compact = _compact(number).upper()
    if identifiers.resident_id(compact):
        return "resident_id"
    if identifiers.taiwan_id(compact):
        return "taiwan_id"
    if identifiers.registration_code(compact):
        return None  # a company's registration code is public
    if re.fullmatch(r"[A-Z]{1,2}\d{6}\(?[0-9A]\)?", compact):
        return "hk_id"
    if re.fullmatch(r"[1578]\d{6}\(?\d\)?", compact):
        return "macau_id"
    if re.fullmatch(r"[EG][A-Z0-9]\d{7}", compact):
        return "passport"
    if re.fullmatch(r"[CHM][A-Z0-9]\d{7}(\d{2})?", compact):
        return "travel_permit"
    return "resident_id"  # an unknown kind of ID number: still an ID number


def known_data(case: CaseDocument) -> list[KnownDatum]:
    """Every known datum of the case as (kind, field, value variants): each natural
    person's name in both scripts and account names; every party's phone and email; a
    natural person's ID number and street address; the order, transaction and tracking
    numbers. A shop's name and a company's registration code are not personal data."""
    data: list[KnownDatum] = []
    persons = people(case)
    by_field = {person.field: index for index, person in enumerate(persons)}
    for index, party in enumerate(case.parties):
        prefix = f"parties[{index}]"
        person = by_field.get(prefix)
        natural = person is not None
        contact = party.contact
        if natural:
            name = _person_name(party)
            if party.legal_name and name == party.legal_name:
                _add(
                    data,
                    "person_name",
                    f"{prefix}.legal_name",
                    name_variants(party.legal_name),
                    person,
                )
            shop_name = party.shop.name if party.shop else None
            if party.display_name not in (shop_name, party.legal_name):
                kind: Kind = "person_name" if name == party.display_name else "account_name"
                variants = (
                    name_variants(party.display_name)
                    if kind == "person_name"
                    else script_variants(party.display_name)
                )
                _add(data, kind, f"{prefix}.display_name", variants, person)
            if party.id_number:
                id_kind = _id_kind(party.id_number)
                if id_kind:
                    _add(
                        data,
                        id_kind,
                        f"{prefix}.id_number",
                        (party.id_number, _compact(party.id_number)),
                    )
        elif party.id_number:
            # An organisation's number is its registration code, public; unless it is
            # in fact a person's ID number (an individual trader recorded as a company).
            id_kind = _id_kind(party.id_number)
            real = id_kind != "resident_id" or identifiers.resident_id(
                _compact(party.id_number).upper()
            )
            if id_kind and real:
                _add(
                    data,
                    id_kind,
                    f"{prefix}.id_number",
                    (party.id_number, _compact(party.id_number)),
                )
        if contact is None:
            continue
        if contact.phone:
            _add(data, "phone", f"{prefix}.contact.phone", _phone_variants(contact.phone))
        if contact.email:
            _add(data, "email", f"{prefix}.contact.email", (normalise(contact.email).strip(),))
        if contact.address and natural:
            _, parts = split_address(normalise(contact.address))
            forms = [form for part in parts for form in script_variants(part)]
            _add(data, "address", f"{prefix}.contact.address", forms)
    order = case.order
    _add(data, "order_number", "order.id", (order.id, _compact(order.id)))
    if order.transaction_id:
        _add(
            data,
            "transaction_number",
            "order.transaction_id",
            (order.transaction_id, _compact(order.transaction_id)),
        )
    if order.shipment and order.shipment.tracking_number:
        number = order.shipment.tracking_number
        _add(data, "tracking_number", "order.shipment.tracking_number", (number, _compact(number)))
    return data


# --- finding them in text -------------------------------------------------------------

_SPACES = r"\s*"


def _edge(char: str, before: bool) -> str:
    if char.isdigit():
        cls = "0-9"
    elif char.isascii() and char.isalpha():
        cls = "A-Za-z"
    else:
        return ""
    return f"(?<![{cls}])" if before else f"(?![{cls}])"


def _pattern_for(kind: Kind, variant: str) -> str | None:
    text = normalise(variant).strip()
    if not text:
        return None
    if (
        kind in ("person_name", "account_name")
        and text.isascii()
        and re.fullmatch(r"[A-Za-z][A-Za-z'’\s.\-]*", text)
    ):
        parts = [re.escape(part) for part in re.split(r"[\s\-]+", text) if part]
        body = r"[\s.\-_]+".join(parts)
        return rf"(?<![A-Za-z]){body}(?![A-Za-z])"
    if kind == "email":
        local, _, domain = text.partition("@")
        return rf"(?<![A-Za-z0-9._%+-]){re.escape(local)}\s?@\s?{re.escape(domain)}(?![A-Za-z0-9])"
    compact = (
        re.sub(r"[\s\-]", "", text)
        if kind not in ("person_name", "account_name", "address")
        else text.replace(" ", "")
    )
    if not compact:
        return None
    # Separators may be anywhere: "138 1234 5678", "1101 0519 …", "张 三" from a PDF.
    separators = r"[\s\-()]*" if kind == "phone" else r"[\s\-]*"
    body = separators.join(re.escape(char) for char in compact)
    if kind == "phone" and compact.isdigit():
        body = rf"(?:(?:\+|00)[\s\-]*\d{{1,3}}[\s\-]*(?:\(0\)[\s\-]*)?|0[\s\-]*)?{body}"
    return _edge(compact[0], True) + body + _edge(compact[-1], False)


# Separators a written datum may carry anywhere inside it ("138 1234 5678", "张 三" from a
# PDF's line break); a phone's may also be brackets ("(0571) 8888 6666").
_SEPARATORS = frozenset(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029-")
_PHONE_SEPARATORS = _SEPARATORS | {"(", ")"}
# What may stand before a phone number's digits: +86, 0086, (0), a trunk 0.
_PHONE_PREFIX = re.compile(r"(?:(?:\+|00)[\s\-]*\d{1,3}[\s\-]*(?:\(0\)[\s\-]*)?|0[\s\-]*)$")


def _edge_class(char: str) -> str:
    if char.isdigit():
        return "digit"
    if char.isascii() and char.isalpha():
        return "alpha"
    return ""


def _in_class(char: str, cls: str) -> bool:
    if cls == "digit":
        return "0" <= char <= "9"
    return cls == "alpha" and char.isascii() and char.isalpha()


@dataclass(frozen=True)
class _Literal:
    """A datum written without separators, lower case, found in a text with its
    separators taken out (no regular expression to compile per case)."""

    text: str
    before: str  # the edge class that may not touch it on the left (digit, alpha, "")
    after: str
    phone_prefix: bool  # a phone number's digits: +86, 0086 or a trunk 0 may precede


class _Squeezed:
    """A text without separators, lower case, with the place of each character in the
    text it came from."""

    def __init__(self, text: str, separators: frozenset[str]) -> None:
        lower = text.lower()
        if len(lower) != len(text):  # a character whose lower case is longer: keep it
            lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        places = [i for i, char in enumerate(text) if char not in separators]
        self.text = "".join(lower[i] for i in places)
        self.places = places


@dataclass(frozen=True)
class KnownMatcher:
    """The case's known data ready to be found (build once, run over many texts).

    Emails and English names are regular expressions (their own separators and word
    edges); everything else is a literal searched in the text with its separators taken
    out, the span mapped back — the same matches as a pattern with optional separators
    between every character, without compiling one per case (that was most of the
    anonymizer's time)."""

    patterns: tuple[tuple[KnownDatum, re.Pattern[str] | None, tuple[_Literal, ...]], ...]

    @classmethod
    def build(cls, data: Iterable[KnownDatum]) -> KnownMatcher:
        compiled = []
        for datum in data:
            # A one-word English name ("Ward", "Grace") is matched with its capital only;
            # everything else regardless of case.
            exact: list[str] = []
            loose: list[str] = []
            literals: dict[str, _Literal] = {}
            for variant in datum.variants:
                literal = _literal_for(datum.kind, variant)
                if literal is not None:
                    literals.setdefault(literal.text, literal)
                    continue
                pattern = _pattern_for(datum.kind, variant)
                if pattern is None:
                    continue
                one_word = variant.isascii() and variant.isalpha()
                (
                    exact if one_word and datum.kind in ("person_name", "account_name") else loose
                ).append(pattern)
            ordered = tuple(sorted(literals.values(), key=lambda lit: len(lit.text), reverse=True))
            if loose or ordered:
                compiled.append((datum, _compiled(tuple(loose), re.IGNORECASE), ordered))
            if exact:
                compiled.append((datum, _compiled(tuple(exact), 0), ()))
        return cls(tuple(compiled))

    def find(self, normal_text: str) -> list[tuple[KnownDatum, int, int]]:
        """Every place a known datum occurs in ``normal_text`` (already normalised)."""
        squeezed: dict[bool, _Squeezed] = {}
        found = []
        for datum, pattern, literals in self.patterns:
            spans: list[tuple[int, int]] = []
            if pattern is not None:
                spans += [m.span() for m in pattern.finditer(normal_text) if m.end() > m.start()]
            for literal in literals:
                phone = datum.kind == "phone"
                if phone not in squeezed:
                    squeezed[phone] = _Squeezed(
                        normal_text, _PHONE_SEPARATORS if phone else _SEPARATORS
                    )
                spans += _literal_spans(normal_text, squeezed[phone], literal)
            # Leftmost first, the longest at a place, none overlapping (as one pattern would).
            end = -1
            for start, stop in sorted(spans, key=lambda span: (span[0], -span[1])):
                if start >= end:
                    found.append((datum, start, stop))
                    end = stop
        return found


def _compiled(pieces: tuple[str, ...], flags: int) -> re.Pattern[str] | None:
    if not pieces:
        return None
    unique = sorted(dict.fromkeys(pieces), key=len, reverse=True)
    return re.compile("|".join(f"(?:{piece})" for piece in unique), flags)


def _literal_for(kind: Kind, variant: str) -> _Literal | None:
    """The variant as a literal, or None for what needs a pattern (emails, English names)."""
    text = normalise(variant).strip()
    if not text or kind == "email":
        return None
    if (
        kind in ("person_name", "account_name")
        and text.isascii()
        and re.fullmatch(r"[A-Za-z][A-Za-z'’\s.\-]*", text)
    ):
        return None
    separators = _PHONE_SEPARATORS if kind == "phone" else _SEPARATORS
    compact = "".join(char for char in text if char not in separators)
    if not compact:
        return None
    lower = compact.lower()
    if len(lower) != len(compact):
        return None  # a character whose lower case is longer: leave it to a pattern
    return _Literal(
        lower,
        _edge_class(compact[0]),
        _edge_class(compact[-1]),
        kind == "phone" and compact.isdigit(),
    )


def _literal_spans(text: str, squeezed: _Squeezed, literal: _Literal) -> list[tuple[int, int]]:
    """Where ``literal`` occurs in ``text`` (original places), its edges respected."""
    spans = []
    places, haystack, needle = squeezed.places, squeezed.text, literal.text
    at = haystack.find(needle)
    while at >= 0:
        start, stop = places[at], places[at + len(needle) - 1] + 1
        after_ok = stop >= len(text) or not _in_class(text[stop], literal.after)
        if after_ok:
            begin = start
            if literal.phone_prefix:
                window = text[max(0, start - 24) : start]
                prefix = _PHONE_PREFIX.search(window)
                if prefix is not None and prefix.start() < len(window):
                    extended = start - (len(window) - prefix.start())
                    if extended == 0 or not _in_class(text[extended - 1], literal.before):
                        begin = extended
            if begin != start or start == 0 or not _in_class(text[start - 1], literal.before):
                spans.append((begin, stop))
        at = haystack.find(needle, at + 1)
    return spans


def find_known_data(text: str, data: Iterable[KnownDatum]) -> list[tuple[KnownDatum, int, int]]:
    """Where any known datum occurs in any text (a field, a PDF's extracted text), as
    (datum, start, end). For the publication gate: name the datum's field and kind,
    never the text found."""
    return KnownMatcher.build(data).find(normalise(text))


__all__ = [
    "KnownDatum",
    "KnownMatcher",
    "KnownPerson",
    "find_known_data",
    "known_data",
    "name_form",
    "people",
]
