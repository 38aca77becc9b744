"""What changed between two versions of a decision document, as a reviewer reads it.

Pure: two records in, a list of changes out — the findings, the reasoning, the decision
(outcome, rules relied on, measures) and each amount, field by field. Texts are compared
sentence by sentence (a sentence ends at 。！？；.!? or a line break), so a reviewer
sees the sentences that went and came, never a byte diff. Nothing here reads the store.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from app.contract.case_document import Money
from app.contract.language import Language
from app.documents.records import (
    Cited,
    DecisionRecord,
    Dismissal,
    RemedyEntry,
    Ruling,
    SettlementAgreement,
)
from app.vocabulary import Label, current_language, listing, words

ChangeKind = Literal["text", "money", "code", "list", "number"]
# A text change's pieces: "-" a sentence that went, "+" one that came.
TextPiece = tuple[Literal["-", "+"], str]

_SENTENCE_END = re.compile(r"(?<=[。！？；.!?])\s*|\n+")


@dataclass(frozen=True)
class FieldChange:
    """One field that differs. ``before``/``after`` are plain JSON values: a text, a
    money amount (``{"value", "currency"}``), a code, a list of texts or a number
    (``None`` where the field was absent); for ``list`` they are what was removed and
    what was added. ``pieces`` are a text's sentences that went and came."""

    field: str  # "findings_of_fact", "remedies[2].amount", "rules_relied_on", …
    kind: ChangeKind
    before: Any
    after: Any
    pieces: tuple[TextPiece, ...] = ()

    def title(self, language: Language | None = None) -> str:
        """The field as the reviewer reads it ("Remedy 2 (Refund): amount")."""
        language = language or current_language()
        name, _, part = self.field.partition(".")
        match = re.fullmatch(r"remedies\[(\d+)\]", name)
        if match:
            base = words("review.field.remedy", number=int(match.group(1))).text(language)
            if part:
                detail = words(f"review.field.remedy_{part}")
                return words("review.field.part", field=base, part=detail).text(language)
            return base
        return words(f"review.field.{self.field.replace('.', '_')}").text(language)

    def shown(self, value: Any, language: Language | None = None) -> str:
        """``before`` or ``after`` as text in ``language`` ("—" for nothing)."""
        language = language or current_language()
        if value is None or value == []:
            return "—"
        if self.kind == "money":
            return Money(value=value["value"], currency=value["currency"]).text(language)
        if self.kind == "code":
            return Label(value["enumeration"], value["code"]).text(language)
        if self.kind == "list":
            return listing(value, language)
        return str(value)

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "field": self.field,
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
        }
        if self.pieces:
            data["sentences"] = [{"change": mark, "text": text} for mark, text in self.pieces]
        return data


@dataclass(frozen=True)
class RecordDiff:
    """Every change from ``before`` (``None``: there was no earlier version) to ``after``."""

    case_id: str
    before_document: str | None
    before_version: int | None
    after_document: str
    after_version: int
    changes: tuple[FieldChange, ...]

    @property
    def first_version(self) -> bool:
        return self.before_document is None

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "before": None
            if self.before_document is None
            else {"document_id": self.before_document, "version": self.before_version},
            "after": {"document_id": self.after_document, "version": self.after_version},
            "changes": [change.to_json_dict() for change in self.changes],
        }


def sentences(text: str | None) -> list[str]:
    """A text cut into sentences, each stripped; empty pieces dropped."""
    if not text:
        return []
    return [piece.strip() for piece in _SENTENCE_END.split(text) if piece and piece.strip()]


def text_pieces(before: str | None, after: str | None) -> tuple[TextPiece, ...]:
    """The sentences of ``before`` that are not in ``after`` ("-") and the other way
    ("+"), in reading order."""
    old, new = sentences(before), sentences(after)
    pieces: list[TextPiece] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pieces += [("-", sentence) for sentence in old[i1:i2]]
        pieces += [("+", sentence) for sentence in new[j1:j2]]
    return tuple(pieces)


def diff_records(before: DecisionRecord | None, after: DecisionRecord) -> RecordDiff:
    """What changed from ``before`` to ``after`` (every field of ``after`` is new when
    there is no ``before``)."""
    changes: list[FieldChange] = []
    if before is not None and before.kind != after.kind:
        changes.append(
            FieldChange(
                "kind",
                "code",
                _code("DecisionKind", before.kind),
                _code("DecisionKind", after.kind),
            )
        )
        before = None  # another kind of document: everything it says is new
    if isinstance(after, Ruling):
        old_ruling = before if isinstance(before, Ruling) else None
        changes += _texts(old_ruling, after, ("findings_of_fact", "reasoning"))
        changes += _cited_one("outcome", _attr(old_ruling, "outcome"), after.outcome)
        changes += _cited_list(
            "rules_relied_on", _attr(old_ruling, "rules_relied_on"), after.rules_relied_on
        )
        changes += _remedies(_attr(old_ruling, "remedies") or (), after.remedies)
        changes += _cited_list("sanctions", _attr(old_ruling, "sanctions"), after.sanctions)
        old_days = old_ruling.appeal.working_days if old_ruling else None
        if old_days != after.appeal.working_days:
            changes.append(
                FieldChange("appeal_working_days", "number", old_days, after.appeal.working_days)
            )
    elif isinstance(after, Dismissal):
        old_dismissal = before if isinstance(before, Dismissal) else None
        old_basis = old_dismissal.basis if old_dismissal else None
        if old_basis != after.basis:
            changes.append(
                FieldChange(
                    "basis",
                    "code",
                    None if old_basis is None else _code("DismissalBasis", old_basis),
                    _code("DismissalBasis", after.basis),
                )
            )
        changes += _cited_list("grounds", _attr(old_dismissal, "grounds"), after.grounds)
        changes += _texts(old_dismissal, after, ("findings_of_fact", "reasoning"))
        changes += _cited_list(
            "rules_relied_on", _attr(old_dismissal, "rules_relied_on"), after.rules_relied_on
        )
        changes += _cited_list(
            "complainant_measures",
            _attr(old_dismissal, "complainant_measures"),
            after.complainant_measures,
        )
    elif isinstance(after, SettlementAgreement):
        old_settlement = before if isinstance(before, SettlementAgreement) else None
        old_terms = old_settlement.terms if old_settlement else None
        if old_terms is None or old_terms.remedy != after.terms.remedy:
            changes.append(
                FieldChange(
                    "terms.remedy",
                    "code",
                    None if old_terms is None else _code("Remedy", old_terms.remedy),
                    _code("Remedy", after.terms.remedy),
                )
            )
        changes += _money("terms.amount", _attr(old_terms, "amount"), after.terms.amount)
        changes += _text("terms.text", _attr(old_terms, "text"), after.terms.text)
        changes += _remedies(_attr(old_settlement, "remedies") or (), after.remedies)
        changes += _text("summary", _attr(old_settlement, "summary"), after.summary)
        changes += _cited_one("outcome", _attr(old_settlement, "outcome"), after.outcome)
    changes += _evidence(before, after)
    return RecordDiff(
        case_id=after.case.case_id,
        before_document=None if before is None else before.case.document_id,
        before_version=None if before is None else before.case.version,
        after_document=after.case.document_id,
        after_version=after.case.version,
        changes=tuple(changes),
    )


def _attr(record: object | None, name: str) -> Any:
    return None if record is None else getattr(record, name)


def _code(enumeration: str, code: str) -> dict[str, str]:
    return {"enumeration": enumeration, "code": code}


def _text(field: str, before: str | None, after: str | None) -> list[FieldChange]:
    if (before or "") == (after or ""):
        return []
    return [FieldChange(field, "text", before, after, text_pieces(before, after))]


def _texts(before: object | None, after: object, fields: Sequence[str]) -> list[FieldChange]:
    changes: list[FieldChange] = []
    for field in fields:
        changes += _text(field, _attr(before, field), getattr(after, field))
    return changes


def _money_json(value: Money | None) -> dict[str, Any] | None:
    return None if value is None else {"value": value.value, "currency": value.currency}


def _money(field: str, before: Money | None, after: Money | None) -> list[FieldChange]:
    if _money_json(before) == _money_json(after):
        return []
    return [FieldChange(field, "money", _money_json(before), _money_json(after))]


def _cited_one(field: str, before: Cited | None, after: Cited | None) -> list[FieldChange]:
    if _attr(before, "code") == _attr(after, "code"):
        return []
    return [FieldChange(field, "text", _attr(before, "text"), _attr(after, "text"))]


def _cited_list(
    field: str, before: Sequence[Cited] | None, after: Sequence[Cited]
) -> list[FieldChange]:
    old = {item.code: item.text for item in before or ()}
    new = {item.code: item.text for item in after}
    removed = [text for code, text in old.items() if code not in new]
    added = [text for code, text in new.items() if code not in old]
    if not removed and not added:
        return []
    return [FieldChange(field, "list", removed, added)]


def _remedy_key(entry: RemedyEntry) -> tuple[str, str, str]:
    return (entry.remedy, entry.payer_role, entry.payee_role)


def _remedies(before: Sequence[RemedyEntry], after: Sequence[RemedyEntry]) -> list[FieldChange]:
    """Each remedy of ``after`` paired with the earlier one of the same kind, payer and
    payee (in order); unpaired ones were added or removed."""
    changes: list[FieldChange] = []
    unpaired = list(before)
    for number, entry in enumerate(after, start=1):
        field = f"remedies[{number}]"
        earlier = next((old for old in unpaired if _remedy_key(old) == _remedy_key(entry)), None)
        if earlier is None:
            changes.append(FieldChange(field, "code", None, _code("Remedy", entry.remedy)))
            changes += _money(f"{field}.amount", None, entry.amount)
            continue
        unpaired.remove(earlier)
        changes += _money(f"{field}.amount", earlier.amount, entry.amount)
        if earlier.due_working_days != entry.due_working_days:
            changes.append(
                FieldChange(
                    f"{field}.due_working_days",
                    "number",
                    earlier.due_working_days,
                    entry.due_working_days,
                )
            )
    for number, gone in enumerate(unpaired, start=len(after) + 1):
        changes.append(
            FieldChange(f"remedies[{number}]", "code", _code("Remedy", gone.remedy), None)
        )
        changes += _money(f"remedies[{number}].amount", gone.amount, None)
    return changes


def _evidence(before: DecisionRecord | None, after: DecisionRecord) -> list[FieldChange]:
    if before is None:
        return []
    old = {item.evidence_id: item for item in before.case.evidence}
    new = {item.evidence_id: item for item in after.case.evidence}
    removed = [
        f"{key} {item.title or item.filename}" for key, item in old.items() if key not in new
    ]
    added = [f"{key} {item.title or item.filename}" for key, item in new.items() if key not in old]
    if not removed and not added:
        return []
    return [FieldChange("evidence", "list", removed, added)]
