"""Fifteen hand-built cases whose every figure is worked out by hand (in the comments
below and in ``test_figures.py``), imported through the real bundle importer.

The period is 1 September – 22 November 2026 and "now" is Sunday 22 November 2026,
09:00 China time (the shared ``clock`` fixture). The 2026 calendar matters: Mid-autumn
25–27 September and National Day 1–7 October are days off, Sunday 20 September and
Saturday 10 October are make-up working days.

Handling times (working days after intake up to and including the day the case finished):

=====  ============  ==========================  ====  ==========================================
case   category      intake → finished           days  how
=====  ============  ==========================  ====  ==========================================
A      quality       Mon 28 Sep → Mon 12 Oct     6     29, 30 Sep; 8, 9, 10 (make-up Sat), 12 Oct
B      quality       Tue 20 Oct → Fri 23 Oct     3     21, 22, 23
C      logistics     Thu 8 Oct → Tue 27 Oct      14    9, 10 (Sat), 12–16, 19–23, 26, 27 (appeal)
E      after_sales   Mon 2 Nov → Tue 10 Nov      6     3–6, 9, 10 (closed, reopened, closed)
F      price_prom.   Mon 16 Nov → Tue 17 Nov     1     17 (withdrawn)
J      quality       Mon 31 Aug → Thu 3 Sep      3     1, 2, 3 Sep (opened before the period)
M      logistics     Mon 26 Oct → Thu 5 Nov      8     27–30 Oct, 2–5 Nov (appeal upheld)
O      service       Mon 9 Nov → Wed 11 Nov      2     10, 11
=====  ============  ==========================  ====  ==========================================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import update

from app.desk import Desk
from app.services.case_import import import_bundle
from app.stats.scope import StatsScope
from app.store import models as m
from tests.support.bundles import bundle_variant

PERIOD = StatsScope(date(2026, 9, 1), date(2026, 11, 22))

SHOPS = {
    "S-1": "暖冬服饰旗舰店",
    "S-2": "极速物流优选店",
    "S-3": "好家居生活馆",
}


@dataclass(frozen=True)
class Spec:
    letter: str
    created: str  # China time
    category: str
    reason: str
    status: str
    channel: str = "app"
    address: str = "浙江省杭州市西湖区文三路158号2幢301室"
    shop: str | None = "S-1"  # None: a merchant without a shop (named 个人卖家小王)
    mediator: str | None = "mediator1"
    due: str | None = None
    flags: tuple[str, ...] = ()
    events: tuple[tuple[str, str], ...] = ()  # (China time, event)
    decision: dict[str, Any] | None = None
    in_queue: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def case_id(self) -> str:
        return f"DSP-2026-T{self.letter}"


def _t(text: str) -> str:
    return f"{text}:00+08:00" if len(text) == 16 else text


def _decision(
    kind: str,
    at: str,
    outcome: str,
    *remedies: tuple[str, int, str],
    sanctions: tuple[str, ...] = (),
) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": "DEC-1",
        "kind": kind,
        "decided_at": _t(at),
        "outcome": outcome,
    }
    if remedies:
        found["remedies"] = [
            {
                "remedy": remedy,
                "amount": {"value": value, "currency": currency},
                "payer": "P2",
                "payee": "P1",
            }
            for remedy, value, currency in remedies
        ]
    if sanctions:
        found["sanctions"] = list(sanctions)
    return found


CASES: tuple[Spec, ...] = (
    Spec(
        "A",
        "2026-09-28T10:00",
        "quality",
        "not_as_described",
        "closed",
        channel="web",
        due="2026-10-15T18:00",
        events=(("2026-10-12T10:00", "case.settled"), ("2026-10-14T16:00", "case.closed")),
        decision=_decision(
            "settlement", "2026-10-12T10:00", "buyer_favour", ("refund", 50000, "CNY")
        ),
    ),
    Spec(
        "B",
        "2026-10-20T09:30",
        "quality",
        "defective",
        "resolved",
        address="浙江杭州余杭区文一西路1号",
        decision=_decision(
            "ruling",
            "2026-10-23T15:00",
            "buyer_favour",
            ("refund", 12000, "CNY"),
            ("compensation", 2000, "CNY"),
            sanctions=("warning", "fine"),
        ),
        events=(("2026-10-23T15:00", "document.approved"),),
    ),
    Spec(
        "C",
        "2026-10-08T11:00",
        "logistics",
        "lost_parcel",
        "resolved",
        shop="S-2",
        address="广东省深圳市南山区科技南路1号",
        events=(
            ("2026-10-15T10:00", "document.approved"),
            ("2026-10-20T10:00", "case.appealed"),
            ("2026-10-27T16:00", "decision.changed_on_appeal"),
        ),
        decision=_decision(
            "ruling",
            "2026-10-27T16:00",
            "buyer_favour",
            ("refund", 30000, "CNY"),
            sanctions=("delisting",),
        ),
    ),
    Spec(
        "D",
        "2026-10-12T14:00",
        "after_sales",
        "return_refused",
        "in_mediation",
        shop="S-2",
        address="北京市朝阳区建国路1号",
        due="2026-11-23T10:00",
        events=(("2026-10-14T10:00", "case.settled"), ("2026-10-16T10:00", "case.reopened")),
    ),
    Spec(
        "E",
        "2026-11-02T09:00",
        "after_sales",
        "slow_response",
        "closed",
        shop="S-3",
        address="廣東省廣州市天河區體育西路1號",
        mediator="mediator2",
        flags=("suspected_malicious",),
        events=(
            ("2026-11-04T10:00", "case.closed"),
            ("2026-11-05T10:00", "case.reopened"),
            ("2026-11-10T17:00", "case.closed"),
        ),
        decision=_decision("dismissal", "2026-11-04T10:00", "dismissed"),
    ),
    Spec(
        "F",
        "2026-11-16T10:00",
        "price_promotion",
        "coupon_not_applied",
        "withdrawn",
        shop="S-3",
        address="深圳市福田区福华路1号",
        mediator="mediator2",
        channel="hotline",
        events=(("2026-11-17T11:00", "case.withdrawn"),),
    ),
    Spec(
        "G",
        "2026-11-03T10:00",
        "quality",
        "counterfeit",
        "in_mediation",
        address="浙江省宁波市鄞州区中山东路1号",
        mediator="mediator2",
        due="2026-11-17T18:00",
    ),
    Spec(
        "H",
        "2026-11-18T10:00",
        "logistics",
        "late_delivery",
        "open",
        address="上海市浦东新区世纪大道1号",
        due="2026-11-24T18:00",
    ),
    Spec(
        "I",
        "2026-11-19T10:00",
        "service",
        "rude_service",
        "awaiting_merchant",
        shop="S-3",
        address="香港九龍旺角彌敦道12號3樓A室",
        mediator=None,
        due="2026-11-25T18:00",
        flags=("suspected_malicious", "cross_border"),
    ),
    Spec(
        "J",
        "2026-08-31T23:30",
        "quality",
        "defective",
        "closed",
        shop="S-2",
        flags=("suspected_malicious",),
        events=(("2026-09-05T10:00", "case.closed"),),
        decision=_decision(
            "ruling",
            "2026-09-03T10:00",
            "partial",
            ("partial_refund", 8000, "CNY"),
            sanctions=("warning",),
        ),
    ),
    Spec(
        "K",
        "2026-11-01T10:00",
        "quality",
        "defective",
        "open",
        due="2026-11-02T18:00",
        in_queue=False,
    ),
    Spec(
        "L",
        "2026-11-20T10:00",
        "payment",
        "payment_error",
        "open",
        shop=None,
        address="12 Baker Street, London NW1 6XE",
        mediator=None,
        channel="email",
    ),
    Spec(
        "M",
        "2026-10-26T10:00",
        "logistics",
        "late_delivery",
        "resolved",
        shop="S-2",
        mediator="mediator2",
        events=(
            ("2026-10-29T10:00", "document.approved"),
            ("2026-11-02T10:00", "case.appealed"),
            ("2026-11-05T10:00", "decision.upheld_on_appeal"),
        ),
        decision=_decision("ruling", "2026-10-29T10:00", "merchant_favour"),
    ),
    Spec(
        "N",
        "2026-09-01T00:10",
        "fraud",
        "fake_promotion",
        "under_review",
        address="四川省成都市武侯区人民南路四段1号",
        mediator="mediator2",
        due="2026-11-21T18:00",
        events=(("2026-09-20T10:00", "document.approved"), ("2026-11-18T10:00", "case.appealed")),
        decision=_decision("ruling", "2026-09-20T10:00", "merchant_favour"),
    ),
    Spec(
        "O",
        "2026-11-09T10:00",
        "service",
        "unhelpful_service",
        "resolved",
        shop="S-3",
        address="香港新界沙田大圍道1號",
        mediator="mediator2",
        events=(("2026-11-11T15:00", "case.settled"),),
        decision=_decision(
            "settlement", "2026-11-11T15:00", "partial", ("compensation", 20000, "HKD")
        ),
    ),
)


def _document(spec: Spec) -> Any:
    def change(document: dict[str, Any], _files: dict[str, bytes]) -> None:
        info = document["case"]
        created = _t(spec.created)
        times = [created, *(_t(at) for at, _ in spec.events)]
        info.update(
            id=spec.case_id,
            version=1,
            created_at=created,
            updated_at=max(times),
            channel=spec.channel,
            category=spec.category,
            reason=spec.reason,
            status=spec.status,
            flags=list(spec.flags),
            assigned_to=spec.mediator,
        )
        if spec.due is None:
            info.pop("due_at", None)
        else:
            info["due_at"] = _t(spec.due)
        buyer, merchant = document["parties"][0], document["parties"][1]
        buyer["contact"]["address"] = spec.address
        if spec.shop is None:
            merchant.pop("shop", None)
            merchant["display_name"] = "个人卖家小王"
        else:
            merchant["shop"]["shop_id"] = spec.shop
            merchant["shop"]["name"] = SHOPS[spec.shop]
            merchant["display_name"] = SHOPS[spec.shop]
        document["history"] = [{"at": created, "actor": "P1", "event": "case.opened"}] + [
            {"at": _t(at), "actor": "platform", "event": event} for at, event in spec.events
        ]
        document["decision"] = spec.decision
        document.update(spec.extra)

    return change


def import_known_cases(desk: Desk, folder: Path) -> None:
    """Import every case of :data:`CASES` into ``desk`` (K is then removed from the queue)."""
    for spec in CASES:
        bundle = bundle_variant(folder, f"{spec.case_id}.zip", _document(spec))
        with desk.unit_of_work() as uow:
            import_bundle(uow, bundle, "user:test")
            uow.commit()
    with desk.unit_of_work() as uow:
        removed = [spec.case_id for spec in CASES if not spec.in_queue]
        uow.session.execute(update(m.Case).where(m.Case.id.in_(removed)).values(in_queue=False))
        uow.commit()
