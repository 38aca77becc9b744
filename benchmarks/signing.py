"""Benchmark: signatures (issue 13).

1. **Sign** (P-256, the mediator's certifying signature with its visible CJK block and
   the reserved countersignature field, validation material embedded) and **verify**
   (both signatures of a countersigned ruling, trust roots and CRL), warm, medians.
   Targets: under 50 ms each.
2. **Draft + sign + countersign + verify** of the stored case's ruling, end to end
   through the services (the store, the audit events, the files). Target: under 250 ms.
3. **1,000 rulings signed in one process** (each a different version of the record, so
   different bytes): ``PdfSigningKey.sign`` against bare pyHanko signing the same bytes
   with the same settings (same metadata, stamp style and fields, called directly),
   measured in the same run, in alternating blocks of 50. Target: within 1.3×. Bare
   pyHanko with its own defaults (invisible signature, nothing embedded) is printed too,
   for what our extras cost.
4. **Timestamps on loopback**: the reference platform serving its RFC 3161 authority
   (``POST /api/v1/timestamp``) on this machine; signing with a timestamp (B-LT: two TSA
   calls, pyHanko's size probe and the token), the document timestamp the sync adds to
   a B-B signature (DSS + timestamp), and verifying a timestamped signature. Medians.

    .venv/bin/python benchmarks/signing.py [--rulings 1000] [--repeat 30]

Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import keyring  # noqa: E402
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: E402
from pyhanko.sign import fields, signers  # noqa: E402

from app.clock import FixedClock  # noqa: E402
from app.desk import Desk  # noqa: E402
from app.documents import document_record, draft_document  # noqa: E402
from app.documents.signing import (  # noqa: E402
    SignatureRequest,
    countersign_document,
    sign_document,
    signed_form,
)
from reports import render_record  # noqa: E402
from reports.signing.pki import init_demo_pki  # noqa: E402
from reports.signing.sign import BYTES_RESERVED, PdfSigningKey  # noqa: E402
from reports.signing.verify import verify_pdf  # noqa: E402
from tests.integration.documents.stored_cases import (  # noqa: E402
    MEDIATOR,
    import_case,
    walk_to_ruling_draft,
)
from tests.support.memory_keyring import MemoryKeyring  # noqa: E402
from tests.unit.documents.walks import START  # noqa: E402

CASE = "DSP-2026-004711"
PW = b"benchmark"
MS = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rulings", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        init_demo_pki("示例调解中心", root / "pki", PW)
        trust = {
            "trust_roots": ((root / "pki" / "ca.pem").read_bytes(),),
            "crls": ((root / "pki" / "ca.crl").read_bytes(),),
        }
        mediator = PdfSigningKey((root / "pki" / "mediator1.p12").read_bytes(), PW, **trust)
        supervisor = PdfSigningKey((root / "pki" / "supervisor1.p12").read_bytes(), PW, **trust)
        clock = FixedClock(START)
        desk = Desk.open(root / "home", clock=clock)
        try:
            import_case(desk, root, CASE)
            walk_to_ruling_draft(desk, clock, CASE)
            flow_times, pages = _flows(desk, mediator, supervisor, trust, args.repeat)
            with desk.unit_of_work(read_only=True) as uow:
                record = document_record(uow, CASE, "R1")
        finally:
            desk.close()
        rendered = render_record(record)
        sign_times, verify_times = _sign_and_verify(
            rendered, mediator, supervisor, trust, args.repeat
        )
        records = [
            dataclasses.replace(
                record, case=dataclasses.replace(record.case, document_id=f"R{n}", version=n)
            )
            for n in range(1, args.rulings + 1)
        ]
        documents = [render_record(item) for item in records]
        ours, same, default = _thousand(documents, mediator, root / "pki" / "mediator1.p12")
        stamped_sign, doc_stamp, stamped_verify = _timestamps(
            rendered, root, trust, max(5, args.repeat // 3)
        )
    print(f"Machine: {_cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}, {date.today().isoformat()}")  # fmt: skip
    print()
    print("| what | figure |")
    print("|---|---|")
    print(f"| the stored case's ruling | {pages} pages, {len(rendered.data) // 1024} kB |")
    print(f"| sign (P-256, certifying, CJK block, CRL + chain embedded), median of {args.repeat} (target < 50 ms) | {statistics.median(sign_times) * MS:.1f} ms (best {min(sign_times) * MS:.1f}) |")  # fmt: skip
    print(f"| verify both signatures of a countersigned ruling, median (target < 50 ms) | {statistics.median(verify_times) * MS:.1f} ms (best {min(verify_times) * MS:.1f}) |")  # fmt: skip
    print(f"| draft + sign + countersign + verify through the store, median (target < 250 ms) | {statistics.median(flow_times) * MS:.1f} ms (best {min(flow_times) * MS:.1f}) |")  # fmt: skip
    n = args.rulings
    print(f"| {n} rulings, `PdfSigningKey.sign` | {ours:.2f} s ({ours / n * MS:.1f} ms each) |")
    print(f"| the same bytes, bare pyHanko with the same settings | {same:.2f} s ({same / n * MS:.1f} ms each) |")  # fmt: skip
    print(f"| ratio (target ≤ 1.3×) | **{ours / same:.2f}×** |")
    print(f"| for reference: bare pyHanko, its defaults (invisible, nothing embedded) | {default:.2f} s ({default / n * MS:.1f} ms each; ours is {ours / default:.2f}×) |")  # fmt: skip
    print(f"| sign with the platform's TSA on loopback (B-LT), median | {statistics.median(stamped_sign) * MS:.1f} ms (best {min(stamped_sign) * MS:.1f}) |")  # fmt: skip
    print(f"| document timestamp + DSS on a B-B signature (the sync's step), median | {statistics.median(doc_stamp) * MS:.1f} ms (best {min(doc_stamp) * MS:.1f}) |")  # fmt: skip
    print(f"| verify a B-LT signature (timestamp token checked too), median | {statistics.median(stamped_verify) * MS:.1f} ms (best {min(stamped_verify) * MS:.1f}) |")  # fmt: skip


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _request(rendered, role: str) -> SignatureRequest:  # type: ignore[no-untyped-def]
    box = next(b for b in rendered.signature_boxes if b.role == role)
    other = next(b for b in rendered.signature_boxes if b.role != role)
    return SignatureRequest(
        data=rendered.data,
        field_name=box.field_name,
        page=box.page,
        rect=box.rect,
        role=role,  # type: ignore[arg-type]
        language="zh-Hans",
        certify=role == "mediator",
        reason=f"{role} signature; audit-head none",
        at=dt.datetime.now(dt.UTC),
        reserve=((other.field_name, other.page, other.rect),) if role == "mediator" else (),
    )


def _sign_and_verify(rendered, mediator, supervisor, trust, repeat):  # type: ignore[no-untyped-def]
    request = _request(rendered, "mediator")
    mediator.sign(request)  # warm
    sign_times = []
    for _ in range(repeat):
        start = time.perf_counter()
        signed = mediator.sign(request)
        sign_times.append(time.perf_counter() - start)
    counter = dataclasses.replace(_request(rendered, "supervisor"), data=signed.data)
    both = supervisor.sign(counter).data
    verify_pdf(both, **trust)  # warm
    verify_times = []
    for _ in range(repeat):
        start = time.perf_counter()
        verdict = verify_pdf(both, **trust, final=True)
        verify_times.append(time.perf_counter() - start)
        assert verdict.approved, verdict.problem
    return sign_times, verify_times


def _flows(desk, mediator, supervisor, trust, repeat):  # type: ignore[no-untyped-def]
    times = []
    pages = 0
    for day in range(repeat + 1):  # the first is the warm-up
        start = time.perf_counter()
        with desk.unit_of_work() as uow:
            document = draft_document(
                uow,
                CASE,
                render_record,
                actor_id=MEDIATOR,
                document_date=date(2026, 3, 5) + timedelta(days=day),
            ).document
        with desk.unit_of_work() as uow:
            sign_document(uow, CASE, document.document_id, mediator, actor_id=MEDIATOR)
        with desk.unit_of_work() as uow:
            countersign_document(uow, CASE, document.document_id, supervisor, actor_id="user:chen")
        with desk.unit_of_work(read_only=True) as uow:
            data = signed_form(uow, CASE, document.document_id)
        assert data is not None
        verdict = verify_pdf(data, **trust, final=True)
        elapsed = time.perf_counter() - start
        assert verdict.approved, verdict.problem
        pages = document.page_count
        if day:
            times.append(elapsed)
    return times, pages


def _thousand(documents, mediator: PdfSigningKey, p12: Path):  # type: ignore[no-untyped-def]
    """Ours and bare pyHanko over the same requests, in alternating blocks of 50 (so a
    change in the machine's load during the run falls on both alike)."""
    requests = [_request(item, "mediator") for item in documents]
    same_signer = mediator._signer
    stamp = mediator._stamp
    meta_of = mediator._metadata

    def ours_block(block) -> float:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        for request in block:
            mediator.sign(request)
        return time.perf_counter() - start

    def same_block(block) -> float:  # type: ignore[no-untyped-def]
        # Bare pyHanko, the same settings: the metadata, stamp style and fields ours uses.
        start = time.perf_counter()
        for request in block:
            writer = IncrementalPdfFileWriter(io.BytesIO(request.data), strict=False)
            for name, page, rect in request.reserve:
                fields.append_signature_field(writer, _spec(name, page, rect))
            signers.PdfSigner(
                meta_of(request),
                same_signer,
                stamp_style=stamp,
                new_field_spec=_spec(request.field_name, request.page, request.rect),
            ).sign_pdf(
                writer,
                bytes_reserved=BYTES_RESERVED,
                appearance_text_params={"role": "调解员", "at": "签署时间"},
            )
        return time.perf_counter() - start

    ours = same = 0.0
    for first in range(0, len(requests), 50):
        block = requests[first : first + 50]
        ours += ours_block(block)
        same += same_block(block)

    plain = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=PW)
    start = time.perf_counter()
    for request in requests:
        signers.sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(request.data), strict=False),
            signers.PdfSignatureMetadata(
                field_name=request.field_name,
                md_algorithm="sha256",
                subfilter=fields.SigSeedSubFilter.PADES,
                certify=True,
            ),
            signer=plain,
            bytes_reserved=BYTES_RESERVED,
        )
    default = time.perf_counter() - start
    return ours, same, default


def _timestamps(rendered, root: Path, trust, repeat: int):  # type: ignore[no-untyped-def]
    import httpx

    from app.sync.client import PlatformClient
    from platform_server.config import PlatformConfig
    from platform_server.server import start_in_thread
    from reports.signing.timestamping import PdfDocumentStamper

    server = start_in_thread(
        PlatformConfig(
            data_dir=root / "platform",
            port=0,
            cases=0,
            demo_password=PW.decode(),
            simulate=False,
            tsa_p12=root / "pki" / "tsa.p12",
            tsa_passphrase=PW.decode(),
        )
    )
    try:
        token = httpx.post(
            f"{server.base_url}/api/v1/session",
            json={"username": "mediator1", "password": PW.decode()},
        ).json()["token"]
        with PlatformClient(server.base_url, token) as client:
            key = PdfSigningKey(
                (root / "pki" / "mediator1.p12").read_bytes(),
                PW,
                timestamps=client.timestamp,
                **trust,
            )
            plain = PdfSigningKey((root / "pki" / "mediator1.p12").read_bytes(), PW, **trust)
            request = _request(rendered, "mediator")
            stamper = PdfDocumentStamper(**trust)
            offline = plain.sign(request).data
            key.sign(request), stamper.stamp(offline, client.timestamp)  # warm
            signing, stamping, verifying = [], [], []
            for _ in range(repeat):
                start = time.perf_counter()
                signed = key.sign(request)
                signing.append(time.perf_counter() - start)
                assert signed.level == "B-LT"
                start = time.perf_counter()
                stamper.stamp(offline, client.timestamp)
                stamping.append(time.perf_counter() - start)
                start = time.perf_counter()
                verdict = verify_pdf(signed.data, **trust)
                verifying.append(time.perf_counter() - start)
                assert verdict.ok and verdict.signatures[0].level == "B-LT", verdict.problem
    finally:
        server.stop()
    return signing, stamping, verifying


def _spec(name: str, page: int, rect) -> fields.SigFieldSpec:  # type: ignore[no-untyped-def]
    x1, y1, x2, y2 = rect
    return fields.SigFieldSpec(name, on_page=page, box=(int(x1), int(y1), int(x2), int(y2)))


if __name__ == "__main__":
    main()
