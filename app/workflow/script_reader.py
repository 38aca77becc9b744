"""Reading a workflow script from TOML, field by field, refusing what breaks the format.

Everything is checked on load — unknown fields, missing translations, Simplified
characters in Traditional text, unknown question types, rules that do not parse — and
each error names the file, the step and the field (:class:`ScriptError`). Checks that
need the whole script (rules naming things that exist, steps that can be reached, a way
to an end) are in :mod:`app.workflow.script_checks`. ``docs/workflow-scripts.md``
documents the format.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, get_args

from app.contract.case_document import CaseStatus, EvidenceKind, Outcome, choices
from app.contract.language import LANGUAGES
from app.workflow.calendar import MAX_WORKING_DAYS
from app.workflow.facts import CHECKLIST_FACTS
from app.workflow.localized_text import LocalizedText
from app.workflow.rules import Rule, RuleError, parse_rule
from app.workflow.script_checks import check_script
from app.workflow.script_model import (
    DEFAULT_TEXT_LIMIT,
    EVIDENCE_SOURCES,
    PLATFORM_ACTIONS,
    QUESTION_TYPES,
    RESERVED_ACTIONS,
    STAGES,
    Arrival,
    ChecklistItem,
    CloseSpec,
    DecisionKind,
    EvidenceRequirement,
    Option,
    Question,
    Requirement,
    Script,
    ScriptError,
    Step,
    Transition,
)

_ID = re.compile(r"^[a-z][a-z0-9_]{0,47}$")

# Characters that exist only in Simplified Chinese: any of them in zh-Hant text is a
# translation slip. (Characters that are also legitimate Traditional forms, such as
# 后, 里, 台, 干, 据 or 系, are deliberately left out.)
_SIMPLIFIED_ONLY = frozenset(
    "这们说请认证货买卖单还应时处审调联问题发对过进关门开实为给让经现务产东车长书见观记议论"
    "识语读谁话该详试则变样检测质购运递邮费优赔偿纠纷协诉讼权责义报银账络码图视频声态杂难签"
    "约条规违损装类选项写场亲钱间闻阅仅节营业员严乐习乱伤传债储养军农击刚剂劝办动劳势华县参"
    "双叹吗响团园围国圆坚执扩扫护拟择换摄敌数断显暂杀极构档欢浅济涨湿满灭环画疗监盖盘础积笔"
    "简紧红级纪纯纸线练组细终结绝统继续维综绿编职肤胶脑艺药获虑补计订讨训讯讲许设访评诊词译"
    "诚询误谈谢负败贩贫贴贵贷贸资赚赠趋轨转轮软轻载较辆输边迁远连迟遗释针钟钢铁链销锁错键闭"
    "闲队阳阴阶际陆陈险隐顺须顾预领额风饭馆马验骗鲜齐龄热爱独离稳亏尽历虽电汇纤赞"
)


class _Reader:
    """Reads one script file, raising :class:`ScriptError` at the first fault."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.step: str | None = None

    def fail(self, field_name: str, problem: str) -> ScriptError:
        return ScriptError(self.file, self.step, field_name, problem)

    def table(
        self, value: Any, where: str, allowed: set[str], required: set[str]
    ) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be a table")
        for key in value:
            if key not in allowed:
                raise self.fail(f"{where}.{key}" if where else key, "unknown field")
        for key in sorted(required):
            if key not in value:
                raise self.fail(f"{where}.{key}" if where else key, "is required")
        return value

    def ident(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            raise self.fail(where, "must be an id of lower-case letters, digits and '_'")
        return value

    def text(self, value: Any, where: str) -> LocalizedText:
        if not isinstance(value, dict):
            raise self.fail(where, "must give the text in zh-Hans, zh-Hant and en")
        for key in value:
            if key not in LANGUAGES:
                raise self.fail(f"{where}.{key}", "unknown language (use zh-Hans, zh-Hant, en)")
        texts: dict[str, str] = {}
        for language in LANGUAGES:
            item = value.get(language)
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{where}.{language}", "is missing or empty")
            texts[language] = item.strip()
        simplified = sorted(set(texts["zh-Hant"]) & _SIMPLIFIED_ONLY)
        if simplified:
            raise self.fail(
                f"{where}.zh-Hant",
                f"uses Simplified characters ({''.join(simplified[:10])}); write Traditional",
            )
        return LocalizedText(texts["zh-Hans"], texts["zh-Hant"], texts["en"])

    def optional_text(self, raw: dict[str, Any], key: str, where: str) -> LocalizedText | None:
        return self.text(raw[key], f"{where}.{key}") if key in raw else None

    def boolean(self, raw: dict[str, Any], key: str, where: str, default: bool) -> bool:
        value = raw.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", "must be true or false")
        return value

    def rule(self, raw: dict[str, Any], key: str, where: str) -> Rule | None:
        if key not in raw:
            return None
        try:
            return parse_rule(raw[key])
        except RuleError as exc:
            raise self.fail(f"{where}.{key}", f"bad rule: {exc}") from None

    def items(self, raw: dict[str, Any], key: str, where: str) -> list[tuple[str, Any]]:
        value = raw.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"{where}{key}", "must be a list ([[...]] tables)")
        return [(f"{where}{key}[{index}]", item) for index, item in enumerate(value)]


_SCRIPT_KEYS = {"id", "version", "title", "start", "steps", "arrivals"}
_STEP_KEYS = {
    "id", "stage", "role", "title", "instructions", "deadline_working_days", "checklist",
    "questions", "required_evidence", "requirements", "transitions", "actions",
    "platform_status", "clear_answers_on_entry", "distinct_actor_from", "terminal",
}  # fmt: skip
_QUESTION_KEYS = {
    "id", "type", "label", "help", "required", "required_when", "applies_when", "options",
    "multiple", "max_length", "min_length", "remedy_question", "not_in_future",
}  # fmt: skip
_TRANSITION_KEYS = {
    "id",
    "to",
    "switch_script",
    "when",
    "label",
    "explain",
    "check_required",
    "close",
}


def load_script(path: Path) -> Script:
    """Read and check one script file. Raises :class:`ScriptError`."""
    try:
        source = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ScriptError(path.name, None, "(file)", "is not UTF-8 text") from None
    return parse_script(source, path.name)


def parse_script(source: str, file: str) -> Script:
    """Parse and check a script from TOML text; ``file`` names it in errors."""
    reader = _Reader(file)
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise reader.fail("(file)", f"not valid TOML ({exc})") from None
    reader.table(data, "", _SCRIPT_KEYS, {"id", "version", "title", "start", "steps"})
    script_id = reader.ident(data["id"], "id")
    version = data["version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise reader.fail("version", "must be a whole number from 1 up")
    title = reader.text(data["title"], "title")
    raw_steps = reader.items(data, "steps", "")
    if not raw_steps:
        raise reader.fail("steps", "a script needs steps ([[steps]] tables)")
    steps = [_read_step(reader, where, raw) for where, raw in raw_steps]
    reader.step = None
    seen: set[str] = set()
    for index, step in enumerate(steps):
        if step.id in seen:
            reader.step = step.id
            raise reader.fail(f"steps[{index}].id", f"'{step.id}' is used by an earlier step")
        seen.add(step.id)
    start = data["start"]
    if not isinstance(start, str) or start not in seen:
        raise reader.fail("start", f"names no step of this script ({start!r})")
    arrivals = [
        _read_arrival(reader, where, raw) for where, raw in reader.items(data, "arrivals", "")
    ]
    script = Script(
        id=script_id,
        version=version,
        title=title,
        start=start,
        steps=tuple(steps),
        arrivals=tuple(arrivals),
        source=file,
    )
    check_script(file, script)
    return script


def _read_step(reader: _Reader, where: str, raw: Any) -> Step:
    step_id = raw.get("id") if isinstance(raw, dict) else None
    reader.step = step_id if isinstance(step_id, str) else where
    reader.table(raw, "", _STEP_KEYS, {"id", "stage", "role", "title", "instructions"})
    step_id = reader.ident(step_id, "id")
    stage = raw["stage"]
    if stage not in STAGES:
        raise reader.fail("stage", f"unknown stage {stage!r} (one of: {', '.join(STAGES)})")
    role = raw["role"]
    if role not in ("mediator", "supervisor"):
        raise reader.fail("role", "must be 'mediator' or 'supervisor'")
    terminal = reader.boolean(raw, "terminal", "", False)
    deadline = raw.get("deadline_working_days")
    if deadline is not None and (
        not isinstance(deadline, int) or isinstance(deadline, bool)
        or not 1 <= deadline <= MAX_WORKING_DAYS
    ):  # fmt: skip
        raise reader.fail(
            "deadline_working_days", f"must be a whole number from 1 to {MAX_WORKING_DAYS}"
        )
    if deadline is None and not terminal:
        raise reader.fail("deadline_working_days", "is required for every step but the last")
    actions = raw.get("actions", [])
    if not isinstance(actions, list) or any(action not in PLATFORM_ACTIONS for action in actions):
        raise reader.fail("actions", f"must list platform actions ({', '.join(PLATFORM_ACTIONS)})")
    platform_status = raw.get("platform_status")
    if platform_status is not None and platform_status not in choices(CaseStatus):
        raise reader.fail("platform_status", f"unknown platform status {platform_status!r}")
    distinct = raw.get("distinct_actor_from", [])
    if not isinstance(distinct, list) or not all(isinstance(item, str) for item in distinct):
        raise reader.fail("distinct_actor_from", "must list step ids")

    checklist = [_read_check(reader, w, item) for w, item in reader.items(raw, "checklist", "")]
    questions = [_read_question(reader, w, item) for w, item in reader.items(raw, "questions", "")]
    evidence = [
        _read_evidence(reader, w, item) for w, item in reader.items(raw, "required_evidence", "")
    ]
    requirements = [
        _read_requirement(reader, w, item) for w, item in reader.items(raw, "requirements", "")
    ]
    transitions = [
        _read_transition(reader, w, item) for w, item in reader.items(raw, "transitions", "")
    ]
    for label, ids in (
        ("checklist", [item.id for item in checklist]),
        ("questions", [question.id for question in questions]),
        ("transitions", [transition.id for transition in transitions]),
    ):
        repeated = sorted({value for value in ids if ids.count(value) > 1})
        if repeated:
            raise reader.fail(label, f"id '{repeated[0]}' is used twice")
    if terminal and transitions:
        raise reader.fail("transitions", "a final step (terminal = true) has no way out")
    if not terminal and not transitions:
        raise reader.fail("transitions", "a step needs at least one way out (or terminal = true)")
    return Step(
        id=step_id,
        stage=stage,
        role=role,
        title=reader.text(raw["title"], "title"),
        instructions=reader.text(raw["instructions"], "instructions"),
        deadline_working_days=deadline,
        checklist=tuple(checklist),
        questions=tuple(questions),
        required_evidence=tuple(evidence),
        requirements=tuple(requirements),
        transitions=tuple(transitions),
        actions=tuple(actions),
        platform_status=platform_status,
        clear_answers_on_entry=reader.boolean(raw, "clear_answers_on_entry", "", False),
        distinct_actor_from=tuple(distinct),
        terminal=terminal,
    )


def _read_check(reader: _Reader, where: str, raw: Any) -> ChecklistItem:
    reader.table(raw, where, {"id", "text", "required", "applies_when", "fact"}, {"id", "text"})
    fact = raw.get("fact")
    if fact is not None and fact not in CHECKLIST_FACTS:
        raise reader.fail(
            f"{where}.fact",
            f"unknown fact {fact!r} (one of: {', '.join(sorted(CHECKLIST_FACTS))})",
        )
    return ChecklistItem(
        id=reader.ident(raw["id"], f"{where}.id"),
        text=reader.text(raw["text"], f"{where}.text"),
        required=reader.boolean(raw, "required", where, True),
        applies_when=reader.rule(raw, "applies_when", where),
        fact=fact,
    )


def _read_question(reader: _Reader, where: str, raw: Any) -> Question:
    reader.table(raw, where, _QUESTION_KEYS, {"id", "type", "label"})
    question_id = reader.ident(raw["id"], f"{where}.id")
    kind = raw["type"]
    if kind not in QUESTION_TYPES:
        raise reader.fail(
            f"{where}.type", f"unknown question type {kind!r} (one of: {', '.join(QUESTION_TYPES)})"
        )
    options: list[Option] = []
    if kind == "choice":
        raw_options = reader.items(raw, "options", f"{where}.")
        if len(raw_options) < 2:
            raise reader.fail(f"{where}.options", "a choice needs at least two options")
        for option_where, option in raw_options:
            reader.table(option, option_where, {"id", "label"}, {"id", "label"})
            options.append(
                Option(
                    reader.ident(option["id"], f"{option_where}.id"),
                    reader.text(option["label"], f"{option_where}.label"),
                )
            )
        ids = [option.id for option in options]
        if len(set(ids)) != len(ids):
            raise reader.fail(f"{where}.options", "two options share an id")
    elif "options" in raw:
        raise reader.fail(f"{where}.options", "only a choice has options")
    lengths = {}
    for key, default in (("max_length", DEFAULT_TEXT_LIMIT), ("min_length", 0)):
        value = raw.get(key, default)
        if key in raw and kind != "text":
            raise reader.fail(f"{where}.{key}", "only a text question has a length")
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 20000:
            raise reader.fail(f"{where}.{key}", "must be a whole number from 0 to 20000")
        lengths[key] = value
    remedy_question = raw.get("remedy_question")
    if remedy_question is not None and kind != "amount":
        raise reader.fail(
            f"{where}.remedy_question", "only an amount question is checked against a remedy"
        )
    if "multiple" in raw and kind != "choice":
        raise reader.fail(f"{where}.multiple", "only a choice may allow several answers")
    if "not_in_future" in raw and kind != "date":
        raise reader.fail(f"{where}.not_in_future", "only a date question has this")
    return Question(
        id=question_id,
        type=kind,
        label=reader.text(raw["label"], f"{where}.label"),
        help=reader.optional_text(raw, "help", where),
        required=reader.boolean(raw, "required", where, True),
        required_when=reader.rule(raw, "required_when", where),
        applies_when=reader.rule(raw, "applies_when", where),
        options=tuple(options),
        multiple=reader.boolean(raw, "multiple", where, False),
        max_length=lengths["max_length"],
        min_length=lengths["min_length"],
        remedy_question=remedy_question,
        not_in_future=reader.boolean(raw, "not_in_future", where, False),
    )


def _read_evidence(reader: _Reader, where: str, raw: Any) -> EvidenceRequirement:
    reader.table(raw, where, {"kinds", "from", "label", "applies_when"}, {"kinds"})
    kinds = raw["kinds"]
    known = choices(EvidenceKind)
    if not isinstance(kinds, list) or not kinds or any(kind not in known for kind in kinds):
        raise reader.fail(f"{where}.kinds", f"must list evidence kinds ({', '.join(known)})")
    source = raw.get("from", "any")
    if source not in EVIDENCE_SOURCES:
        raise reader.fail(f"{where}.from", f"must be one of {', '.join(EVIDENCE_SOURCES)}")
    return EvidenceRequirement(
        kinds=tuple(kinds),
        source=source,
        label=reader.optional_text(raw, "label", where),
        applies_when=reader.rule(raw, "applies_when", where),
    )


def _read_requirement(reader: _Reader, where: str, raw: Any) -> Requirement:
    reader.table(raw, where, {"rule", "label"}, {"rule", "label"})
    rule = reader.rule(raw, "rule", where)
    assert rule is not None
    return Requirement(rule=rule, label=reader.text(raw["label"], f"{where}.label"))


def _read_transition(reader: _Reader, where: str, raw: Any) -> Transition:
    reader.table(raw, where, _TRANSITION_KEYS, {"label"})
    target = raw.get("to")
    switch = raw.get("switch_script")
    if (target is None) == (switch is None):
        raise reader.fail(where, "needs exactly one of 'to' (a step) or 'switch_script'")
    if target is not None:
        reader.ident(target, f"{where}.to")
    if switch is not None:
        reader.ident(switch, f"{where}.switch_script")
    transition_id = raw.get("id", target or switch)
    reader.ident(transition_id, f"{where}.id")
    if transition_id in RESERVED_ACTIONS:
        raise reader.fail(
            f"{where}.id", f"'{transition_id}' is the name of a built-in action; pick another id"
        )
    close = None
    if "close" in raw:
        close_where = f"{where}.close"
        spec = reader.table(
            raw["close"], close_where, {"decision", "outcome", "outcome_from", "note_from"}, set()
        )
        decision = spec.get("decision")
        if decision is not None and decision not in get_args(DecisionKind):
            raise reader.fail(f"{close_where}.decision", "must be settlement, ruling or dismissal")
        outcome = spec.get("outcome")
        if outcome is not None and outcome not in choices(Outcome):
            raise reader.fail(
                f"{close_where}.outcome", f"must be one of {', '.join(choices(Outcome))}"
            )
        if (outcome is None) == ("outcome_from" not in spec):
            raise reader.fail(close_where, "needs exactly one of 'outcome' or 'outcome_from'")
        close = CloseSpec(
            decision=decision,
            outcome=outcome,
            outcome_from=_answer_ref(reader, spec, "outcome_from", close_where),
            note_from=_answer_ref(reader, spec, "note_from", close_where),
        )
    return Transition(
        id=transition_id,
        label=reader.text(raw["label"], f"{where}.label"),
        to=target,
        switch_script=switch,
        when=reader.rule(raw, "when", where),
        explain=reader.optional_text(raw, "explain", where),
        check_required=reader.boolean(raw, "check_required", where, True),
        close=close,
    )


def _answer_ref(
    reader: _Reader, spec: dict[str, Any], key: str, where: str
) -> tuple[str, str] | None:
    value = spec.get(key)
    if value is None:
        return None
    parts = value.split(".") if isinstance(value, str) else []
    if len(parts) != 2:
        raise reader.fail(f"{where}.{key}", "must name an answer as '<step>.<question>'")
    return parts[0], parts[1]


def _read_arrival(reader: _Reader, where: str, raw: Any) -> Arrival:
    reader.step = None
    reader.table(raw, where, {"status", "when", "step"}, {"status", "step"})
    statuses = raw["status"]
    known = choices(CaseStatus)
    if (
        not isinstance(statuses, list)
        or not statuses
        or any(status not in known for status in statuses)
    ):
        raise reader.fail(f"{where}.status", f"must list platform statuses ({', '.join(known)})")
    if "open" in statuses:
        raise reader.fail(f"{where}.status", "an open case starts at the script's start")
    return Arrival(
        statuses=tuple(statuses),
        step=reader.ident(raw["step"], f"{where}.step"),
        when=reader.rule(raw, "when", where),
    )
