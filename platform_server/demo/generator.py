"""Realistic demo cases: a pure function of (seed, index, anchor date).

Each case is a story from :mod:`scenarios` told by generated people: a buyer with a
name, nickname, phone, address and ID number; a shop with its credit history (some
repeat offenders); an order with its payment and shipment track; the chat between them;
two to eight evidence files in real formats; offers with their history; and a status
and due date that put it somewhere along the seven steps (some overdue).

The same seed, index and anchor always give the same document and the same file bytes.
Beyond :data:`UNIQUE_RENDERS` cases, pictures and PDFs are shared by the cases of a
render group (:func:`render_group`) so that very large demo sets (benchmarks) stay quick
to build; the first case of a group, in index order, renders them.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from platform_server.demo import catalog, identity, images, pdfs
from platform_server.demo.scenarios import (
    CATEGORY_OF_REASON,
    EVIDENCE_TITLES,
    MALICIOUS,
    SCENARIOS,
    TIME_LIMIT_DAYS,
    Scenario,
)

Doc = dict[str, Any]

REASONS: tuple[str, ...] = tuple(CATEGORY_OF_REASON)
UNIQUE_RENDERS = 400
CASE_NUMBER_BASE = 10000

_CATEGORY_WEIGHT = {
    "quality": 3.0,
    "logistics": 2.5,
    "after_sales": 2.0,
    "price_promotion": 1.5,
    "service": 1.0,
    "payment": 1.0,
    "fraud": 1.2,
    "other": 0.8,
}
_LANG_KEY = {"zh-Hans": "zh", "zh-Hant": "hant", "en": "en"}
_CST = timezone(timedelta(hours=8))
_UTC = UTC


@dataclass
class GeneratedCase:
    document: Doc
    files: dict[str, bytes]
    documents: dict[str, bytes] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class RenderCache:
    """Rendered files by key, so cases past :data:`UNIQUE_RENDERS` reuse earlier ones."""

    files: dict[tuple[Any, ...], bytes] = field(default_factory=dict)

    def get(self, key: tuple[Any, ...], render: Callable[[], bytes]) -> bytes:
        if key not in self.files:
            self.files[key] = render()
        return self.files[key]


def case_id_for(index: int, anchor: date) -> str:
    return f"DSP-{anchor.year}-{CASE_NUMBER_BASE + index + 1:06d}"


def reason_for(index: int, seed: int) -> str:
    """The first 30 cases cover every reason once; later ones follow how common each is."""
    order = list(REASONS)
    random.Random(f"{seed}:reasons").shuffle(order)
    if index < len(order):
        return order[index]
    rng = random.Random(f"{seed}:reason:{index}")
    weights = [_CATEGORY_WEIGHT[CATEGORY_OF_REASON[reason]] for reason in REASONS]
    return rng.choices(REASONS, weights=weights)[0]


REUSE_VARIANTS = 4


def _plan(index: int, seed: int) -> tuple[int, Scenario, str, random.Random]:
    """The scenario and language of a case, and its generator positioned after them."""
    rng = random.Random(f"{seed}:case:{index}")
    reason = reason_for(index, seed)
    choices = [(number, item) for number, item in enumerate(SCENARIOS) if item["reason"] == reason]
    scenario_no, scenario = rng.choice(choices)
    return scenario_no, scenario, _choose_language(rng, scenario), rng


def render_group(index: int, seed: int) -> tuple[Any, ...]:
    """Which cases share rendered files: none below :data:`UNIQUE_RENDERS`; above it, a
    few variants per scenario and language (the first case of a group renders them)."""
    if index < UNIQUE_RENDERS:
        return ("case", index)
    scenario_no, _, language, _ = _plan(index, seed)
    return ("shared", scenario_no, language, index % REUSE_VARIANTS)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _pretty_price(rng: random.Random, low: int, high: int) -> int:
    value = rng.randint(low, high)
    if value >= 100:
        return value - value % 10 + 9
    return value


def money_text(minor: int, currency: str, language: str) -> str:
    major = minor / 100
    if currency == "CNY":
        return f"{major:.0f}元" if minor % 100 == 0 else f"{major:.2f}元"
    if currency == "HKD":
        return f"HK${major:,.0f}" if minor % 100 == 0 else f"HK${major:,.2f}"
    if currency == "TWD":
        return f"NT${major:,.0f}"
    symbol = {"GBP": "£", "USD": "$", "EUR": "€"}.get(currency, currency + " ")
    return f"{symbol}{major:,.2f}"


def _convert(yuan: int, currency: str) -> int:
    """A CNY price in the buyer's currency, in minor units, ending as shops price things."""
    if currency == "CNY":
        return yuan * 100
    if currency == "HKD":
        return round(yuan * 1.08) * 100
    if currency == "TWD":
        return round(yuan * 4.4 / 10) * 10 * 100
    pounds = max(1, round(yuan * 0.11))
    return pounds * 100 - 1


def _sender(role: str) -> str:
    return {"buyer": "P1", "merchant": "P2"}.get(role, "platform")


@dataclass
class _Ctx:
    """What one case's generation has decided so far."""

    index: int
    seed: int
    rng: random.Random
    scenario: Scenario
    scenario_no: int
    language: str
    texts: dict[str, Any]
    tz: timezone
    values: dict[str, str]
    cache: RenderCache
    evidence: list[Doc] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    history: list[Doc] = field(default_factory=list)

    def fmt(self, text: str) -> str:
        try:
            return text.format_map(self.values)
        except (KeyError, ValueError):
            return text

    def title(self, kind: str) -> str:
        return EVIDENCE_TITLES[_LANG_KEY[self.language]][kind]

    @property
    def chinese(self) -> bool:
        return self.language != "en" and images.can_draw_chinese()

    def render(self, kind: str, render: Callable[[], bytes]) -> bytes:
        return self.cache.get((kind, *render_group(self.index, self.seed)), render)

    def add_evidence(
        self,
        kind: str,
        data: bytes,
        media_type: str,
        filename: str,
        submitted_by: str,
        submitted_at: datetime,
        title: str,
        **more: Any,
    ) -> str:
        evidence_id = f"E{len(self.evidence) + 1}"
        entry: Doc = {
            "id": evidence_id,
            "kind": kind,
            "submitted_by": submitted_by,
            "submitted_at": _iso(submitted_at),
            "title": title,
            "filename": filename,
            "media_type": media_type,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        entry.update({key: value for key, value in more.items() if value is not None})
        self.evidence.append(entry)
        self.files[evidence_id] = data
        return evidence_id

    def event(self, at: datetime, actor: str, event: str, text: str | None = None) -> None:
        entry: Doc = {"at": _iso(at), "actor": actor, "event": event}
        if text:
            entry["text"] = text
        self.history.append(entry)


def _choose_language(rng: random.Random, scenario: Scenario) -> str:
    options = [("zh-Hans", 0.76)]
    if "hant" in scenario:
        options.append(("zh-Hant", 0.14))
    if "en" in scenario:
        options.append(("en", 0.14))
    names = [name for name, _ in options]
    weights = [weight for _, weight in options]
    return rng.choices(names, weights=weights)[0]


def build_case(
    index: int,
    seed: int,
    anchor: date,
    mediators: tuple[str, ...] = ("mediator1", "mediator2"),
    cache: RenderCache | None = None,
) -> GeneratedCase:
    """One complete case: the document and the bytes of each evidence file."""
    scenario_no, scenario, language, rng = _plan(index, seed)
    reason = scenario["reason"]
    texts = scenario.get(_LANG_KEY[language]) or scenario["zh"]
    if language != "zh-Hans" and _LANG_KEY[language] not in scenario:
        language = "zh-Hans"
    tz = _UTC if language == "en" else _CST
    category = CATEGORY_OF_REASON[reason]

    buyer = identity.person(rng, language, anchor)
    if language == "en":
        currency = "GBP"
    elif language == "zh-Hant":
        currency = "HKD" if "香港" in buyer.address else "TWD"
    else:
        currency = "CNY"
    shop_slot = rng.randrange(catalog.SHOPS_PER_TRADE) if rng.random() < 0.8 else 0
    shop = catalog.shop(seed, scenario["trade"], shop_slot, language)
    carrier = rng.choice(catalog.CARRIERS[language])
    tracking = carrier.tracking(rng)

    yuan = _pretty_price(rng, *scenario["price"])
    unit = _convert(yuan, currency)
    quantity = 1 if rng.random() < 0.85 else 2
    subtotal = unit * quantity
    shipping = (
        0
        if rng.random() < 0.7 or scenario["ship"] == "none"
        else _convert(rng.choice((6, 8, 10, 12)), currency)
    )
    discount = (
        0
        if rng.random() < 0.6
        else min(subtotal // 10, _convert(rng.choice((10, 20, 30, 50)), currency))
    )
    total = subtotal + shipping - discount
    diff = max(100, (unit * rng.randrange(6, 21) // 100) // 100 * 100)
    coupon = _convert(rng.choice((20, 30, 50)), currency)
    card, bank = identity.bank_card(rng)

    ctx = _Ctx(
        index=index,
        seed=seed,
        rng=rng,
        scenario=scenario,
        scenario_no=scenario_no,
        language=language,
        texts=texts,
        tz=tz,
        values={},
        cache=cache or RenderCache(),
    )
    community = rng.choice(identity.COMMUNITIES)
    pickup = rng.choice(catalog.PICKUP_POINTS[language]).format(community=community)

    # ---------------------------------------------------------------- the timeline
    age = timedelta(days=rng.uniform(0.15, 26.0) if index % 9 else rng.uniform(0.05, 1.0))
    anchor_at = datetime.combine(anchor, time(0, 0), tzinfo=tz)
    span = _shipment_span(scenario["ship"], rng)
    steps = [(offset, status, where) for offset, status, where in span]
    delivered_offset = steps[-1][0] if steps else timedelta(hours=1)
    complaint_offset = delivered_offset + timedelta(hours=rng.uniform(4, 70))
    opened = anchor_at - age
    placed = (opened - complaint_offset).replace(microsecond=0)
    placed = placed.replace(second=rng.randrange(60))
    paid = placed + timedelta(seconds=rng.randrange(20, 240))
    opened = opened.replace(microsecond=0)
    now_limit = anchor_at - timedelta(minutes=5)

    def clamp(moment: datetime) -> datetime:
        return min(moment, now_limit).replace(microsecond=0)

    order_id = (
        f"ORD-{rng.randrange(10_000_000, 99_999_999)}"
        if language == "en"
        else f"{placed:%Y%m%d}{rng.randrange(10**9, 10**10)}"
    )
    transaction_id = f"{paid:%Y%m%d}2200{rng.randrange(10**17, 10**18)}"[:28]
    sku = f"{scenario['trade'][:3].upper()}-{rng.randrange(1000, 9999)}"
    ctx.values.update(
        price=money_text(unit, currency, language),
        amount=money_text(total, currency, language),
        shop=shop.name,
        carrier=carrier.name,
        tracking=tracking,
        days=str(max(1, span[-1][0].days if span else 1)),
        diff=money_text(diff, currency, language),
        card_tail=card[-4:],
        coupon=money_text(coupon, currency, language).rstrip("元"),
        order_date=f"{placed:%Y-%m-%d}",
        pickup=pickup,
    )

    # ---------------------------------------------------------------- status and roles
    malicious = (
        rng.random() < 0.07
        and "safety_risk" not in scenario.get("flags", ())
        and reason not in ("unauthorised_transaction", "account_stolen", "fake_promotion")
    )
    status = _status(rng, age)
    assignee: str | None = rng.choice(mediators) if mediators else None
    if status == "open" and rng.random() < 0.35:
        assignee = None

    parties: list[Doc] = [
        _buyer_party(buyer, language),
        shop.party("P2"),
    ]
    if scenario["ship"] in ("lost", "damaged", "pickup"):
        parties.append(
            {
                "id": "P3",
                "role": "logistics",
                "display_name": carrier.name,
                "person_kind": "organisation",
            }
        )
    if category == "payment":
        provider = {"zh-Hans": "第三方支付机构", "zh-Hant": "第三方支付機構", "en": "Card issuer"}[
            language
        ]
        parties.append(
            {
                "id": f"P{len(parties) + 1}",
                "role": "payment_provider",
                "display_name": provider,
                "person_kind": "organisation",
            }
        )

    # ---------------------------------------------------------------- order and shipment
    item_title = texts["item"]
    order: Doc = {
        "id": order_id,
        "placed_at": _iso(placed),
        "paid_at": _iso(paid),
        "payment_method": rng.choice(catalog.PAYMENT_METHODS[language]),
        "transaction_id": transaction_id,
        "items": [
            {
                "sku": sku,
                "title": item_title[:500],
                "quantity": quantity,
                "unit_price": {"value": unit, "currency": currency},
            }
        ],
        "total_paid": {"value": total, "currency": currency},
    }
    if shipping:
        order["shipping_fee"] = {"value": shipping, "currency": currency}
    if discount:
        order["discount"] = {"value": discount, "currency": currency}
    track_events: list[Doc] = []
    if scenario["ship"] != "none":
        for offset, step_status, where in steps:
            event: Doc = {"at": _iso(clamp(paid + offset)), "status": step_status}
            location = _location(where, shop.origin, buyer, language, pickup)
            if location:
                event["location"] = location
            note = _track_note(step_status, scenario["ship"], language)
            if note:
                event["text"] = note
            track_events.append(event)
        order["shipment"] = {
            "carrier": carrier.name,
            "tracking_number": tracking,
            "events": track_events,
        }
    last_track = paid + (steps[-1][0] if steps else timedelta(hours=2))

    # ---------------------------------------------------------------- evidence
    listing_id = None
    buyer_photo_at = clamp(min(opened - timedelta(minutes=rng.randrange(20, 300)), opened))
    stamp_region = (
        buyer.region.province + buyer.region.city.replace(buyer.region.province, "")
        if buyer.region
        else buyer.city
    )
    stamp = (
        f"{buyer_photo_at:%Y-%m-%d %H:%M}  {stamp_region}"
        if ctx.chinese
        else f"{buyer_photo_at:%d/%m/%Y %H:%M}"
    )
    plan = list(scenario["plan"])
    if len(plan) > 3 and rng.random() < 0.3:
        plan.pop(rng.randrange(1, len(plan)))

    # Everything the platform itself holds comes first: listing, order, chat.
    if "listing" in plan:
        data = ctx.render("listing", lambda: _listing_image(ctx, shop.name, unit, currency, index))
        listing_id = ctx.add_evidence(
            "listing_snapshot",
            data,
            "image/png",
            f"listing-{sku}.png",
            "platform",
            paid - timedelta(minutes=1),
            ctx.title("listing"),
        )
        order["items"][0]["listing_evidence_id"] = listing_id
    order_record = {
        "order_id": order_id,
        "items": [{"sku": sku, "title": item_title, "qty": quantity, "price": f"{unit / 100:.2f}"}],
        "paid": f"{total / 100:.2f}",
        "currency": currency,
        "paid_at": _iso(paid),
        "channel": order["payment_method"],
        "ship_to": {"name": buyer.legal_name, "phone": buyer.phone, "address": buyer.address},
    }
    ctx.add_evidence(
        "order_record",
        _json(order_record),
        "application/json",
        f"order-{order_id}.json",
        "platform",
        opened + timedelta(minutes=rng.randrange(5, 90)),
        ctx.title("order"),
    )
    chat_lines = list(texts["chat"])
    if malicious:
        chat_lines.extend(
            MALICIOUS[_LANG_KEY[language] if _LANG_KEY[language] in MALICIOUS else "zh"][
                "chat_extra"
            ]
        )
    chat_start = last_track + timedelta(minutes=rng.randrange(30, 600))
    chat_start = min(chat_start, opened - timedelta(hours=2))
    chat: list[Doc] = []
    moment = chat_start
    for role, line in chat_lines:
        chat.append({"at": _iso(clamp(moment)), "from": role, "text": ctx.fmt(line)})
        moment += timedelta(minutes=rng.randrange(2, 240))
        moment = min(moment, opened - timedelta(minutes=5))
    ctx.add_evidence(
        "chat_log",
        _json(chat),
        "application/json",
        f"chat-{order_id}.json",
        "platform",
        clamp(opened + timedelta(hours=rng.uniform(0.5, 6))),
        ctx.title("chat"),
    )
    for kind in plan:
        if kind == "listing":
            continue
        _add_planned(
            ctx,
            kind,
            buyer=buyer,
            shop=shop,
            carrier=carrier,
            tracking=tracking,
            order_id=order_id,
            transaction_id=transaction_id,
            total=total,
            unit=unit,
            currency=currency,
            paid=paid,
            opened=opened,
            clamp=clamp,
            stamp=stamp,
            photo_at=buyer_photo_at,
            listing_id=listing_id,
            card=card,
            bank=bank,
            track=track_events,
            items=order["items"],
            case_no=case_id_for(index, anchor),
        )
    if len(ctx.evidence) > 8:
        ctx.evidence[:] = ctx.evidence[:8]

    # ---------------------------------------------------------------- messages and offers
    messages: list[Doc] = []
    title = ctx.fmt(texts["title"])
    description = ctx.fmt(texts["desc"])
    claim_text = ctx.fmt(texts["claim"])
    complaint = {
        "zh-Hans": f"申请平台介入：{title}。{claim_text}",
        "zh-Hant": f"申請平台介入：{title}。{claim_text}",
        "en": f"I'm asking the platform to step in: {title}. {claim_text}",
    }[language]
    messages.append(_message("M1", opened, "P1", ["platform"], "platform_chat", complaint))
    ctx.event(opened, "P1", "case.opened")
    intake_at = opened + timedelta(minutes=rng.randrange(10, 240))
    if status != "open" or rng.random() < 0.5:
        ctx.event(clamp(intake_at), "platform", "case.intake_reviewed")
    merchant_at = clamp(opened + timedelta(hours=rng.uniform(2, 30)))
    merchant_text = (
        MALICIOUS[_LANG_KEY[language]]["merchant"] if malicious else ctx.fmt(texts["merchant"])
    )
    if status != "open" or age > timedelta(hours=30):
        messages.append(
            _message("M2", merchant_at, "P2", ["platform"], "platform_chat", merchant_text)
        )
        ctx.event(merchant_at, "P2", "merchant.responded")
    assigned_at = clamp(intake_at + timedelta(hours=rng.uniform(0.5, 20)))
    offers: list[Doc] = []
    decision: Doc | None = None
    documents: list[Doc] = []
    extra: dict[str, Any] = {}
    generated_documents: dict[str, bytes] = {}
    mediator_actor = f"user:{assignee}" if assignee else "platform"
    if assignee:
        ctx.event(assigned_at, "platform", "case.assigned", f"assigned to {assignee}")
    if assignee and status != "open":
        messages.append(
            _message(
                f"M{len(messages) + 1}",
                assigned_at,
                mediator_actor,
                ["P1", "P2"],
                "platform",
                catalog.ACCEPTED[language],
            )
        )
    later = clamp(assigned_at + timedelta(hours=rng.uniform(6, 48)))
    if status in ("awaiting_buyer", "awaiting_merchant"):
        target = "P1" if status == "awaiting_buyer" else "P2"
        text = catalog.ASK_BUYER[language] if target == "P1" else catalog.ASK_MERCHANT[language]
        messages.append(
            _message(f"M{len(messages) + 1}", later, mediator_actor, [target], "platform", text)
        )
        ctx.event(later, mediator_actor, "evidence.requested", f"from {target}")
    merchant_offer = (
        status in ("in_mediation", "under_review", "resolved", "closed") and rng.random() < 0.6
    )
    if merchant_offer:
        share = rng.choice((15, 20, 25, 30))
        offer_at = merchant_at + timedelta(minutes=rng.randrange(5, 120))
        reply_at = clamp(offer_at + timedelta(hours=rng.uniform(1, 20)))
        offers.append(
            {
                "id": "O1",
                "proposed_by": "P2",
                "at": _iso(clamp(offer_at)),
                "remedy": "partial_refund",
                "amount": {"value": total * share // 100, "currency": currency},
                "text": catalog.MERCHANT_OFFER[language],
                "status": "rejected",
                "responses": [
                    {
                        "party": "P1",
                        "at": _iso(reply_at),
                        "decision": "reject",
                        "text": catalog.BUYER_REJECTS[language],
                    }
                ],
            }
        )
        ctx.event(clamp(offer_at), "P2", "offer.proposed", "O1")
        ctx.event(reply_at, "P1", "offer.rejected", "O1")
    claim_amount = _claim_amount(scenario["amount"], total, diff, coupon, currency)
    if status in ("in_mediation", "under_review", "resolved", "closed") and assignee:
        offer_at = clamp(later + timedelta(hours=rng.uniform(2, 30)))
        remedy = scenario["remedy"]
        proposal: Doc = {
            "id": f"O{len(offers) + 1}",
            "proposed_by": mediator_actor,
            "at": _iso(offer_at),
            "remedy": remedy,
            "text": catalog.MEDIATOR_OFFER[language],
            "expires_at": _iso(offer_at + timedelta(days=3)),
            "status": "proposed",
            "responses": [],
        }
        if claim_amount is not None:
            proposal["amount"] = {
                "value": max(100, claim_amount * rng.choice((50, 60, 70, 80, 100)) // 100),
                "currency": currency,
            }
        respond_at = clamp(offer_at + timedelta(hours=rng.uniform(2, 40)))
        ctx.event(offer_at, mediator_actor, "offer.proposed", proposal["id"])
        if status == "in_mediation":
            if offer_at + timedelta(days=3) < now_limit:
                proposal["status"] = "expired"
        elif status == "under_review" or (status == "closed" and malicious):
            proposal["status"] = "rejected"
            rejecter = "P2" if rng.random() < 0.5 else "P1"
            proposal["responses"] = [
                {
                    "party": rejecter,
                    "at": _iso(respond_at),
                    "decision": "reject",
                    "text": catalog.BUYER_REJECTS[language]
                    if rejecter == "P1"
                    else catalog.REPLIES[language]["merchant_reject"][0],
                }
            ]
            ctx.event(respond_at, rejecter, "offer.rejected", proposal["id"])
        else:
            proposal["status"] = "accepted"
            proposal["responses"] = [
                {
                    "party": "P1",
                    "at": _iso(respond_at),
                    "decision": "accept",
                    "text": catalog.BOTH_ACCEPT[language],
                },
                {
                    "party": "P2",
                    "at": _iso(clamp(respond_at + timedelta(minutes=rng.randrange(10, 300)))),
                    "decision": "accept",
                    "text": catalog.BOTH_ACCEPT[language],
                },
            ]
            ctx.event(respond_at, "P1", "offer.accepted", proposal["id"])
            settle_at = clamp(respond_at + timedelta(hours=rng.uniform(1, 24)))
            remedies = []
            if "amount" in proposal:
                remedies.append(
                    {
                        "remedy": remedy,
                        "amount": proposal["amount"],
                        "payer": "P2",
                        "payee": "P1",
                        "due_at": _iso(settle_at + timedelta(days=3)),
                    }
                )
            decision = {
                "id": "DEC-1",
                "kind": "settlement",
                "decided_at": _iso(settle_at),
                "outcome": "partial"
                if proposal.get("amount", {}).get("value", 0) < total
                else "buyer_favour",
            }
            if remedies:
                decision["remedies"] = remedies
            ctx.event(settle_at, mediator_actor, "case.settled")
        offers.append(proposal)
    if status == "closed" and malicious:
        close_at = clamp(later + timedelta(days=rng.uniform(2, 5)))
        decision = {
            "id": "DEC-1",
            "kind": "dismissal",
            "decided_at": _iso(close_at),
            "outcome": "dismissed",
        }
        ctx.event(
            close_at, mediator_actor, "case.closed", "dismissed: suspected malicious complaint"
        )
    elif status == "closed":
        ctx.event(now_limit - timedelta(hours=rng.uniform(1, 30)), mediator_actor, "case.closed")
    if status == "under_review" and assignee:
        submit_at = clamp(later + timedelta(days=rng.uniform(1, 4)))
        outcome = "merchant_favour" if malicious else rng.choice(("buyer_favour", "partial"))
        pdf = _ruling_draft(
            ctx,
            case_id_for(index, anchor),
            title,
            buyer,
            shop,
            outcome,
            claim_amount,
            currency,
            assignee,
            submit_at,
        )
        sha = hashlib.sha256(pdf).hexdigest()
        generated_documents[sha] = pdf
        documents.append(
            {
                "id": "D1",
                "kind": "ruling",
                "sha256": sha,
                "size": len(pdf),
                "created_at": _iso(submit_at),
                "created_by": mediator_actor,
                "status": "submitted",
                "reviews": [],
            }
        )
        pending: Doc = {"kind": "ruling", "outcome": outcome}
        if claim_amount is not None and outcome != "merchant_favour":
            pending["remedies"] = [
                {
                    "remedy": scenario["remedy"],
                    "amount": {"value": claim_amount, "currency": currency},
                    "payer": "P2",
                    "payee": "P1",
                }
            ]
        if malicious:
            pending["sanctions"] = []
        extra["pending_decisions"] = {"D1": pending}
        ctx.event(submit_at, mediator_actor, "document.submitted", "D1 (ruling)")

    # Evidence submissions are events too.
    for entry in ctx.evidence:
        if entry["submitted_by"] != "platform":
            ctx.event(
                datetime.fromisoformat(entry["submitted_at"]),
                entry["submitted_by"],
                "evidence.submitted",
                entry["id"],
            )
    ctx.history.sort(key=lambda item: item["at"])
    messages.sort(key=lambda item: item["at"])
    for number, message in enumerate(messages, start=1):
        message["id"] = f"M{number}"

    flags = list(scenario.get("flags", ()))
    if shop.repeat_offender and "repeat_merchant" not in flags:
        flags.append("repeat_merchant")
    if malicious:
        flags.append("suspected_malicious")
    if currency == "CNY" and total <= 20000 and "small_claim" not in flags:
        flags.append("small_claim")
    if rng.random() < 0.015:
        flags.append("media_attention")
    priority = scenario.get("priority") or ("high" if rng.random() < 0.1 else "normal")
    due = datetime.combine(
        (opened + timedelta(days=TIME_LIMIT_DAYS[category])).date(), time(18, 0), tzinfo=tz
    )
    all_times = [opened] + [datetime.fromisoformat(item["at"]) for item in ctx.history]
    updated = max(all_times)

    claim: Doc = {"remedy": scenario["remedy"], "text": claim_text}
    if claim_amount is not None:
        claim["amount"] = {"value": claim_amount, "currency": currency}
    case_info: Doc = {
        "id": case_id_for(index, anchor),
        "version": max(1, len(ctx.history)),
        "created_at": _iso(opened),
        "updated_at": _iso(updated),
        "channel": rng.choices(
            ("app", "web", "hotline", "social", "email", "letter", "forum", "third_party"),
            weights=(46, 24, 12, 6, 5, 1, 2, 4),
        )[0],
        "category": category,
        "reason": reason,
        "language": language,
        "status": status,
        "title": title[:500],
        "description": description,
        "claim": claim,
        "due_at": _iso(due),
        "assigned_to": assignee,
        "priority": priority,
        "flags": flags,
    }
    document: Doc = {
        "schema": "mediation-desk/case-document",
        "schema_version": 1,
        "case": case_info,
        "parties": parties,
        "order": order,
        "messages": messages,
        "evidence": ctx.evidence,
        "offers": offers,
        "history": ctx.history,
        "decision": decision,
        "documents": documents,
    }
    return GeneratedCase(document, ctx.files, generated_documents, extra)


def generate(
    count: int,
    seed: int,
    anchor: date,
    mediators: tuple[str, ...] = ("mediator1", "mediator2"),
    start: int = 0,
) -> Iterator[GeneratedCase]:
    cache = RenderCache()
    for index in range(start, start + count):
        yield build_case(index, seed, anchor, mediators, cache)


# ---------------------------------------------------------------------------------------
# Pieces


def _status(rng: random.Random, age: timedelta) -> str:
    if age < timedelta(days=1):
        return rng.choice(("open", "open", "awaiting_merchant"))
    statuses = (
        "open",
        "awaiting_merchant",
        "awaiting_buyer",
        "in_mediation",
        "under_review",
        "resolved",
        "closed",
    )
    weights = (4, 18, 12, 40, 11, 8, 7) if age > timedelta(days=4) else (10, 30, 15, 40, 3, 1, 1)
    return rng.choices(statuses, weights=weights)[0]


def _buyer_party(buyer: identity.Person, language: str) -> Doc:
    party: Doc = {
        "id": "P1",
        "role": "buyer",
        "display_name": buyer.nickname,
        "legal_name": buyer.legal_name,
        "person_kind": "natural_person",
        "contact": {"phone": buyer.phone, "email": buyer.email, "address": buyer.address},
    }
    if buyer.id_number:
        party["id_number"] = buyer.id_number
    return party


def _message(
    message_id: str, at: datetime, sender: str, to: list[str], channel: str, text: str
) -> Doc:
    return {
        "id": message_id,
        "at": _iso(at),
        "from": sender,
        "to": to,
        "channel": channel,
        "text": text,
    }


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _shipment_span(kind: str, rng: random.Random) -> list[tuple[timedelta, str, str]]:
    def hours(low: float, high: float) -> timedelta:
        return timedelta(hours=rng.uniform(low, high))

    if kind == "none":
        return []
    label = hours(1, 6)
    picked = label + hours(3, 20)
    transit = picked + hours(6, 20)
    arrive = transit + hours(10, 40)
    out = arrive + hours(2, 8)
    if kind == "late":
        picked = label + timedelta(days=rng.uniform(8, 10))
        transit = picked + hours(6, 20)
        arrive = transit + hours(20, 50)
        out = arrive + hours(2, 8)
    if kind == "lost":
        return [
            (label, "label_created", "origin"),
            (picked, "picked_up", "origin"),
            (transit, "in_transit", "hub_origin"),
            (arrive, "exception", "hub_dest"),
        ]
    if kind == "pickup":
        return [
            (label, "label_created", "origin"),
            (picked, "picked_up", "origin"),
            (transit, "in_transit", "hub_origin"),
            (arrive, "in_transit", "hub_dest"),
            (out, "ready_for_pickup", "pickup"),
            (out + hours(3, 30), "delivered", "pickup"),
        ]
    return [
        (label, "label_created", "origin"),
        (picked, "picked_up", "origin"),
        (transit, "in_transit", "hub_origin"),
        (arrive, "in_transit", "hub_dest"),
        (out, "out_for_delivery", "dest"),
        (out + hours(1, 5), "delivered", "dest"),
    ]


def _location(where: str, origin: str, buyer: identity.Person, language: str, pickup: str) -> str:
    if language == "en":
        return {
            "origin": "Dispatch centre",
            "hub_origin": "Midlands hub",
            "hub_dest": f"{buyer.city} delivery office",
            "dest": buyer.city,
            "pickup": pickup,
        }.get(where, "")
    city = buyer.region.city if buyer.region else buyer.city
    district = buyer.region.district if buyer.region else buyer.city
    if language == "zh-Hant":
        return {
            "origin": origin,
            "hub_origin": f"{origin}轉運中心",
            "hub_dest": f"{city}轉運中心",
            "dest": district,
            "pickup": pickup,
        }.get(where, "")
    return {
        "origin": origin,
        "hub_origin": f"{origin.split('省')[-1]}转运中心",
        "hub_dest": f"{city}转运中心",
        "dest": f"{city}{district}",
        "pickup": pickup,
    }.get(where, "")


def _track_note(status: str, kind: str, language: str) -> str | None:
    notes = {
        "zh-Hans": {
            "delivered": "已签收，本人签收",
            "exception": "包裹异常滞留，等待处理",
            "ready_for_pickup": "已到达驿站，请凭取件码取件",
            "damaged": "已签收，外包装破损",
        },
        "zh-Hant": {
            "delivered": "已簽收",
            "exception": "包裹異常滯留",
            "ready_for_pickup": "已到門市，請憑取貨碼取件",
            "damaged": "已簽收，外箱破損",
        },
        "en": {
            "delivered": "Delivered, left at front door",
            "exception": "Exception: held at hub",
            "ready_for_pickup": "Ready for collection",
            "damaged": "Delivered, packaging damaged",
        },
    }[language]
    if status == "delivered" and kind == "damaged":
        return notes["damaged"]
    if status == "delivered" and kind == "pickup":
        return notes["delivered"]
    return notes.get(status)


def _claim_amount(rule: str, total: int, diff: int, coupon: int, currency: str) -> int | None:
    if rule == "none":
        return None
    if rule == "full":
        return total
    if rule == "diff":
        return diff
    if rule == "coupon":
        return coupon
    if rule == "ship":
        return _convert(350, currency)
    kind, _, number = rule.partition(":")
    if kind == "part":
        return max(100, total * int(number) // 100)
    if kind == "comp":
        return max(total * int(number), _convert(1000, currency) if number == "10" else 0)
    return total


def _listing_image(ctx: _Ctx, shop_name: str, unit: int, currency: str, index: int) -> bytes:
    texts = ctx.texts
    chinese = ctx.chinese
    title = texts.get("listing_title") or texts["item"]
    tags = texts.get("tags") or ()
    sold_count = random.Random(f"{ctx.seed}:sold:{index}").randrange(200, 20000)
    if not chinese:
        if ctx.language != "en":
            en = ctx.scenario.get("en") or {}
            title = en.get("item", "Product listing")
            tags = en.get("tags", ())
        sold = f"{sold_count:,} sold"
        buttons = ("Add to cart", "Buy now")
    elif ctx.language == "zh-Hant":
        sold = f"已售 {sold_count}+"
        buttons = ("加入購物車", "立即購買")
    else:
        sold = f"月销 {sold_count}+"
        buttons = ("加入购物车", "立即购买")
    was = unit * 100 // 65 // 100 * 100 if unit > 1000 else unit * 2
    return images.listing_screenshot(
        f"{ctx.seed}:listing:{index}",
        title,
        _shelf_price(unit, currency),
        _shelf_price(was, currency),
        tags,
        shop_name,
        ctx.scenario["shape"],
        ctx.scenario["listed"],
        sold,
        buttons,
        label=_brand(ctx),
    )


def _brand(ctx: _Ctx) -> str | None:
    """A word printed on bottles and jars: the first word of the item's name."""
    if ctx.scenario["shape"] not in ("bottle", "jar", "box", "appliance"):
        return None
    item = ctx.texts["item"] if ctx.chinese else (ctx.scenario.get("en") or {}).get("item", "")
    word = item.split(" ")[0]
    return word[:6] if ctx.chinese else word[:10] or None


def _shelf_price(minor: int, currency: str) -> str:
    """A price as a product page shows it: ¥1299, HK$1,399, £89.99."""
    if currency == "CNY":
        return f"¥{minor / 100:.0f}" if minor % 100 == 0 else f"¥{minor / 100:.2f}"
    return money_text(minor, currency, "en")


def _add_planned(ctx: _Ctx, kind: str, **k: Any) -> None:
    rng = ctx.rng
    scenario = ctx.scenario
    texts = ctx.texts
    chinese = ctx.chinese
    clamp = k["clamp"]
    opened: datetime = k["opened"]
    photo_at: datetime = k["photo_at"]

    def after(low: float, high: float) -> datetime:
        moment: datetime = clamp(opened + timedelta(hours=rng.uniform(low, high)))
        return moment

    name_stamp = f"{photo_at:%Y%m%d_%H%M%S}"
    if kind == "photo":
        fmt, media, ext = (
            ("WEBP", "image/webp", "webp") if rng.random() < 0.15 else ("JPEG", "image/jpeg", "jpg")
        )
        data = ctx.render(
            f"photo-{fmt}",
            lambda: images.product_photo(
                f"{ctx.seed}:photo:{ctx.index}",
                scenario["shape"],
                scenario["received"],
                scenario["defects"],
                k["stamp"],
                label=_brand(ctx),
                fmt=fmt,
            ),
        )
        ctx.add_evidence(
            "photo",
            data,
            media,
            f"IMG_{name_stamp}.{ext}",
            "P1",
            photo_at,
            texts.get("photo") or ctx.title("photo"),
            captured_at=_iso(photo_at - timedelta(minutes=2)),
            compare_with=k["listing_id"],
        )
    elif kind == "label":
        lines = texts.get("label") or ()
        if not chinese:
            lines = (ctx.scenario.get("en") or {}).get("label", ("SEE CARE LABEL",))
        at = photo_at + timedelta(minutes=3)
        data = ctx.render(
            "label", lambda: images.label_photo(f"{ctx.seed}:label:{ctx.index}", lines, k["stamp"])
        )
        ctx.add_evidence(
            "photo",
            data,
            "image/jpeg",
            f"IMG_{at:%Y%m%d_%H%M%S}.jpg",
            "P1",
            at,
            ctx.title("label"),
            captured_at=_iso(at - timedelta(minutes=1)),
        )
    elif kind == "parcel":
        buyer = k["buyer"]
        masked = buyer.legal_name[0] + "**" if chinese else buyer.legal_name.split()[0][0] + "****"
        phone = buyer.phone[:3] + "****" + buyer.phone[-4:]
        data = ctx.render(
            "parcel",
            lambda: images.parcel_photo(
                f"{ctx.seed}:parcel:{ctx.index}",
                k["carrier"].name if chinese else "PARCEL",
                k["tracking"],
                f"{masked}  {phone}",
                ("dent", "tear") if scenario["ship"] == "damaged" else (),
                k["stamp"],
            ),
        )
        ctx.add_evidence(
            "photo",
            data,
            "image/jpeg",
            f"IMG_{name_stamp}_box.jpg",
            "P1",
            photo_at,
            ctx.title("parcel"),
            captured_at=_iso(photo_at - timedelta(minutes=4)),
        )
    elif kind == "logistics":
        record = {"carrier": k["carrier"].name, "number": k["tracking"], "events": k["track"]}
        ctx.add_evidence(
            "logistics_record",
            _json(record),
            "application/json",
            f"tracking-{k['tracking']}.json",
            "platform",
            after(0.2, 3),
            ctx.title("logistics"),
        )
    elif kind == "transaction":
        card = k["card"]
        record = {
            "transaction_id": k["transaction_id"],
            "order_id": k["order_id"],
            "channel": k["bank"] if ctx.language != "en" else "Visa debit",
            "card_number": card,
            "amount": f"{k['total'] / 100:.2f}",
            "currency": k["currency"],
            "status": "SUCCESS",
            "paid_at": _iso(k["paid"]),
        }
        ctx.add_evidence(
            "transaction_record",
            _json(record),
            "application/json",
            f"payment-{k['transaction_id'][-10:]}.json",
            "platform",
            after(0.5, 8),
            ctx.title("transaction"),
        )
    elif kind in ("sms", "promo"):
        at = after(0.1, 20)
        data = ctx.render(kind, lambda: _screenshot(ctx, kind, k))
        ctx.add_evidence(
            "photo" if kind == "sms" else "listing_snapshot",
            data,
            "image/png",
            f"Screenshot_{at:%Y-%m-%d-%H-%M-%S}.png",
            "P1",
            at,
            ctx.title(kind),
        )
    elif kind in ("appraisal", "invoice", "medical", "carrier", "police"):
        spec = _pdf_spec(ctx, kind, k)
        if spec is None:
            return
        data = ctx.render(kind, lambda: pdfs.render(spec, chinese))
        submitter = "P2" if kind == "carrier" else "P1"
        filename = {
            "appraisal": "检测报告.pdf"
            if ctx.language == "zh-Hans"
            else ("檢驗報告.pdf" if ctx.language == "zh-Hant" else "test-report.pdf"),
            "invoice": f"invoice-{k['order_id']}.pdf",
            "medical": "门诊病历.pdf" if ctx.language == "zh-Hans" else "clinic-record.pdf",
            "carrier": "情况说明.pdf" if ctx.language == "zh-Hans" else "carrier-statement.pdf",
            "police": "报警回执.pdf" if ctx.language == "zh-Hans" else "police-report.pdf",
        }[kind]
        ctx.add_evidence(
            "appraisal_report" if kind == "appraisal" else "document",
            data,
            "application/pdf",
            filename,
            submitter,
            after(20, 120),
            ctx.title(kind),
        )
    elif kind == "note":
        buyer = k["buyer"]
        at = after(1, 30)
        if ctx.language == "en":
            note = (
                f"{at:%d/%m/%Y %H:%M} Called the buyer {buyer.legal_name} on {buyer.phone}.\n"
                f"Buyer confirms the order {k['order_id']} and the problem described; asks for a quick answer.\n"
                f"Called the shop; the agent said they would reply in writing.\n"
            )
        else:
            note = (
                f"{at:%Y-%m-%d %H:%M} 致电买家{buyer.legal_name}（{buyer.phone}），买家确认订单{k['order_id']}及所述问题，要求尽快处理。\n"
                f"{(at + timedelta(minutes=25)):%H:%M} 致电商家客服，对方表示将在24小时内书面答复。\n"
                f"备注：买家收货地址{buyer.address}。\n"
            )
        ctx.add_evidence(
            "other",
            note.encode("utf-8"),
            "text/plain",
            f"call-notes-{k['case_no']}.txt",
            "platform",
            at,
            ctx.title("note"),
        )


def _screenshot(ctx: _Ctx, kind: str, k: dict[str, Any]) -> bytes:
    chinese = ctx.chinese
    paid: datetime = k["paid"]
    amount = money_text(k["total"], k["currency"], ctx.language if chinese else "en")
    tail = k["card"][-4:]
    if kind == "sms":
        if chinese:
            header = "106980095588" if ctx.language == "zh-Hans" else "銀行通知"
            bubbles = [
                (
                    f"{paid:%m-%d %H:%M}",
                    f"【{k['bank']}】您尾号{tail}的储蓄卡{paid:%m月%d日%H:%M}支出(网上支付){amount}，余额{ctx.rng.randrange(100, 9000)}.{ctx.rng.randrange(10, 99)}元。",
                ),
                (
                    f"{paid + timedelta(minutes=3):%m-%d %H:%M}",
                    f"【{k['bank']}】您尾号{tail}的储蓄卡{paid + timedelta(minutes=3):%m月%d日%H:%M}支出(网上支付){amount}。如非本人操作，请致电客服。",
                ),
            ]
        else:
            header = "BANK"
            bubbles = [
                (
                    f"{paid:%d %b %H:%M}",
                    f"Your card ending {tail} was used for {amount} online. Not you? Call us now.",
                )
            ]
        return images.text_screenshot(
            f"{ctx.seed}:sms:{ctx.index}", header, bubbles, f"{paid:%H:%M}"
        )
    price = ctx.values.get("price", "")
    if chinese:
        header = "活动规则" if ctx.language == "zh-Hans" else "活動規則"
        tags = ctx.texts.get("tags") or ("限时活动",)
        bubbles = [
            ("", " · ".join(tags)),
            ("", f"活动价 {price}，{ctx.fmt(ctx.texts['title'])}"),
            ("", "活动时间：以页面展示为准。本活动最终解释权在法律允许范围内归商家所有。"),
        ]
    else:
        header = "Offer details"
        tags = (ctx.scenario.get("en") or {}).get("tags", ("Limited offer",))
        bubbles = [
            ("", " · ".join(tags)),
            ("", f"Deal price {price}."),
            ("", "Offer period as shown on the page."),
        ]
    return images.text_screenshot(
        f"{ctx.seed}:promo:{ctx.index}", header, bubbles, f"{paid:%H:%M}", (230, 60, 50)
    )


def _pdf_spec(ctx: _Ctx, kind: str, k: dict[str, Any]) -> pdfs.PdfSpec | None:
    chinese = ctx.chinese and pdfs.can_write_chinese()
    rng = ctx.rng
    opened: datetime = k["opened"]
    buyer = k["buyer"]
    date_text = (
        f"{opened + timedelta(days=rng.randrange(1, 5)):%Y年%m月%d日}"
        if chinese
        else f"{opened + timedelta(days=2):%d %B %Y}"
    )
    zh = ctx.scenario["zh"]
    if kind == "appraisal":
        report = zh.get("report") if chinese else None
        if report is None:
            item = (
                ctx.texts["item"]
                if chinese
                else (ctx.scenario.get("en") or {}).get("item", "Sample")
            )
            if chinese:
                return pdfs.PdfSpec(
                    title="检验检测报告",
                    number=f"报告编号：JC-{opened:%Y%m}-{rng.randrange(1000, 9999)}",
                    fields=(
                        ("样品名称", item),
                        ("委托人", buyer.legal_name),
                        ("检验类别", "委托检验"),
                    ),
                    sections=(("检验结论", "所检项目不符合商品页面的标称。"),),
                    issuer="（检验检测专用章）",
                    date_text=date_text,
                    seal="检验检测专用章",
                )
            return pdfs.PdfSpec(
                title="Test Report",
                number=f"Report no. TR-{opened:%Y%m}-{rng.randrange(1000, 9999)}",
                fields=(
                    ("Sample", item),
                    ("Client", buyer.legal_name),
                    ("Type", "Commissioned test"),
                ),
                sections=(("Conclusion", "The sample does not match the seller's description."),),
                issuer="Independent Testing Services Ltd",
                date_text=date_text,
            )
        return pdfs.PdfSpec(
            title=report["title"],
            number=f"报告编号：{rng.choice('ABCDFJKMQ')}{rng.choice('ABCDFJKMQ')}JC-{opened:%Y}-{rng.randrange(10000, 99999)}",
            fields=(
                ("样品名称", report["sample"]),
                ("委托人", buyer.legal_name),
                ("联系电话", buyer.phone),
                ("检验依据", report["basis"]),
                ("收样日期", f"{opened:%Y年%m月%d日}"),
            ),
            table=[list(row) for row in report["rows"]],
            sections=(
                ("检验结论", report["conclusion"]),
                ("", "本报告仅对来样负责。未经本机构书面批准，不得部分复制本报告。"),
            ),
            issuer=report["lab"],
            date_text=date_text,
            seal=report["lab"],
        )
    if kind == "medical":
        record = zh.get("medical")
        if record is None:
            return None
        if not chinese:
            return pdfs.PdfSpec(
                title="Clinic Record",
                fields=(
                    ("Patient", buyer.legal_name),
                    ("Complaint", "Injury after using the product"),
                ),
                sections=(("Diagnosis", "See attached notes."),),
                issuer="City Clinic",
                date_text=date_text,
            )
        return pdfs.PdfSpec(
            title=f"{record['hospital']}{record['title']}",
            number=f"门诊号：{rng.randrange(10**9, 10**10)}",
            fields=(
                ("姓名", buyer.legal_name),
                ("性别", "男" if buyer.male else "女"),
                ("身份证号", buyer.id_number or "—"),
                ("科别", record["dept"]),
                ("就诊日期", f"{opened:%Y年%m月%d日}"),
            ),
            sections=(
                ("主诉", record["complaint"]),
                ("诊断", record["diagnosis"]),
                ("处理意见", record["advice"]),
            ),
            issuer=f"医师：{identity.chinese_name(rng, rng.random() < 0.5)}",
            date_text=date_text,
            seal=f"{record['hospital']}门诊专用章",
        )
    if kind == "invoice":
        shop = k["shop"]
        items = k["items"]
        if not chinese:
            return pdfs.PdfSpec(
                title="Invoice",
                number=f"Invoice no. {rng.randrange(10**7, 10**8)}",
                fields=(
                    ("Seller", shop.legal_name),
                    ("Buyer", buyer.legal_name),
                    ("Order", k["order_id"]),
                    ("Item", items[0]["title"]),
                    ("Total", money_text(k["total"], k["currency"], "en")),
                ),
                issuer=shop.legal_name,
                date_text=date_text,
            )
        return pdfs.PdfSpec(
            title="电子发票（普通发票）",
            number=f"发票号码：{rng.randrange(10**19, 10**20)}",
            fields=(
                ("购买方名称", buyer.legal_name),
                ("销售方名称", shop.legal_name),
                ("统一社会信用代码/纳税人识别号", shop.id_number or "—"),
                ("订单号", k["order_id"]),
            ),
            table=[
                ["项目名称", "数量", "单价", "金额"],
                [
                    items[0]["title"][:18],
                    str(items[0]["quantity"]),
                    f"{k['unit'] / 100:.2f}",
                    f"{k['total'] / 100:.2f}",
                ],
            ],
            sections=(("价税合计", money_text(k["total"], k["currency"], ctx.language)),),
            issuer=f"开票人：{identity.chinese_name(rng, False)}",
            date_text=date_text,
            seal=f"{shop.legal_name[:10]}发票专用章",
        )
    if kind == "carrier":
        carrier = k["carrier"]
        if not chinese:
            return pdfs.PdfSpec(
                title="Carrier Statement",
                fields=(("Tracking no.", k["tracking"]), ("Carrier", carrier.name)),
                sections=(
                    (
                        "Statement",
                        "The parcel was held at our hub after a scanning exception and could not be located. A claim has been opened.",
                    ),
                ),
                issuer=f"{carrier.name} Customer Relations",
                date_text=date_text,
            )
        return pdfs.PdfSpec(
            title="关于快件异常情况的说明",
            number=f"运单号：{k['tracking']}",
            fields=(
                ("寄件方", k["shop"].name),
                ("收件人", buyer.legal_name),
                ("承运商", carrier.name),
            ),
            sections=(
                (
                    "情况说明",
                    "经核查，该快件于中转环节发生异常，目前无法确认快件下落，我司已启动丢失件理赔流程，理赔金额以保价声明为准。",
                ),
            ),
            issuer=f"{carrier.name}客户服务部",
            date_text=date_text,
            seal=f"{carrier.name}客服专用章",
        )
    if kind == "police":
        police = (
            ctx.texts.get("police")
            or zh.get("police")
            or {"unit": "公安分局", "matter": "网络诈骗"}
        )
        if not chinese:
            return pdfs.PdfSpec(
                title="Crime Reference",
                number=f"Reference {rng.randrange(10**9, 10**10)}",
                fields=(
                    ("Reported by", buyer.legal_name),
                    ("Matter", police["matter"]),
                    ("Unit", police["unit"]),
                ),
                issuer=police["unit"],
                date_text=date_text,
            )
        region = buyer.region.city + buyer.region.district if buyer.region else ""
        return pdfs.PdfSpec(
            title="受案回执",
            number=f"{region}公（刑）受案字〔{opened:%Y}〕{rng.randrange(1000, 9999)}号",
            fields=(
                ("报案人", buyer.legal_name),
                ("身份证号", buyer.id_number or "—"),
                ("联系电话", buyer.phone),
                ("报案事由", police["matter"]),
            ),
            sections=(
                (
                    "",
                    f"你（单位）于{opened:%Y年%m月%d日}报称的{police['matter']}一案我单位已受理。如有疑问请与办案民警联系。",
                ),
            ),
            issuer=f"{region}{police['unit']}",
            date_text=date_text,
            seal=f"{region}公安局",
        )
    return None


def _ruling_draft(
    ctx: _Ctx,
    case_no: str,
    title: str,
    buyer: identity.Person,
    shop: catalog.Shop,
    outcome: str,
    amount: int | None,
    currency: str,
    mediator: str,
    at: datetime,
) -> bytes:
    chinese = ctx.chinese and pdfs.can_write_chinese()
    if not chinese:
        decision = {
            "buyer_favour": "The claim is upheld.",
            "partial": "The claim is upheld in part.",
            "merchant_favour": "The claim is dismissed.",
        }.get(outcome, "")
        if amount is not None and outcome != "merchant_favour":
            decision += (
                f" The shop shall pay {money_text(amount, currency, 'en')} within 3 working days."
            )
        return pdfs.render(
            pdfs.PdfSpec(
                title="Dispute Decision (draft)",
                number=f"Case {case_no}",
                fields=(("Buyer", buyer.legal_name), ("Shop", shop.name), ("Matter", title)),
                sections=(
                    ("Decision", decision),
                    ("Appeal", "Either party may appeal within 15 days of this decision."),
                ),
                issuer=f"Mediator: {mediator}",
                date_text=f"{at:%d %B %Y}",
            ),
            False,
        )
    decision = {
        "buyer_favour": "支持买家的投诉请求。",
        "partial": "部分支持买家的投诉请求。",
        "merchant_favour": "驳回买家的投诉请求。",
    }.get(outcome, "")
    if amount is not None and outcome != "merchant_favour":
        decision += f"商家应于本裁决生效之日起3个工作日内向买家支付{money_text(amount, currency, ctx.language)}。"
    return pdfs.render(
        pdfs.PdfSpec(
            title="纠纷裁决书（草案）",
            number=f"案号：{case_no}",
            fields=(
                ("买家", buyer.legal_name),
                ("商家", f"{shop.name}（{shop.legal_name}）"),
                ("纠纷事项", title),
            ),
            sections=(
                ("经审理查明", ctx.fmt(ctx.texts["desc"])),
                (
                    "裁决理由",
                    "根据平台规则及《中华人民共和国消费者权益保护法》《中华人民共和国电子商务法》的有关规定，结合双方提交的证据，作出如下裁决。",
                ),
                ("裁决结果", decision),
                (
                    "",
                    "如不服本裁决，可在收到本裁决书之日起15日内向平台申请复核，或依法向人民法院提起诉讼。",
                ),
            ),
            issuer=f"调解员：{mediator}",
            date_text=f"{at:%Y年%m月%d日}",
        ),
        True,
    )
