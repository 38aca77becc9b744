"""What changed between two versions of a decision: field by field, sentence by sentence."""

from __future__ import annotations

import dataclasses

from app.contract.case_document import Money
from app.documents import Ruling
from app.documents.records import Cited
from app.review.diff import diff_records, sentences, text_pieces
from tests.unit.documents.walks import at_ruling_draft, record_for


def _ruling_v1() -> Ruling:
    walk, document = at_ruling_draft()
    record = record_for("ruling", walk, document)
    assert isinstance(record, Ruling)
    return record


def _v2(record: Ruling, **changes: object) -> Ruling:
    case = dataclasses.replace(record.case, document_id="R2", version=2)
    return dataclasses.replace(record, case=case, **changes)  # type: ignore[arg-type]


def test_the_same_decision_again_has_no_changes() -> None:
    v1 = _ruling_v1()
    diff = diff_records(v1, _v2(v1))
    assert diff.changes == ()
    assert (diff.before_document, diff.after_document) == ("R1", "R2")


def test_a_changed_amount_is_named_with_both_amounts_in_the_readers_language() -> None:
    v1 = _ruling_v1()
    (remedy,) = v1.remedies
    bigger = dataclasses.replace(remedy, amount=Money(value=80000, currency="CNY"))
    diff = diff_records(v1, _v2(v1, remedies=(bigger,)))
    (change,) = diff.changes
    assert change.field == "remedies[1].amount"
    assert change.before == {"value": 50000, "currency": "CNY"}
    assert change.after == {"value": 80000, "currency": "CNY"}
    assert change.title("en") == "Remedy 1: amount"
    assert change.title("zh-Hans") == "第1项处理：金额"
    assert change.shown(change.after, "zh-Hans") == "¥800.00"


def test_a_rewritten_sentence_shows_only_the_sentence_that_went_and_the_one_that_came() -> None:
    v1 = _ruling_v1()
    kept = sentences(v1.reasoning)
    assert len(kept) >= 2, "the walk's reasoning has several sentences"
    new_reasoning = v1.reasoning.replace(kept[0], "商家未能证明商品完好。")
    diff = diff_records(v1, _v2(v1, reasoning=new_reasoning))
    (change,) = diff.changes
    assert change.field == "reasoning"
    assert change.pieces == (("-", kept[0]), ("+", "商家未能证明商品完好。"))


def test_outcome_rules_and_measures_are_compared_by_code() -> None:
    v1 = _ruling_v1()
    v2 = _v2(
        v1,
        outcome=Cited("buyer_favour", "支持买家"),
        rules_relied_on=(*v1.rules_relied_on, Cited("e_commerce_law", "《电子商务法》")),
        sanctions=v1.sanctions[:1],
    )
    changes = {change.field: change for change in diff_records(v1, v2).changes}
    assert set(changes) == {"outcome", "rules_relied_on", "sanctions"}
    assert changes["outcome"].after == "支持买家"
    assert (changes["rules_relied_on"].before, changes["rules_relied_on"].after) == (
        [],
        ["《电子商务法》"],
    )
    assert changes["sanctions"].before == [v1.sanctions[1].text]
    assert changes["sanctions"].after == []


def test_a_remedy_added_and_one_removed_are_both_listed() -> None:
    v1 = _ruling_v1()
    (remedy,) = v1.remedies
    compensation = dataclasses.replace(
        remedy, remedy="compensation", amount=Money(value=20000, currency="CNY")
    )
    diff = diff_records(v1, _v2(v1, remedies=(compensation,)))
    fields = [(c.field, c.before, c.after) for c in diff.changes]
    assert fields == [
        ("remedies[1]", None, {"enumeration": "Remedy", "code": "compensation"}),
        ("remedies[1].amount", None, {"value": 20000, "currency": "CNY"}),
        ("remedies[2]", {"enumeration": "Remedy", "code": "partial_refund"}, None),
        ("remedies[2].amount", {"value": 50000, "currency": "CNY"}, None),
    ]


def test_a_first_version_lists_everything_it_says_as_new() -> None:
    v1 = _ruling_v1()
    diff = diff_records(None, v1)
    assert diff.first_version
    fields = [change.field for change in diff.changes]
    assert fields[:3] == ["findings_of_fact", "reasoning", "outcome"]
    assert "remedies[1].amount" in fields


def test_sentences_end_at_chinese_and_latin_stops_and_line_breaks() -> None:
    assert sentences("甲。乙！丙？\nDone. Next") == ["甲。", "乙！", "丙？", "Done.", "Next"]
    assert text_pieces("A. B.", "A. B.") == ()


def test_the_diff_as_json_carries_sentences_and_both_versions() -> None:
    v1 = _ruling_v1()
    data = diff_records(
        v1, _v2(v1, findings_of_fact=v1.findings_of_fact + "另查明。")
    ).to_json_dict()
    assert data["before"] == {"document_id": "R1", "version": 1}
    (change,) = data["changes"]
    assert change["sentences"] == [{"change": "+", "text": "另查明。"}]
