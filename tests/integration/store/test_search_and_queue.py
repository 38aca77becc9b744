"""Searching and paging the queue, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.contract.case_document import parse_case_document
from app.desk import Desk
from app.errors import ValidationError
from app.services.queue import QueueQuery, count, fetch_page
from app.store.case_writer import write_case
from app.store.search import search_tokens
from tests.support.bundles import read_example

TITLES = [
    "宣传100%纯羊毛，实际为混纺",
    "优惠券未生效，多付了30元",
    "快递丢失，商家拒绝退款",
    "羊毛衫起球严重",
    "Headphones never arrived",
    "退貨被拒，商家不回覆",
]


def _store_cases(desk: Desk, count: int = len(TITLES)) -> None:
    document, _ = read_example()
    # Only the title differs between the cases, so only the title decides a match.
    document["case"]["description"] = "-"
    document["case"]["claim"]["text"] = "-"
    document["order"]["items"][0]["title"] = "-"
    start = datetime(2026, 11, 1, tzinfo=UTC)
    with desk.unit_of_work() as uow:
        for index in range(count):
            document["case"]["id"] = f"DSP-2026-{index:06d}"
            document["case"]["title"] = TITLES[index % len(TITLES)]
            document["case"]["due_at"] = (start + timedelta(hours=index % 7)).isoformat()
            document["case"]["status"] = ["open", "in_mediation"][index % 2]
            raw = json.dumps(document, ensure_ascii=False).encode()
            write_case(
                uow.session,
                parse_case_document(raw),
                raw,
                source="bundle",
                received_at=start,
                stored_files=set(),
                replace=False,
            )
        uow.commit()


def _search(desk: Desk, term: str) -> set[str]:
    with desk.unit_of_work(read_only=True) as uow:
        page = fetch_page(uow, QueueQuery(search=term), limit=1000)
    return {case.title for case in page.cases}


@pytest.mark.parametrize(
    ("term", "titles"),
    [
        ("羊毛", {TITLES[0], TITLES[3]}),  # two characters: the common case
        ("纯羊毛", {TITLES[0]}),  # three or more: a phrase of bigrams
        ("羊", {TITLES[0], TITLES[3]}),  # one character
        ("毛", {TITLES[0], TITLES[3]}),
        ("退款", {TITLES[2]}),
        ("退貨", {TITLES[5]}),  # Traditional characters
        ("羊毛 起球", {TITLES[3]}),  # every part must match
        ("毛混", set()),  # characters not adjacent in any title
        ("headphone", {TITLES[4]}),  # an English word being typed
        ("HEADPHONES", {TITLES[4]}),
        ("DSP-2026-000004", {TITLES[4]}),
    ],
)
def test_search_finds_short_chinese_terms_and_words(
    any_desk: Desk, term: str, titles: set[str]
) -> None:
    _store_cases(any_desk)
    assert _search(any_desk, term) == titles


def test_search_input_with_query_syntax_is_just_text(any_desk: Desk) -> None:
    _store_cases(any_desk)
    for term in ['"羊毛', "羊毛*", "NOT 羊毛", "羊毛 OR", "a%_\\", "'; DROP TABLE cases; --"]:
        _search(any_desk, term)  # must neither fail nor inject
    assert _search(any_desk, '"羊毛"') == {TITLES[0], TITLES[3]}
    assert _search(any_desk, "羊毛%") == {TITLES[0], TITLES[3]}
    with pytest.raises(ValidationError, match="Type letters, digits or Chinese characters"):
        _search(any_desk, "( * )")
    with any_desk.unit_of_work(read_only=True) as uow:
        assert count(uow, QueueQuery()) == len(TITLES)


def test_the_queue_pages_by_key_in_due_order_without_gaps_or_repeats(any_desk: Desk) -> None:
    _store_cases(any_desk, 40)
    seen: list[str] = []
    after = None
    with any_desk.unit_of_work(read_only=True) as uow:
        while True:
            page = fetch_page(uow, QueueQuery(), limit=7, after=after)
            seen += [case.id for case in page.cases]
            if page.after is None:
                break
            after = page.after
        everything = fetch_page(uow, QueueQuery(), limit=100).cases
        assert count(uow, QueueQuery(status="open")) == 20
    assert seen == [case.id for case in everything]
    assert len(set(seen)) == 40
    due = [case.due_at for case in everything]
    assert due == sorted(due)


def test_tokens_cover_bigrams_and_the_last_character() -> None:
    assert search_tokens(["纯羊毛"]) == "纯羊 羊毛 毛"
    assert search_tokens(["HP-200耳机"]) == "hp 200 耳机 机"


def test_search_and_filters_combine(any_desk: Desk, tmp_path: Path) -> None:
    _store_cases(any_desk, 12)
    with any_desk.unit_of_work(read_only=True) as uow:
        page = fetch_page(uow, QueueQuery(search="羊毛", status="in_mediation"), limit=100)
    assert {case.id for case in page.cases} == {"DSP-2026-000003", "DSP-2026-000009"}
