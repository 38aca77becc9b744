"""An action body the contract refuses is refused before it is queued, naming the field
in the desk's language (the contract's one formatter, app.contract.problems)."""

from __future__ import annotations

from typing import Any

import pytest

from app.desk import Desk
from app.errors import ValidationError
from app.services.case_import import import_bundle
from app.services.outbox import enqueue_action, list_outbox
from app.vocabulary import catalog
from tests.support.bundles import WOOL_COAT

CASE_ID = "DSP-2026-004711"
ACTOR = "user:mediator1"


def _refused(desk: Desk, body: dict[str, Any]) -> ValidationError:
    with desk.unit_of_work() as uow:
        import_bundle(uow, WOOL_COAT, ACTOR)
    with desk.unit_of_work() as uow, pytest.raises(ValidationError) as caught:
        enqueue_action(uow, CASE_ID, body, ACTOR)
    with desk.unit_of_work(read_only=True) as uow:
        assert list_outbox(uow, CASE_ID) == []
    return caught.value


def test_a_field_the_contract_refuses_is_named_in_the_desks_language(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog, "_current", "zh-Hans")
    error = _refused(desk, {"type": "message", "to": ["P1"], "channel": "fax", "text": "您好"})
    assert str(error) == (
        "DSP-2026-004711：channel：必须是以下之一：platform_chat、email、phone_note、sms、letter、platform"
    )
    assert error.text("en") == (
        "DSP-2026-004711: channel: must be one of: platform_chat, email, phone_note, sms, "
        "letter, platform"
    )


def test_an_unknown_action_type_is_refused_by_its_type(desk: Desk) -> None:
    error = _refused(desk, {"type": "teleport"})
    assert error.text("zh-Hant") == (
        "DSP-2026-004711：type：未知的操作類型，應為以下之一：message、request_evidence、"
        "propose_offer、record_response、set_status、submit_document、review_document、"
        "publish_notice、close"
    )


def test_an_actions_field_is_named_without_its_tag(desk: Desk) -> None:
    error = _refused(
        desk,
        {
            "type": "propose_offer",
            "remedy": "refund",
            "amount": {"value": -100, "currency": "CNY"},
            "text": "退款",
            "expires_at": "2026-10-20T18:00:00+08:00",
        },
    )
    assert error.text("en") == "DSP-2026-004711: amount.value: must not be negative"
