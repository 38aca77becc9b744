"""The anonymizer: a case and the texts that will be published in, the published texts
and every redaction out.

Two passes over all the texts of one notice: first every hit (the case's known data,
then every detector), so the people of the whole notice are known and names that would
collide can be numbered the same way everywhere (王某1, 王某2); then each text is
written out with its redactions. Overlapping hits merge into one redaction covering
all of them, named after the longest (surest when equally long).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.anonymize.detectors import Hit, detect_normalised
from app.anonymize.kinds import PRIORITY, RULE_OF_KIND, Confidence, Kind, Rule
from app.anonymize.known import KnownDatum, KnownMatcher, known_data, name_variants, people
from app.anonymize.names import NameForm, in_script_of, name_form, pseudonym_key
from app.anonymize.normalise import normalise
from app.anonymize.script import to_simplified
from app.contract.case_document import CaseDocument
from app.contract.language import Language
from app.vocabulary import words


@dataclass(frozen=True)
class Redaction:
    """One removal: the field, the span in the original text (``start``–``end``), what
    replaced it and where that stands in the published text; the kind, the rule and
    how the datum was found. It never holds the removed value."""

    field: str
    start: int
    end: int
    kind: Kind
    rule: Rule
    confidence: Confidence
    replacement: str
    published_start: int
    published_end: int


@dataclass(frozen=True)
class Anonymized:
    """What a notice may carry: each field's published text, and every redaction."""

    case_id: str
    language: Language
    texts: Mapping[str, str]
    redactions: tuple[Redaction, ...]

    def redactions_in(self, field_name: str) -> tuple[Redaction, ...]:
        return tuple(r for r in self.redactions if r.field == field_name)


@dataclass
class _Person:
    form: NameForm | None
    key: str | None  # the name in Simplified, to recognise the same person again
    number: int | None = None
    seen: bool = False


@dataclass
class _Found:
    start: int
    end: int
    kind: Kind
    rule: Rule
    confidence: Confidence
    person: int | None = None
    datum: KnownDatum | None = field(default=None, repr=False)


def publishable_texts(case: CaseDocument) -> dict[str, str]:
    """Every free text of the case document a notice could carry, by field path."""
    texts: dict[str, str] = {}

    def put(path: str, value: str | None) -> None:
        if value and value.strip():
            texts[path] = value

    put("case.title", case.case.title)
    put("case.description", case.case.description)
    put("case.claim.text", case.case.claim.text)
    for index, party in enumerate(case.parties):
        put(f"parties[{index}].display_name", party.display_name)
        if party.shop:
            put(f"parties[{index}].shop.name", party.shop.name)
    for index, item in enumerate(case.order.items):
        put(f"order.items[{index}].title", item.title)
    if case.order.shipment:
        for index, event in enumerate(case.order.shipment.events):
            put(f"order.shipment.events[{index}].location", event.location)
            put(f"order.shipment.events[{index}].text", event.text)
    for index, message in enumerate(case.messages):
        put(f"messages[{index}].text", message.text)
    for index, evidence in enumerate(case.evidence):
        put(f"evidence[{index}].title", evidence.title)
        put(f"evidence[{index}].description", evidence.description)
    for index, offer in enumerate(case.offers):
        put(f"offers[{index}].text", offer.text)
        for answer, response in enumerate(offer.responses or ()):
            put(f"offers[{index}].responses[{answer}].text", response.text)
    for index, happened in enumerate(case.history):
        put(f"history[{index}].text", happened.text)
    for index, document in enumerate(case.documents or ()):
        for answer, review in enumerate(document.reviews or ()):
            put(f"documents[{index}].reviews[{answer}].comments", review.comments)
    return texts


def anonymize_case(
    case: CaseDocument,
    extra: Mapping[str, str] | None = None,
    *,
    language: Language | None = None,
    trade_secrets: Sequence[str] = (),
) -> Anonymized:
    """Every free text of the case (and ``extra`` texts, such as the mediator's findings
    of fact) as a notice could publish it."""
    texts = publishable_texts(case)
    texts.update(extra or {})
    return anonymize(case, texts, language=language, trade_secrets=trade_secrets)


def anonymize(
    case: CaseDocument,
    texts: Mapping[str, str],
    *,
    language: Language | None = None,
    trade_secrets: Sequence[str] = (),
) -> Anonymized:
    """The published form of ``texts`` (field → text) for a notice about ``case``.

    Removes every known datum of the case and everything the detectors find; names keep
    their surname (first character, first letter) and collide into numbers consistently
    across all the texts. ``trade_secrets`` are strings someone marked as a trade secret
    (the case document has no marker for them). Replacements are in ``language``
    (default: the case's)."""
    language = language or case.case.language
    data = known_data(case)
    if trade_secrets:
        data.append(
            KnownDatum(
                "trade_secret", "trade_secrets", tuple(s for s in trade_secrets if s.strip())
            )
        )
    matcher = KnownMatcher.build(data)
    persons = [
        _Person(name_form(p.name), to_simplified(p.name)) if p.name else _Person(None, None)
        for p in people(case)
    ]
    keys = _person_keys(persons)
    found: dict[str, list[_Found]] = {}
    for path, text in texts.items():
        normal = normalise(text)
        hits: list[_Found] = []
        for datum, start, end in matcher.find(normal):
            kind, person = datum.kind, datum.person
            hits.append(
                _Found(start, end, kind, _rule(kind, persons, person), "known", person, datum)
            )
        for hit in detect_normalised(normal):
            hits.append(_from_hit(hit, persons, keys))
        found[path] = hits
    _number_collisions(persons, found)
    published: dict[str, str] = {}
    redactions: list[Redaction] = []
    for path, text in texts.items():
        out, removed = _write(path, text, found[path], persons, language)
        published[path] = out
        redactions += removed
    return Anonymized(case.case.id, language, published, tuple(redactions))


def _rule(kind: Kind, persons: list[_Person], person: int | None) -> Rule:
    if kind == "person_name":
        form = persons[person].form if person is not None else None
        return form.rule if form is not None else "spc_9_1_surname_kept"
    return RULE_OF_KIND[kind]


def _person_keys(persons: list[_Person]) -> dict[str, int]:
    keys: dict[str, int] = {}
    for index, person in enumerate(persons):
        if person.key:
            for variant in name_variants(person.key):
                keys.setdefault(to_simplified(variant).lower(), index)
    return keys


def _from_hit(hit: Hit, persons: list[_Person], keys: dict[str, int]) -> _Found:
    if hit.kind != "person_name" or hit.name is None:
        return _Found(hit.start, hit.end, hit.kind, hit.rule, hit.confidence)
    key = to_simplified(normalise(hit.name)).lower()
    index = keys.get(key)
    if index is None:
        # Someone the case does not know by name (收件人：…, Mr …): a person of the notice.
        persons.append(_Person(name_form(hit.name), to_simplified(hit.name)))
        index = len(persons) - 1
        keys[key] = index
    return _Found(
        hit.start,
        hit.end,
        "person_name",
        form.rule if (form := persons[index].form) else hit.rule,
        hit.confidence,
        index,
    )


def _number_collisions(persons: list[_Person], found: dict[str, list[_Found]]) -> None:
    """People of this notice whose pseudonyms would read the same get 1, 2, … — in the
    order of the parties, then of first appearance — the same number everywhere."""
    order: list[int] = [index for index, person in enumerate(persons) if person.form is not None]
    seen = {hit.person for hits in found.values() for hit in hits if hit.person is not None}
    groups: dict[str, list[int]] = {}
    for index in order:
        form = persons[index].form
        if index in seen and form is not None:
            groups.setdefault(pseudonym_key(form), []).append(index)
    for members in groups.values():
        if len(members) > 1:
            for number, index in enumerate(members, start=1):
                persons[index].number = number


def _merge(hits: list[_Found]) -> list[list[_Found]]:
    groups: list[list[_Found]] = []
    end = -1
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if groups and hit.start < end:
            groups[-1].append(hit)
            end = max(end, hit.end)
        else:
            groups.append([hit])
            end = hit.end
    return groups


def _replacement(lead: _Found, text: str, persons: list[_Person], language: Language) -> str:
    matched = text[lead.start : lead.end]
    person = persons[lead.person] if lead.person is not None else None
    traditional = language == "zh-Hant"
    if (
        lead.kind in ("person_name", "account_name")
        and person is not None
        and person.form is not None
    ):
        pseudonym = in_script_of(person.form.pseudonym, matched, text, traditional)
        return f"{pseudonym}{person.number}" if person.number else pseudonym
    if lead.kind == "person_name":
        return in_script_of(name_form(matched).pseudonym, matched, text, traditional)
    return words(f"anonymize.replacement.{lead.kind}").text(language)


def _write(
    path: str, text: str, hits: list[_Found], persons: list[_Person], language: Language
) -> tuple[str, list[Redaction]]:
    pieces: list[str] = []
    redactions: list[Redaction] = []
    cursor = 0
    length = 0
    for group in _merge(hits):
        start = min(hit.start for hit in group)
        end = max(hit.end for hit in group)
        lead = max(group, key=lambda h: (h.end - h.start, PRIORITY[h.confidence]))
        replacement = _replacement(lead, text, persons, language)
        pieces.append(text[cursor:start])
        length += start - cursor
        pieces.append(replacement)
        redactions.append(
            Redaction(
                path,
                start,
                end,
                lead.kind,
                lead.rule,
                max((hit.confidence for hit in group), key=PRIORITY.__getitem__),
                replacement,
                length,
                length + len(replacement),
            )
        )
        length += len(replacement)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), redactions
