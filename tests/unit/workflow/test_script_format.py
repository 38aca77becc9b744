"""Loading workflow scripts: a broken script is refused with its file, step and field."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from app.errors import NotFound
from app.workflow import ScriptError, ScriptLibrary, parse_script, perform, start
from app.workflow.calendar import CHINA_TIME

from .cases import MEDIATOR, facts_for

MINI = """
id = "mini"
version = 1
start = "intake_review"
title = { zh-Hans = "测试规程", zh-Hant = "測試規程", en = "Test script" }

[[steps]]
id = "intake_review"
stage = "intake_review"
role = "mediator"
deadline_working_days = 2
title = { zh-Hans = "受理审核", zh-Hant = "受理審核", en = "Intake review" }
instructions = { zh-Hans = "核对投诉。", zh-Hant = "核對投訴。", en = "Check the complaint." }

[[steps.questions]]
id = "complete"
type = "yes_no"
label = { zh-Hans = "材料是否齐全？", zh-Hant = "資料是否齊全？", en = "Complete?" }

[[steps.transitions]]
to = "closed"
when = "answer.complete == true"
label = { zh-Hans = "结案", zh-Hant = "結案", en = "Close" }

[[steps]]
id = "closed"
stage = "closed"
role = "mediator"
terminal = true
title = { zh-Hans = "已结案", zh-Hant = "已結案", en = "Closed" }
instructions = { zh-Hans = "无需操作。", zh-Hant = "無需操作。", en = "Nothing to do." }
"""


def broken(old: str, new: str) -> str:
    assert old in MINI, old
    return MINI.replace(old, new, 1)


def refusal(source: str) -> ScriptError:
    with pytest.raises(ScriptError) as caught:
        parse_script(source, "mini.toml")
    return caught.value


def test_the_minimal_script_loads() -> None:
    script = parse_script(MINI, "mini.toml")
    assert [step.id for step in script.steps] == ["intake_review", "closed"]


def test_an_unknown_next_step_is_named() -> None:
    error = refusal(broken('to = "closed"', 'to = "colsed"'))
    assert (error.file, error.step, error.field) == (
        "mini.toml",
        "intake_review",
        "transitions[0].to",
    )
    assert "unknown step 'colsed'" in str(error)


def test_an_unknown_question_type_is_named() -> None:
    error = refusal(broken('type = "yes_no"', 'type = "boolean"'))
    assert (error.step, error.field) == ("intake_review", "questions[0].type")
    assert "unknown question type 'boolean'" in str(error)


def test_a_missing_traditional_chinese_title_is_named() -> None:
    error = refusal(
        broken(
            'title = { zh-Hans = "已结案", zh-Hant = "已結案", en = "Closed" }',
            'title = { zh-Hans = "已结案", en = "Closed" }',
        )
    )
    assert (error.file, error.step, error.field) == ("mini.toml", "closed", "title.zh-Hant")
    assert "missing" in str(error)


def test_simplified_characters_in_traditional_text_are_refused() -> None:
    error = refusal(broken('zh-Hant = "核對投訴。"', 'zh-Hant = "核对投诉。"'))
    assert (error.step, error.field) == ("intake_review", "instructions.zh-Hant")
    assert "Simplified" in str(error)


def test_a_rule_that_does_not_parse_is_named() -> None:
    error = refusal(broken('when = "answer.complete == true"', 'when = "answer.complete = = true"'))
    assert (error.step, error.field) == ("intake_review", "transitions[0].when")
    assert "bad rule" in str(error)


def test_a_rule_naming_an_unknown_answer_is_named() -> None:
    error = refusal(broken('when = "answer.complete == true"', 'when = "answer.completed == true"'))
    assert (error.step, error.field) == ("intake_review", "transitions[0].when")
    assert "unknown name 'answer.completed'" in str(error)


def test_a_rule_comparing_with_an_impossible_reason_is_named() -> None:
    error = refusal(
        broken('when = "answer.complete == true"', "when = \"case.reason == 'lost_parcle'\"")
    )
    assert "'lost_parcle' is not one of the possible values" in str(error)


def test_an_unreachable_step_is_named() -> None:
    orphan = """
[[steps]]
id = "orphan"
stage = "evidence"
role = "mediator"
deadline_working_days = 3
title = { zh-Hans = "孤立步骤", zh-Hant = "孤立步驟", en = "Orphan" }
instructions = { zh-Hans = "无。", zh-Hant = "無。", en = "None." }
[[steps.transitions]]
to = "closed"
label = { zh-Hans = "结案", zh-Hant = "結案", en = "Close" }
"""
    error = refusal(MINI + orphan)
    assert (error.step, error.field) == ("orphan", "id")
    assert "can never be reached" in str(error)


def test_a_step_with_no_way_to_an_end_is_named() -> None:
    loop = """
[[steps.transitions]]
to = "loop"
label = { zh-Hans = "循环", zh-Hant = "循環", en = "Loop" }

[[steps]]
id = "loop"
stage = "evidence"
role = "mediator"
deadline_working_days = 3
title = { zh-Hans = "循环", zh-Hant = "循環", en = "Loop" }
instructions = { zh-Hans = "无。", zh-Hant = "無。", en = "None." }
[[steps.transitions]]
to = "loop"
id = "again"
label = { zh-Hans = "再来", zh-Hant = "再來", en = "Again" }
"""
    source = broken(
        'label = { zh-Hans = "结案", zh-Hant = "結案", en = "Close" }\n',
        'label = { zh-Hans = "结案", zh-Hant = "結案", en = "Close" }\n' + loop,
    )
    error = refusal(source)
    assert (error.step, error.field) == ("loop", "transitions")
    assert "no path from here ever reaches a final step" in str(error)


@pytest.mark.parametrize(
    ("old", "new", "step", "field", "message"),
    [
        (
            "deadline_working_days = 2",
            'deadline_working_days = 2\ncolour = "red"',
            "intake_review",
            "colour",
            "unknown field",
        ),
        (
            "deadline_working_days = 2",
            "deadline_working_days = 0",
            "intake_review",
            "deadline_working_days",
            "from 1",
        ),
        ("deadline_working_days = 2\n", "", "intake_review", "deadline_working_days", "required"),
        ('stage = "intake_review"', 'stage = "triage"', "intake_review", "stage", "unknown stage"),
        (
            'role = "mediator"\ndeadline',
            'role = "boss"\ndeadline',
            "intake_review",
            "role",
            "mediator",
        ),
        (
            'to = "closed"\n',
            'to = "closed"\nid = "check"\n',
            "intake_review",
            "transitions[0].id",
            "built-in action",
        ),
        ('id = "complete"', 'id = "Complete!"', "intake_review", "questions[0].id", "lower-case"),
    ],
)
def test_other_breakage_is_named_by_step_and_field(
    old: str, new: str, step: str, field: str, message: str
) -> None:
    error = refusal(broken(old, new))
    assert (error.step, error.field) == (step, field)
    assert message in str(error)


def test_invalid_toml_names_the_file() -> None:
    error = refusal(MINI + "\n[[steps\n")
    assert error.file == "mini.toml"
    assert "not valid TOML" in str(error)


def test_a_switch_to_a_script_that_is_not_installed_is_named(tmp_path: Path) -> None:
    source = broken(
        '[[steps.transitions]]\nto = "closed"',
        '[[steps.transitions]]\nswitch_script = "nowhere"\nlabel = { zh-Hans = "转", zh-Hant = "轉", en = "Go" }\n\n'
        '[[steps.transitions]]\nto = "closed"',
    )
    (tmp_path / "mini.toml").write_text(source, encoding="utf-8")
    with pytest.raises(ScriptError) as caught:
        ScriptLibrary.load(tmp_path)
    assert (caught.value.file, caught.value.step, caught.value.field) == (
        "mini.toml",
        "intake_review",
        "transitions[0].switch_script",
    )


# ---------------------------------------------------------------- versions


def _library_with_two_versions(tmp_path: Path) -> ScriptLibrary:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "mini.v1.toml").write_text(MINI, encoding="utf-8")
    v2 = MINI.replace("version = 1", "version = 2").replace(
        '"Check the complaint."', '"Check it twice."'
    )
    (tmp_path / "mini.toml").write_text(v2, encoding="utf-8")
    return ScriptLibrary.load(tmp_path)


def test_old_versions_stay_loadable_beside_the_current_one(tmp_path: Path) -> None:
    library = _library_with_two_versions(tmp_path)
    assert library.versions("mini") == (1, 2)
    assert library.current("mini").version == 2
    assert library.get("mini", 1).step("intake_review").instructions.en == "Check the complaint."
    with pytest.raises(NotFound):
        library.get("mini", 3)


def test_a_case_keeps_the_version_it_started_on_after_the_script_changes(tmp_path: Path) -> None:
    library = _library_with_two_versions(tmp_path)
    now = datetime(2026, 3, 2, 9, 0, tzinfo=CHINA_TIME)
    state, _ = start(library.get("mini", 1), "DSP-1", MEDIATOR, now)
    facts = facts_for("quality", "defective")
    # Later, version 2 is current; the case still runs on version 1.
    state, _ = perform(
        library.get(state.script_id, state.script_version),
        state,
        facts,
        "closed",
        {"complete": "yes"},
        MEDIATOR,
        now,
    )
    assert (state.script_version, state.step_id) == (1, "closed")
    with pytest.raises(ValueError, match="runs mini v1"):
        perform(library.current("mini"), state, facts, "answer", {}, MEDIATOR, now)


def test_a_current_file_older_than_its_archive_is_refused(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "mini.v2.toml").write_text(
        MINI.replace("version = 1", "version = 2"), encoding="utf-8"
    )
    (tmp_path / "mini.toml").write_text(MINI, encoding="utf-8")
    with pytest.raises(ScriptError, match="older than archived version 2"):
        ScriptLibrary.load(tmp_path)


def test_two_files_with_the_same_version_are_refused(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "mini.v1.toml").write_text(MINI, encoding="utf-8")
    (tmp_path / "mini.toml").write_text(MINI, encoding="utf-8")
    with pytest.raises(ScriptError, match="mini v1 is also in"):
        ScriptLibrary.load(tmp_path)


# ---------------------------------------------------------------- where cases under way start

ARRIVAL = """
[[arrivals]]
status = ["in_mediation"]
step = "closed"
"""


def test_a_script_says_where_a_case_under_way_starts() -> None:
    script = parse_script(MINI + ARRIVAL, "mini.toml")
    [arrival] = script.arrivals
    assert (arrival.statuses, arrival.step, arrival.when) == (("in_mediation",), "closed", None)


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ('step = "closed"', 'step = "clossed"', "arrivals[0].step", "unknown step 'clossed'"),
        (
            'status = ["in_mediation"]',
            'status = ["mediating"]',
            "arrivals[0].status",
            "platform statuses",
        ),
        (
            'status = ["in_mediation"]',
            'status = ["open"]',
            "arrivals[0].status",
            "starts at the script's start",
        ),
        (
            'step = "closed"',
            'step = "closed"\nwhen = "answer.complete == true"',
            "arrivals[0].when",
            "a case arriving has no answers yet",
        ),
        (
            'step = "closed"',
            'step = "closed"\nwhen = "step.overdue"',
            "arrivals[0].when",
            "unknown name 'step.overdue'",
        ),
        (
            'step = "closed"',
            'step = "closed"\nwhen = "\'case.opend\' in history.events"',
            "arrivals[0].when",
            "'case.opend' is not one of the possible values",
        ),
    ],
)
def test_a_broken_arrival_is_named(old: str, new: str, field: str, message: str) -> None:
    error = refusal(MINI + ARRIVAL.replace(old, new, 1))
    assert (error.step, error.field) == (None, field)
    assert message in str(error)
