"""The scripts we ship: all load, every step is reachable, and each case finds its script."""

from __future__ import annotations

import pytest

from app.contract.case_document import Category, choices
from app.workflow import Script, ScriptLibrary, script_id_for_case
from app.workflow.rules import Value

from .cases import REASONS_BY_CATEGORY

CATEGORIES = choices(Category)


@pytest.fixture(scope="module")
def library() -> ScriptLibrary:
    return ScriptLibrary.load()


def test_there_is_a_script_for_every_category_plus_malicious_complaints_and_safety_hazards(
    library: ScriptLibrary,
) -> None:
    assert library.ids() == {*CATEGORIES, "malicious_complaint", "safety_hazard"}


def _reachable(script: Script) -> set[str]:
    seen = {script.start}
    frontier = [script.start]
    while frontier:
        for transition in script.step(frontier.pop()).transitions:
            if transition.to and transition.to not in seen:
                seen.add(transition.to)
                frontier.append(transition.to)
    return seen


def test_every_step_of_every_script_is_reachable_from_its_start(library: ScriptLibrary) -> None:
    for script in library:
        assert _reachable(script) == {step.id for step in script.steps}, script.id


def test_every_reason_of_a_category_leads_to_exactly_one_evidence_step(
    library: ScriptLibrary,
) -> None:
    for category, reasons in REASONS_BY_CATEGORY.items():
        contact = library.current(category).step("contact_parties")
        for reason in reasons:
            values: dict[str, Value] = {"case.reason": reason, "answer.buyer_heard": True}
            routes = [
                t.to
                for t in contact.transitions
                if t.to and t.to.startswith("evidence") and t.when and t.when.holds(values)
            ]
            assert len(routes) == 1, (category, reason, routes)


def test_dispute_scripts_follow_the_process_order_of_the_domain(library: ScriptLibrary) -> None:
    order = [
        "intake_review",
        "contact_parties",
        "evidence",
        "mediation_proposal",
        "parties_response",
        "settlement",
        "ruling_draft",
        "supervisor_review",
        "signed_ruling",
        "notice",
        "appeal_window",
        "closed",
    ]
    for script_id in (*CATEGORIES, "safety_hazard"):
        stages = {step.stage for step in library.current(script_id).steps}
        assert set(order) <= stages, script_id


def test_rulings_and_dismissals_are_reviewed_by_someone_else(library: ScriptLibrary) -> None:
    for script in library:
        review = script.step("supervisor_review")
        assert review.role == "supervisor"
        assert review.distinct_actor_from, script.id
        assert review.clear_answers_on_entry


def test_every_step_but_the_last_has_a_deadline(library: ScriptLibrary) -> None:
    for script in library:
        for step in script.steps:
            assert (step.deadline_working_days is None) == step.terminal, (script.id, step.id)


def test_safety_hazard_steps_are_due_the_same_or_next_working_day(library: ScriptLibrary) -> None:
    script = library.current("safety_hazard")
    assert script.step("intake_review").deadline_working_days == 1
    assert script.step("urgent_escalation").deadline_working_days == 1


def test_traditional_chinese_is_not_a_copy_of_simplified(library: ScriptLibrary) -> None:
    for script in library:
        for step in script.steps:
            assert step.instructions.zh_hant != step.instructions.zh_hans, (script.id, step.id)


@pytest.mark.parametrize(
    ("category", "reason", "flags", "expected"),
    [
        ("quality", "not_as_described", [], "quality"),
        ("quality", "safety_hazard", [], "safety_hazard"),
        ("logistics", "lost_parcel", ["safety_risk"], "safety_hazard"),
        ("after_sales", "return_refused", ["suspected_malicious"], "malicious_complaint"),
        ("payment", "account_stolen", ["small_claim"], "payment"),
    ],
)
def test_a_new_case_finds_its_script(
    category: str, reason: str, flags: list[str], expected: str
) -> None:
    assert script_id_for_case(category, reason, flags) == expected
