"""What the platform would refuse, the desk refuses at once: nothing is queued, nothing
is recorded, and the words name the rule."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select, update

from app.desk import Desk
from app.errors import PermissionDenied, ValidationError
from app.services.case_import import import_bundle
from app.services.outbox import enqueue_action
from app.store import models as m
from tests.support.bundles import WOOL_COAT

COAT = "DSP-2026-004711"


@pytest.fixture()
def stored(desk: Desk) -> Desk:
    with desk.unit_of_work() as uow:
        import_bundle(uow, WOOL_COAT, "user:tester")
    return desk


def _counts(desk: Desk) -> tuple[int, int]:
    with desk.unit_of_work(read_only=True) as uow:
        queued = uow.session.execute(select(func.count()).select_from(m.OutboxEntry)).scalar_one()
        events = uow.session.execute(select(func.count()).select_from(m.AuditEvent)).scalar_one()
    return queued, events


def _send(desk: Desk, body: dict[str, Any]) -> None:
    with desk.unit_of_work() as uow:
        enqueue_action(uow, COAT, body, "user:mediator1")


def _signed_in_as(desk: Desk, role: str) -> None:
    with desk.unit_of_work() as uow:
        uow.session.add(m.User(username="someone", display_name="Someone", role=role))
        uow.session.add(m.SyncState(platform_url="https://platform.test", username="someone"))
        uow.commit()


MESSAGE = {"type": "message", "to": ["P1"], "channel": "platform", "text": "请补充照片。"}


def _refused(desk: Desk, body: dict[str, Any], error: type[Exception], words: str) -> str:
    before = _counts(desk)
    with pytest.raises(error) as refused:
        _send(desk, body)
    assert _counts(desk) == before  # nothing queued, nothing recorded
    text = refused.value.text("en")  # type: ignore[attr-defined]
    assert words in text
    assert "Nothing was queued" in text
    return text


@pytest.mark.parametrize("status", ["resolved", "closed", "withdrawn"])
def test_an_action_on_a_finished_case_is_refused(stored: Desk, status: str) -> None:
    with stored.unit_of_work() as uow:
        uow.session.execute(update(m.Case).where(m.Case.id == COAT).values(status=status))
        uow.commit()
    _refused(stored, MESSAGE, ValidationError, "no more actions can be sent on it")


def test_a_message_to_someone_not_in_the_case_is_refused(stored: Desk) -> None:
    text = _refused(stored, {**MESSAGE, "to": ["P9"]}, ValidationError, "P9 is not a party")
    assert "P1 (Buyer)" in text  # it says who the parties are


def test_an_evidence_request_from_someone_not_in_the_case_is_refused(stored: Desk) -> None:
    body = {
        "type": "request_evidence",
        "from": "P7",
        "kinds": ["photo"],
        "text": "请提供照片",
        "due_at": "2026-12-10T18:00:00+08:00",
    }
    _refused(stored, body, ValidationError, "P7 is not a party")


def test_an_offer_above_what_was_paid_is_refused(stored: Desk) -> None:
    with stored.unit_of_work(read_only=True) as uow:
        order = uow.session.get(m.Order, COAT)
        assert order is not None
        paid, currency = order.total_paid, order.currency
    body = {
        "type": "propose_offer",
        "remedy": "refund",
        "amount": {"value": paid + 1, "currency": currency},
        "text": "全额退款",
        "expires_at": "2026-12-10T18:00:00+08:00",
    }
    _refused(stored, body, ValidationError, "a refund cannot exceed the total paid")
    _refused(
        stored,
        {**body, "amount": {"value": 100, "currency": "USD"}},
        ValidationError,
        f"the currency must be the order's ({currency})",
    )
    _send(stored, {**body, "amount": {"value": paid, "currency": currency}})  # up to the total


def test_compensation_above_the_price_is_not_refused(stored: Desk) -> None:
    """Statutory damages (e.g. three times the price) are lawful: the workflow's one rule."""
    with stored.unit_of_work(read_only=True) as uow:
        order = uow.session.get(m.Order, COAT)
        assert order is not None
        paid, currency = order.total_paid, order.currency
    queued, _ = _counts(stored)
    _send(
        stored,
        {
            "type": "propose_offer",
            "remedy": "compensation",
            "amount": {"value": 3 * paid, "currency": currency},
            "text": "三倍赔偿",
            "expires_at": "2026-12-10T18:00:00+08:00",
        },
    )
    assert _counts(stored)[0] == queued + 1


def test_a_supervisor_only_action_by_a_mediator_is_refused(stored: Desk) -> None:
    _signed_in_as(stored, "mediator")
    body = {"type": "publish_notice", "document_id": "D1"}
    _refused(stored, body, PermissionDenied, "only a Supervisor may")


def test_a_mediator_only_action_by_a_supervisor_is_refused(stored: Desk) -> None:
    _signed_in_as(stored, "supervisor")
    _refused(stored, MESSAGE, PermissionDenied, "A Supervisor may not send this")


def test_an_allowed_action_is_queued(stored: Desk) -> None:
    queued, events = _counts(stored)
    _send(stored, MESSAGE)
    assert _counts(stored) == (queued + 1, events + 1)
