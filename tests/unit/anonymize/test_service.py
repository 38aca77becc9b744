"""The preview service: the stored case document and the mediator's own findings,
anonymized together; a case not in the store is NotFound."""

from __future__ import annotations

import pytest

from app.desk import Desk
from app.errors import NotFound
from app.services.anonymize_service import preview_notice_texts
from app.services.case_import import import_bundles
from app.store import models as m
from tests.support.bundles import WOOL_COAT


def test_the_mediators_findings_are_previewed_anonymized_with_the_case(desk: Desk) -> None:
    import_bundles(desk.unit_of_work, [WOOL_COAT], "user:mediator1")
    with desk.unit_of_work() as uow:
        record = uow.session.get(m.WorkflowRecord, "DSP-2026-004711")
        assert record is not None, "an import starts the case's workflow"
        state = dict(record.state)
        state["answers"] = {
            "decide": {
                "findings_of_fact": "经查，买家张伟（电话13812345678）收到的大衣为混纺。",
                "outcome": "buyer_favour",
            }
        }
        record.state = state
        uow.commit()
    with desk.unit_of_work(read_only=True) as uow:
        result = preview_notice_texts(uow, "DSP-2026-004711")
    findings = result.texts["answers.decide.findings_of_fact"]
    assert findings == "经查，买家张某（电话[电话已隐去]）收到的大衣为混纺。"
    assert "answers.decide.outcome" not in result.texts  # a choice, not something written
    assert "张伟" not in "".join(result.texts.values())


def test_a_case_not_in_the_store_is_not_found(desk: Desk) -> None:
    with desk.unit_of_work(read_only=True) as uow, pytest.raises(NotFound):
        preview_notice_texts(uow, "DSP-0000-000000")
