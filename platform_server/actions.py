"""What each action of the sync API does to a case document.

The functions here work on the document as plain JSON data and know nothing of HTTP or
the database: :func:`authorize` says whether a user may send an action on a case,
:func:`apply_action` changes the document and returns the change kind and the result
the client receives. A refusal is an :class:`~platform_server.errors.ApiError` (403 or
422) raised before anything is changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.contract.wire import (
    ACTION_ROLES,
    Action,
    CloseAction,
    MessageAction,
    ProposeOfferAction,
    PublishNoticeAction,
    RecordResponseAction,
    RequestEvidenceAction,
    ReviewDocumentAction,
    SetStatusAction,
    SubmitDocumentAction,
)
from platform_server.appeals import appeal_carried, appeal_reviewed
from platform_server.errors import forbidden, invalid

Doc = dict[str, Any]

_CLOSED = ("closed", "withdrawn")


@dataclass(frozen=True)
class Caller:
    username: str
    role: str

    @property
    def actor(self) -> str:
        return f"user:{self.username}"


@dataclass
class ActionContext:
    caller: Caller
    now: str
    at: float
    uploaded_size: Callable[[str], int | None]
    extra: dict[str, Any]
    jobs: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def authorize(action_type: str, caller: Caller, assigned_to: str | None) -> None:
    """Raise 403 unless this user's role (and assignment) allows the action."""
    roles = ACTION_ROLES[action_type]
    is_assignee = assigned_to == caller.username
    if caller.role == "supervisor" and "supervisor" in roles:
        return
    if "mediator" in roles and is_assignee:
        return
    if "mediator" in roles:
        raise forbidden(f"Only the mediator assigned to this case may send '{action_type}'.")
    raise forbidden(f"Only a supervisor may send '{action_type}'.")


def next_id(prefix: str, existing: list[Doc]) -> str:
    used = {str(item.get("id")) for item in existing}
    number = len(existing) + 1
    while f"{prefix}{number}" in used:
        number += 1
    return f"{prefix}{number}"


def _party(document: Doc, party_id: str, field_name: str) -> Doc:
    for party in document["parties"]:
        if party["id"] == party_id:
            return dict(party)
    raise invalid(
        f"{field_name}: no party '{party_id}' in this case", **{field_name: "no such party"}
    )


def _history(document: Doc, ctx: ActionContext, event: str, text: str | None = None) -> None:
    entry: Doc = {"at": ctx.now, "actor": ctx.caller.actor, "event": event}
    if text:
        entry["text"] = text[:20000]
    document["history"].append(entry)


def _require_open(document: Doc) -> None:
    status = document["case"]["status"]
    if status in _CLOSED:
        raise invalid(
            f"The case is {status}; reopen it with set_status first.",
            **{"case.status": f"is {status}"},
        )


def _after_now(value: datetime, ctx: ActionContext, field_name: str) -> None:
    if value.timestamp() <= ctx.at:
        raise invalid(
            f"{field_name}: must be in the future", **{field_name: "must be in the future"}
        )


def _time(value: datetime) -> str:
    return value.isoformat()


def apply_action(document: Doc, action: Action, ctx: ActionContext) -> tuple[str, Doc]:
    """Change ``document`` as ``action`` says; returns (change kind, result)."""
    handler = _HANDLERS[action.type]
    return handler(document, action, ctx)


def _message(document: Doc, action: Any, ctx: ActionContext) -> tuple[str, Doc]:
    assert isinstance(action, MessageAction)
    _require_open(document)
    for party_id in action.to:
        _party(document, party_id, "to")
    message_id = next_id("M", document["messages"])
    document["messages"].append(
        {
            "id": message_id,
            "at": ctx.now,
            "from": ctx.caller.actor,
            "to": list(action.to),
            "channel": action.channel,
            "text": action.text,
        }
    )
    _history(document, ctx, "message.sent", f"{message_id} → {', '.join(action.to)}")
    return "message", {"message_id": message_id}


def _request_evidence(document: Doc, action: Any, ctx: ActionContext) -> tuple[str, Doc]:
    assert isinstance(action, RequestEvidenceAction)
    _require_open(document)
    party = _party(document, action.from_, "from")
    _after_now(action.due_at, ctx, "due_at")
    message_id = next_id("M", document["messages"])
    document["messages"].append(
        {
            "id": message_id,
            "at": ctx.now,
            "from": ctx.caller.actor,
            "to": [party["id"]],
            "channel": "platform",
            "text": action.text,
        }
    )
    kinds = list(dict.fromkeys(action.kinds))
    _history(
        document,
        ctx,
        "evidence.requested",
        f"from {party['id']}: {', '.join(kinds)}; due {_time(action.due_at)}",
    )
    if party["role"] == "buyer":
        document["case"]["status"] = "awaiting_buyer"
    elif party["role"] == "merchant":
        document["case"]["status"] = "awaiting_merchant"
    ctx.jobs.append(
        ("evidence_answer", {"party": party["id"], "kinds": kinds, "message_id": message_id})
    )
    return "evidence.requested", {"message_id": message_id}


def _propose_offer(document: Doc, action: Any, ctx: ActionContext) -> tuple[str, Doc]:
    assert isinstance(action, ProposeOfferAction)
    _require_open(document)
    _after_now(action.expires_at, ctx, "expires_at")
    currency = document["order"]["total_paid"]["currency"]
    if action.amount is not None and action.amount.currency != currency:
        raise invalid(
            f"amount.currency: the order was paid in {currency}",
            **{"amount.currency": f"must be {currency}, the order's currency"},
        )
    withdrawn = []
    for earlier in document["offers"]:
        if earlier["status"] == "proposed" and str(earlier["proposed_by"]).startswith("user:"):
            earlier["status"] = "withdrawn"
            withdrawn.append(earlier["id"])
    offer_id = next_id("O", document["offers"])
    offer: Doc = {
        "id": offer_id,
        "proposed_by": ctx.caller.actor,
        "at": ctx.now,
        "remedy": action.remedy,
        "text": action.text,
        "expires_at": _time(action.expires_at),
        "status": "proposed",
        "responses": [],
    }
    if action.amount is not None:
        offer["amount"] = action.amount.to_json_dict()
    document["offers"].append(offer)
    if document["case"]["status"] in ("open", "awaiting_buyer", "awaiting_merchant"):
        document["case"]["status"] = "in_mediation"
    _history(document, ctx, "offer.proposed", offer_id)
    ctx.jobs.append(("offer_answer", {"offer_id": offer_id}))
    return "offer.proposed", {"offer_id": offer_id, "withdrawn": withdrawn}


def settle_offer(offer: Doc, parties: list[Doc]) -> None:
    """An offer is rejected by any rejection and accepted once buyer and merchant agree."""
    decisions = {response["party"]: response["decision"] for response in offer["responses"]}
    if "reject" in decisions.values():
        offer["status"] = "rejected"
        return
    needed = {party["id"] for party in parties if party["role"] in ("buyer", "merchant")}
    if needed and all(decisions.get(party_id) == "accept" for party_id in needed):
        offer["status"] = "accepted"


def _record_response(document: Doc, action: Any, ctx: ActionContext) -> tuple[str, Doc]:
    assert isinstance(action, RecordResponseAction)
    _require_open(document)
    offer = next((item for item in document["offers"] if item["id"] == action.offer_id), None)
    if offer is None:
        raise invalid(
            f"offer_id: no offer '{action.offer_id}' in this case", offer_id="no such offer"
        )
    _party(document, action.party, "party")
    if offer["status"] != "proposed":
        raise invalid(
            f"offer_id: the offer is {offer['status']}, no longer open",
            offer_id=f"is {offer['status']}",
        )
    response: Doc = {"party": action.party, "at": ctx.now, "decision": action.decision}
    if action.text:
        response["text"] = action.text
    offer.setdefault("responses", []).append(response)
    if len(offer["responses"]) > 20:
        raise invalid("offer_id: the offer has too many responses", offer_id="too many responses")
    settle_offer(offer, document["parties"])
    _history(
        document,
        ctx,
        "offer.response_recorded",
        f"{action.offer_id}: {action.party} {action.decision} (by phone)",
    )
    return "offer.response", {"offer_id": offer["id"], "offer_status": offer["status"]}


def _set_status(document: Doc, action: Any, ctx: ActionContext) -> tuple[str, Doc]:
    assert isinstance(action, SetStatusAction)
    before = document["case"]["status"]
    document["case"]["status"] = action.status
    note = f"{before} → {action.status}"
    if action.note:
        note += f": {action.note}"
    _history(document, ctx, "case.status_changed", note)
    return "status", {"status": action.status, "previous": before}


def _submit_document(document: Doc, action: Any, ctx: ActionContext) -> tuple[str, Doc]:
    assert isinstance(action, SubmitDocumentAction)
    _require_open(document)
    size = ctx.uploaded_size(action.sha256)
    if size is None:
        raise invalid(
            "sha256: no uploaded document has this hash; PUT it to /api/v1/documents first",
            sha256="not uploaded",
        )
    if action.kind == "ruling" and action.decision is None:
        raise invalid(
            "decision: a ruling carries its decision", decision="is required for a ruling"
        )
    documents = document.setdefault("documents", [])
    superseded = []
    for item in documents:
        if item["kind"] == action.kind and item["status"] in ("submitted", "returned"):
            item["status"] = "superseded"
            superseded.append(item["id"])
    document_id = next_id("D", documents)
    documents.append(
        {
            "id": document_id,
            "kind": action.kind,
            "sha256": action.sha256,
            "size": size,
            "created_at": ctx.now,
            "created_by": ctx.caller.actor,
            "status": "submitted",
            "reviews": [],
        }
    )
    pending = dict(ctx.extra.get("pending_decisions") or {})
    for old in superseded:
        pending.pop(old, None)
    appeal_carried(ctx.extra, superseded, document_id)
    if action.decision is not None:
        pending[document_id] = action.decision.model_dump(mode="json", exclude_none=True)
    ctx.extra["pending_decisions"] = pending
    if action.kind == "ruling":
        document["case"]["status"] = "under_review"
    _history(document, ctx, "document.submitted", f"{document_id} ({action.kind})")
    return "document.submitted", {"document_id": document_id, "superseded": superseded}


def _find_document(document: Doc, document_id: str) -> Doc:
    for item in document.get("documents") or []:
        if item["id"] == document_id:
            return dict(item)
    raise invalid(
        f"document_id: no document '{document_id}' in this case", document_id="no such document"
    )


def _review_document(document: Doc, action: Any, ctx: ActionContext) -> tuple[str, Doc]:
    assert isinstance(action, ReviewDocumentAction)
    reviewed = _find_document(document, action.document_id)
    if reviewed["created_by"] == ctx.caller.actor:
        raise forbidden("Nobody reviews a document they created (four-eyes rule).")
    if reviewed["status"] != "submitted":
        raise invalid(
            f"document_id: the document is {reviewed['status']}, not awaiting review",
            document_id=f"is {reviewed['status']}",
        )
    # Approved before and reopened by an appeal: the document already carries the
    # supervisor's countersignature, so approving it again confirms it as it is.
    confirming = any(r.get("verdict") == "approve" for r in reviewed.get("reviews") or [])
    countersigned_size = None
    if action.sha256 is not None:
        if action.verdict != "approve":
            raise invalid(
                "sha256: only an approval carries a countersigned PDF", sha256="only with approve"
            )
        if confirming:
            raise invalid(
                "sha256: the document was approved and countersigned before; on appeal it is "
                "confirmed without a new PDF, or returned for a new version",
                sha256="already countersigned",
            )
        countersigned_size = ctx.uploaded_size(action.sha256)
        if countersigned_size is None:
            raise invalid(
                "sha256: no uploaded document has this hash; PUT it first", sha256="not uploaded"
            )
    review: Doc = {"by": ctx.caller.actor, "at": ctx.now, "verdict": action.verdict}
    if action.comments:
        review["comments"] = action.comments
    documents = document["documents"]
    item = next(entry for entry in documents if entry["id"] == action.document_id)
    item.setdefault("reviews", []).append(review)
    result: Doc = {"document_id": item["id"]}
    pending = dict(ctx.extra.get("pending_decisions") or {})
    if action.verdict == "return":
        item["status"] = "returned"
        pending.pop(item["id"], None)
        if item["kind"] == "ruling" and document["case"]["status"] == "under_review":
            document["case"]["status"] = "in_mediation"
        _history(document, ctx, "document.returned", item["id"])
        result["status"] = "returned"
        ctx.extra["pending_decisions"] = pending
        return "document.returned", result
    approved = item
    if action.sha256 is not None and countersigned_size is not None:
        item["status"] = "superseded"
        # The countersigned form is still the author's document (the mediator who
        # submitted it); the supervisor is in its reviews as the one who approved it.
        approved = {
            "id": next_id("D", documents),
            "kind": item["kind"],
            "sha256": action.sha256,
            "size": countersigned_size,
            "created_at": ctx.now,
            "created_by": item["created_by"],
            "status": "approved",
            "reviews": [review],
        }
        documents.append(approved)
        result["superseded"] = item["id"]
    approved["status"] = "approved"
    decision_input = pending.pop(item["id"], None)
    if confirming and decision_input is None:
        # Confirmed on appeal: the decision stands as it was decided.
        if document.get("decision") and document["case"]["status"] == "under_review":
            document["case"]["status"] = "resolved"
        if document.get("decision"):
            result["decision_id"] = document["decision"]["id"]
    elif decision_input is not None:
        decision: Doc = {
            "id": f"DEC-{approved['id']}",
            "kind": decision_input["kind"],
            "decided_at": ctx.now,
            "outcome": decision_input["outcome"],
        }
        for key in ("remedies", "sanctions", "appeal_until"):
            if key in decision_input:
                decision[key] = decision_input[key]
        decision["document_sha256"] = approved["sha256"]
        document["decision"] = decision
        if document["case"]["status"] == "under_review":
            document["case"]["status"] = "resolved"
        result["decision_id"] = decision["id"]
    ctx.extra["pending_decisions"] = pending
    _history(document, ctx, "document.approved", approved["id"])
    appeal_reviewed(document, ctx.extra, item["id"], ctx.now, ctx.caller.actor)
    result["document_id"] = approved["id"]
    result["status"] = "approved"
    return "document.approved", result


def _publish_notice(document: Doc, action: Any, ctx: ActionContext) -> tuple[str, Doc]:
    assert isinstance(action, PublishNoticeAction)
    if action.sha256 is not None:
        return _publish_desk_notice(document, action.sha256, ctx)
    assert action.document_id is not None  # the action's own validator
    found = _find_document(document, action.document_id)
    if found["kind"] != "notice":
        raise invalid(
            "document_id: only a notice is published", document_id=f"is a {found['kind']}"
        )
    if found["status"] != "approved":
        raise invalid(
            f"document_id: the notice is {found['status']}; only an approved notice is published",
            document_id=f"is {found['status']}",
        )
    item = next(entry for entry in document["documents"] if entry["id"] == action.document_id)
    item["status"] = "published"
    _history(document, ctx, "notice.published", item["id"])
    return "notice.published", {"document_id": item["id"], "status": "published"}


def _publish_desk_notice(document: Doc, sha256: str, ctx: ActionContext) -> tuple[str, Doc]:
    """A notice drafted and gated on a supervisor's desk, uploaded first: recorded as a
    published notice document (the supervisor is the one who approves notices)."""
    size = ctx.uploaded_size(sha256)
    if size is None:
        raise invalid(
            "sha256: no uploaded document has this hash; PUT it to /api/v1/documents first",
            sha256="not uploaded",
        )
    documents = document.setdefault("documents", [])
    for item in documents:
        if item["kind"] == "notice" and item["sha256"] == sha256 and item["status"] == "published":
            return "notice.published", {"document_id": item["id"], "status": "published"}
    for item in documents:
        if item["kind"] == "notice" and item["status"] == "published":
            item["status"] = "superseded"  # a case has one published notice at a time
    document_id = next_id("D", documents)
    documents.append(
        {
            "id": document_id,
            "kind": "notice",
            "sha256": sha256,
            "size": size,
            "created_at": ctx.now,
            "created_by": ctx.caller.actor,
            "status": "published",
            "reviews": [],
        }
    )
    _history(document, ctx, "notice.published", document_id)
    return "notice.published", {"document_id": document_id, "status": "published"}


def _close(document: Doc, action: Any, ctx: ActionContext) -> tuple[str, Doc]:
    assert isinstance(action, CloseAction)
    if document["case"]["status"] == "closed":
        raise invalid("The case is already closed.", **{"case.status": "is closed"})
    document["case"]["status"] = "closed"
    if document.get("decision") is None:
        document["decision"] = {
            "id": next_id("DEC-C", []),
            "kind": "dismissal" if action.outcome == "dismissed" else "settlement",
            "decided_at": ctx.now,
            "outcome": action.outcome,
        }
    for offer in document["offers"]:
        if offer["status"] == "proposed":
            offer["status"] = "withdrawn"
    _history(
        document,
        ctx,
        "case.closed",
        f"{action.outcome}: {action.note}" if action.note else action.outcome,
    )
    return "case.closed", {"status": "closed", "outcome": action.outcome}


_HANDLERS: dict[str, Callable[[Doc, Any, ActionContext], tuple[str, Doc]]] = {
    "message": _message,
    "request_evidence": _request_evidence,
    "propose_offer": _propose_offer,
    "record_response": _record_response,
    "set_status": _set_status,
    "submit_document": _submit_document,
    "review_document": _review_document,
    "publish_notice": _publish_notice,
    "close": _close,
}
