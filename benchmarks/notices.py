"""Benchmark: public notices — anonymize, render, extract and gate, one notice and 1,000.

For each demo case (``platform_server.demo``, invented data) a ruling record is made the
way the desk stores one, with findings of fact that write the buyer's name, ID number,
phone, address and the tracking number into the text (what the anonymizer must take
out), then:

1. ``build_notice`` — every published text through the anonymizer;
2. ``render_notice`` — ReportLab and the PDF/A step;
3. ``extract_pdf_text`` — the PDF's own text (PDFium);
4. ``gate_findings`` — every known datum of the case and every detector over that text.

"Anonymize and gate" is 1 + 3 + 4 (what stands between a drafted record and the
decision to publish; rendering is reported on its own). 1,000 notices run in one
process; the share of the total spent in each step is reported, and every gate finding
on these notices (made from anonymized texts, so any finding is a false alarm or a
leak) is counted by kind.

    .venv/bin/python benchmarks/notices.py [--cases 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.contract.case_document import CaseDocument, parse_case_document  # noqa: E402
from app.documents.records import (  # noqa: E402
    AppealRoute,
    CaseRecord,
    Cited,
    ClaimEntry,
    GoodsLine,
    OrderEntry,
    PartyEntry,
    Ruling,
)
from app.notices import NoticeIdentity, build_notice, gate_findings  # noqa: E402
from platform_server.demo.generator import generate  # noqa: E402
from reports import extract_pdf_text, render_notice  # noqa: E402

_FINDINGS = (
    "经查，买家{name}（身份证号{id_number}，手机{phone}）于下单后申请售后，"
    "收货地址为{address}。商家称已按约发货，运单号{tracking}。"
    "双方聊天记录显示，买家多次联系客服未获答复。平台认为商家未履行售后义务。"
)
_REASONING = "依据平台规则及《消费者权益保护法》的相关规定，商家应承担相应责任，向买家退款。"


def _cases(count: int, seed: int) -> list[CaseDocument]:
    return [
        parse_case_document(json.dumps(generated.document, ensure_ascii=False))
        for generated in generate(count, seed, date(2026, 10, 6))
    ]


def _ruling(case: CaseDocument) -> Ruling:
    parties = tuple(
        PartyEntry(
            party_id=p.id,
            role=p.role,
            display_name=p.display_name,
            legal_name=p.legal_name,
            person_kind=p.person_kind,
            id_number=p.id_number,
            phone=p.contact.phone if p.contact else None,
            email=p.contact.email if p.contact else None,
            address=p.contact.address if p.contact else None,
            shop_id=p.shop.shop_id if p.shop else None,
            shop_name=p.shop.name if p.shop else None,
        )
        for p in case.parties
    )
    order = case.order
    buyer = case.parties[0]
    findings = _FINDINGS.format(
        name=buyer.legal_name or buyer.display_name,
        id_number=buyer.id_number or "",
        phone=buyer.contact.phone if buyer.contact else "",
        address=buyer.contact.address if buyer.contact else "",
        tracking=order.shipment.tracking_number if order.shipment else "",
    )
    record = CaseRecord(
        case_id=case.case.id,
        document_id="R1",
        version=1,
        supersedes=None,
        language=case.case.language,
        document_date=date(2026, 12, 1),
        category=case.case.category,
        reason=case.case.reason,
        channel=case.case.channel,
        opened_at=case.case.created_at,
        script_id=case.case.category,
        script_version=1,
        parties=parties,
        order=OrderEntry(
            order_id=order.id,
            placed_at=order.placed_at,
            paid_at=order.paid_at,
            payment_method=order.payment_method,
            transaction_id=order.transaction_id,
            items=tuple(
                GoodsLine(i.sku, i.title, i.quantity, i.unit_price, i.unit_price)
                for i in order.items
            ),
            shipping_fee=order.shipping_fee,
            discount=order.discount,
            total_paid=order.total_paid,
            carrier=order.shipment.carrier if order.shipment else None,
            tracking_number=order.shipment.tracking_number if order.shipment else None,
            delivered_at=None,
        ),
        claim=ClaimEntry(
            case.case.title,
            case.case.description,
            case.case.claim.remedy,
            case.case.claim.amount,
            case.case.claim.text,
        ),
        process=(),
        offers=(),
        evidence=(),
        evidence_manifest_sha256="e3b0c442" * 8,
        signatories=(),
    )
    return Ruling(
        case=record,
        findings_of_fact=findings,
        reasoning=_REASONING,
        rules_relied_on=(Cited("platform_rules", "平台规则"),),
        outcome=Cited("buyer_favour", "支持买家"),
        remedies=(),
        sanctions=(),
        appeal=AppealRoute(10),
    )


def _literal_values(case: CaseDocument) -> list[str]:
    """The case's personal values as stored, for a check that does not use the gate's
    own matcher: names of natural persons, phones, e-mails, ID numbers, the street part
    of addresses, order, tracking and transaction numbers."""
    values: list[str] = []
    for party in case.parties:
        natural = party.person_kind != "organisation" and party.role in ("buyer", "merchant")
        if natural and party.legal_name:
            values.append(party.legal_name)
        if party.contact:
            values += [v for v in (party.contact.phone, party.contact.email) if v]
        if natural and party.id_number:
            values.append(party.id_number)
    order = case.order
    values += [v for v in (order.id, order.transaction_id) if v]
    if order.shipment and order.shipment.tracking_number:
        values.append(order.shipment.tracking_number)
    return ["".join(v.split()).replace("-", "") for v in values if len(v) >= 2]


def _stats(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1] if len(ordered) >= 20 else ordered[-1]
    return statistics.median(ordered) * 1000, p95 * 1000, ordered[-1] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    load_before = os.getloadavg()
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    cases = _cases(args.cases, args.seed)
    rulings = [_ruling(case) for case in cases]

    started = time.perf_counter()  # one-time loads: OpenCC, gazetteer, fonts, PDFium
    identity = NoticeIdentity("N2", 2, None, date(2026, 12, 1), cases[0].case.language)
    first = build_notice(rulings[0], "0" * 64, cases[0], identity)
    gate_findings(extract_pdf_text(render_notice(first).data), cases[0])
    load = time.perf_counter() - started

    steps: dict[str, list[float]] = {"anonymize": [], "render": [], "extract": [], "gate": []}
    findings: Counter[str] = Counter()
    blocked = 0
    literal_leaks = 0
    pages: list[int] = []
    started_all = time.perf_counter()
    for case, ruling in zip(cases, rulings, strict=True):
        identity = NoticeIdentity("N2", 2, None, date(2026, 12, 1), case.case.language)
        t0 = time.perf_counter()
        notice = build_notice(ruling, "0" * 64, case, identity)
        t1 = time.perf_counter()
        rendered = render_notice(notice)
        t2 = time.perf_counter()
        text = extract_pdf_text(rendered.data)
        t3 = time.perf_counter()
        found = gate_findings(text, case)
        t4 = time.perf_counter()
        for name, value in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            steps[name].append(value)
        pages.append(rendered.page_count)
        blocked += bool(found)
        compact = "".join(text.split()).replace("-", "")
        literal_leaks += any(value in compact for value in _literal_values(case))
        findings.update(f"{f.field}:{f.kind}" for f in found)
    total = time.perf_counter() - started_all

    gated = [
        a + e + g
        for a, e, g in zip(steps["anonymize"], steps["extract"], steps["gate"], strict=True)
    ]
    print(
        f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}"
    )
    print(
        f"{args.cases} demo notices (seed {args.seed}), {statistics.median(pages):.0f} page(s) median"
    )
    load_after = os.getloadavg()
    print(
        f"started {when}; load average (1, 5, 15 min) before "
        f"{', '.join(f'{v:.2f}' for v in load_before)}, after "
        f"{', '.join(f'{v:.2f}' for v in load_after)}"
    )
    print()
    print("| step | median | p95 | worst | share of the 1,000 |")
    print("|---|---|---|---|---|")
    print(f"| one-time load per process | {load * 1000:.0f} ms | | | |")
    for name in steps:
        median, p95, worst = _stats(steps[name])
        share = sum(steps[name]) / total * 100
        print(f"| {name} | {median:.1f} ms | {p95:.1f} ms | {worst:.1f} ms | {share:.0f} % |")
    median, p95, worst = _stats(gated)
    print(
        f"| **anonymize + extract + gate** | **{median:.1f} ms** | {p95:.1f} ms | {worst:.1f} ms | |"
    )
    print(f"| {args.cases} notices in one process | {total:.2f} s total | | | 100 % |")
    print()
    print(f"gate refusals: {blocked} of {args.cases} notices; findings: {dict(findings) or 'none'}")
    print(f"notices whose PDF text holds a stored personal value literally: {literal_leaks}")


if __name__ == "__main__":
    main()
