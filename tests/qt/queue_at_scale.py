"""A local store with a queue of many cases, written fast with bulk inserts.

Used by the queue tests (once per test session), by ``benchmarks/desk_ui.py`` and by
``benchmarks/dashboard.py``. The rows are what the queue and a case file read: the case
row with its search tokens (and the statistics' columns: where the buyer lives, the
shop, when a finished case finished), both parties and the order. With
``with_outcomes`` each case also gets its history and each finished case a decision
(settlements, rulings and dismissals with amounts and sanctions; some rulings appealed;
ten mediators),
what the dashboard counts. They are inserted in bulk, not through the case importer, so
100,000 cases take seconds.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from app.desk import Desk
from app.stats.case_facts import day_number
from app.store import models as m
from app.store.search import search_tokens

# (category, reason, title) — what complaints on a shopping platform sound like.
TOPICS = (
    ("quality", "not_as_described", "宣传100%纯羊毛，实际为混纺"),
    ("quality", "defective", "羊毛衫起球严重，穿一次就坏"),
    ("quality", "safety_hazard", "充电器使用时冒烟，存在安全隐患"),
    ("quality", "counterfeit", "疑似假冒品牌运动鞋"),
    ("quality", "not_as_described", "颜色与商品图片严重不符"),
    ("logistics", "late_delivery", "承诺48小时发货，10天未发"),
    ("logistics", "lost_parcel", "快递丢失，商家拒绝退款"),
    ("logistics", "damaged_in_transit", "收到时外箱破损，杯子碎了"),
    ("logistics", "shipping_fee", "运费与下单时显示不一致"),
    ("logistics", "lost_parcel", "Headphones never arrived"),
    ("after_sales", "return_refused", "七天无理由退货被拒"),
    ("after_sales", "slow_response", "客服三天未回复退款申请"),
    ("after_sales", "repair_refused", "保修期内维修被拒"),
    ("after_sales", "return_refused", "退貨被拒，商家不回覆"),
    ("price_promotion", "coupon_not_applied", "优惠券未生效，多付了30元"),
    ("price_promotion", "price_changed", "下单后降价，申请保价被拒"),
    ("price_promotion", "promotion_not_honoured", "满300减50活动未兑现"),
    ("price_promotion", "price_mismatch", "Checkout price higher than the listing"),
    ("service", "rude_service", "客服态度恶劣，辱骂顾客"),
    ("service", "unhelpful_service", "客服只会复制粘贴，不解决问题"),
    ("payment", "unauthorised_transaction", "账户出现未授权扣款"),
    ("payment", "payment_error", "重复扣款两次"),
    ("payment", "account_stolen", "账号被盗后被下单"),
    ("fraud", "fake_promotion", "冒充官方店铺的虚假促销"),
    ("fraud", "false_advertising", "保健品虚假宣传疗效"),
    ("fraud", "infringement", "Shop sells copies of my design"),
    ("other", "cross_border", "跨境商品关税争议"),
    ("other", "system_error", "系统误判为恶意退货"),
)
BUYERS = (
    "冬天的风",
    "小鹿乱撞",
    "emily_c",
    "张先生",
    "王女士",
    "橘子汽水",
    "李同学",
    "jason_w",
    "陳小姐",
    "阿杰",
)
MERCHANTS = (
    "暖冬服饰旗舰店",
    "Northwind Gadgets",
    "优品数码专营店",
    "好家居生活馆",
    "青青母婴店",
    "极速运动户外",
    "美妆小铺",
    "老字号茶庄",
    "台北好物選品",
)
STATUSES = (
    ("open", 3),
    ("awaiting_buyer", 2),
    ("awaiting_merchant", 3),
    ("in_mediation", 4),
    ("under_review", 1),
    ("resolved", 1),
    ("closed", 1),
)
PRIORITIES = ("normal",) * 8 + ("high", "urgent")
# (province, city, how an address begins)
PLACES = (
    ("浙江省", "杭州市", "浙江省杭州市西湖区文三路"),
    ("广东省", "深圳市", "广东省深圳市南山区科技南路"),
    ("广东省", "广州市", "广东省广州市天河区体育西路"),
    ("北京市", "北京市", "北京市朝阳区建国路"),
    ("上海市", "上海市", "上海市浦东新区世纪大道"),
    ("四川省", "成都市", "四川省成都市武侯区人民南路"),
    ("江苏省", "南京市", "江苏省南京市玄武区中山路"),
    ("香港特别行政区", "香港特别行政区", "香港九龍旺角彌敦道"),
    (None, None, "12 Baker Street, London"),
)
FINISHED = ("resolved", "closed")
FLAG_SETS = ((),) * 6 + (
    ("small_claim",),
    ("repeat_merchant",),
    ("safety_risk",),
    ("suspected_malicious",),
    ("cross_border", "small_claim"),
)


# Every row names every column, so each table is one executemany.
NO_PARTY = dict.fromkeys(
    (
        "legal_name",
        "person_kind",
        "phone",
        "email",
        "address",
        "id_number",
        "shop_id",
        "shop_name",
        "credit_score",
        "open_disputes",
        "disputes_last_year",
        "sanctions_last_year",
    )
)
NO_ORDER = dict.fromkeys(
    (
        "paid_at",
        "payment_method",
        "transaction_id",
        "shipping_fee",
        "discount",
        "carrier",
        "tracking_number",
    )
)


def build_large_queue(
    home: Path, count: int, now: datetime, seed: int = 7, *, with_outcomes: bool = False
) -> Path:
    """Create a desk under ``home`` holding ``count`` cases due around ``now``."""
    rng = random.Random(seed)
    statuses = [status for status, weight in STATUSES for _ in range(weight)]
    desk = Desk.open(home)
    try:
        cases, searches, parties, orders = [], [], [], []
        history: list[dict[str, object]] = []
        decisions: list[dict[str, object]] = []
        tokens: dict[tuple[str, str, str], str] = {}
        start = now.astimezone(UTC) - timedelta(days=60)
        for index in range(count):
            category, reason, title = rng.choice(TOPICS)
            case_id = f"DSP-2025-{index:06d}"
            buyer, merchant = rng.choice(BUYERS), rng.choice(MERCHANTS)
            created = start + timedelta(minutes=rng.randrange(60 * 24 * 55))
            # Some without a due date, most spread from two weeks ago to three weeks ahead.
            due = (
                None if index % 37 == 0 else now + timedelta(minutes=rng.randrange(-20_000, 30_000))
            )
            amount = rng.choice((None, rng.randrange(500, 500_000)))
            currency = "GBP" if title[0].isascii() else "CNY"
            status = rng.choice(statuses)
            province, city, street = rng.choice(PLACES)
            flags = list(rng.choice(FLAG_SETS))
            shop = f"S-{MERCHANTS.index(merchant) + 1}"
            finished = (
                created + timedelta(minutes=rng.randrange(60, 60 * 24 * 20))
                if status in FINISHED
                else None
            )
            if finished is not None and finished > now:
                finished = now - timedelta(minutes=rng.randrange(1, 600))
            cases.append(
                {
                    "id": case_id,
                    "version": 1,
                    "created_at": created,
                    "updated_at": max(
                        created + timedelta(hours=rng.randrange(1, 200)), finished or created
                    ),
                    "channel": rng.choice(("web", "app", "hotline", "email")),
                    "category": category,
                    "reason": reason,
                    "language": "en" if title[0].isascii() else "zh-Hans",
                    "status": status,
                    "title": title,
                    "description": title,
                    "claim_remedy": rng.choice(("refund", "return_and_refund", "compensation")),
                    "claim_amount": amount,
                    "claim_currency": currency if amount is not None else None,
                    "claim_text": "-",
                    "due_at": due,
                    # With outcomes (the dashboard's benchmark): ten mediators share them.
                    "assigned_to": f"mediator{index % 10 + 1}" if with_outcomes else "mediator1",
                    "priority": rng.choice(PRIORITIES),
                    "flags": flags,
                    "buyer_name": buyer,
                    "merchant_name": merchant,
                    "finished_at": finished,
                    "opened_day": day_number(created),
                    "finished_day": day_number(finished),
                    "decision_kind": None,
                    "decision_outcome": None,
                    "sanctions_imposed": None,
                    "buyer_province": province,
                    "buyer_city": city,
                    "merchant_shop_id": shop,
                    "flagged_malicious": "suspected_malicious" in flags,
                    "in_queue": True,
                    "in_conflict": index % 211 == 5,
                    "document_sha256": "0" * 64,
                    "source": "bundle",
                    "received_at": created,
                }
            )
            key = (title, buyer, merchant)
            if key not in tokens:
                tokens[key] = search_tokens(key)
            searches.append({"case_id": case_id, "tokens": f"dsp 2025 {index:06d} {tokens[key]}"})
            parties += [
                {
                    **NO_PARTY,
                    "case_id": case_id,
                    "party_id": "P1",
                    "role": "buyer",
                    "display_name": buyer,
                    "address": f"{street}{rng.randrange(1, 999)}号",
                },
                {
                    **NO_PARTY,
                    "case_id": case_id,
                    "party_id": "P2",
                    "role": "merchant",
                    "display_name": merchant,
                    "shop_id": shop,
                    "shop_name": merchant,
                },
            ]
            if with_outcomes:
                _outcomes(rng, case_id, created, finished, amount, currency, history, decisions)
                if decisions and decisions[-1]["case_id"] == case_id:
                    decision = decisions[-1]
                    cases[-1]["decision_kind"] = decision["kind"]
                    cases[-1]["decision_outcome"] = decision["outcome"]
                    cases[-1]["sanctions_imposed"] = len(decision["sanctions"])  # type: ignore[arg-type]
            orders.append(
                {
                    "case_id": case_id,
                    "order_id": f"TB{index:014d}",
                    "placed_at": created - timedelta(days=5),
                    "currency": currency,
                    "total_paid": amount or 0,
                    **NO_ORDER,
                }
            )
        with desk.unit_of_work() as uow:
            for table, rows in (
                (m.Case, cases),
                (m.CaseSearch, searches),
                (m.Party, parties),
                (m.Order, orders),
                (m.HistoryEvent, history),
                (m.Decision, decisions),
            ):
                if not rows:
                    continue
                # Core inserts with the same keys in every row: one executemany per table.
                uow.session.execute(insert(table.__table__), rows)
            uow.commit()
        with desk.database.engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
    finally:
        desk.close()
    return home


def _outcomes(
    rng: random.Random,
    case_id: str,
    created: datetime,
    finished: datetime | None,
    amount: int | None,
    currency: str,
    history: list[dict[str, object]],
    decisions: list[dict[str, object]],
) -> None:
    """A case's history (opened, assigned, its end) and a finished case's decision."""

    first = len(history)

    def event(at: datetime, name: str) -> None:
        history.append(
            {
                "case_id": case_id,
                "position": len(history) - first,
                "at": at,
                "actor": "platform",
                "event": name,
                "text": None,
            }
        )

    event(created, "case.opened")
    event(created + timedelta(hours=2), "case.assigned")
    if finished is None:
        return
    kind = rng.choices(("settlement", "ruling", "dismissal"), weights=(6, 3, 1))[0]
    outcome = {
        "settlement": rng.choice(("buyer_favour", "partial")),
        "ruling": rng.choice(("buyer_favour", "partial", "merchant_favour")),
        "dismissal": "dismissed",
    }[kind]
    decided = finished
    if kind == "ruling" and rng.random() < 0.08:
        appealed = created + (finished - created) / 2
        event(created + (appealed - created) / 2, "document.approved")
        event(appealed, "case.appealed")
        changed = rng.random() < 0.4
        event(finished, "decision.changed_on_appeal" if changed else "decision.upheld_on_appeal")
    else:
        event(finished, "case.settled" if kind == "settlement" else "case.closed")
    remedies = (
        [
            {
                "remedy": "refund",
                "amount": {
                    "value": amount * rng.choice((50, 80, 100)) // 100,
                    "currency": currency,
                },
                "payer": "P2",
                "payee": "P1",
            }
        ]
        if amount is not None and outcome != "merchant_favour" and kind != "dismissal"
        else []
    )
    sanctions = (
        rng.choice(([],) * 8 + (["warning"], ["fine", "delisting"])) if kind == "ruling" else []
    )
    decisions.append(
        {
            "case_id": case_id,
            "decision_id": "DEC-1",
            "kind": kind,
            "decided_at": decided,
            "outcome": outcome,
            "remedies": remedies,
            "sanctions": sanctions,
            "document_sha256": None,
            "appeal_until": None,
        }
    )
