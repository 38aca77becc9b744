"""A small, safe condition language for workflow scripts — parsed here, never ``eval``-ed.

Grammar (keywords are lower case)::

    rule       := or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := operand [("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in") operand]
    operand    := NAME | 'text' | "text" | INTEGER | true | false | null
                | "[" literal ("," literal)* "]" | "(" rule ")"
    NAME       := word ("." word)*          e.g. answer.complete, case.reason, offer.settled

Values are booleans, integers (money is in minor units: 500.00 CNY is 50000), strings,
dates, lists of strings and ``null``. A question not yet answered is ``null``.

Logic is three-valued, as in SQL: a comparison with ``null`` (other than ``== null`` and
``!= null``) is *unknown*, ``not unknown`` is unknown, and a rule that ends unknown does
not hold. So a condition on an unanswered question is never met by accident.

:func:`parse_rule` turns text into a :class:`Rule`; :meth:`Rule.check` checks its names
and literals against what a script may refer to (:class:`NameInfo`), so a typo in a
script is an error when the script is loaded, not a silent ``false`` in front of a
mediator; :meth:`Rule.holds` evaluates it against plain values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeAlias, cast

Value: TypeAlias = bool | int | str | date | tuple[str, ...] | None
ValueType = Literal["bool", "int", "str", "date", "list"]


class RuleError(ValueError):
    """A rule that cannot be parsed or refers to something that does not exist."""


@dataclass(frozen=True)
class NameInfo:
    """What a name in a rule stands for: its type and, for enumerations, the allowed values."""

    type: ValueType
    choices: frozenset[str] | None = None


# ---------------------------------------------------------------- syntax tree


@dataclass(frozen=True)
class _Name:
    path: str


@dataclass(frozen=True)
class _Literal:
    value: Value


@dataclass(frozen=True)
class _Not:
    operand: _Node


@dataclass(frozen=True)
class _BoolOp:
    op: Literal["and", "or"]
    operands: tuple[_Node, ...]


@dataclass(frozen=True)
class _Compare:
    op: str
    left: _Node
    right: _Node


_Node: TypeAlias = _Name | _Literal | _Not | _BoolOp | _Compare

# ---------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<string>'[^'\\\n]*'|"[^"\\\n]*")
  | (?P<number>-?\d+)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<op>==|!=|<=|>=|<|>)
  | (?P<punct>[()\[\],])
    """,
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in", "true", "false", "null"}
MAX_RULE_LENGTH = 1000


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    position: int


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise RuleError(f"unexpected character {text[position]!r} at position {position + 1}")
        kind = match.lastgroup or ""
        if kind != "space":
            word = match.group()
            if kind == "name" and word in _KEYWORDS:
                kind = word
            tokens.append(_Token(kind, word, position))
        position = match.end()
    tokens.append(_Token("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self._tokens = _tokenize(text)
        self._index = 0

    def _peek(self) -> _Token:
        return self._tokens[self._index]

    def _take(self) -> _Token:
        token = self._tokens[self._index]
        self._index += 1
        return token

    def parse(self) -> _Node:
        node = self._or()
        token = self._peek()
        if token.kind != "end":
            raise RuleError(f"unexpected {_show(token)} at position {token.position + 1}")
        return node

    def _or(self) -> _Node:
        operands = [self._and()]
        while self._peek().kind == "or":
            self._take()
            operands.append(self._and())
        return operands[0] if len(operands) == 1 else _BoolOp("or", tuple(operands))

    def _and(self) -> _Node:
        operands = [self._not()]
        while self._peek().kind == "and":
            self._take()
            operands.append(self._not())
        return operands[0] if len(operands) == 1 else _BoolOp("and", tuple(operands))

    def _not(self) -> _Node:
        if self._peek().kind == "not":
            self._take()
            return _Not(self._not())
        return self._comparison()

    def _comparison(self) -> _Node:
        left = self._operand()
        token = self._peek()
        if token.kind == "op":
            self._take()
            return _Compare(token.text, left, self._operand())
        if token.kind == "in":
            self._take()
            return _Compare("in", left, self._operand())
        if token.kind == "not" and self._tokens[self._index + 1].kind == "in":
            self._take()
            self._take()
            return _Compare("not in", left, self._operand())
        return left

    def _operand(self) -> _Node:
        token = self._peek()
        if token.kind == "punct" and token.text == "(":
            self._take()
            node = self._or()
            closing = self._peek()
            if not (closing.kind == "punct" and closing.text == ")"):
                raise RuleError(
                    f"expected ')' at position {closing.position + 1}, found {_show(closing)}"
                )
            self._take()
            return node
        if token.kind == "punct" and token.text == "[":
            return self._list()
        literal = self._literal_or_none()
        if literal is not None:
            return literal
        if token.kind == "name":
            self._take()
            return _Name(token.text)
        raise RuleError(
            f"expected a name or a value at position {token.position + 1}, found {_show(token)}"
        )

    def _literal_or_none(self) -> _Literal | None:
        token = self._peek()
        if token.kind == "string":
            self._take()
            return _Literal(token.text[1:-1])
        if token.kind == "number":
            self._take()
            return _Literal(int(token.text))
        if token.kind in ("true", "false"):
            self._take()
            return _Literal(token.kind == "true")
        if token.kind == "null":
            self._take()
            return _Literal(None)
        return None

    def _list(self) -> _Literal:
        self._take()  # "["
        items: list[str] = []
        while True:
            token = self._peek()
            literal = self._literal_or_none()
            if literal is None or not isinstance(literal.value, str):
                raise RuleError(
                    f"a list holds quoted texts; found {_show(token)} at position {token.position + 1}"
                )
            items.append(literal.value)
            separator = self._take()
            if separator.kind == "punct" and separator.text == "]":
                return _Literal(tuple(items))
            if not (separator.kind == "punct" and separator.text == ","):
                raise RuleError(f"expected ',' or ']' at position {separator.position + 1}")


def _show(token: _Token) -> str:
    return "the end of the rule" if token.kind == "end" else repr(token.text)


# ---------------------------------------------------------------- the public rule


@dataclass(frozen=True)
class Rule:
    """A parsed condition; ``text`` is what the script says."""

    text: str
    _tree: _Node

    def names(self) -> frozenset[str]:
        """Every name the rule refers to."""
        found: set[str] = set()
        _collect_names(self._tree, found)
        return frozenset(found)

    def check(self, known: Mapping[str, NameInfo]) -> None:
        """Refuse unknown names, misspelt enumeration values and comparisons that can never
        make sense (a number against a text). Raises :class:`RuleError`."""
        _check_condition(self._tree, known)

    def holds(self, values: Mapping[str, Value]) -> bool:
        """True when the condition is met; unknown (null involved) counts as not met."""
        return _evaluate(self._tree, values) is True

    def may_hold(self, values: Mapping[str, Value]) -> bool:
        """False only when the condition fails whatever the names missing from ``values``
        turn out to be (for judging which way a case may have gone before it came here,
        its answers unknown); names given as null are null, as in :meth:`holds`."""
        return _evaluate(self._tree, _KnownOnly(values)) is not False


def parse_rule(text: str) -> Rule:
    """Parse a rule; raises :class:`RuleError` naming the position of the fault."""
    if not isinstance(text, str) or not text.strip():
        raise RuleError("a rule must not be empty")
    if len(text) > MAX_RULE_LENGTH:
        raise RuleError(f"a rule may be at most {MAX_RULE_LENGTH} characters long")
    return Rule(text, _Parser(text).parse())


def _collect_names(node: _Node, found: set[str]) -> None:
    if isinstance(node, _Name):
        found.add(node.path)
    elif isinstance(node, _Not):
        _collect_names(node.operand, found)
    elif isinstance(node, _BoolOp):
        for operand in node.operands:
            _collect_names(operand, found)
    elif isinstance(node, _Compare):
        _collect_names(node.left, found)
        _collect_names(node.right, found)


# ---------------------------------------------------------------- static checks


def _type_of(
    node: _Node, known: Mapping[str, NameInfo]
) -> tuple[ValueType | None, frozenset[str] | None]:
    """The type of an operand (None for null) and its enumeration, if any."""
    if isinstance(node, _Name):
        info = known.get(node.path)
        if info is None:
            raise RuleError(f"unknown name '{node.path}'{_suggest(node.path, known)}")
        return info.type, info.choices
    if isinstance(node, _Literal):
        value = node.value
        if value is None:
            return None, None
        if isinstance(value, bool):
            return "bool", None
        if isinstance(value, int):
            return "int", None
        if isinstance(value, tuple):
            return "list", None
        return "str", None
    _check_condition(node, known)
    return "bool", None


def _check_condition(node: _Node, known: Mapping[str, NameInfo]) -> None:
    if isinstance(node, _Not):
        _check_condition(node.operand, known)
    elif isinstance(node, _BoolOp):
        for operand in node.operands:
            _check_condition(operand, known)
    elif isinstance(node, _Compare):
        _check_comparison(node, known)
    elif isinstance(node, _Name):
        kind, _ = _type_of(node, known)
        if kind != "bool":
            raise RuleError(
                f"'{node.path}' is a {_TYPE_WORDS[kind or 'str']}, not yes/no: compare it "
                f"(for example {node.path} == ... )"
            )
    elif isinstance(node, _Literal) and not isinstance(node.value, bool):
        raise RuleError(f"{node.value!r} on its own is not a condition")


_TYPE_WORDS = {
    "bool": "yes/no value",
    "int": "number",
    "str": "text",
    "date": "date",
    "list": "list",
}


def _check_comparison(node: _Compare, known: Mapping[str, NameInfo]) -> None:
    left_type, left_choices = _type_of(node.left, known)
    right_type, right_choices = _type_of(node.right, known)
    if node.op in ("in", "not in"):
        if right_type != "list":
            raise RuleError(
                f"'{node.op}' needs a list on its right, such as ['a', 'b'] or case.flags"
            )
        if left_type not in ("str", None):
            raise RuleError(f"'{node.op}' looks for a text in a list")
        _check_members(node.left, left_choices, node.right, right_choices)
        return
    if node.op in ("<", "<=", ">", ">="):
        if left_type not in ("int", "date") or right_type not in ("int", "date", None):
            raise RuleError(f"'{node.op}' compares numbers or dates")
        return
    if left_type is not None and right_type is not None and left_type != right_type:
        raise RuleError(
            f"compares a {_TYPE_WORDS[left_type]} with a {_TYPE_WORDS[right_type]}: "
            "this can never be true"
        )
    _check_members(node.left, left_choices, node.right, right_choices)
    _check_members(node.right, right_choices, node.left, left_choices)


def _check_members(
    value_node: _Node,
    value_choices: frozenset[str] | None,
    other: _Node,
    other_choices: frozenset[str] | None,
) -> None:
    """A literal compared with an enumeration must be one of its values."""
    allowed = other_choices if other_choices is not None else value_choices
    literal = value_node if isinstance(value_node, _Literal) else other
    if allowed is None or not isinstance(literal, _Literal):
        return
    values = literal.value if isinstance(literal.value, tuple) else (literal.value,)
    for value in values:
        if isinstance(value, str) and value not in allowed:
            raise RuleError(
                f"'{value}' is not one of the possible values ({', '.join(sorted(allowed))})"
            )


def _suggest(name: str, known: Mapping[str, NameInfo]) -> str:
    prefix = name.rsplit(".", 1)[0] + "."
    close = sorted(key for key in known if key.startswith(prefix))
    if close:
        shown = ", ".join(close[:8]) + (", …" if len(close) > 8 else "")
        return f" (known here: {shown})"
    return ""


# ---------------------------------------------------------------- evaluation


def _value(node: _Node, values: Mapping[str, Value]) -> Value:
    if isinstance(node, _Name):
        return values.get(node.path)
    if isinstance(node, _Literal):
        return node.value
    return _evaluate(node, values)


def _evaluate(node: _Node, values: Mapping[str, Value]) -> bool | None:
    if isinstance(node, _BoolOp):
        results = [_evaluate(operand, values) for operand in node.operands]
        if node.op == "and":
            if any(result is False for result in results):
                return False
            return None if any(result is None for result in results) else True
        if any(result is True for result in results):
            return True
        return None if any(result is None for result in results) else False
    if isinstance(node, _Not):
        inner = _evaluate(node.operand, values)
        return None if inner is None else not inner
    if isinstance(node, _Compare):
        return _compare(node.op, _value(node.left, values), _value(node.right, values))
    value = _value(node, values)
    return value if isinstance(value, bool) else None


class _Unknown:
    """A value not known at all — unlike null, not even equal to null."""


_UNKNOWN = _Unknown()


class _KnownOnly(Mapping[str, Value]):
    """``values``, with every name it lacks standing for :data:`_UNKNOWN`."""

    def __init__(self, values: Mapping[str, Value]) -> None:
        self._values = values

    def __getitem__(self, key: str) -> Value:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: str, default: object = None) -> Value:
        return self._values[key] if key in self._values else cast(Value, _UNKNOWN)


def _compare(op: str, left: Value, right: Value) -> bool | None:
    if isinstance(left, _Unknown) or isinstance(right, _Unknown):
        return None
    if op == "==":
        return left == right
    if op == "!=":
        return left != right
    if left is None or right is None:
        return None
    if op in ("in", "not in"):
        if not isinstance(right, tuple):
            return None
        found = left in right
        return found if op == "in" else not found
    if isinstance(left, bool) or isinstance(right, bool):
        return None
    if isinstance(left, int) and isinstance(right, int):
        return _order(op, left, right)
    if isinstance(left, date) and isinstance(right, date):
        return _order(op, left.toordinal(), right.toordinal())
    return None


def _order(op: str, left: int, right: int) -> bool:
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    return left >= right
