"""Appeals (API 1.1): a party challenges a ruling or a dismissal within the window.

Pure functions on the case document as JSON, like :mod:`platform_server.actions`:

- :func:`appeal` — within the appeal window of a decided case, a party's appeal comes as
  a ``case.appealed`` history event with their text; the case goes back to
  ``under_review`` and the approved document that carries the decision is ``submitted``
  again (so it is in every supervisor's review queue, the appeal beside it), with the
  decision pending on it as when it was first submitted.
- :func:`finalise` — after the window, with no appeal open, the decision is final: a
  ``decision.final`` event and the case ``closed``.
- :func:`appeal_reviewed` — called when a document is approved: if it was under appeal,
  a ``decision.upheld_on_appeal`` or ``decision.changed_on_appeal`` event follows.

The window ends at the decision's ``appeal_until``; without one, :data:`DEFAULT_WINDOW`
after it was decided (ten working days are about fourteen calendar days; the platform
has no holiday calendar of its own).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from platform_server.errors import invalid

Doc = dict[str, Any]

DEFAULT_WINDOW = timedelta(days=14)
APPEALABLE = ("ruling", "dismissal")


def window_end(decision: Doc) -> datetime:
    """When the decision's appeal window closes."""
    if decision.get("appeal_until"):
        return datetime.fromisoformat(str(decision["appeal_until"]))
    return datetime.fromisoformat(str(decision["decided_at"])) + DEFAULT_WINDOW


def _decision(document: Doc) -> Doc:
    decision = document.get("decision")
    if not decision or decision.get("kind") not in APPEALABLE:
        raise invalid("Only a ruling or a dismissal can be appealed.", decision="none to appeal")
    if document["case"]["status"] != "resolved":
        raise invalid(
            f"The case is {document['case']['status']}; only a resolved case can be appealed.",
            **{"case.status": f"is {document['case']['status']}"},
        )
    return dict(decision)


def appeal(document: Doc, extra: Doc, party_id: str, text: str, now: str) -> Doc:
    """A party's appeal at ``now`` (ISO time); returns what the admin call answers."""
    decision = _decision(document)
    party = next((p for p in document["parties"] if p["id"] == party_id), None)
    if party is None or party.get("role") not in ("buyer", "merchant"):
        raise invalid(
            f"party: no buyer or merchant '{party_id}' in this case", party="no such party"
        )
    if not text.strip():
        raise invalid("text: an appeal says why", text="is required")
    if datetime.fromisoformat(now) > window_end(decision):
        raise invalid(
            "The appeal window has closed; the decision is final.",
            at=f"after {window_end(decision).isoformat()}",
        )
    documents = document.get("documents") or []
    carrier = next(
        (
            item
            for item in reversed(documents)
            if item["status"] == "approved" and item["sha256"] == decision.get("document_sha256")
        ),
        None,
    ) or next(
        (
            item
            for item in reversed(documents)
            if item["status"] == "approved" and item["kind"] == decision["kind"]
        ),
        None,
    )
    if carrier is None:
        raise invalid("No approved document carries the decision.", documents="none approved")
    carrier["status"] = "submitted"
    appeals = dict(extra.get("appeals") or {})
    appeals[carrier["id"]] = {"outcome": decision["outcome"], "party": party_id}
    extra["appeals"] = appeals
    document["case"]["status"] = "under_review"
    document["history"].append(
        {"at": now, "actor": party_id, "event": "case.appealed", "text": text[:20000]}
    )
    return {"document_id": carrier["id"], "status": "under_review"}


def finalise(document: Doc, extra: Doc, now: str) -> Doc | None:
    """After the window, with no appeal open: the decision is final. None while the window
    is still open (or an appeal is being reviewed)."""
    decision = _decision(document)
    if extra.get("appeals") or datetime.fromisoformat(now) <= window_end(decision):
        return None
    document["case"]["status"] = "closed"
    document["history"].append(
        {
            "at": now,
            "actor": "platform",
            "event": "decision.final",
            "text": f"{decision['id']}: the appeal window closed",
        }
    )
    return {"status": "closed", "decision_id": decision["id"]}


def appeal_reviewed(document: Doc, extra: Doc, approved_from: str, now: str, actor: str) -> None:
    """After an approval of ``approved_from``: if it was under appeal, record whether the
    review kept or changed the outcome."""
    appeals = dict(extra.get("appeals") or {})
    before = appeals.pop(approved_from, None)
    if before is None:
        return
    extra["appeals"] = appeals
    outcome = (document.get("decision") or {}).get("outcome")
    event = (
        "decision.upheld_on_appeal"
        if outcome == before["outcome"]
        else "decision.changed_on_appeal"
    )
    document["history"].append(
        {"at": now, "actor": actor, "event": event, "text": f"{before['outcome']} → {outcome}"}
    )


def appeal_carried(extra: Doc, superseded: list[str], new_id: str) -> None:
    """A new version submitted after an appeal returned the ruling: the appeal now waits
    on the new version (its approval says whether the outcome was upheld or changed)."""
    appeals = dict(extra.get("appeals") or {})
    carried = [appeals.pop(old) for old in superseded if old in appeals]
    if not carried:
        return
    appeals[new_id] = carried[-1]
    extra["appeals"] = appeals
