"""Every figure against the hand-built cases of ``known_cases.py``, on SQLite and
PostgreSQL; each answer below is worked out by hand from the cases' specs."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.desk import Desk
from app.errors import ValidationError
from app.services.queue import QueueQuery, count, fetch_page
from app.services.statistics import compute_statistics
from app.stats.figures import Appeals, Award, Count, Headline, MediatorFigures, Statistics
from app.stats.scope import StatsScope
from app.stats.selection import CaseSelection
from tests.integration.stats.conftest import NOW
from tests.integration.stats.known_cases import CASES, PERIOD
from tests.support.fixtures import CHINA


def _stats(desk: Desk, scope: StatsScope = PERIOD) -> Statistics:
    with desk.unit_of_work(read_only=True) as uow:
        return compute_statistics(uow, scope, NOW)


def _counts(counts: tuple[Count, ...]) -> dict[str | None, int]:
    return {c.key: c.count for c in counts if c.count}


def _cases(desk: Desk, selection: CaseSelection) -> set[str]:
    """The case letters the queue shows for a figure's selection."""
    with desk.unit_of_work(read_only=True) as uow:
        page = fetch_page(uow, QueueQuery(cases=selection), NOW, limit=100)
        assert count(uow, QueueQuery(cases=selection), NOW) == len(page.cases)
    return {case.id.removeprefix("DSP-2026-T") for case in page.cases}


def test_the_headline_counts_opened_closed_open_overdue_and_due_soon(known_desk: Desk) -> None:
    stats = _stats(known_desk)
    # Opened 1 Sep – 22 Nov: all but J (31 Aug, 23:30 China time) and K (not in the queue);
    # N counts: 1 Sep 00:10 China time, though still 31 Aug in UTC.
    # Closed: A B C E F J M O. Open now: D G H I L N. Overdue: G (17 Nov), N (21 Nov).
    # Due by Tue 24 Nov 18:00 (two working days after Sunday): D (Mon 10:00), H (Tue 18:00);
    # I (Wed) is not, and neither is K, overdue but out of the queue.
    # Suspected malicious, opened in the period: E, I (J too, but opened before it).
    # Reopened during the period: C, M, N (appeals), D, E (reopened).
    assert stats.headline == Headline(
        opened=13, closed=8, open_now=6, overdue=2, due_soon=2, malicious=2, reopened=5
    )
    assert stats.due_soon_until == datetime(2026, 11, 24, 18, 0, tzinfo=CHINA)


def test_cases_opened_are_broken_down_by_category_reason_status_and_channel(
    known_desk: Desk,
) -> None:
    stats = _stats(known_desk)
    assert _counts(stats.by_category) == {
        "quality": 3,  # A B G
        "logistics": 3,  # C H M
        "after_sales": 2,  # D E
        "price_promotion": 1,  # F
        "service": 2,  # I O
        "payment": 1,  # L
        "fraud": 1,  # N
    }
    assert [c.key for c in stats.by_category][:8] == [
        "quality",
        "logistics",
        "after_sales",
        "price_promotion",
        "service",
        "payment",
        "fraud",
        "other",
    ]
    assert _counts(stats.by_reason)["late_delivery"] == 2  # H M
    assert sum(c.count for c in stats.by_reason) == 13
    assert _counts(stats.by_status) == {
        "open": 2,  # H L
        "awaiting_merchant": 1,  # I
        "in_mediation": 2,  # D G
        "under_review": 1,  # N
        "resolved": 4,  # B C M O
        "closed": 2,  # A E
        "withdrawn": 1,  # F
    }
    assert _counts(stats.by_channel) == {"app": 10, "web": 1, "hotline": 1, "email": 1}


def test_buyers_are_counted_by_province_and_city_from_their_addresses(known_desk: Desk) -> None:
    stats = _stats(known_desk)
    assert _counts(stats.by_province) == {
        "浙江省": 4,  # A (浙江省杭州市…), B (浙江杭州…), G (宁波), M
        "广东省": 3,  # C (深圳), E (廣東省廣州市…, in Traditional), F (深圳市… without province)
        "香港特别行政区": 2,  # I (香港九龍…), O (香港新界…)
        "北京市": 1,
        "上海市": 1,
        "四川省": 1,
        None: 1,  # L: an address in London
    }
    cities = {(c.parent, c.key): c.count for c in stats.by_city}
    assert cities == {
        ("浙江省", "杭州市"): 3,
        ("广东省", "深圳市"): 2,
        ("香港特别行政区", "香港特别行政区"): 2,
        ("浙江省", "宁波市"): 1,
        ("广东省", "广州市"): 1,
        ("北京市", "北京市"): 1,
        ("上海市", "上海市"): 1,
        ("四川省", "成都市"): 1,
        (None, None): 1,
    }
    assert stats.by_city[0].key == "杭州市"
    assert stats.by_city[-1].key is None  # "not recognised" comes last


def test_handling_time_counts_working_days_across_holidays_and_make_up_days(
    known_desk: Desk,
) -> None:
    stats = _stats(known_desk)
    handling = {h.category: (h.cases, h.median, h.p90) for h in stats.handling}
    # Days (see known_cases.py): A 6, B 3, C 14, E 6, F 1, J 3, M 8, O 2.
    # All: 1 2 3 3 6 6 8 14 → median (3 + 6) / 2 = 4.5; p90 at rank 7.3: 8 + 0.3 × 6 = 9.8.
    assert handling[None] == (8, 4.5, pytest.approx(9.8))
    # Quality: 3 3 6 → median 3; p90 at rank 2.8: 3 + 0.8 × 3 = 5.4.
    assert handling["quality"] == (3, 3.0, pytest.approx(5.4))
    # Logistics: 8 14 → median 11; p90 at rank 1.9: 8 + 0.9 × 6 = 13.4.
    assert handling["logistics"] == (2, 11.0, pytest.approx(13.4))
    assert handling["after_sales"] == (1, 6.0, 6.0)
    assert handling["price_promotion"] == (1, 1.0, 1.0)
    assert handling["service"] == (1, 2.0, 2.0)
    assert set(handling) == {
        None,
        "quality",
        "logistics",
        "after_sales",
        "price_promotion",
        "service",
    }
    assert stats.handling[0].category is None
    assert stats.uncertain_years == ()


def test_settlement_rate_outcomes_and_appeals(known_desk: Desk) -> None:
    stats = _stats(known_desk)
    endings = _counts(stats.endings.counts)
    # Settled A O; ruled B C J M; dismissed E; withdrawn F.
    assert endings == {"settlement": 2, "ruling": 4, "dismissal": 1, "withdrawn": 1}
    assert (stats.endings.settled, stats.endings.decided) == (2, 7)
    assert stats.endings.settlement_rate == pytest.approx(2 / 7)
    # Rulings and dismissals: B and C for the buyer (C after its appeal), M for the
    # merchant (upheld on appeal), J partly, E dismissed.
    assert _counts(stats.outcomes) == {
        "buyer_favour": 2,
        "merchant_favour": 1,
        "partial": 1,
        "dismissed": 1,
    }
    # Appealed: C (changed) and M (upheld); N's appeal is pending, under review.
    assert stats.appeals == Appeals(
        rulings=5, appealed=2, changed=1, pending=1, appeal_rate=0.4, changed_rate=0.5
    )


def test_amounts_awarded_are_totalled_per_currency_and_kind(known_desk: Desk) -> None:
    stats = _stats(known_desk)
    assert stats.awards == (
        Award("CNY", "settlement", cases=1, total=50000),  # A
        Award("CNY", "ruling", cases=3, total=52000),  # B 12000 + 2000, C 30000, J 8000
        Award("HKD", "settlement", cases=1, total=20000),  # O
    )


def test_merchants_with_the_most_disputes_and_sanctions(known_desk: Desk) -> None:
    stats = _stats(known_desk)
    top = [
        (f.key, f.name, f.disputes, f.open_now, f.sanctioned_cases, f.sanctions)
        for f in stats.top_merchants
    ]
    assert top == [
        ("S-1", "暖冬服饰旗舰店", 5, 3, 1, 2),  # A B G H N; B: warning + fine
        ("S-3", "好家居生活馆", 4, 1, 0, 0),  # E F I O
        ("S-2", "极速物流优选店", 3, 1, 2, 2),  # C D M; C delisting, J warning
        ("个人卖家小王", "个人卖家小王", 1, 1, 0, 0),  # L, a merchant without a shop
    ]
    assert [(f.key, f.sanctions) for f in stats.most_sanctioned] == [("S-1", 2), ("S-2", 2)]


def test_each_mediators_open_overdue_due_soon_and_closed_cases(known_desk: Desk) -> None:
    stats = _stats(known_desk)
    assert stats.mediators == (
        MediatorFigures("mediator1", open_now=2, overdue=0, due_soon=2, closed=4),  # D H; A B C J
        MediatorFigures("mediator2", open_now=2, overdue=2, due_soon=0, closed=4),  # G N; E F M O
        MediatorFigures(None, open_now=2, overdue=0, due_soon=0, closed=0),  # I L
    )


def test_cases_opened_over_time_are_counted_per_week_and_category(known_desk: Desk) -> None:
    stats = _stats(known_desk)
    assert stats.bucket == "week"  # 83 days
    weeks = {(o.first_day.isoformat(), o.category): o.count for o in stats.opened_over_time}
    assert weeks == {
        ("2026-08-31", "fraud"): 1,  # N, 1 Sep
        ("2026-09-28", "quality"): 1,  # A
        ("2026-10-05", "logistics"): 1,  # C
        ("2026-10-12", "after_sales"): 1,  # D
        ("2026-10-19", "quality"): 1,  # B
        ("2026-10-26", "logistics"): 1,  # M
        ("2026-11-02", "after_sales"): 1,  # E
        ("2026-11-02", "quality"): 1,  # G
        ("2026-11-09", "service"): 1,  # O
        ("2026-11-16", "price_promotion"): 1,  # F
        ("2026-11-16", "logistics"): 1,  # H
        ("2026-11-16", "service"): 1,  # I
        ("2026-11-16", "payment"): 1,  # L
    }
    daily = _stats(known_desk, StatsScope(date(2026, 11, 16), date(2026, 11, 22)))
    assert daily.bucket == "day"
    assert [(o.first_day.day, o.category) for o in daily.opened_over_time] == [
        (16, "price_promotion"),
        (18, "logistics"),
        (19, "service"),
        (20, "payment"),
    ]


def test_a_category_or_a_mediator_narrows_every_figure(known_desk: Desk) -> None:
    quality = _stats(known_desk, StatsScope(PERIOD.first_day, PERIOD.last_day, category="quality"))
    # A B G opened; A B J closed; G open and overdue.
    assert quality.headline == Headline(
        opened=3, closed=3, open_now=1, overdue=1, due_soon=0, malicious=0, reopened=0
    )
    assert [(h.category, h.cases) for h in quality.handling] == [(None, 3), ("quality", 3)]
    mediator2 = _stats(
        known_desk, StatsScope(PERIOD.first_day, PERIOD.last_day, mediator="mediator2")
    )
    # E F G M N O opened; E F M O closed; G N open, both overdue.
    assert mediator2.headline == Headline(
        opened=6, closed=4, open_now=2, overdue=2, due_soon=0, malicious=1, reopened=3
    )
    assert [m.mediator for m in mediator2.mediators] == ["mediator2"]


def test_without_a_period_every_case_in_the_queue_counts(known_desk: Desk) -> None:
    stats = _stats(known_desk, StatsScope())
    assert stats.headline.opened == 14  # J too; never K
    assert stats.headline.malicious == 3  # E I J
    assert stats.bucket == "week"  # 31 Aug – 22 Nov: 84 days


# -- clicking a figure: the queue shows exactly the cases it counts ------------------------


def _figures(stats: Statistics) -> list[tuple[CaseSelection, int]]:
    """Every bar of every figure, with the number it shows."""
    h = stats.headline
    found = [
        (stats.selection("opened"), h.opened),
        (stats.selection("closed"), h.closed),
        (stats.selection("open_now"), h.open_now),
        (stats.selection("overdue"), h.overdue),
        (stats.selection("due_soon"), h.due_soon),
        (stats.selection("malicious"), h.malicious),
        (stats.selection("reopened"), h.reopened),
        (stats.selection("rulings"), stats.appeals.rulings),
        (stats.selection("appealed"), stats.appeals.appealed),
        (stats.selection("changed_on_appeal"), stats.appeals.changed),
        (stats.selection("appeal_pending"), stats.appeals.pending),
    ]
    for figure, counts in (
        ("category", stats.by_category),
        ("reason", stats.by_reason),
        ("status", stats.by_status),
        ("channel", stats.by_channel),
        ("province", stats.by_province),
        ("ending", stats.endings.counts),
        ("outcome", stats.outcomes),
    ):
        found += [(stats.selection(figure, c.key), c.count) for c in counts]
    found += [(stats.selection("city", c.parent, c.key), c.count) for c in stats.by_city]
    found += [
        (
            stats.selection(
                "opened_in", o.first_day.isoformat(), o.last_day.isoformat(), o.category
            ),
            o.count,
        )
        for o in stats.opened_over_time
    ]
    found += [(stats.selection("handling", h.category), h.cases) for h in stats.handling]
    found += [(stats.selection("award", a.currency, a.kind), a.cases) for a in stats.awards]
    for merchant in stats.top_merchants:
        found.append((stats.selection("merchant", merchant.key), merchant.disputes))
    for merchant in stats.most_sanctioned:
        found.append(
            (stats.selection("merchant_sanctioned", merchant.key), merchant.sanctioned_cases)
        )
    for mediator in stats.mediators:
        found += [
            (stats.selection("mediator_open", mediator.mediator), mediator.open_now),
            (stats.selection("mediator_overdue", mediator.mediator), mediator.overdue),
            (stats.selection("mediator_due_soon", mediator.mediator), mediator.due_soon),
            (stats.selection("mediator_closed", mediator.mediator), mediator.closed),
        ]
    return found


@pytest.mark.parametrize(
    "scope",
    [PERIOD, StatsScope(), StatsScope(PERIOD.first_day, PERIOD.last_day, category="quality")],
    ids=["period", "all-time", "quality"],
)
def test_every_bar_filters_the_queue_to_exactly_the_cases_it_counts(
    known_desk: Desk, scope: StatsScope
) -> None:
    stats = _stats(known_desk, scope)
    figures = _figures(stats)
    assert len(figures) > 60
    for selection, shown in figures:
        assert len(_cases(known_desk, selection)) == shown, selection


def test_a_bar_names_its_cases(known_desk: Desk) -> None:
    stats = _stats(known_desk)
    assert _cases(known_desk, stats.selection("overdue")) == {"G", "N"}
    assert _cases(known_desk, stats.selection("due_soon")) == {"D", "H"}
    assert _cases(known_desk, stats.selection("changed_on_appeal")) == {"C"}
    assert _cases(known_desk, stats.selection("city", "广东省", "深圳市")) == {"C", "F"}
    assert _cases(known_desk, stats.selection("merchant", "S-2")) == {"C", "D", "M"}
    assert _cases(known_desk, stats.selection("handling", "logistics")) == {"C", "M"}
    assert _cases(known_desk, stats.selection("mediator_open", None)) == {"I", "L"}
    # The queue's own filters still apply on top.
    with known_desk.unit_of_work(read_only=True) as uow:
        query = QueueQuery(cases=stats.selection("opened"), status="resolved")
        assert {c.id[-1] for c in fetch_page(uow, query, NOW).cases} == {"B", "C", "M", "O"}


def test_a_figure_that_does_not_exist_is_refused(known_desk: Desk) -> None:
    stats = _stats(known_desk)
    with pytest.raises(ValidationError), known_desk.unit_of_work(read_only=True) as uow:
        fetch_page(uow, QueueQuery(cases=stats.selection("happiness")), NOW)


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        StatsScope(date(2026, 11, 2), date(2026, 11, 1))
    assert "2026-11-01" in raised.value.text("en")


def test_the_known_cases_are_all_there(known_desk: Desk) -> None:
    assert len(CASES) == 15
    with known_desk.unit_of_work(read_only=True) as uow:
        assert count(uow, QueueQuery(include_removed=True), NOW) == 15
