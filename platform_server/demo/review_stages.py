"""The supervisor's demo: rulings at every stage of their life.

After the demo cases are generated, some of the rulings awaiting review are moved on by
the platform's own action rules (:mod:`platform_server.actions`), as the demo supervisor
would have: one returned with comments, some approved, one of those with its anonymized
notice published, and one approved and then appealed by a party. The rest keep waiting
in the review queue. Deterministic: cases are taken in id order.

With a :data:`RulingSigner` (the demo command hands one in: the platform never signs
and never imports the signing code), every ruling awaiting review is first replaced by
its mediator-signed form (:func:`sign_submitted_rulings`), and each approval here
carries the demo supervisor's countersigned form — so the supervisor's desk countersigns
real signatures, and what is approved is countersigned.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from app.contract.wire import parse_action
from platform_server import appeals, cases
from platform_server.actions import ActionContext, Caller, apply_action
from platform_server.db import CaseRow, Database, StoredDocument
from platform_server.seeding import put_file

SUPERVISOR = Caller("supervisor1", "supervisor")
#: Sign a ruling PDF as a demo user: a mediator certifies it (reserving the supervisor's
#: field), a supervisor countersigns it into that field. Returns the signed PDF.
RulingSigner = Callable[[bytes, str], bytes]
RETURN_COMMENTS = (
    "事实部分需补充：请核对物流签收记录，并说明买家收货时的检查情况。退款金额请说明计算依据。"
)


def _notice_pdf(case_id: str) -> bytes:
    """A small valid PDF standing for the anonymized notice (the notices work renders it)."""
    text = f"Notice {case_id}".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % (len(text) + 24)
        + b"BT 72 770 Td ("
        + text
        + b") Tj ET\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _act(session: Any, db_row: CaseRow, caller: Caller, body: dict[str, Any]) -> dict[str, Any]:
    document = cases.load(db_row)
    extra = dict(db_row.extra or {})
    at = time.time()

    def uploaded_size(sha: str) -> int | None:
        stored = session.get(StoredDocument, sha)
        return None if stored is None else int(stored.size)

    ctx = ActionContext(
        caller=caller,
        now=cases.now_text(document, at),
        at=at,
        uploaded_size=uploaded_size,
        extra=extra,
    )
    kind, result = apply_action(document, parse_action(json.dumps(body).encode()), ctx)
    db_row.extra = extra
    cases.save_new_version(session, db_row, document, actor=caller.actor, kind=kind, at=at)
    return result


def _submitted(document: dict[str, Any]) -> str | None:
    for item in document.get("documents") or []:
        if item["status"] == "submitted" and item["kind"] == "ruling":
            return str(item["id"])
    return None


def _keep(session: Any, store: Any, pdf: bytes, uploaded_by: str) -> str:
    sha = put_file(store, pdf)
    if session.get(StoredDocument, sha) is None:
        session.add(
            StoredDocument(
                sha256=sha, size=len(pdf), uploaded_by=uploaded_by, uploaded_at=time.time()
            )
        )
        session.flush()
    return sha


def _read(store: Any, sha: str) -> bytes:
    with store.open(sha) as source:
        data: bytes = source.read()
    if hashlib.sha256(data).hexdigest() != sha:
        raise ValueError(f"stored document {sha} does not match its hash")
    return data


def sign_submitted_rulings(db: Database, store: Any, signer: RulingSigner) -> int:
    """Replace every ruling awaiting review by its form signed by the mediator who
    submitted it (demo data, before any client syncs); returns how many were signed."""
    signed = 0
    with db.write() as session:
        rows = list(
            session.scalars(
                select(CaseRow).where(CaseRow.status == "under_review").order_by(CaseRow.id)
            )
        )
        for row in rows:
            document = cases.load(row)
            changed = False
            for item in document.get("documents") or []:
                if item["kind"] != "ruling" or item["status"] != "submitted":
                    continue
                author = str(item["created_by"]).removeprefix("user:")
                pdf = signer(_read(store, item["sha256"]), author)
                item["sha256"], item["size"] = _keep(session, store, pdf, author), len(pdf)
                changed = True
                signed += 1
            if changed:
                cases.save_new_version(
                    session,
                    row,
                    document,
                    actor="platform",
                    kind="document.submitted",
                    at=time.time(),
                )
        session.commit()
    return signed


def _approval(
    session: Any, store: Any, row: CaseRow, document_id: str, signer: RulingSigner | None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "review_document",
        "document_id": document_id,
        "verdict": "approve",
        "comments": "同意。",
    }
    if signer is not None:
        item = next(d for d in cases.load(row)["documents"] if d["id"] == document_id)
        countersigned = signer(_read(store, item["sha256"]), SUPERVISOR.username)
        body["sha256"] = _keep(session, store, countersigned, SUPERVISOR.username)
    return body


def stage_reviews(
    db: Database, store: Any, signer: RulingSigner | None = None
) -> dict[str, list[str]]:
    """Move some rulings awaiting review on; returns the case ids per stage."""
    stages: dict[str, list[str]] = {"returned": [], "approved": [], "published": [], "appealed": []}
    with db.write() as session:
        rows = list(
            session.scalars(
                select(CaseRow).where(CaseRow.status == "under_review").order_by(CaseRow.id)
            )
        )
        waiting = [(row, _submitted(cases.load(row))) for row in rows]
        waiting = [(row, doc) for row, doc in waiting if doc is not None]
        plan = ["returned", "appealed", "published", "approved"]
        # Keep at least two of them waiting for the demo supervisor's queue.
        for (row, document_id), stage in zip(
            waiting[: max(len(waiting) - 2, 0)], plan, strict=False
        ):
            if stage == "returned":
                _act(
                    session,
                    row,
                    SUPERVISOR,
                    {
                        "type": "review_document",
                        "document_id": document_id,
                        "verdict": "return",
                        "comments": RETURN_COMMENTS,
                    },
                )
            else:
                _act(session, row, SUPERVISOR, _approval(session, store, row, document_id, signer))
            if stage == "published":
                sha = _keep(session, store, _notice_pdf(row.id), "mediator1")
                assignee = cases.load(row)["case"].get("assigned_to") or "mediator1"
                notice = _act(
                    session,
                    row,
                    Caller(str(assignee), "mediator"),
                    {"type": "submit_document", "kind": "notice", "sha256": sha},
                )
                _act(
                    session,
                    row,
                    SUPERVISOR,
                    {
                        "type": "review_document",
                        "document_id": notice["document_id"],
                        "verdict": "approve",
                        "comments": "",
                    },
                )
                _act(
                    session,
                    row,
                    SUPERVISOR,
                    {"type": "publish_notice", "document_id": notice["document_id"]},
                )
            if stage == "appealed":
                document = cases.load(row)
                extra = dict(row.extra or {})
                at = time.time()
                appeals.appeal(
                    document,
                    extra,
                    "P1",
                    "买家不服裁决：商家所称的签收记录并非本人签收，请求重新审查。",
                    cases.now_text(document, at),
                )
                row.extra = extra
                cases.save_new_version(
                    session, row, document, actor="platform", kind="case.appealed", at=at
                )
            stages[stage].append(row.id)
        session.commit()
    return stages
