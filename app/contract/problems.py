"""What is wrong with a case document or a request body, said in the reader's language.

One formatter for the contract: :func:`problems_from` turns a pydantic
``ValidationError`` into :class:`Problem` s — *where* (a readable field path such as
``parties[1].contact.phone``) and *what* (a :data:`ProblemCode` and its values). A
problem is said when it is shown: in Chinese on a zh_CN desk, in English in the
platform's answers (``problem.text("en")``). The words are the catalogue's
``contract.problem.<code>`` entries (``resources/vocabulary/contract.toml``).

The contract's own rules (no ``null``, no repeated ids, references that resolve, times
with an offset) raise ``pydantic_core.PydanticCustomError`` with a code of this table,
so they are said like pydantic's own checks. Such an error may name a field below the
one it was raised on in its context as ``at`` (a validator of the whole document
names ``evidence[1].id``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, get_args

from pydantic import ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from app.contract.language import Language
from app.contract.patterns import (
    ACTOR_PATTERN,
    CURRENCY_PATTERN,
    EVENT_PATTERN,
    ID_PATTERN,
    MEDIA_TYPE_PATTERN,
    SHA256_PATTERN,
    USERNAME_PATTERN,
)
from app.vocabulary.catalog import Words, current_language, words

ProblemCode = Literal[
    # the shape of the data
    "unknown_field",
    "missing",
    "null",
    "not_text",
    "not_integer",
    "not_number",
    "not_boolean",
    "not_list",
    "not_an_object",
    "not_one_of",
    "not_expected",
    "unknown_action_type",
    # sizes and numbers
    "empty",
    "text_too_short",
    "text_too_long",
    "too_few_items",
    "too_many_items",
    "negative",
    "too_small",
    "not_above",
    "too_large",
    "not_below",
    # the schema's patterns
    "pattern.id",
    "pattern.actor",
    "pattern.sha256",
    "pattern.currency",
    "pattern.username",
    "pattern.media_type",
    "pattern.event",
    "pattern.other",
    # times
    "not_a_time",
    "time_without_offset",
    "not_a_real_time",
    # the text itself
    "not_json",
    "not_utf8",
    # the contract's own rules
    "repeated_value",
    "repeated_id",
    "unknown_evidence",
    "other_case",
    # anything else pydantic reports (its English words as the detail)
    "not_valid",
]
PROBLEM_CODES: Final[frozenset[str]] = frozenset(get_args(ProblemCode))

#: The codes the contract's validators raise themselves (``PydanticCustomError``).
CUSTOM_CODES: Final[frozenset[ProblemCode]] = frozenset(
    {
        "null",
        "not_a_time",
        "time_without_offset",
        "not_a_real_time",
        "repeated_value",
        "repeated_id",
        "unknown_evidence",
    }
)

CATALOGUE_PREFIX: Final = "contract.problem."

PATTERN_CODES: Final[dict[str, ProblemCode]] = {
    ID_PATTERN: "pattern.id",
    ACTOR_PATTERN: "pattern.actor",
    SHA256_PATTERN: "pattern.sha256",
    CURRENCY_PATTERN: "pattern.currency",
    USERNAME_PATTERN: "pattern.username",
    MEDIA_TYPE_PATTERN: "pattern.media_type",
    EVENT_PATTERN: "pattern.event",
}

_TYPE_CODES: Final[dict[str, ProblemCode]] = {
    "string_type": "not_text",
    "int_type": "not_integer",
    "int_parsing": "not_integer",
    "int_from_float": "not_integer",
    "float_type": "not_number",
    "float_parsing": "not_number",
    "bool_type": "not_boolean",
    "bool_parsing": "not_boolean",
    "list_type": "not_list",
    "tuple_type": "not_list",
    "dict_type": "not_an_object",
    "model_type": "not_an_object",
    "model_attributes_type": "not_an_object",
    "datetime_type": "not_a_time",
    "datetime_parsing": "not_a_time",
    "datetime_from_date_parsing": "not_a_time",
    "timezone_aware": "time_without_offset",
}

# pydantic spells the allowed values of a Literal as "'a', 'b' or 'c'".
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


@dataclass(frozen=True)
class Problem:
    """One fault: ``where`` (a field path, ``""`` for the whole) and what, as a code and values.

    Values that came from outside (an id, a time as given) are plain strings: they are
    put into the sentence, never used as one.
    """

    where: str
    code: ProblemCode
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, where: str, code: ProblemCode, /, **params: object) -> Problem:
        return cls(where, code, tuple(params.items()))

    @property
    def values(self) -> dict[str, object]:
        return dict(self.params)

    @property
    def what(self) -> Words:
        """What is wrong, without where: ``is required``, ``must be a whole number``…"""
        return Words(CATALOGUE_PREFIX + self.code, self.params)

    def text(self, language: Language | None = None) -> str:
        """``parties[1].id: 'P1' is used by an earlier entry``, in ``language``."""
        if not self.where:
            return self.what.text(language)
        return words("contract.problem_at", where=self.where, what=self.what).text(language)

    def __str__(self) -> str:
        return self.text()


# Sentences about different fields are joined the way each language separates clauses.
_SEPARATORS: Final[dict[Language, str]] = {"en": "; ", "zh-Hans": "；", "zh-Hant": "；"}


def say_problems(
    problems: Iterable[Problem], language: Language | None = None, *, limit: int = 3
) -> str:
    """The first ``limit`` problems in one line, and how many more there are."""
    language = language or current_language()
    every = list(problems)
    said = [problem.text(language) for problem in every[:limit]]
    if len(every) > limit:
        said.append(words("contract.more_problems", count=len(every) - limit).text(language))
    return _SEPARATORS[language].join(said)


@dataclass(frozen=True)
class ProblemList:
    """Problems said together (:func:`say_problems`), as one value of a sentence."""

    items: tuple[Problem, ...]
    limit: int = 3

    def text(self, language: Language | None = None) -> str:
        return say_problems(self.items, language, limit=self.limit)

    def __str__(self) -> str:
        return self.text()


def rule_broken(code: ProblemCode, english: str, /, **context: object) -> PydanticCustomError:
    """The error a contract validator raises: its code, its English (what pydantic itself
    prints) and its values; ``at`` names a field below the one validated."""
    assert code in CUSTOM_CODES, code
    return PydanticCustomError(code, english, context)


def problems_from(error: ValidationError, *, tagged_union: bool = False) -> tuple[Problem, ...]:
    """Each error pydantic found, as a :class:`Problem` (in pydantic's order).

    ``tagged_union``: the data was validated against a union told apart by a tag (an
    action's ``type``), and pydantic puts the tag first in every location; it is left out.
    """
    return tuple(_problem(detail, tagged_union) for detail in error.errors(include_url=False))


def field_path(loc: Iterable[int | str]) -> str:
    """``("parties", 1, "contact", "phone")`` → ``parties[1].contact.phone``."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            # Python names for JSON properties that are keywords ("from_", "schema_").
            name = part[:-1] if part in ("from_", "schema_") else part
            text += ("." if text else "") + name
    return text


def _problem(detail: ErrorDetails, tagged_union: bool) -> Problem:
    kind = detail["type"]
    ctx: Mapping[str, Any] = detail.get("ctx") or {}
    loc = tuple(detail["loc"])
    if tagged_union and loc and isinstance(loc[0], str) and not kind.startswith("union_tag"):
        loc = loc[1:]
    where = field_path(loc)

    if kind in CUSTOM_CODES:
        values = tuple((name, value) for name, value in ctx.items() if name != "at")
        return Problem(_below(where, str(ctx.get("at", ""))), kind, values)
    if kind == "extra_forbidden":
        return Problem.of(where, "unknown_field")
    if kind == "missing":
        return Problem.of(where, "missing")
    if kind in _TYPE_CODES:
        return Problem.of(where, _TYPE_CODES[kind])
    if kind == "literal_error":
        allowed = _quoted_values(str(ctx.get("expected", "")))
        if len(allowed) == 1:
            return Problem.of(where, "not_expected", expected=allowed[0])
        return Problem.of(where, "not_one_of", allowed=allowed)
    if kind == "union_tag_invalid":
        tag = _tag_name(ctx)
        allowed = _quoted_values(str(ctx.get("expected_tags", "")))
        return Problem.of(_below(where, tag), "unknown_action_type", allowed=allowed)
    if kind == "union_tag_not_found":
        tag = _tag_name(ctx)
        return Problem.of(_below(where, tag), "missing")
    if kind == "string_pattern_mismatch":
        return Problem.of(where, PATTERN_CODES.get(str(ctx.get("pattern")), "pattern.other"))
    if kind in ("string_too_short", "too_short"):
        limit = ctx.get("min_length", 1)
        if limit == 1:
            return Problem.of(where, "empty")
        code: ProblemCode = "text_too_short" if kind == "string_too_short" else "too_few_items"
        return Problem.of(where, code, limit=limit)
    if kind in ("string_too_long", "too_long"):
        code = "text_too_long" if kind == "string_too_long" else "too_many_items"
        return Problem.of(where, code, limit=ctx.get("max_length"))
    if kind == "greater_than_equal":
        if ctx.get("ge") == 0:
            return Problem.of(where, "negative")
        return Problem.of(where, "too_small", limit=ctx.get("ge"))
    if kind == "greater_than":
        return Problem.of(where, "not_above", limit=ctx.get("gt"))
    if kind == "less_than_equal":
        return Problem.of(where, "too_large", limit=ctx.get("le"))
    if kind == "less_than":
        return Problem.of(where, "not_below", limit=ctx.get("lt"))
    if kind == "json_invalid":
        return Problem.of(where, "not_json", detail=str(ctx.get("error", detail["msg"])))
    if kind in ("value_error", "assertion_error"):
        return Problem.of(where, "not_valid", detail=str(ctx.get("error", detail["msg"])))
    return Problem.of(where, "not_valid", detail=detail["msg"])


def _below(where: str, tail: str) -> str:
    """The path ``tail`` (``compare_with``, ``[2].id``) under ``where``."""
    if not where or not tail:
        return where or tail
    return where + tail if tail.startswith("[") else f"{where}.{tail}"


def _tag_name(ctx: Mapping[str, Any]) -> str:
    return (_quoted_values(str(ctx.get("discriminator", ""))) or ("type",))[0]


def _quoted_values(expected: str) -> tuple[str, ...]:
    """``"'a', 'b' or 'c'"`` → ``("a", "b", "c")``; an unquoted value (``1``) as it is."""
    found = tuple(_QUOTED.findall(expected))
    return found or ((expected,) if expected else ())


__all__ = [
    "CUSTOM_CODES",
    "PATTERN_CODES",
    "PROBLEM_CODES",
    "Problem",
    "ProblemCode",
    "ProblemList",
    "field_path",
    "problems_from",
    "rule_broken",
    "say_problems",
]
