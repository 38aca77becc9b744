"""Parts of a demo case's document: its status, the buyer as a party, messages, the
parcel's track and what the buyer claims."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from platform_server.demo import identity
from platform_server.demo.context import Doc, convert, iso


def status_for(rng: random.Random, age: timedelta) -> str:
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


def buyer_party(buyer: identity.Person, language: str) -> Doc:
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


def message(
    message_id: str, at: datetime, sender: str, to: list[str], channel: str, text: str
) -> Doc:
    return {
        "id": message_id,
        "at": iso(at),
        "from": sender,
        "to": to,
        "channel": channel,
        "text": text,
    }


def shipment_span(kind: str, rng: random.Random) -> list[tuple[timedelta, str, str]]:
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


def location(where: str, origin: str, buyer: identity.Person, language: str, pickup: str) -> str:
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


def track_note(status: str, kind: str, language: str) -> str | None:
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


def claim_amount(rule: str, total: int, diff: int, coupon: int, currency: str) -> int | None:
    if rule == "none":
        return None
    if rule == "full":
        return total
    if rule == "diff":
        return diff
    if rule == "coupon":
        return coupon
    if rule == "ship":
        return convert(350, currency)
    kind, _, number = rule.partition(":")
    if kind == "part":
        return max(100, total * int(number) // 100)
    if kind == "comp":
        return max(total * int(number), convert(1000, currency) if number == "10" else 0)
    return total
