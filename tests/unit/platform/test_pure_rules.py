"""Pure rules of the platform: fault specs, cursors, byte ranges, visibility, actions."""

from __future__ import annotations

import pytest

from app.contract.wire import parse_action
from platform_server import cases
from platform_server.actions import ActionContext, Caller, apply_action, authorize
from platform_server.api.common import parse_range
from platform_server.errors import ApiError
from platform_server.faults import FaultInjector, FaultSpec, FaultSpecError


def test_a_fault_spec_is_read_from_its_text_form() -> None:
    spec = FaultSpec.parse(
        "error=0.05,throttle=0.02,delay_ms=300,truncate=0.02,lost_response=0.02,duplicate_page=0.1"
    )
    assert spec == FaultSpec(
        error=0.05,
        throttle=0.02,
        delay_ms=300,
        truncate=0.02,
        lost_response=0.02,
        duplicate_page=0.1,
    )
    assert FaultSpec.parse(spec.to_text()) == spec
    assert not FaultSpec.parse("").active and not FaultSpec.parse("off").active
    for bad in ("error", "error=x", "error=1.5", "delay_ms=-1", "sparks=0.1"):
        with pytest.raises(FaultSpecError):
            FaultSpec.parse(bad)


def test_fault_decisions_repeat_for_the_same_seed() -> None:
    spec = FaultSpec.parse("error=0.3,throttle=0.3,lost_response=0.3")
    first, second = FaultInjector(spec, 9), FaultInjector(spec, 9)
    one = [first.decide("POST") for _ in range(50)]
    assert one == [second.decide("POST") for _ in range(50)]
    assert (
        any(d.error for d in one)
        and any(d.throttle for d in one)
        and any(d.lost_response for d in one)
    )
    assert not any(FaultInjector(spec, 9).decide("GET").lost_response for _ in range(50))


def test_cursors_round_trip_and_strangers_are_refused() -> None:
    for seq in (0, 1, 4095, 2**40):
        assert cases.decode_cursor(cases.encode_cursor(seq)) == seq
    assert cases.decode_cursor(None) == 0 and cases.decode_cursor("") == 0
    for bad in ("c1.", "c2.10", "c1.-1", "c1.G", "c1.1234567890abcdef0"):
        with pytest.raises(ApiError):
            cases.decode_cursor(bad)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-", (0, 99)),
        ("bytes=40-", (40, 99)),
        ("bytes=40-59", (40, 59)),
        ("bytes=90-500", (90, 99)),
        ("bytes=-10", (90, 99)),
        ("bytes=100-", "unsatisfiable"),
        ("bytes=5-1", None),
        ("bytes=1-2,4-5", None),
        ("items=0-", None),
        ("bytes=x-", None),
    ],
)
def test_byte_ranges(header: str | None, expected: object) -> None:
    assert parse_range(header, 100) == expected


def test_who_sees_a_case() -> None:
    assert cases.viewers("in_mediation", "mediator1", False, ["supervisor1"]) == {"mediator1"}
    assert cases.viewers("under_review", "mediator1", False, ["supervisor1"]) == {
        "mediator1",
        "supervisor1",
    }
    assert cases.viewers("in_mediation", "mediator1", True, ["supervisor1"]) == {
        "mediator1",
        "supervisor1",
    }
    assert cases.viewers("withdrawn", "mediator1", False, ["supervisor1"]) == set()
    assert cases.viewers("open", None, False, ["supervisor1"]) == set()


def _decided(kind: str | None, status: str, *documents: tuple[str, str]) -> dict[str, object]:
    return {
        "case": {"status": status},
        "decision": None if kind is None else {"id": "DEC-1", "kind": kind},
        "documents": [{"kind": k, "status": s} for k, s in documents],
    }


def test_a_decided_case_awaits_its_notice_until_one_is_published() -> None:
    for kind in ("ruling", "dismissal"):
        for status in ("resolved", "closed"):
            assert cases.notice_due(_decided(kind, status, ("ruling", "approved")))
            assert cases.awaiting_review(_decided(kind, status))
        published = _decided(kind, "closed", ("ruling", "approved"), ("notice", "published"))
        assert not cases.notice_due(published) and not cases.awaiting_review(published)
        superseded_only = _decided(kind, "resolved", ("notice", "superseded"))
        assert cases.notice_due(superseded_only)
    assert not cases.notice_due(_decided("ruling", "withdrawn"))
    assert not cases.notice_due(_decided(None, "in_mediation", ("ruling", "returned")))


def test_a_settlement_awaits_a_supervisors_exception_only_until_the_case_is_closed() -> None:
    assert cases.notice_due(_decided("settlement", "resolved"))
    assert not cases.notice_due(_decided("settlement", "closed"))
    assert not cases.notice_due(_decided("settlement", "resolved", ("notice", "published")))


def test_roles_decide_who_may_send_what() -> None:
    mediator, supervisor = Caller("mediator1", "mediator"), Caller("supervisor1", "supervisor")
    authorize("message", mediator, "mediator1")
    authorize("close", supervisor, "mediator1")
    authorize("message", supervisor, "supervisor1")  # a supervisor handling their own case
    for action, caller, assignee in (
        ("message", supervisor, "mediator1"),
        ("review_document", mediator, "mediator1"),
        ("publish_notice", mediator, "mediator1"),
        ("message", mediator, "mediator2"),
    ):
        with pytest.raises(ApiError) as refused:
            authorize(action, caller, assignee)
        assert refused.value.status == 403


def _document() -> dict:
    return {
        "case": {"status": "in_mediation", "created_at": "2026-11-01T10:00:00+08:00"},
        "parties": [{"id": "P1", "role": "buyer"}, {"id": "P2", "role": "merchant"}],
        "order": {"total_paid": {"value": 1000, "currency": "CNY"}},
        "messages": [],
        "offers": [],
        "history": [],
        "documents": [
            {
                "id": "D1",
                "kind": "ruling",
                "sha256": "a" * 64,
                "size": 10,
                "created_at": "x",
                "created_by": "user:supervisor1",
                "status": "submitted",
                "reviews": [],
            }
        ],
    }


def _context(caller: Caller) -> ActionContext:
    return ActionContext(
        caller=caller,
        now="2026-11-20T10:00:00+08:00",
        at=1.0,
        uploaded_size=lambda _sha: None,
        extra={},
    )


def test_a_refused_action_leaves_the_document_as_it_was() -> None:
    document = _document()
    before = repr(document)
    action = parse_action(
        b'{"type": "review_document", "document_id": "D1", "verdict": "approve", "comments": ""}'
    )
    with pytest.raises(ApiError) as refused:
        apply_action(document, action, _context(Caller("supervisor1", "supervisor")))
    assert refused.value.status == 403
    assert repr(document) == before


def test_an_offer_is_settled_by_both_sides() -> None:
    document = _document()
    ctx = _context(Caller("mediator1", "mediator"))
    kind, result = apply_action(
        document,
        parse_action(
            b'{"type": "propose_offer", "remedy": "refund", "text": "t", "expires_at": "2031-01-01T00:00:00Z"}'
        ),
        ctx,
    )
    assert kind == "offer.proposed" and ctx.jobs == [
        ("offer_answer", {"offer_id": result["offer_id"]})
    ]
    body = '{"type": "record_response", "offer_id": "O1", "party": "%s", "decision": "accept", "text": ""}'
    assert (
        apply_action(document, parse_action((body % "P1").encode()), ctx)[1]["offer_status"]
        == "proposed"
    )
    assert (
        apply_action(document, parse_action((body % "P2").encode()), ctx)[1]["offer_status"]
        == "accepted"
    )
