"""Workflow scripts: the TOML format, its loader, and the checks that run when it loads.

One file per script under ``resources/workflows/`` (older versions of a script under
``resources/workflows/archive/``). ``docs/workflow-scripts.md`` documents the format.
Everything is checked on load — unknown fields, missing translations, Simplified
characters in Traditional text, unknown question types, rules that do not parse or name
things that do not exist, next steps that do not exist, steps nobody can reach, steps
with no way out — and each error names the file, the step and the field.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from app.contract.case_document import (
    CaseStatus,
    Category,
    EvidenceKind,
    Flag,
    Outcome,
    PartyRole,
    Reason,
    Remedy,
    ShipmentStatus,
    choices,
)
from app.errors import NotFound, ValidationError
from app.resources import resource_folder
from app.workflow.calendar import MAX_WORKING_DAYS
from app.workflow.rules import NameInfo, Rule, RuleError, parse_rule
from app.workflow.text import LANGUAGES, LocalizedText

QuestionType = Literal["choice", "yes_no", "amount", "date", "text"]
QUESTION_TYPES: tuple[str, ...] = get_args(QuestionType)

Stage = Literal[
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
    "escalation",
    "closed",
]
STAGES: tuple[str, ...] = get_args(Stage)

Role = Literal["mediator", "supervisor"]
PlatformActionType = Literal["message", "request_evidence", "propose_offer", "record_response"]
PLATFORM_ACTIONS: tuple[str, ...] = get_args(PlatformActionType)
DecisionKind = Literal["settlement", "ruling", "dismissal"]
# Action names the engine itself answers to; a transition may not take one of them.
RESERVED_ACTIONS = frozenset({"answer", "check", *PLATFORM_ACTIONS})
# A switch to this "script" goes to the script of the case's own category.
SWITCH_TO_CATEGORY = "by_category"
EVIDENCE_SOURCES = ("any", "buyer", "merchant", "platform", "logistics", "payment_provider")

_ID = re.compile(r"^[a-z][a-z0-9_]{0,47}$")
DEFAULT_TEXT_LIMIT = 4000

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


class ScriptError(ValidationError):
    """A workflow script that breaks the format; names the file, step and field."""

    def __init__(self, file: str, step: str | None, field_name: str, problem: str) -> None:
        self.file = file
        self.step = step
        self.field = field_name
        self.problem = problem
        where = f"step '{step}': " if step else ""
        super().__init__(f"{file}: {where}{field_name}: {problem}")


# ---------------------------------------------------------------- the model


@dataclass(frozen=True)
class Option:
    id: str
    label: LocalizedText


@dataclass(frozen=True)
class Question:
    """Something the mediator answers in a step."""

    id: str
    type: QuestionType
    label: LocalizedText
    help: LocalizedText | None = None
    required: bool = True
    required_when: Rule | None = None
    applies_when: Rule | None = None
    options: tuple[Option, ...] = ()
    multiple: bool = False
    max_length: int = DEFAULT_TEXT_LIMIT
    min_length: int = 0
    remedy_question: str | None = None
    not_in_future: bool = False

    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: LocalizedText
    required: bool = True
    applies_when: Rule | None = None


@dataclass(frozen=True)
class EvidenceRequirement:
    """Evidence that must be in the case: any one of ``kinds``, submitted by ``source``."""

    kinds: tuple[str, ...]
    source: str = "any"
    label: LocalizedText | None = None
    applies_when: Rule | None = None


@dataclass(frozen=True)
class Requirement:
    """A condition that must hold before the case may move on; ``label`` names it."""

    rule: Rule
    label: LocalizedText


@dataclass(frozen=True)
class CloseSpec:
    """What closing the case on the platform says when a transition ends the workflow."""

    decision: DecisionKind | None
    outcome: str | None = None
    outcome_from: tuple[str, str] | None = None  # (step, question)
    note_from: tuple[str, str] | None = None


@dataclass(frozen=True)
class Transition:
    """A way out of a step: to another step, or over to another script."""

    id: str
    label: LocalizedText
    to: str | None = None
    switch_script: str | None = None
    when: Rule | None = None
    explain: LocalizedText | None = None
    check_required: bool = True
    close: CloseSpec | None = None


@dataclass(frozen=True)
class Step:
    id: str
    stage: Stage
    role: Role
    title: LocalizedText
    instructions: LocalizedText
    deadline_working_days: int | None
    checklist: tuple[ChecklistItem, ...] = ()
    questions: tuple[Question, ...] = ()
    required_evidence: tuple[EvidenceRequirement, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    transitions: tuple[Transition, ...] = ()
    actions: tuple[PlatformActionType, ...] = ()
    platform_status: str | None = None
    clear_answers_on_entry: bool = False
    distinct_actor_from: tuple[str, ...] = ()
    terminal: bool = False

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def transition(self, transition_id: str) -> Transition | None:
        return next((t for t in self.transitions if t.id == transition_id), None)


@dataclass(frozen=True)
class Script:
    """One version of one workflow script."""

    id: str
    version: int
    title: LocalizedText
    start: str
    steps: tuple[Step, ...]
    source: str = ""
    _index: Mapping[str, Step] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {step.id: step for step in self.steps})

    def step(self, step_id: str) -> Step:
        """The step with this id; KeyError if the script has none."""
        return self._index[step_id]

    def has_step(self, step_id: str) -> bool:
        return step_id in self._index


# ---------------------------------------------------------------- names rules may use


def _enum(literal: Any) -> frozenset[str]:
    return frozenset(choices(literal))


_DECISIONS = frozenset({"accept", "reject"})

FACT_NAMES: dict[str, NameInfo] = {
    "case.category": NameInfo("str", _enum(Category)),
    "case.reason": NameInfo("str", _enum(Reason)),
    "case.flags": NameInfo("list", _enum(Flag)),
    "case.priority": NameInfo("str", frozenset({"normal", "high", "urgent"})),
    "case.channel": NameInfo(
        "str",
        frozenset({"web", "app", "social", "email", "hotline", "letter", "forum", "third_party"}),
    ),
    "case.language": NameInfo("str", frozenset(LANGUAGES)),
    "claim.remedy": NameInfo("str", _enum(Remedy)),
    "claim.amount": NameInfo("int"),
    "order.total": NameInfo("int"),
    "order.shipping_fee": NameInfo("int"),
    "order.delivered": NameInfo("bool"),
    "order.days_since_delivery": NameInfo("int"),
    "order.shipment_status": NameInfo("str", _enum(ShipmentStatus)),
    "parties.roles": NameInfo("list", _enum(PartyRole)),
    "evidence.kinds": NameInfo("list", _enum(EvidenceKind)),
    "evidence.buyer": NameInfo("list", _enum(EvidenceKind)),
    "evidence.merchant": NameInfo("list", _enum(EvidenceKind)),
    "evidence.platform": NameInfo("list", _enum(EvidenceKind)),
    "merchant.credit_score": NameInfo("int"),
    "merchant.disputes_last_year": NameInfo("int"),
    "merchant.sanctions_last_year": NameInfo("int"),
    "offer.count": NameInfo("int"),
    "offer.settled": NameInfo("bool"),
    "offer.rejected": NameInfo("bool"),
    "offer.pending": NameInfo("bool"),
    "offer.latest_remedy": NameInfo("str", _enum(Remedy)),
    "offer.latest_amount": NameInfo("int"),
    "offer.buyer_decision": NameInfo("str", _DECISIONS),
    "offer.merchant_decision": NameInfo("str", _DECISIONS),
    "step.overdue": NameInfo("bool"),
    "step.working_days_used": NameInfo("int"),
}


def answer_info(question: Question) -> NameInfo:
    """How a rule sees the answer to ``question``."""
    if question.type == "yes_no":
        return NameInfo("bool")
    if question.type == "amount":
        return NameInfo("int")
    if question.type == "date":
        return NameInfo("date")
    if question.type == "choice":
        ids = frozenset(question.option_ids())
        return NameInfo("list", ids) if question.multiple else NameInfo("str", ids)
    return NameInfo("str")


def names_for_step(script_steps: Iterable[Step], step: Step) -> dict[str, NameInfo]:
    """Every name a rule in ``step`` may use: facts, this step's answers and ticks, and
    ``answers.<step>.<question>`` for any step of the script."""
    known = dict(FACT_NAMES)
    for other in script_steps:
        for question in other.questions:
            known[f"answers.{other.id}.{question.id}"] = answer_info(question)
    for question in step.questions:
        known[f"answer.{question.id}"] = answer_info(question)
    for item in step.checklist:
        known[f"checked.{item.id}"] = NameInfo("bool")
    return known


# ---------------------------------------------------------------- reading a file


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


_SCRIPT_KEYS = {"id", "version", "title", "start", "steps"}
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
    script = Script(
        id=script_id, version=version, title=title, start=start, steps=tuple(steps), source=file
    )
    _check_references(reader, script)
    _check_graph(reader, script)
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
    reader.table(raw, where, {"id", "text", "required", "applies_when"}, {"id", "text"})
    return ChecklistItem(
        id=reader.ident(raw["id"], f"{where}.id"),
        text=reader.text(raw["text"], f"{where}.text"),
        required=reader.boolean(raw, "required", where, True),
        applies_when=reader.rule(raw, "applies_when", where),
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


# ---------------------------------------------------------------- whole-script checks


def _check_references(reader: _Reader, script: Script) -> None:
    for index, step in enumerate(script.steps):
        reader.step = step.id
        known = names_for_step(script.steps, step)

        def check_rule(
            rule: Rule | None, where: str, names: Mapping[str, NameInfo] = known
        ) -> None:
            if rule is None:
                return
            try:
                rule.check(names)
            except RuleError as exc:
                raise reader.fail(where, f"bad rule: {exc}") from None

        for other in step.distinct_actor_from:
            if not script.has_step(other):
                raise reader.fail("distinct_actor_from", f"unknown step '{other}'")
        for i, item in enumerate(step.checklist):
            check_rule(item.applies_when, f"checklist[{i}].applies_when")
        for i, question in enumerate(step.questions):
            check_rule(question.required_when, f"questions[{i}].required_when")
            check_rule(question.applies_when, f"questions[{i}].applies_when")
            if question.remedy_question is not None:
                partner = step.question(question.remedy_question)
                remedies = set(choices(Remedy))
                if (
                    partner is None
                    or partner.type != "choice"
                    or not set(partner.option_ids()) <= remedies
                ):
                    raise reader.fail(
                        f"questions[{i}].remedy_question",
                        "must name a choice question of this step whose options are remedies",
                    )
        for i, evidence in enumerate(step.required_evidence):
            check_rule(evidence.applies_when, f"required_evidence[{i}].applies_when")
        for i, requirement in enumerate(step.requirements):
            check_rule(requirement.rule, f"requirements[{i}].rule")
        for i, transition in enumerate(step.transitions):
            where = f"transitions[{i}]"
            check_rule(transition.when, f"{where}.when")
            if transition.to is not None and not script.has_step(transition.to):
                raise reader.fail(f"{where}.to", f"unknown step '{transition.to}'")
            if transition.close is not None:
                target = script.step(transition.to) if transition.to else None
                if target is None or not target.terminal:
                    raise reader.fail(
                        f"{where}.close", "only a move to a final step closes the case"
                    )
                _check_close(reader, script, transition.close, f"{where}.close")
        del index


def _check_close(reader: _Reader, script: Script, spec: CloseSpec, where: str) -> None:
    for key, ref in (("outcome_from", spec.outcome_from), ("note_from", spec.note_from)):
        if ref is None:
            continue
        step_id, question_id = ref
        question = script.step(step_id).question(question_id) if script.has_step(step_id) else None
        if question is None:
            raise reader.fail(f"{where}.{key}", f"no question '{question_id}' in step '{step_id}'")
        if key == "outcome_from" and (
            question.type != "choice" or not set(question.option_ids()) <= set(choices(Outcome))
        ):
            raise reader.fail(f"{where}.{key}", "must be a choice whose options are outcomes")
        if key == "note_from" and question.type != "text":
            raise reader.fail(f"{where}.{key}", "must be a text question")


def _check_graph(reader: _Reader, script: Script) -> None:
    """Every step reachable from the start, and every step able to reach an end."""
    reachable = {script.start}
    frontier = [script.start]
    while frontier:
        step = script.step(frontier.pop())
        for transition in step.transitions:
            if transition.to is not None and transition.to not in reachable:
                reachable.add(transition.to)
                frontier.append(transition.to)
    for step in script.steps:
        if step.id not in reachable:
            reader.step = step.id
            raise reader.fail("id", "no step leads here: it can never be reached from the start")
    finishing = {step.id for step in script.steps if step.terminal}
    finishing |= {
        step.id for step in script.steps if any(t.switch_script for t in step.transitions)
    }
    changed = True
    while changed:
        changed = False
        for step in script.steps:
            if step.id not in finishing and any(t.to in finishing for t in step.transitions):
                finishing.add(step.id)
                changed = True
    for step in script.steps:
        if step.id not in finishing:
            reader.step = step.id
            raise reader.fail("transitions", "no path from here ever reaches a final step")


# ---------------------------------------------------------------- the library


class ScriptLibrary:
    """All versions of all scripts, keyed by (id, version).

    The newest version of each id is the current one: new cases start on it, while a
    case that started earlier keeps the version it started on.
    """

    def __init__(self, scripts: Iterable[Script]) -> None:
        self._scripts: dict[tuple[str, int], Script] = {}
        for script in scripts:
            key = (script.id, script.version)
            if key in self._scripts:
                earlier = self._scripts[key].source
                raise ScriptError(
                    script.source,
                    None,
                    "version",
                    f"{script.id} v{script.version} is also in {earlier}",
                )
            self._scripts[key] = script
        self._check_switch_targets()

    @classmethod
    def load(cls, folder: Path | None = None) -> ScriptLibrary:
        """Load ``folder/*.toml`` and ``folder/archive/*.toml`` (default: the bundled scripts)."""
        folder = folder if folder is not None else resource_folder("workflows")
        paths = sorted(folder.glob("*.toml")) + sorted((folder / "archive").glob("*.toml"))
        scripts = []
        for path in paths:
            script = load_script(path)
            if path.parent == folder and path.stem != script.id:
                raise ScriptError(
                    path.name, None, "id", f"'{script.id}' should live in {script.id}.toml"
                )
            scripts.append(script)
        library = cls(scripts)
        for script_id in library.ids():
            current = library.current(script_id)
            if (folder / f"{script_id}.toml").exists() and current.source != f"{script_id}.toml":
                raise ScriptError(
                    f"{script_id}.toml", None, "version",
                    f"is older than archived version {current.version}; current scripts hold the newest",
                )  # fmt: skip
        return library

    def _check_switch_targets(self) -> None:
        ids = self.ids()
        for script in self._scripts.values():
            for step in script.steps:
                for index, transition in enumerate(step.transitions):
                    target = transition.switch_script
                    if target is not None and target != SWITCH_TO_CATEGORY and target not in ids:
                        raise ScriptError(
                            script.source, step.id, f"transitions[{index}].switch_script",
                            f"no script '{transition.switch_script}' is loaded",
                        )  # fmt: skip

    def ids(self) -> frozenset[str]:
        return frozenset(script_id for script_id, _ in self._scripts)

    def versions(self, script_id: str) -> tuple[int, ...]:
        return tuple(sorted(version for sid, version in self._scripts if sid == script_id))

    def get(self, script_id: str, version: int) -> Script:
        """Exactly this version; :class:`NotFound` if it is not installed."""
        try:
            return self._scripts[(script_id, version)]
        except KeyError:
            raise NotFound(
                f"workflow script {script_id} version {version} is not installed"
            ) from None

    def current(self, script_id: str) -> Script:
        """The newest version of a script; :class:`NotFound` if there is none."""
        versions = self.versions(script_id)
        if not versions:
            raise NotFound(f"no workflow script '{script_id}' is installed")
        return self._scripts[(script_id, versions[-1])]

    def __iter__(self) -> Iterator[Script]:
        return iter(sorted(self._scripts.values(), key=lambda s: (s.id, s.version)))


# Scripts for the situations that override a case's category.
SAFETY_SCRIPT = "safety_hazard"
MALICIOUS_SCRIPT = "malicious_complaint"


def script_id_for_case(category: str, reason: str, flags: Iterable[str]) -> str:
    """Which script a new case starts on: safety hazards and suspected malicious
    complaints have their own; every other case follows its category's script."""
    flag_set = set(flags)
    if reason == "safety_hazard" or "safety_risk" in flag_set:
        return SAFETY_SCRIPT
    if "suspected_malicious" in flag_set:
        return MALICIOUS_SCRIPT
    return category
