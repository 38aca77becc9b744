"""Benchmark: the anonymizer of public notices, and its false-positive rate.

1. One notice-sized text (every free text of a demo case a notice could carry, plus a
   mediator's findings of fact with personal data written in) through ``anonymize``:
   median, p95 and worst of N cases, after one warm-up (OpenCC and the gazetteer load
   once per process; that load is reported on its own).
2. Every detector over one page of extracted text (about 2,500 characters): the same.
3. N notices (default 1,000) in one process: the total.
4. False positives on the demo corpus: every redaction of the demo cases' own texts
   that is not a datum of the case (a detector's own find) is listed by kind, and a
   reviewer's verdict on each distinct one is applied from ``_VERDICTS`` below;
   the rate is false redactions / all redactions, and per 10,000 characters.

    .venv/bin/python benchmarks/anonymize.py [--cases 1000] [--seed 7] [--show]

``--show`` prints the detector-only redactions with their surrounding text (demo data
only, all of it invented), to review the verdicts. Prints a Markdown table to paste into
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.anonymize import anonymize, anonymize_case, detect, known_data  # noqa: E402
from app.anonymize.engine import publishable_texts  # noqa: E402
from app.contract.case_document import CaseDocument, parse_case_document  # noqa: E402
from platform_server.demo.generator import generate  # noqa: E402

_FINDINGS = (
    "经查，买家{name}（身份证号{id_number}，手机{phone}）于下单后申请售后，"
    "收货地址为{address}。商家称已按约发货，运单号{tracking}。"
    "双方聊天记录显示，买家多次联系客服未获答复。平台认为商家未履行售后义务。"
)


def _cases(count: int, seed: int) -> list[CaseDocument]:
    return [
        parse_case_document(json.dumps(generated.document, ensure_ascii=False))
        for generated in generate(count, seed, date(2026, 10, 6))
    ]


def _findings(case: CaseDocument) -> str:
    buyer = case.parties[0]
    contact = buyer.contact
    return _FINDINGS.format(
        name=buyer.legal_name or buyer.display_name,
        id_number=buyer.id_number or "",
        phone=contact.phone if contact else "",
        address=contact.address if contact else "",
        tracking=case.order.shipment.tracking_number if case.order.shipment else "",
    )


def _page(cases: list[CaseDocument]) -> str:
    """About one A4 page of extracted text: several cases' texts run together."""
    parts: list[str] = []
    for case in cases:
        parts += list(publishable_texts(case).values())
        parts.append(_findings(case))
        if sum(len(p) for p in parts) > 2500:
            break
    return "\n".join(parts)[:2500]


def _stats(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1] if len(ordered) >= 20 else ordered[-1]
    return statistics.median(ordered) * 1000, p95 * 1000, ordered[-1] * 1000


# A reviewer's verdict on the detector-only finds of the demo corpus (seed 7, 1,000
# cases, reviewed with --show on 2026-12-01): every health find was a party's or their
# child's health (腹泻呕吐, 烫伤, 接触性皮炎, 门诊病历…), i.e. personal data that art. 10
# removes. Any find of another kind counts as a false positive until reviewed.
_PERSONAL_AFTER_REVIEW = frozenset({"health"})


def false_positives(cases: list[CaseDocument], show: bool) -> dict[str, object]:
    total = 0
    characters = 0
    detector_only: Counter[tuple[str, str]] = Counter()
    for case in cases:
        texts = publishable_texts(case)
        characters += sum(len(text) for text in texts.values())
        result = anonymize_case(case)
        total += len(result.redactions)
        for redaction in result.redactions:
            if redaction.confidence == "known":
                continue
            found = texts[redaction.field][redaction.start : redaction.end]
            detector_only[(redaction.kind, found)] += 1
            if show:
                text = texts[redaction.field]
                around = text[max(0, redaction.start - 15) : redaction.end + 15]
                print(f"  {case.case.id} {redaction.field} {redaction.kind}: …{around}…")
    false = sum(n for (kind, _), n in detector_only.items() if kind not in _PERSONAL_AFTER_REVIEW)
    return {
        "redactions": total,
        "detector_only": sum(detector_only.values()),
        "false": false,
        "distinct": len(detector_only),
        "by_kind": Counter(kind for (kind, _), n in detector_only.items() for _ in range(n)),
        "characters": characters,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    cases = _cases(args.cases, args.seed)
    generated = time.perf_counter() - started

    started = time.perf_counter()
    anonymize(cases[0], {"warm-up": "张三 13812345678 臺北市大安區忠孝東路四段1號"})
    load = time.perf_counter() - started

    notice_times: list[float] = []
    sizes: list[int] = []
    started_all = time.perf_counter()
    for case in cases:
        texts = publishable_texts(case)
        texts["answers.findings.findings_of_fact"] = _findings(case)
        sizes.append(sum(len(t) for t in texts.values()))
        begin = time.perf_counter()
        anonymize(case, texts)
        notice_times.append(time.perf_counter() - begin)
    all_notices = time.perf_counter() - started_all

    page = _page(cases)
    page_times = []
    for _ in range(200):
        begin = time.perf_counter()
        detect(page)
        page_times.append(time.perf_counter() - begin)
    known_times = []
    for case in cases[:200]:
        begin = time.perf_counter()
        known_data(case)
        known_times.append(time.perf_counter() - begin)

    fp = false_positives(cases, args.show)
    notice = _stats(notice_times)
    page_stats = _stats(page_times)
    known_stats = _stats(known_times)
    redactions = int(fp["redactions"])  # type: ignore[call-overload]
    false = int(fp["false"])  # type: ignore[call-overload]
    characters = int(fp["characters"])  # type: ignore[call-overload]
    print(
        f"machine: {platform.machine()} {platform.processor() or ''}, Python {platform.python_version()}, {date.today()}"
    )
    print(f"{len(cases)} demo cases generated in {generated:.1f} s (seed {args.seed})")
    print()
    print("| what | median | p95 | worst |")
    print("|---|---|---|---|")
    print(f"| one-time load (OpenCC, gazetteer) | {load * 1000:.0f} ms | | |")
    print(
        f"| anonymize one notice ({statistics.median(sizes):.0f} chars median) | {notice[0]:.1f} ms | {notice[1]:.1f} ms | {notice[2]:.1f} ms |"
    )
    print(
        f"| detect() over one page ({len(page)} chars) | {page_stats[0]:.1f} ms | {page_stats[1]:.1f} ms | {page_stats[2]:.1f} ms |"
    )
    print(
        f"| known_data(case) | {known_stats[0]:.2f} ms | {known_stats[1]:.2f} ms | {known_stats[2]:.2f} ms |"
    )
    print(f"| {len(cases)} notices in one process | {all_notices:.2f} s total | | |")
    print()
    print(
        f"false positives on the demo corpus: {false} of {redactions} redactions "
        f"({false / max(redactions, 1):.2%}), {false / max(characters, 1) * 10000:.2f} per 10,000 characters "
        f"of {characters:,} characters; detector-only finds {fp['detector_only']} ({fp['distinct']} distinct) by kind {dict(fp['by_kind'])}"  # type: ignore[arg-type]
    )


if __name__ == "__main__":
    main()
