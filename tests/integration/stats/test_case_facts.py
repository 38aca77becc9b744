"""What the statistics derive from a case document when it is written: where the buyer
lives, and when the case finished — and migration 0006 deriving both for the cases a
store already held."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from app.contract.case_document import parse_case_document
from app.desk import Desk
from app.services.record_check import verify_records
from app.stats.case_facts import day_number, day_of, finished_at
from app.stats.places import NOWHERE, Place, place_of
from app.store import models as m
from app.store.db import alembic_config, upgrade
from tests.integration.stats.known_cases import CASES, import_known_cases
from tests.support.bundles import read_example
from tests.support.fixtures import CHINA


@pytest.mark.parametrize(
    ("address", "place"),
    [
        ("浙江省杭州市西湖区文三路158号2幢301室", Place("浙江省", "杭州市")),
        ("浙江杭州余杭区文一西路1号", Place("浙江省", "杭州市")),  # short names
        ("深圳市福田区福华路1号", Place("广东省", "深圳市")),  # no province
        ("廣東省廣州市天河區體育西路1號", Place("广东省", "广州市")),  # Traditional
        ("北京市朝阳区建国路1号", Place("北京市", "北京市")),  # a municipality
        ("上海浦东新区世纪大道1号", Place("上海市", "上海市")),
        ("中国重庆市渝中区解放碑", Place("重庆市", "重庆市")),  # the country first
        ("广西南宁市青秀区民族大道", Place("广西壮族自治区", "南宁市")),
        ("新疆维吾尔自治区乌鲁木齐市天山区", Place("新疆维吾尔自治区", "乌鲁木齐市")),
        ("海南省琼海市嘉积镇", Place("海南省", "琼海市")),  # directly administered
        ("吉林市船营区", Place("吉林省", "吉林市")),  # the city, not the province 吉林
        ("吉林省长春市朝阳区", Place("吉林省", "长春市")),
        ("广东省南山区科技园", Place("广东省", "深圳市")),  # the city of its district
        ("广东省某某路1号", Place("广东省", None)),
        ("香港九龍旺角彌敦道12號3樓A室", Place("香港特别行政区", "香港特别行政区")),
        ("澳门氹仔", Place("澳门特别行政区", "澳门特别行政区")),
        ("臺北市大安區忠孝東路四段12號3樓", Place("台湾省", "台北市")),
        ("12 Baker Street, London NW1 6XE", NOWHERE),
        ("自提点：花园小区快递柜", NOWHERE),
        ("", NOWHERE),
        (None, NOWHERE),
    ],
)
def test_the_province_and_city_are_read_from_the_start_of_the_address(
    address: str | None, place: Place
) -> None:
    assert place_of(address) == place


def _document(status: str, history: list[tuple[str, str]], decided: str | None = None):  # type: ignore[no-untyped-def]
    raw, _files = read_example()
    raw["case"]["status"] = status
    raw["history"] = [
        {"at": f"2026-10-{day}T10:00:00+08:00", "actor": "platform", "event": event}
        for day, event in history
    ]
    if decided is not None:
        raw["decision"] = {
            "id": "DEC-1",
            "kind": "ruling",
            "decided_at": f"2026-10-{decided}T10:00:00+08:00",
            "outcome": "buyer_favour",
        }
    import json

    return parse_case_document(json.dumps(raw))


def _day(day: str) -> datetime:
    return datetime(2026, 10, int(day), 10, 0, tzinfo=CHINA)


def test_a_case_in_progress_has_not_finished() -> None:
    assert finished_at(_document("in_mediation", [("10", "case.settled")])) is None


def test_a_case_finishes_at_its_first_settlement_decision_or_close() -> None:
    document = _document("closed", [("10", "case.settled"), ("14", "case.closed")], decided="12")
    assert finished_at(document) == _day("10")


def test_a_reopened_case_finishes_when_it_is_finished_again() -> None:
    history = [("10", "case.closed"), ("11", "case.reopened"), ("15", "case.closed")]
    assert finished_at(_document("closed", history, decided="10")) == _day("15")
    appealed = [("11", "case.appealed"), ("16", "decision.upheld_on_appeal")]
    assert finished_at(_document("resolved", appealed, decided="10")) == _day("16")


def test_a_finished_case_without_a_finishing_event_takes_its_last_event() -> None:
    history = [("10", "case.opened"), ("12", "case.status_changed")]
    assert finished_at(_document("closed", history)) == _day("12")


def test_migration_0006_derives_the_columns_for_the_cases_a_store_held(
    tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    desk = Desk.open(tmp_path / "home", clock=clock)
    try:
        import_known_cases(desk, tmp_path)
        columns = (
            m.Case.id,
            m.Case.finished_at,
            m.Case.buyer_province,
            m.Case.buyer_city,
            m.Case.merchant_shop_id,
        )
        with desk.unit_of_work(read_only=True) as uow:
            written = set(uow.session.execute(select(*columns)).all())
        command.downgrade(alembic_config(desk.database), "0005")
        upgrade(desk.database)
        with desk.unit_of_work(read_only=True) as uow:
            assert set(uow.session.execute(select(*columns)).all()) == written
            assert len(written) == len(CASES)
            assert ("DSP-2026-TB", "浙江省", "杭州市") in {(i, p, c) for i, _f, p, c, _s in written}
            report = verify_records(uow)
        assert report.problems == ()
    finally:
        desk.close()


def test_migration_0008_derives_the_day_numbers_and_decision_facts_a_store_held(
    tmp_path: Path, clock
) -> None:  # type: ignore[no-untyped-def]
    desk = Desk.open(tmp_path / "home", clock=clock)
    try:
        import_known_cases(desk, tmp_path)
        columns = (
            m.Case.id,
            m.Case.opened_day,
            m.Case.finished_day,
            m.Case.decision_kind,
            m.Case.decision_outcome,
            m.Case.sanctions_imposed,
        )
        with desk.unit_of_work(read_only=True) as uow:
            written = set(uow.session.execute(select(*columns)).all())
        command.downgrade(alembic_config(desk.database), "0006")
        upgrade(desk.database)
        with desk.unit_of_work(read_only=True) as uow:
            assert set(uow.session.execute(select(*columns)).all()) == written
            report = verify_records(uow)
        assert report.problems == ()
        assert len(written) == len(CASES)
        # Known answers: a case opened and finished on known China days, with a decision.
        by_id = {row[0]: row[1:] for row in written}
        assert all(opened is not None for opened, *_ in by_id.values())
        assert any(
            kind is not None and sanctions is not None for *_, kind, _o, sanctions in by_id.values()
        )
    finally:
        desk.close()


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (datetime(1970, 1, 1, 0, 0, tzinfo=CHINA), 0),
        (datetime(1970, 1, 1, 23, 59, tzinfo=CHINA), 0),
        # 16:00 UTC is midnight in China: the next day there.
        (
            datetime(2026, 11, 21, 16, 0, tzinfo=UTC),
            day_number(datetime(2026, 11, 22, tzinfo=CHINA)),
        ),
        (
            datetime(2026, 11, 21, 15, 59, tzinfo=UTC),
            day_number(datetime(2026, 11, 21, tzinfo=CHINA)),
        ),
    ],
)
def test_a_day_number_is_the_day_in_china(moment: datetime, day: int) -> None:
    assert day_number(moment) == day
    assert day_of(day) == moment.astimezone(CHINA).date()
