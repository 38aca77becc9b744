"""Every action type, and the role, version and idempotency rules around them."""

from __future__ import annotations

import hashlib
import uuid

from tests.integration.platform.conftest import Api, pdf_bytes

FUTURE = "2031-01-01T10:00:00+08:00"


def _party(document: dict, role: str) -> str:
    return next(party["id"] for party in document["parties"] if party["role"] == role)


def test_a_message_is_added_and_the_version_moves_on(api: Api) -> None:
    document = api.fresh_case()
    version = document["case"]["version"]
    buyer = _party(document, "buyer")
    answer = api.act(
        "mediator1",
        document["case"]["id"],
        {"type": "message", "to": [buyer], "channel": "platform", "text": "请补充开箱视频。"},
        version,
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["case_version"] == version + 1
    assert answer.headers["ETag"] == f'"v{version + 1}"'
    after = api.case("mediator1", document["case"]["id"])
    message_id = answer.json()["result"]["message_id"]
    sent = next(m for m in after["messages"] if m["id"] == message_id)
    assert (
        sent["from"] == "user:mediator1"
        and sent["to"] == [buyer]
        and sent["text"] == "请补充开箱视频。"
    )
    assert after["case"]["version"] == version + 1


def test_a_replayed_idempotency_key_returns_the_first_answer_and_changes_nothing(api: Api) -> None:
    document = api.fresh_case()
    case_id, version = document["case"]["id"], document["case"]["version"]
    body = {
        "type": "message",
        "to": [_party(document, "merchant")],
        "channel": "platform",
        "text": "请回复。",
    }
    key = str(uuid.uuid4())
    first = api.act("mediator1", case_id, body, version, key)
    again = api.act("mediator1", case_id, body, version, key)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    after = api.case("mediator1", case_id)
    assert after["case"]["version"] == version + 1
    assert sum(1 for m in after["messages"] if m["text"] == "请回复。") == 1


def test_a_replayed_key_with_a_different_body_is_refused(api: Api) -> None:
    document = api.fresh_case()
    case_id, version = document["case"]["id"], document["case"]["version"]
    key = str(uuid.uuid4())
    to = [_party(document, "buyer")]
    assert (
        api.act(
            "mediator1",
            case_id,
            {"type": "message", "to": to, "channel": "sms", "text": "一"},
            version,
            key,
        ).status_code
        == 200
    )
    other = api.act(
        "mediator1",
        case_id,
        {"type": "message", "to": to, "channel": "sms", "text": "二"},
        version + 1,
        key,
    )
    assert other.status_code == 422
    assert other.json()["error"] == "invalid" and "Idempotency-Key" in other.json()["details"]
    assert api.case("mediator1", case_id)["case"]["version"] == version + 1


def test_a_stale_if_match_is_a_version_conflict_with_the_current_version(api: Api) -> None:
    document = api.fresh_case()
    case_id, version = document["case"]["id"], document["case"]["version"]
    to = [_party(document, "buyer")]
    assert (
        api.act(
            "mediator1",
            case_id,
            {"type": "message", "to": to, "channel": "platform", "text": "a"},
            version,
        ).status_code
        == 200
    )
    stale = api.act(
        "mediator1",
        case_id,
        {"type": "message", "to": to, "channel": "platform", "text": "b"},
        version,
    )
    assert stale.status_code == 409
    assert stale.json() == {
        "error": "version_conflict",
        "message": stale.json()["message"],
        "current_version": version + 1,
    }
    assert all(m["text"] != "b" for m in api.case("mediator1", case_id)["messages"])


def test_writes_without_if_match_or_idempotency_key_need_them(api: Api) -> None:
    document = api.fresh_case()
    case_id = document["case"]["id"]
    body = {"type": "set_status", "status": "in_mediation", "note": ""}
    for headers in (
        {"If-Match": f'"v{document["case"]["version"]}"'},
        {"Idempotency-Key": str(uuid.uuid4())},
    ):
        answer = api.http.post(
            f"/api/v1/cases/{case_id}/actions",
            json=body,
            headers={**api.headers("mediator1"), **headers},
        )
        assert answer.status_code == 412
        assert answer.json()["error"] == "precondition_required"
    bad_tag = api.http.post(
        f"/api/v1/cases/{case_id}/actions",
        json=body,
        headers={
            **api.headers("mediator1"),
            "If-Match": "yesterday",
            "Idempotency-Key": str(uuid.uuid4()),
        },
    )
    assert bad_tag.status_code == 400 and bad_tag.json()["error"] == "bad_request"
    assert api.case("mediator1", case_id)["case"]["version"] == document["case"]["version"]


def test_bad_bodies_are_refused_with_the_field_at_fault_and_nothing_written(api: Api) -> None:
    document = api.fresh_case()
    case_id, version = document["case"]["id"], document["case"]["version"]
    cases = [
        (
            {"type": "message", "to": ["P1"], "channel": "platform", "text": "x", "cc": ["P2"]},
            422,
            "cc",
        ),
        ({"type": "message", "to": "P1", "channel": "platform", "text": "x"}, 422, "to"),
        (
            {
                "type": "propose_offer",
                "remedy": "refund",
                "amount": {"value": "100", "currency": "CNY"},
                "text": "x",
                "expires_at": FUTURE,
            },
            422,
            "amount.value",
        ),
        (
            {
                "type": "propose_offer",
                "remedy": "refund",
                "text": "x",
                "expires_at": "2031-01-01 10:00",
            },
            422,
            "expires_at",
        ),
        ({"type": "teleport"}, 422, "type"),
        ({"type": "message", "to": ["P9"], "channel": "platform", "text": "x"}, 422, "to"),
        (
            {
                "type": "record_response",
                "offer_id": "O99",
                "party": "P1",
                "decision": "accept",
                "text": "",
            },
            422,
            "offer_id",
        ),
    ]
    for body, status, field in cases:
        answer = api.act("mediator1", case_id, body, version)
        assert answer.status_code == status, (body, answer.text)
        assert answer.json()["error"] == "invalid"
        assert field in answer.json()["details"], answer.json()
    malformed = api.http.post(
        f"/api/v1/cases/{case_id}/actions",
        content=b'{"type": "message",',
        headers={
            **api.headers("mediator1"),
            "If-Match": f'"v{version}"',
            "Idempotency-Key": str(uuid.uuid4()),
            "Content-Type": "application/json",
        },
    )
    assert malformed.status_code == 400 and malformed.json()["error"] == "bad_request"
    assert api.case("mediator1", case_id)["case"]["version"] == version


def test_an_oversized_action_body_is_too_large(api: Api) -> None:
    document = api.fresh_case()
    answer = api.act(
        "mediator1",
        document["case"]["id"],
        {"type": "message", "to": ["P1"], "channel": "platform", "text": "长" * 600_000},
        document["case"]["version"],
    )
    assert answer.status_code == 413
    assert answer.json()["error"] == "too_large"


def test_a_mediator_cannot_see_or_act_on_another_mediators_case(api: Api) -> None:
    theirs = api.fresh_case("mediator2")
    case_id = theirs["case"]["id"]
    assert (
        api.http.get(f"/api/v1/cases/{case_id}", headers=api.headers("mediator1")).status_code
        == 404
    )
    answer = api.act(
        "mediator1",
        case_id,
        {"type": "message", "to": ["P1"], "channel": "platform", "text": "x"},
        theirs["case"]["version"],
    )
    assert answer.status_code == 404 and answer.json()["error"] == "not_found"
    assert case_id not in api.pull("mediator1")


def test_an_offer_and_a_response_taken_by_phone(api: Api) -> None:
    document = api.fresh_case()
    case_id, version = document["case"]["id"], document["case"]["version"]
    currency = document["order"]["total_paid"]["currency"]
    wrong = api.act(
        "mediator1",
        case_id,
        {
            "type": "propose_offer",
            "remedy": "partial_refund",
            "amount": {"value": 100, "currency": "XXX"},
            "text": "t",
            "expires_at": FUTURE,
        },
        version,
    )
    assert wrong.status_code == 422 and "amount.currency" in wrong.json()["details"]
    past = api.act(
        "mediator1",
        case_id,
        {
            "type": "propose_offer",
            "remedy": "refund",
            "text": "t",
            "expires_at": "2020-01-01T00:00:00+08:00",
        },
        version,
    )
    assert past.status_code == 422 and "expires_at" in past.json()["details"]
    offered = api.act(
        "mediator1",
        case_id,
        {
            "type": "propose_offer",
            "remedy": "partial_refund",
            "amount": {"value": 5000, "currency": currency},
            "text": "建议退款50元",
            "expires_at": FUTURE,
        },
        version,
    )
    assert offered.status_code == 200, offered.text
    offer_id = offered.json()["result"]["offer_id"]
    version += 1
    buyer, merchant = _party(document, "buyer"), _party(document, "merchant")
    first = api.act(
        "mediator1",
        case_id,
        {
            "type": "record_response",
            "offer_id": offer_id,
            "party": buyer,
            "decision": "accept",
            "text": "电话中同意",
        },
        version,
    )
    assert first.json()["result"]["offer_status"] == "proposed"
    second = api.act(
        "mediator1",
        case_id,
        {
            "type": "record_response",
            "offer_id": offer_id,
            "party": merchant,
            "decision": "accept",
            "text": "",
        },
        version + 1,
    )
    assert second.json()["result"]["offer_status"] == "accepted"
    offer = next(o for o in api.case("mediator1", case_id)["offers"] if o["id"] == offer_id)
    assert offer["status"] == "accepted"
    assert [r["party"] for r in offer["responses"]] == [buyer, merchant]
    late = api.act(
        "mediator1",
        case_id,
        {
            "type": "record_response",
            "offer_id": offer_id,
            "party": buyer,
            "decision": "reject",
            "text": "",
        },
        version + 2,
    )
    assert late.status_code == 422


def test_request_evidence_puts_the_case_in_the_partys_court(api: Api) -> None:
    document = api.fresh_case()
    merchant = _party(document, "merchant")
    answer = api.act(
        "mediator1",
        document["case"]["id"],
        {
            "type": "request_evidence",
            "from": merchant,
            "kinds": ["logistics_record", "photo"],
            "text": "请提供出库记录",
            "due_at": FUTURE,
        },
        document["case"]["version"],
    )
    assert answer.status_code == 200, answer.text
    after = api.case("mediator1", document["case"]["id"])
    assert after["case"]["status"] == "awaiting_merchant"
    assert after["history"][-1]["event"] == "evidence.requested"


def test_the_ruling_path_submit_review_by_a_supervisor_and_publish(api: Api) -> None:
    document = api.fresh_case()
    case_id = document["case"]["id"]
    ruling = api.upload_pdf("mediator1", pdf_bytes(f"ruling {case_id}"))
    missing = api.act(
        "mediator1",
        case_id,
        {
            "type": "submit_document",
            "kind": "ruling",
            "sha256": "0" * 64,
            "decision": {"kind": "ruling", "outcome": "buyer_favour"},
        },
        document["case"]["version"],
    )
    assert missing.status_code == 422 and "sha256" in missing.json()["details"]
    no_decision = api.act(
        "mediator1",
        case_id,
        {"type": "submit_document", "kind": "ruling", "sha256": ruling},
        document["case"]["version"],
    )
    assert no_decision.status_code == 422 and "decision" in no_decision.json()["details"]
    decision = {
        "kind": "ruling",
        "outcome": "buyer_favour",
        "sanctions": ["warning"],
        "remedies": [
            {
                "remedy": "refund",
                "amount": {"value": 12900, "currency": document["order"]["total_paid"]["currency"]},
                "payer": "P2",
                "payee": "P1",
            }
        ],
    }
    submitted = api.act(
        "mediator1",
        case_id,
        {"type": "submit_document", "kind": "ruling", "sha256": ruling, "decision": decision},
        document["case"]["version"],
    )
    assert submitted.status_code == 200, submitted.text
    document_id = submitted.json()["result"]["document_id"]
    version = submitted.json()["case_version"]

    # The supervisor now sees the case (under review); a mediator may not review.
    assert case_id in api.pull("supervisor1") and not api.pull("supervisor1")[case_id]["deleted"]
    by_mediator = api.act(
        "mediator1",
        case_id,
        {
            "type": "review_document",
            "document_id": document_id,
            "verdict": "approve",
            "comments": "",
        },
        version,
    )
    assert by_mediator.status_code == 403 and by_mediator.json()["error"] == "forbidden"
    countersigned = api.upload_pdf("supervisor1", pdf_bytes(f"countersigned {case_id}"))
    approved = api.act(
        "supervisor1",
        case_id,
        {
            "type": "review_document",
            "document_id": document_id,
            "verdict": "approve",
            "comments": "同意",
            "sha256": countersigned,
        },
        version,
    )
    assert approved.status_code == 200, approved.text
    after = api.case("mediator1", case_id)
    assert after["case"]["status"] == "resolved"
    assert after["decision"]["outcome"] == "buyer_favour"
    assert after["decision"]["document_sha256"] == countersigned
    assert after["decision"]["sanctions"] == ["warning"]
    statuses = {d["id"]: d["status"] for d in after["documents"]}
    assert (
        statuses[document_id] == "superseded"
        and statuses[approved.json()["result"]["document_id"]] == "approved"
    )
    # Decided, it stays in the supervisor's view until its notice is published (notice_due).
    assert api.pull("supervisor1")[case_id]["deleted"] is False
    # The countersigned PDF can be fetched by the case's mediator.
    pdf = api.http.get(f"/api/v1/documents/{countersigned}", headers=api.headers("mediator1"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_returned_ruling_goes_back_to_mediation(api: Api) -> None:
    document = api.fresh_case()
    case_id = document["case"]["id"]
    ruling = api.upload_pdf("mediator1", pdf_bytes(f"draft {case_id}"))
    submitted = api.act(
        "mediator1",
        case_id,
        {
            "type": "submit_document",
            "kind": "ruling",
            "sha256": ruling,
            "decision": {"kind": "ruling", "outcome": "partial"},
        },
        document["case"]["version"],
    )
    returned = api.act(
        "supervisor1",
        case_id,
        {
            "type": "review_document",
            "document_id": submitted.json()["result"]["document_id"],
            "verdict": "return",
            "comments": "事实部分需补充",
        },
        submitted.json()["case_version"],
    )
    assert returned.status_code == 200, returned.text
    after = api.case("mediator1", case_id)
    assert after["case"]["status"] == "in_mediation"
    assert after["documents"][-1]["status"] == "returned"
    assert after["documents"][-1]["reviews"][0]["comments"] == "事实部分需补充"
    assert after.get("decision") is None


def test_nobody_reviews_a_document_they_created(api: Api) -> None:
    document = api.fresh_case("mediator2")
    case_id = document["case"]["id"]
    moved = api.admin("POST", f"/cases/{case_id}/assign", json={"to": "supervisor1"})
    assert moved.status_code == 200
    notice = api.upload_pdf("supervisor1", pdf_bytes(f"notice {case_id}"))
    submitted = api.act(
        "supervisor1",
        case_id,
        {"type": "submit_document", "kind": "notice", "sha256": notice},
        moved.json()["version"],
    )
    assert submitted.status_code == 200, submitted.text
    own_review = api.act(
        "supervisor1",
        case_id,
        {
            "type": "review_document",
            "document_id": submitted.json()["result"]["document_id"],
            "verdict": "approve",
            "comments": "",
        },
        submitted.json()["case_version"],
    )
    assert own_review.status_code == 403
    assert "four-eyes" in own_review.json()["message"]
    assert api.case("supervisor1", case_id)["documents"][-1]["status"] == "submitted"


def test_only_an_approved_notice_is_published_and_only_by_a_supervisor(api: Api) -> None:
    document = api.fresh_case()
    case_id = document["case"]["id"]
    notice = api.upload_pdf("mediator1", pdf_bytes(f"notice {case_id}"))
    submitted = api.act(
        "mediator1",
        case_id,
        {"type": "submit_document", "kind": "notice", "sha256": notice},
        document["case"]["version"],
    )
    document_id = submitted.json()["result"]["document_id"]
    version = submitted.json()["case_version"]
    too_early = api.act(
        "supervisor1", case_id, {"type": "publish_notice", "document_id": document_id}, version
    )
    assert too_early.status_code == 422
    approved = api.act(
        "supervisor1",
        case_id,
        {
            "type": "review_document",
            "document_id": document_id,
            "verdict": "approve",
            "comments": "",
        },
        version,
    )
    assert approved.status_code == 200
    by_mediator = api.act(
        "mediator1", case_id, {"type": "publish_notice", "document_id": document_id}, version + 1
    )
    assert by_mediator.status_code == 403
    published = api.act(
        "supervisor1", case_id, {"type": "publish_notice", "document_id": document_id}, version + 1
    )
    assert published.status_code == 200, published.text
    assert api.case("mediator1", case_id)["documents"][-1]["status"] == "published"


def test_set_status_and_close(api: Api) -> None:
    document = api.fresh_case()
    case_id, version = document["case"]["id"], document["case"]["version"]
    moved = api.act(
        "mediator1",
        case_id,
        {"type": "set_status", "status": "in_mediation", "note": "双方已联系"},
        version,
    )
    assert moved.status_code == 200 and moved.json()["result"]["status"] == "in_mediation"
    closed = api.act(
        "mediator1",
        case_id,
        {"type": "close", "outcome": "partial", "note": "调解结案"},
        version + 1,
    )
    assert closed.status_code == 200, closed.text
    after = api.case("mediator1", case_id)
    assert after["case"]["status"] == "closed"
    assert after["decision"]["kind"] == "settlement" and after["decision"]["outcome"] == "partial"
    again = api.act(
        "mediator1", case_id, {"type": "close", "outcome": "partial", "note": ""}, version + 2
    )
    assert again.status_code == 422
    message = api.act(
        "mediator1",
        case_id,
        {"type": "message", "to": ["P1"], "channel": "platform", "text": "x"},
        version + 2,
    )
    assert message.status_code == 422
    by_supervisor = api.act(
        "supervisor1",
        case_id,
        {"type": "message", "to": ["P1"], "channel": "platform", "text": "x"},
        version + 2,
    )
    assert by_supervisor.status_code == 404  # a closed case is not in a supervisor's view


def test_a_supervisor_may_not_message_on_a_case_under_review(api: Api) -> None:
    document = api.fresh_case("mediator1", ("under_review",))
    answer = api.act(
        "supervisor1",
        document["case"]["id"],
        {"type": "message", "to": ["P1"], "channel": "platform", "text": "x"},
        document["case"]["version"],
    )
    assert answer.status_code == 403


def test_a_supervisor_publishes_a_notice_drafted_on_their_desk_by_its_uploaded_hash(
    api: Api,
) -> None:
    document = api.fresh_case()
    case_id, version = document["case"]["id"], document["case"]["version"]
    # A supervisor acts on the cases in their view: here, one under review.
    moved = api.act(
        "mediator1",
        case_id,
        {"type": "set_status", "status": "under_review", "note": ""},
        version,
    )
    assert moved.status_code == 200, moved.text
    version = moved.json()["case_version"]
    notice = pdf_bytes(f"desk notice {case_id}")
    sha = hashlib.sha256(notice).hexdigest()
    not_uploaded = api.act(
        "supervisor1", case_id, {"type": "publish_notice", "sha256": sha}, version
    )
    assert not_uploaded.status_code == 422 and "PUT it" in not_uploaded.text
    assert api.upload_pdf("supervisor1", notice) == sha
    both = api.act(
        "supervisor1",
        case_id,
        {"type": "publish_notice", "sha256": sha, "document_id": "D1"},
        version,
    )
    assert both.status_code == 422
    by_mediator = api.act("mediator1", case_id, {"type": "publish_notice", "sha256": sha}, version)
    assert by_mediator.status_code == 403
    published = api.act("supervisor1", case_id, {"type": "publish_notice", "sha256": sha}, version)
    assert published.status_code == 200, published.text
    [item] = [d for d in api.case("mediator1", case_id)["documents"] if d["sha256"] == sha]
    assert (item["kind"], item["status"], item["created_by"]) == (
        "notice",
        "published",
        "user:supervisor1",
    )
    history = api.case("mediator1", case_id)["history"]
    assert history[-1]["event"] == "notice.published"
