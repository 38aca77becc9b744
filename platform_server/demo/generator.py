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

The parts live beside it: :mod:`planning` (which story, which language, render groups),
:mod:`context` (what one case has decided so far), :mod:`case_parts` (status, parties,
messages, the parcel's track), :mod:`evidence_files` (the planned evidence) and
:mod:`rulings` (ruling drafts). This module tells the story in order.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from platform_server.demo import case_parts, catalog, evidence_files, identity, planning, rulings
from platform_server.demo.context import (
    LANG_KEY,
    CaseContext,
    Doc,
    RenderCache,
    convert,
    iso,
    json_bytes,
    money_text,
)
from platform_server.demo.planning import (
    CASE_NUMBER_BASE,
    REASONS,
    REUSE_VARIANTS,
    UNIQUE_RENDERS,
    case_id_for,
    reason_for,
    render_group,
)
from platform_server.demo.scenarios import CATEGORY_OF_REASON, MALICIOUS, TIME_LIMIT_DAYS

_CST = timezone(timedelta(hours=8))
_UTC = UTC


@dataclass
class GeneratedCase:
    document: Doc
    files: dict[str, bytes]
    documents: dict[str, bytes] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def _pretty_price(rng: random.Random, low: int, high: int) -> int:
    value = rng.randint(low, high)
    if value >= 100:
        return value - value % 10 + 9
    return value


def build_case(
    index: int,
    seed: int,
    anchor: date,
    mediators: tuple[str, ...] = ("mediator1", "mediator2"),
    cache: RenderCache | None = None,
) -> GeneratedCase:
    """One complete case: the document and the bytes of each evidence file."""
    scenario_no, scenario, language, rng = planning.plan(index, seed)
    reason = scenario["reason"]
    texts = scenario.get(LANG_KEY[language]) or scenario["zh"]
    if language != "zh-Hans" and LANG_KEY[language] not in scenario:
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
    unit = convert(yuan, currency)
    quantity = 1 if rng.random() < 0.85 else 2
    subtotal = unit * quantity
    shipping = (
        0
        if rng.random() < 0.7 or scenario["ship"] == "none"
        else convert(rng.choice((6, 8, 10, 12)), currency)
    )
    discount = (
        0
        if rng.random() < 0.6
        else min(subtotal // 10, convert(rng.choice((10, 20, 30, 50)), currency))
    )
    total = subtotal + shipping - discount
    diff = max(100, (unit * rng.randrange(6, 21) // 100) // 100 * 100)
    coupon = convert(rng.choice((20, 30, 50)), currency)
    card, bank = identity.bank_card(rng)

    ctx = CaseContext(
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
    span = case_parts.shipment_span(scenario["ship"], rng)
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
    status = case_parts.status_for(rng, age)
    assignee: str | None = rng.choice(mediators) if mediators else None
    if status == "open" and rng.random() < 0.35:
        assignee = None

    parties: list[Doc] = [
        case_parts.buyer_party(buyer, language),
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
        "placed_at": iso(placed),
        "paid_at": iso(paid),
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
            event: Doc = {"at": iso(clamp(paid + offset)), "status": step_status}
            location = case_parts.location(where, shop.origin, buyer, language, pickup)
            if location:
                event["location"] = location
            note = case_parts.track_note(step_status, scenario["ship"], language)
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
        data = ctx.render(
            "listing", lambda: evidence_files.listing_image(ctx, shop.name, unit, currency, index)
        )
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
        "paid_at": iso(paid),
        "channel": order["payment_method"],
        "ship_to": {"name": buyer.legal_name, "phone": buyer.phone, "address": buyer.address},
    }
    ctx.add_evidence(
        "order_record",
        json_bytes(order_record),
        "application/json",
        f"order-{order_id}.json",
        "platform",
        opened + timedelta(minutes=rng.randrange(5, 90)),
        ctx.title("order"),
    )
    chat_lines = list(texts["chat"])
    if malicious:
        chat_lines.extend(
            MALICIOUS[LANG_KEY[language] if LANG_KEY[language] in MALICIOUS else "zh"]["chat_extra"]
        )
    chat_start = last_track + timedelta(minutes=rng.randrange(30, 600))
    chat_start = min(chat_start, opened - timedelta(hours=2))
    chat: list[Doc] = []
    moment = chat_start
    for role, line in chat_lines:
        chat.append({"at": iso(clamp(moment)), "from": role, "text": ctx.fmt(line)})
        moment += timedelta(minutes=rng.randrange(2, 240))
        moment = min(moment, opened - timedelta(minutes=5))
    ctx.add_evidence(
        "chat_log",
        json_bytes(chat),
        "application/json",
        f"chat-{order_id}.json",
        "platform",
        clamp(opened + timedelta(hours=rng.uniform(0.5, 6))),
        ctx.title("chat"),
    )
    for kind in plan:
        if kind == "listing":
            continue
        evidence_files.add_planned(
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
    messages.append(
        case_parts.message("M1", opened, "P1", ["platform"], "platform_chat", complaint)
    )
    ctx.event(opened, "P1", "case.opened")
    intake_at = opened + timedelta(minutes=rng.randrange(10, 240))
    if status != "open" or rng.random() < 0.5:
        ctx.event(clamp(intake_at), "platform", "case.intake_reviewed")
    merchant_at = clamp(opened + timedelta(hours=rng.uniform(2, 30)))
    merchant_text = (
        MALICIOUS[LANG_KEY[language]]["merchant"] if malicious else ctx.fmt(texts["merchant"])
    )
    if status != "open" or age > timedelta(hours=30):
        messages.append(
            case_parts.message(
                "M2", merchant_at, "P2", ["platform"], "platform_chat", merchant_text
            )
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
            case_parts.message(
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
            case_parts.message(
                f"M{len(messages) + 1}", later, mediator_actor, [target], "platform", text
            )
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
                "at": iso(clamp(offer_at)),
                "remedy": "partial_refund",
                "amount": {"value": total * share // 100, "currency": currency},
                "text": catalog.MERCHANT_OFFER[language],
                "status": "rejected",
                "responses": [
                    {
                        "party": "P1",
                        "at": iso(reply_at),
                        "decision": "reject",
                        "text": catalog.BUYER_REJECTS[language],
                    }
                ],
            }
        )
        ctx.event(clamp(offer_at), "P2", "offer.proposed", "O1")
        ctx.event(reply_at, "P1", "offer.rejected", "O1")
    claim_amount = case_parts.claim_amount(scenario["amount"], total, diff, coupon, currency)
    if status in ("in_mediation", "under_review", "resolved", "closed") and assignee:
        offer_at = clamp(later + timedelta(hours=rng.uniform(2, 30)))
        remedy = scenario["remedy"]
        proposal: Doc = {
            "id": f"O{len(offers) + 1}",
            "proposed_by": mediator_actor,
            "at": iso(offer_at),
            "remedy": remedy,
            "text": catalog.MEDIATOR_OFFER[language],
            "expires_at": iso(offer_at + timedelta(days=3)),
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
                    "at": iso(respond_at),
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
                    "at": iso(respond_at),
                    "decision": "accept",
                    "text": catalog.BOTH_ACCEPT[language],
                },
                {
                    "party": "P2",
                    "at": iso(clamp(respond_at + timedelta(minutes=rng.randrange(10, 300)))),
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
                        "due_at": iso(settle_at + timedelta(days=3)),
                    }
                )
            decision = {
                "id": "DEC-1",
                "kind": "settlement",
                "decided_at": iso(settle_at),
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
            "decided_at": iso(close_at),
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
        pdf = rulings.ruling_draft(
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
                "created_at": iso(submit_at),
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
        "created_at": iso(opened),
        "updated_at": iso(updated),
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
        "due_at": iso(due),
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


__all__ = [
    "CASE_NUMBER_BASE",
    "REASONS",
    "REUSE_VARIANTS",
    "UNIQUE_RENDERS",
    "GeneratedCase",
    "RenderCache",
    "build_case",
    "case_id_for",
    "generate",
    "money_text",
    "reason_for",
    "render_group",
]
