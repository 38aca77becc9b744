"""Case search that works for two-character Chinese terms.

Most Chinese search terms are two characters (羊毛, 退款), and FTS5's trigram tokenizer
finds nothing shorter than three. So the desk tokenizes text itself: every run of CJK
characters becomes its overlapping bigrams plus the run's last character; every run of
letters or digits becomes one lower-case word. A two-character term is then one exact
token, a longer one a phrase of adjacent bigrams, a single character a prefix match.

The tokens are stored space-separated in ``case_search.tokens`` and indexed by FTS5 on
SQLite, and by a GIN index over the token array on PostgreSQL.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    String,
    Text,
    and_,
    cast,
    column,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import array
from sqlalchemy.sql import Select
from sqlalchemy.sql.selectable import TextualSelect


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3400 <= code <= 0x9FFF  # CJK unified ideographs and extension A
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0x20000 <= code <= 0x3FFFF  # extensions B and later
        or 0x3040 <= code <= 0x30FF  # kana
        or 0xAC00 <= code <= 0xD7AF  # hangul
    )


@dataclass(frozen=True)
class _Run:
    text: str
    cjk: bool


def _runs(value: str) -> list[_Run]:
    runs: list[_Run] = []
    current: list[str] = []
    current_cjk = False
    for char in unicodedata.normalize("NFKC", value).casefold():
        cjk = _is_cjk(char)
        word = cjk or char.isalnum()
        if not word or (current and cjk != current_cjk):
            if current:
                runs.append(_Run("".join(current), current_cjk))
            current = []
        if word:
            current.append(char)
            current_cjk = cjk
    if current:
        runs.append(_Run("".join(current), current_cjk))
    return runs


def _run_tokens(run: _Run) -> list[str]:
    if not run.cjk:
        return [run.text]
    if len(run.text) == 1:
        return [run.text]
    bigrams = [run.text[i : i + 2] for i in range(len(run.text) - 1)]
    return [*bigrams, run.text[-1]]


def search_tokens(texts: Iterable[str | None]) -> str:
    """The token string stored for a case, from all of its searchable texts."""
    tokens: list[str] = []
    for value in texts:
        if value:
            for run in _runs(value):
                tokens.extend(_run_tokens(run))
    return " ".join(tokens)


@dataclass(frozen=True)
class _Phrase:
    tokens: tuple[str, ...]
    prefix: bool  # the last token may be the start of a longer token


def _query_phrases(term: str) -> list[_Phrase]:
    """Each space-separated part of the search box becomes one phrase; all must match."""
    phrases: list[_Phrase] = []
    for part in term.split():
        runs = _runs(part)
        if not runs:
            continue
        tokens: list[str] = []
        prefix = False
        for index, run in enumerate(runs):
            last = index == len(runs) - 1
            if run.cjk and len(run.text) >= 2:
                tokens.extend(run.text[i : i + 2] for i in range(len(run.text) - 1))
            else:
                tokens.append(run.text)
                # A lone character or the word being typed may be the start of a token.
                prefix = last and (not run.cjk or len(run.text) == 1)
        phrases.append(_Phrase(tuple(tokens), prefix))
    return phrases


def _fts5_query(phrases: list[_Phrase]) -> str:
    parts = []
    for phrase in phrases:
        quoted = '"' + " ".join(phrase.tokens) + '"'
        parts.append(quoted + ("*" if phrase.prefix else ""))
    return " AND ".join(parts)


def matching_case_ids(dialect: str, term: str) -> Select[Any] | TextualSelect | None:
    """A query for the ids of cases matching ``term`` (for ``Case.id.in_(...)``).

    None when the term holds no letters, digits or CJK characters.
    """
    phrases = _query_phrases(term)
    if not phrases:
        return None
    if dialect == "sqlite":
        return (
            text(
                "SELECT case_search.case_id FROM case_search_index "
                "JOIN case_search ON case_search.rowid = case_search_index.rowid "
                "WHERE case_search_index MATCH :query"
            )
            .bindparams(query=_fts5_query(phrases))
            .columns(column("case_id", String))
        )
    return _postgres_query(phrases)


def _postgres_query(phrases: list[_Phrase]) -> Select[Any]:
    from app.store.models import CaseSearch

    conditions: list[ColumnElement[bool]] = []
    padded = func.concat(" ", CaseSearch.tokens, " ")
    for phrase in phrases:
        whole = list(phrase.tokens[:-1] if phrase.prefix else phrase.tokens)
        if whole:
            conditions.append(
                # The literal delimiter makes this the indexed expression (see migration).
                func.string_to_array(CaseSearch.tokens, literal_column("' '")).op("@>")(
                    cast(array(whole), ARRAY(Text))
                )
            )
        pattern = " " + " ".join(_escape_like(token) for token in phrase.tokens)
        pattern += "%" if phrase.prefix else " "
        conditions.append(padded.like(f"%{pattern}%", escape="\\"))
    query: Select[Any] = select(CaseSearch.case_id).where(and_(*conditions))
    return query


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
