"""The safe rule language: parsing, checks against known names, three-valued evaluation."""

from __future__ import annotations

from datetime import date

import pytest

from app.workflow.rules import NameInfo, RuleError, parse_rule

KNOWN = {
    "answer.complete": NameInfo("bool"),
    "answer.position": NameInfo("str", frozenset({"accepts", "disputes"})),
    "answer.when": NameInfo("date"),
    "case.reason": NameInfo("str", frozenset({"lost_parcel", "late_delivery"})),
    "case.flags": NameInfo("list", frozenset({"small_claim", "safety_risk"})),
    "offer.count": NameInfo("int"),
    "offer.settled": NameInfo("bool"),
}


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("answer.complete", {"answer.complete": True}, True),
        ("not answer.complete", {"answer.complete": True}, False),
        ("answer.complete == false", {"answer.complete": False}, True),
        ("offer.count > 0 and offer.settled", {"offer.count": 1, "offer.settled": True}, True),
        ("offer.count >= 2 or offer.settled", {"offer.count": 1, "offer.settled": False}, False),
        ("case.reason in ['lost_parcel', 'late_delivery']", {"case.reason": "lost_parcel"}, True),
        ("case.reason not in ['lost_parcel']", {"case.reason": "late_delivery"}, True),
        ("'small_claim' in case.flags", {"case.flags": ("small_claim",)}, True),
        ("not ('safety_risk' in case.flags)", {"case.flags": ()}, True),
        ('answer.position != "accepts"', {"answer.position": "disputes"}, True),
        ("answer.when == null", {}, True),
        ("offer.count < -1", {"offer.count": 0}, False),
    ],
)
def test_rules_evaluate_over_plain_values(
    text: str, values: dict[str, object], expected: bool
) -> None:
    rule = parse_rule(text)
    rule.check(KNOWN)
    assert rule.holds(values) is expected  # type: ignore[arg-type]


def test_an_unanswered_question_never_satisfies_a_condition_by_accident() -> None:
    assert not parse_rule("answer.complete").holds({})
    assert not parse_rule("not answer.complete").holds({})
    assert not parse_rule("offer.count > 0").holds({})
    assert not parse_rule("offer.count <= 0").holds({})
    # ... but a definite answer elsewhere can still decide an "or".
    assert parse_rule("answer.complete or offer.settled").holds({"offer.settled": True})


def test_dates_compare_in_order() -> None:
    rule = parse_rule("answer.when < answer.when")
    assert not rule.holds({"answer.when": date(2026, 1, 1)})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "must not be empty"),
        ("answer.complete ==", "expected a name or a value"),
        ("answer.complete = true", "unexpected character '='"),
        ("(answer.complete", r"expected '\)'"),
        ("answer.complete true", "unexpected 'true'"),
        ("__import__('os').system('x')", "unexpected"),
        ("case.reason in ['a', 1]", "a list holds quoted texts"),
    ],
)
def test_malformed_rules_are_refused_with_the_position(text: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_rule(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("answer.compleet", "unknown name 'answer.compleet'.*known here: answer.complete"),
        ("case.reason == 'lost_parcle'", "'lost_parcle' is not one of the possible values"),
        ("answer.position in ['accepts', 'maybe']", "'maybe' is not one of"),
        ("offer.count", "is a number, not yes/no"),
        ("offer.count == 'one'", "compares a number with a text"),
        ("answer.position > 'a'", "compares numbers or dates"),
        ("'x' in offer.count", "needs a list"),
    ],
)
def test_rules_naming_unknown_things_or_impossible_values_are_refused(
    text: str, message: str
) -> None:
    with pytest.raises(RuleError, match=message):
        parse_rule(text).check(KNOWN)


def test_the_rule_language_has_no_way_to_call_anything() -> None:
    for text in ("open('x')", "answer.complete()", "a[0]", "x.__class__"):
        with pytest.raises(RuleError):
            parse_rule(text).check(KNOWN)


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        # What is not known at all might still turn out either way...
        ("answer.complete == true", {}, True),
        (
            "case.reason == 'lost_parcel' and answer.complete == true",
            {"case.reason": "lost_parcel"},
            True,
        ),
        ("answer.when == null", {}, True),
        # ...but what the known facts already decide is decided.
        (
            "case.reason == 'lost_parcel' and answer.complete == true",
            {"case.reason": "late_delivery"},
            False,
        ),
        (
            "case.reason not in ['late_delivery'] and answer.complete",
            {"case.reason": "late_delivery"},
            False,
        ),
        # A name given as null is null, as for holds().
        ("answer.complete == true", {"answer.complete": None}, False),
    ],
)
def test_a_rule_may_hold_unless_the_known_values_rule_it_out(
    text: str, values: dict[str, object], expected: bool
) -> None:
    assert parse_rule(text).may_hold(values) is expected  # type: ignore[arg-type]
