"""The audit chain's head carried by every signature, so rewriting history after a
ruling shows even to someone who can write the database.

Each signature carries the chain's head at signing time in its signed ``/Reason``
(:func:`anchor_text`), in ASCII so anyone can read it with a text tool;
:func:`audit_anchors_in_signed_documents` reads them back from the signed files
themselves for ``audit verify``.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select

from app import audit
from app.store import models as m
from app.store.unit_of_work import UnitOfWork

_ANCHOR = re.compile(
    rb"audit-head desk=([0-9A-Za-z._-]{1,64}) seq=(\d{1,12}) sha256=([0-9a-f]{64}) at=([0-9T:+.Z-]{10,40})"
)


def anchor_text(anchor: audit.AuditAnchor | None) -> str:
    """The audit chain's head as a signature's reason carries it (ASCII)."""
    if anchor is None:
        return "audit-head none"
    return (
        f"audit-head desk={anchor.desk_id} seq={anchor.seq} sha256={anchor.digest} "
        f"at={anchor.at.isoformat()}"
    )


def anchors_in(data: bytes, source: str) -> list[audit.AuditAnchor]:
    """Every audit head a signed PDF's signatures carry (in their ``/Reason``)."""
    return [
        audit.AuditAnchor(
            desk_id=match.group(1).decode(),
            seq=int(match.group(2)),
            digest=match.group(3).decode(),
            at=datetime.fromisoformat(match.group(4).decode()),
            source=source,
        )
        for reason in _reasons(data)
        for match in _ANCHOR.finditer(reason)
    ]


_REASON = re.compile(rb"/Reason\s*\(")
_ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}


def _reasons(data: bytes) -> list[bytes]:
    """The ``/Reason`` literal strings of a PDF, their escapes undone (a signer writes
    ``;`` and ``-`` as octal escapes). Signature dictionaries are never compressed:
    their ``/Contents`` must sit at a byte range."""
    found = []
    for match in _REASON.finditer(data):
        out, depth, index = bytearray(), 1, match.end()
        while index < len(data) and depth:
            byte = data[index]
            if byte == 0x5C and index + 1 < len(data):  # backslash
                following = data[index + 1]
                if 0x30 <= following <= 0x37:
                    digits = data[index + 1 : index + 4]
                    count = next((n for n, d in enumerate(digits) if not 0x30 <= d <= 0x37), 3)
                    out.append(int(digits[:count], 8) & 0xFF)
                    index += 1 + count
                    continue
                out.append(_ESCAPES.get(following, following))
                index += 2
                continue
            if byte == 0x28:
                depth += 1
            elif byte == 0x29:
                depth -= 1
                if not depth:
                    break
            out.append(byte)
            index += 1
        found.append(bytes(out))
    return found


def audit_anchors_in_signed_documents(uow: UnitOfWork) -> list[audit.AuditAnchor]:
    """The audit heads every signed form in the store carries (read from the files)."""
    anchors: list[audit.AuditAnchor] = []
    rows = uow.session.execute(
        select(m.DocumentSignature).order_by(m.DocumentSignature.id)
    ).scalars()
    for row in rows:
        if not uow.evidence.has(row.sha256):
            continue  # a missing file is reported by evidence verify
        with uow.evidence.open(row.sha256) as source:
            data = source.read()
        anchors += anchors_in(data, f"document:{row.case_id}/{row.document_id}")
    unique = {(a.desk_id, a.seq, a.digest): a for a in anchors}
    return list(unique.values())
