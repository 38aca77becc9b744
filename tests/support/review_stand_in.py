"""STAND-IN, until the signatures branch lands: submit a drafted document to the platform.

The real flow (issue 13) signs the PDF, uploads it and queues ``submit_document`` through
the outbox. Until then the two-workstation test submits the desk's drafted PDF with this
small helper: the user's own session (token from the keyring), ``PUT /documents/{sha}``,
then ``submit_document`` with one idempotency key kept across retries — so a lost answer
or an injected error never makes a second submission. The integrator swaps it for the
signed flow.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx

from app import audit
from app.desk import Desk
from app.documents import document_record, read_document
from app.documents.records import Ruling
from app.security.credentials import CredentialStore, platform_token_key
from app.store import models as m

RETRYABLE = {429, 500, 502, 503}


def _retrying(send: Any, attempts: int = 30) -> httpx.Response:
    for _ in range(attempts):
        try:
            answer = send()
        except httpx.TransportError:
            time.sleep(0.05)
            continue
        if answer.status_code in RETRYABLE:
            time.sleep(0.05)
            continue
        return answer
    raise AssertionError("the platform never answered")


def submit_drafted_document(
    desk: Desk,
    platform_url: str,
    username: str,
    credentials: CredentialStore,
    case_id: str,
    document_id: str,
) -> dict[str, Any]:
    """Upload the drafted PDF and submit it (with the ruling's decision) for review."""
    with desk.unit_of_work(read_only=True) as uow:
        pdf = read_document(uow, case_id, document_id)
        record = document_record(uow, case_id, document_id)
        version = uow.session.get(m.Case, case_id).version  # type: ignore[union-attr]
        desk_id = audit.desk_id(uow.session)
    token = credentials.get(platform_token_key(platform_url, username, desk_id))
    assert token, "signed in"
    headers = {"Authorization": f"Bearer {token}"}
    import hashlib

    sha = hashlib.sha256(pdf).hexdigest()
    with httpx.Client(base_url=platform_url, timeout=10) as http:
        put = _retrying(
            lambda: http.put(
                f"/api/v1/documents/{sha}",
                content=pdf,
                headers={**headers, "Content-Type": "application/pdf"},
            )
        )
        assert put.status_code in (200, 201), put.text
        body: dict[str, Any] = {"type": "submit_document", "kind": "ruling", "sha256": sha}
        if isinstance(record, Ruling):
            decision: dict[str, Any] = {"kind": "ruling", "outcome": record.outcome.code}
            remedies = [
                {
                    "remedy": entry.remedy,
                    "amount": {"value": entry.amount.value, "currency": entry.amount.currency},
                    "payer": "P2" if entry.payer_role == "merchant" else "P1",
                    "payee": "P1" if entry.payee_role == "buyer" else "P2",
                }
                for entry in record.remedies
                if entry.amount is not None
            ]
            if remedies:
                decision["remedies"] = remedies
            sanctions = [item.code for item in record.sanctions]
            if sanctions:
                decision["sanctions"] = sanctions
            body["decision"] = decision
        key = str(uuid.uuid4())
        answer = _retrying(
            lambda: http.post(
                f"/api/v1/cases/{case_id}/actions",
                json=body,
                headers={**headers, "Idempotency-Key": key, "If-Match": f'"v{version}"'},
            )
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())
